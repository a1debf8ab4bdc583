/**
 * The reminder timers of a suggestion, set in the transaction of the action that starts a clock:
 * the lead unit's deadline (15 and 5 calendar days before, the day itself, then every working day
 * while overdue), the co-units' views (their due day) and, while following up, each open
 * commitment (5 days before its due day and the day itself). Each timer carries the date it was
 * set for; the job (timers.ts) does nothing when the suggestion no longer stands so.
 * Importing nothing of the feature's actions, it may be used by them and by the job alike.
 */
import type { Transaction } from 'kysely';
import { addDays, type WorkingCalendar } from '../../platform/calendar/workingDays.js';
import type { DB } from '../../platform/db/schema.js';
import { cancelTimers, morningOf, planDeadlineReminders, setTimer, workingDayFrom } from '../../platform/workflow/timers.js';

/** The job kind of every suggestion reminder. */
export const SUGGESTION_REMIND = 'suggestion.remind';

export const REMINDER_KINDS = ['before_15', 'before_5', 'due', 'overdue', 'co_view', 'commitment_before', 'commitment_due'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface RemindPayload {
  suggestionId: number;
  kind: ReminderKind;
  /** The date it is about: the deadline, the co-units' due day or the commitment's. */
  date: string;
  /** The day it is for; it runs at 09:00. */
  day: string;
  /** The commitment, for the commitment_* kinds. */
  commitmentId?: number;
}

/** `date` when it is a working day, else the working day before it (a reminder ahead of time is not sent on a rest day). */
function workingDayOnOrBefore(cal: WorkingCalendar, date: string): string {
  return cal.isWorkingDay(date) ? date : workingDayFrom(cal, date, -1);
}

function keyOf(p: RemindPayload): string {
  if (p.kind === 'co_view') return `suggestion:${p.suggestionId}:co_view:${p.date}`;
  if (p.commitmentId !== undefined) return `suggestion:${p.suggestionId}:commitment:${p.commitmentId}:${p.kind}:${p.day}`;
  return `suggestion:${p.suggestionId}:remind:${p.date}:${p.kind}:${p.day}`;
}

export async function scheduleReminder(trx: Transaction<DB>, p: RemindPayload): Promise<void> {
  await setTimer(trx, { kind: SUGGESTION_REMIND, payload: p, at: morningOf(p.day), key: keyOf(p) });
}

/** Calendar days before a date, each moved back to a working day; those already past are left out. */
async function aheadOf(trx: Transaction<DB>, cal: WorkingCalendar, now: Date, p: Omit<RemindPayload, 'kind' | 'day'>, steps: readonly { kind: ReminderKind; days: number }[]) {
  for (const s of steps) {
    const day = workingDayOnOrBefore(cal, addDays(p.date, -s.days));
    if (morningOf(day) > now) await scheduleReminder(trx, { ...p, kind: s.kind, day });
  }
}

/** The lead unit's deadline: 15 and 5 days before, the day itself, then each working day while overdue. */
export async function scheduleDeadlineReminders(trx: Transaction<DB>, cal: WorkingCalendar, suggestionId: number, deadline: string, now: Date) {
  await aheadOf(trx, cal, now, { suggestionId, date: deadline }, [{ kind: 'before_15', days: 15 }, { kind: 'before_5', days: 5 }]);
  for (const { kind, day } of planDeadlineReminders<ReminderKind>(cal, deadline, now, [{ kind: 'due', offset: 0 }], 'overdue')) {
    await scheduleReminder(trx, { suggestionId, kind, date: deadline, day });
  }
}

/** The co-units' views: on their due day (the working day before, when it is a rest day). */
export async function scheduleCoViewReminder(trx: Transaction<DB>, cal: WorkingCalendar, suggestionId: number, coViewDue: string, now: Date) {
  await aheadOf(trx, cal, now, { suggestionId, date: coViewDue }, [{ kind: 'co_view', days: 0 }]);
}

/** Each open commitment: 5 days before its due day and the day itself. */
export async function scheduleCommitmentReminders(
  trx: Transaction<DB>, cal: WorkingCalendar, suggestionId: number, commitments: readonly { id: number; dueOn: string }[], now: Date,
) {
  for (const c of commitments) {
    await aheadOf(trx, cal, now, { suggestionId, date: c.dueOn, commitmentId: c.id },
      [{ kind: 'commitment_before', days: 5 }, { kind: 'commitment_due', days: 0 }]);
  }
}

/** Drops the deadline and co-view reminders not yet run (an answer, a new assignment). */
export async function cancelHandlingReminders(trx: Transaction<DB>, suggestionId: number): Promise<void> {
  await cancelTimers(trx, `suggestion:${suggestionId}:remind:`);
  await cancelTimers(trx, `suggestion:${suggestionId}:co_view:`);
}

/** Drops the reminders not yet run of one commitment (kept), or of all (the suggestion closed). */
export async function cancelCommitmentReminders(trx: Transaction<DB>, suggestionId: number, commitmentId?: number): Promise<void> {
  await cancelTimers(trx, `suggestion:${suggestionId}:commitment:${commitmentId === undefined ? '' : `${commitmentId}:`}`);
}
