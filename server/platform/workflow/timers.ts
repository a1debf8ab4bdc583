/**
 * Reminder timers around a working-day deadline: jobs set at 09:00 Asia/Shanghai on working
 * days relative to the deadline (the day before, the day itself) and, once it has passed, on
 * each working day after while the item is overdue. A timer is a job with a dedupe key, set in
 * the transition's transaction; its handler checks that the item still stands as when it was
 * set, so a timer made stale by a later transition does nothing. Timers no longer wanted can
 * also be cancelled.
 */
import type { Transaction } from 'kysely';
import { addDays, shanghaiDate, type WorkingCalendar } from '../calendar/workingDays.js';
import type { DB } from '../db/schema.js';
import { enqueueJob } from '../jobs/queue.js';
import { prefixPattern } from '../db/sql.js';

/** Reminders go out at 09:00 Asia/Shanghai. */
export function morningOf(date: string): Date {
  return new Date(`${date}T09:00:00+08:00`);
}

/** The working day `n` working days from `date`: after it for n > 0, before it for n < 0, `date` itself for 0. */
export function workingDayFrom(cal: WorkingCalendar, date: string, n: number): string {
  if (n >= 0) return cal.addWorkingDays(date, n);
  let d = date;
  for (let left = -n; left > 0;) {
    d = addDays(d, -1);
    if (cal.isWorkingDay(d)) left--;
  }
  return d;
}

export interface ReminderStep<K extends string> {
  kind: K;
  /** Working days from the deadline: -1 the working day before, 0 the deadline day. */
  offset: number;
}

export interface PlannedReminder<K extends string> {
  kind: K;
  /** The day it is for; it runs at 09:00. */
  day: string;
}

/**
 * The reminders of `deadline` as of `now`: each step still ahead, then the first overdue one
 * (when `overdue` names its kind) — the working day after the deadline, or after today when
 * the deadline has passed already (a clock running again late), so the chain resumes.
 */
export function planDeadlineReminders<K extends string>(
  cal: WorkingCalendar, deadline: string, now: Date, steps: readonly ReminderStep<K>[], overdue?: K,
): PlannedReminder<K>[] {
  const plan = steps.map((s) => ({ kind: s.kind, day: workingDayFrom(cal, deadline, s.offset) }))
    .filter((r) => morningOf(r.day) > now);
  if (overdue !== undefined) plan.push({ kind: overdue, day: nextOverdueDay(cal, deadline, shanghaiDate(now)) });
  return plan;
}

/** The overdue reminder after the one for `day`: the next working day after both it and the deadline. */
export function nextOverdueDay(cal: WorkingCalendar, deadline: string, day: string): string {
  return cal.addWorkingDays(day > deadline ? day : deadline, 1);
}

export interface Timer {
  /** The job handler's kind. */
  kind: string;
  /** Names the timer: setting the same key again does nothing; it is what `cancelTimers` matches. */
  key: string;
  at: Date;
  payload: unknown;
}

/** Sets a timer in the caller's transaction. */
export async function setTimer(trx: Transaction<DB>, timer: Timer): Promise<void> {
  await enqueueJob(trx, { kind: timer.kind, payload: timer.payload, runAt: timer.at, dedupeKey: timer.key });
}

/**
 * Removes the timers not yet run whose key starts with `keyPrefix`, in the caller's
 * transaction; returns how many. A timer already run or failed is kept (its key stays used).
 */
export async function cancelTimers(trx: Transaction<DB>, keyPrefix: string): Promise<number> {
  const pattern = prefixPattern(keyPrefix);
  const result = await trx.deleteFrom('job').where('dedupe_key', 'like', pattern)
    .where('done_at', 'is', null).where('failed_at', 'is', null).executeTakeFirst();
  return Number(result.numDeletedRows);
}
