/**
 * The suggestion reminder job (reminders.ts sets its timers): it checks that the suggestion still
 * stands as when the timer was set — still with the units on the same deadline, the co-units'
 * views still due that day and missing, the commitment still open and due that day, while
 * followed up — so a timer made stale by a later action does nothing. A reminder that stands
 * is a `remind` action on the timeline and a notice to the units; an overdue one repeats the
 * next working day and the congress's staff hear of it too.
 */
import { z } from 'zod';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { jobKind } from '../../platform/feature.js';
import { nextOverdueDay } from '../../platform/workflow/timers.js';
import { loadCalendar } from '../calendar/index.js';
import { takeSuggestionAction } from './act.js';
import { tellAbout, unitsOf } from './handlingNotices.js';
import { REMINDER_KINDS, scheduleReminder, SUGGESTION_REMIND, type ReminderKind, type RemindPayload } from './reminders.js';
import { HANDLING_STATES } from './workflow.js';

const TITLES: Record<ReminderKind, (date: string) => string> = {
  before_15: (d) => `代表建议将于 ${d} 到期,请抓紧办理`,
  before_5: (d) => `代表建议将于 ${d} 到期,请及时答复`,
  due: () => '代表建议今天到期,请今日答复',
  overdue: (d) => `代表建议已超过办理期限(${d}),请尽快答复`,
  co_view: () => '会办意见今天到期,请向主办单位提交会办意见',
  commitment_before: (d) => `答复中承诺的事项将于 ${d} 到期,请抓紧落实`,
  commitment_due: () => '答复中承诺的事项今天到期,请报告落实情况',
};

/** Whom a standing reminder tells, or null when it no longer stands. */
async function standing(trx: Parameters<typeof unitsOf>[0], p: RemindPayload) {
  const s = await trx.selectFrom('suggestion').select(['id', 'state', 'deadline_date', 'co_view_due', 'congress_region_code'])
    .where('id', '=', p.suggestionId).forUpdate().executeTakeFirst();
  if (!s) return null;
  if (p.kind === 'co_view') {
    if (!HANDLING_STATES.includes(s.state) || s.co_view_due !== p.date) return null;
    const silent = await trx.selectFrom('suggestion_unit').select('unit_id').where('suggestion_id', '=', s.id)
      .where('role', '=', 'co').where('view', 'is', null).execute();
    return silent.length ? { s, unitIds: silent.map((u) => u.unit_id) } : null;
  }
  if (p.kind === 'commitment_before' || p.kind === 'commitment_due') {
    if (s.state !== 'following_up' || p.commitmentId === undefined) return null;
    const open = await trx.selectFrom('suggestion_commitment').select('id').where('id', '=', p.commitmentId)
      .where('suggestion_id', '=', s.id).where('done_at', 'is', null).where('due_on', '=', p.date).executeTakeFirst();
    return open ? { s, unitIds: await unitsOf(trx, s.id, 'lead') } : null;
  }
  if (!HANDLING_STATES.includes(s.state) || s.deadline_date !== p.date) return null;
  return { s, unitIds: await unitsOf(trx, s.id, 'lead') };
}

export const suggestionRemindJob = jobKind<RemindPayload>(SUGGESTION_REMIND, async ({ trx, payload: p, now }) => {
  const found = await standing(trx, p);
  if (!found) return;
  const { s, unitIds } = found;
  const today = shanghaiDate(now);
  const repeating = p.kind === 'overdue';
  // A reminder run after its day (no worker ran then) is told only when it repeats: a later one says more.
  if (p.day >= today || repeating) {
    const title = TITLES[p.kind](p.date);
    await takeSuggestionAction({ trx, actor: SYSTEM_ACTOR, ip: null }, s.id, { action: 'remind', comment: title }, { system: true, now });
    const dedupeKey = `suggestion:${s.id}:${p.kind}:${p.commitmentId ?? ''}:${today}`;
    await tellAbout(trx, s, 'remind', title, { unitIds }, { dedupeKey });
    if (repeating) await tellAbout(trx, s, 'remind', `督办提醒:${title}`, { staff: true }, { dedupeKey: `${dedupeKey}:staff` });
  }
  if (repeating) {
    const calendar = await loadCalendar(trx);
    await scheduleReminder(trx, { ...p, day: nextOverdueDay(calendar, p.date, p.day < today ? today : p.day) });
  }
}, {
  payload: z.object({
    suggestionId: z.number(), kind: z.enum(REMINDER_KINDS), date: z.string(), day: z.string(), commitmentId: z.number().optional(),
  }),
});
