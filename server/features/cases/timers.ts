/**
 * The case workflow's timers: deadline reminders (the working day before, the day itself, and
 * every working day while overdue) and closing answers left unrated for 15 days. Each checks
 * that the case still stands as when the timer was set, so a timer made stale by a later
 * transition (signed again, extended, rated) does nothing.
 */
import { z } from 'zod';
import { takeCaseAction } from './actions.js';
import { notifyCase, scheduleReminder, type AutoClosePayload, type RemindPayload } from './followUps.js';
import { CASE_AUTO_CLOSE, CASE_REMIND } from './timerKinds.js';
import { WITH_UNIT } from './workflow.js';
import { SYSTEM_ACTOR } from '../../platform/access/actor.js';
import { loadCalendar } from '../calendar/index.js';
import { registerJobHandler } from '../../platform/jobs/registry.js';
import { nextOverdueDay } from '../../platform/workflow/timers.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';

const REMINDER_TITLES = {
  before: '交办件明天到期,请及时办复',
  due: '交办件今天到期,请今日办复',
  overdue: '交办件已超期,请尽快办复',
} as const;

registerJobHandler<RemindPayload>(CASE_REMIND, async ({ trx, payload, now }) => {
  const c = await trx.selectFrom('opinion')
    .select(['id', 'tracking_code', 'state', 'station_id', 'deputy_id', 'region_code', 'assigned_unit_id', 'co_unit_ids', 'deadline_date', 'paused_at', 'answered_at', 'content'])
    .where('id', '=', payload.caseId).forUpdate().executeTakeFirst();
  if (!c || !WITH_UNIT.includes(c.state) || c.deadline_date !== payload.deadlineDate || c.paused_at) return;
  // A reminder that runs after its day (no worker ran then; a case signed days ago placed at
  // start-up) stands for today: one reminder, and the chain goes on from today. Before, a chain
  // that started late told every missed day at once. The day before and the deadline day are
  // not told late: a later reminder of the chain says more. At most one reminder a case a day,
  // checked under the case's row lock, so it holds across workers and processes.
  const today = shanghaiDate(now);
  const late = payload.day < today;
  const remindedToday = await trx.selectFrom('opinion_event').select('id').where('opinion_id', '=', c.id).where('action', '=', 'remind')
    .where('at', '>=', new Date(`${today}T00:00:00+08:00`)).executeTakeFirst();
  if (!remindedToday && !(late && payload.kind !== 'overdue')) {
    await takeCaseAction({ trx, actor: SYSTEM_ACTOR, ip: null }, c.id, { action: 'remind' }, { kind: 'system' }, now);
    await notifyCase(trx, c, 'remind', null, { title: REMINDER_TITLES[payload.kind], to: { unitIds: c.assigned_unit_id ? [c.assigned_unit_id] : [] }, dedupeKey: `case:${c.id}:remind:${today}` });
    if (payload.kind === 'overdue') {
      // The station and the congress staff hear of every overdue case too.
      await notifyCase(trx, c, 'remind', null, { title: `督办提醒:交办件已超期(${c.tracking_code})`, to: { stationId: c.station_id, staffRegion: c.region_code }, dedupeKey: `case:${c.id}:supervise:${today}` });
    }
  }
  if (payload.kind === 'overdue') {
    // …and the unit is reminded again the next working day.
    const calendar = await loadCalendar(trx);
    await scheduleReminder(trx, { ...payload, day: nextOverdueDay(calendar, c.deadline_date, late ? today : payload.day) });
  }
}, {
  payload: z.object({ caseId: z.number(), kind: z.enum(['before', 'due', 'overdue']), deadlineDate: z.string(), day: z.string() }),
});

registerJobHandler<AutoClosePayload>(CASE_AUTO_CLOSE, async ({ trx, payload, now }) => {
  const c = await trx.selectFrom('opinion').select(['id', 'state', 'answered_at']).where('id', '=', payload.caseId).forUpdate().executeTakeFirst();
  if (!c || c.state !== 'answered' || c.answered_at?.toISOString() !== payload.answeredAt) return;
  await takeCaseAction({ trx, actor: SYSTEM_ACTOR, ip: null }, c.id, { action: 'auto_close' }, { kind: 'system' }, now);
}, {
  payload: z.object({ caseId: z.number(), answeredAt: z.string() }),
});
