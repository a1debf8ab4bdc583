/**
 * Deadlines counted on the provisional calendar (a year without its official holiday schedule,
 * see domain/workingDays.ts) are counted again once the schedule is there, in the transaction
 * that stores it. Only running deadlines move — those of cases with the unit's clock running
 * or paused for an extension decision (in_progress, extension_requested). A case the unit has
 * replied to keeps its deadline and its flag as they stood: its on-time fact was judged against
 * them and is never recomputed. If the reply is sent back, the running deadline is counted again
 * then (commands/caseActions.ts).
 */
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { WriteContext } from '../../platform/audit/audit.js';
import type { AnyActor } from '../../platform/access/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { endOfShanghaiDay, shanghaiDate, type WorkingCalendar } from '../../platform/calendar/workingDays.js';
import { DEADLINE_RECOMPUTED } from './effects.js';
import { loadCalendar } from '../calendar/index.js';
import { notifyCase, scheduleDeadlineReminders } from './followUps.js';
import { pauseClock, resumeClock, startClock } from '../../platform/workflow/deadlineClock.js';


export interface MovedDeadline {
  caseId: number;
  trackingCode: string;
  from: string;
  to: string;
  provisional: boolean;
}

interface Replayed {
  deadlineDate: string;
  pausedWorkingDays: number;
  provisional: boolean;
}

interface ClockEvent {
  action: string;
  at: Date;
  data: unknown;
}

/**
 * The deadline of the current assignment as `cal` counts it: the unit's clock started the day
 * it signed (or the sign-for limit's last day, when it signed after it) with the category's working days, paused at each extension request and resumed at
 * each decision with the days granted (the same steps as effects.ts takes at the time).
 */
export function replayDeadline(cal: WorkingCalendar, deadlineDays: number, events: ClockEvent[]): Replayed | null {
  const signIndex = events.map((e) => e.action).lastIndexOf('sign');
  if (signIndex < 0) return null;
  // A unit that signed after its sign-for limit had its clock started on the limit's last day (effects.ts).
  const sign = events[signIndex]!;
  const startedOn = (sign.data as { clockStartedOn?: unknown } | null)?.clockStartedOn;
  let clock = startClock(cal, typeof startedOn === 'string' ? startedOn : shanghaiDate(sign.at), deadlineDays);
  for (const e of events.slice(signIndex + 1)) {
    const day = shanghaiDate(e.at);
    if (e.action === 'request_extension') clock = pauseClock(clock, day);
    else if (e.action === 'grant_extension' || e.action === 'refuse_extension') {
      const granted = e.action === 'grant_extension' ? Number((e.data as { grantedDays?: number }).grantedDays ?? 0) : 0;
      clock = resumeClock(cal, clock, day, granted);
    }
  }
  return { deadlineDate: clock.deadline, pausedWorkingDays: clock.pausedWorkingDays, provisional: clock.provisional };
}

async function caseEvents(trx: Transaction<DB>, caseId: number): Promise<ClockEvent[]> {
  return trx.selectFrom('opinion_event').select(['action', 'at', 'data']).where('opinion_id', '=', caseId)
    .where('action', 'in', ['sign', 'request_extension', 'grant_extension', 'refuse_extension']).orderBy('id').execute();
}

/**
 * Counts again every running deadline marked provisional, on the calendar as the transaction
 * now holds it. A deadline that moves gets a timeline entry (from → to), its unit is told and
 * its reminders are planned again (the old ones name the old date and do nothing); one that
 * does not move gets no entry. Either way the flag then says whether the count still meets a
 * year without an official schedule. Returns the deadlines that moved.
 */
export async function recomputeProvisionalDeadlines(ctx: WriteContext<AnyActor>, now: Date, reason: string, onlyCaseId?: number): Promise<MovedDeadline[]> {
  const { trx } = ctx;
  let q = trx.selectFrom('opinion')
    .select(['id', 'tracking_code', 'state', 'station_id', 'deputy_id', 'region_code', 'assigned_unit_id', 'co_unit_ids',
      'deadline_days', 'deadline_date', 'answered_at', 'content'])
    .where('deadline_provisional', '=', true).where('state', 'in', ['in_progress', 'extension_requested']);
  if (onlyCaseId !== undefined) q = q.where('id', '=', onlyCaseId);
  const cases = await q.orderBy('id').forUpdate().execute();
  if (!cases.length) return [];
  const cal = await loadCalendar(trx);
  const moved: MovedDeadline[] = [];
  for (const c of cases) {
    const replay = replayDeadline(cal, c.deadline_days ?? 3, await caseEvents(trx, c.id));
    if (!replay || !c.deadline_date) continue;
    if (replay.deadlineDate === c.deadline_date) {
      if (!replay.provisional) await trx.updateTable('opinion').set({ deadline_provisional: false }).where('id', '=', c.id).execute();
      continue;
    }
    const from = c.deadline_date;
    const to = replay.deadlineDate;
    await trx.updateTable('opinion').set({
      deadline_date: to, deadline_at: endOfShanghaiDay(to), deadline_provisional: replay.provisional,
      paused_working_days: replay.pausedWorkingDays, updated_at: now, version: sql`version + 1`,
    }).where('id', '=', c.id).execute();
    await trx.insertInto('opinion_event').values({
      opinion_id: c.id, at: now, actor_kind: 'system', actor_account_id: ctx.actor.accountId || null, actor_name: ctx.actor.displayName,
      action: DEADLINE_RECOMPUTED, from_state: c.state, to_state: c.state,
      comment: `${reason}:办理期限由 ${from} 调整为 ${to}${replay.provisional ? '(仍为暂定)' : ''}`, public: false,
      data: JSON.stringify({ from, to, provisional: replay.provisional }),
    }).execute();
    await notifyCase(trx, { ...c, deadline_date: to }, DEADLINE_RECOMPUTED, ctx.actor.accountId || null, {
      title: `交办件办理期限调整为 ${to}(原 ${from})`,
      to: { unitIds: c.assigned_unit_id ? [c.assigned_unit_id] : [] },
    });
    if (c.state === 'in_progress') await scheduleDeadlineReminders(trx, cal, c.id, to, now);
    moved.push({ caseId: c.id, trackingCode: c.tracking_code, from, to, provisional: replay.provisional });
  }
  return moved;
}
