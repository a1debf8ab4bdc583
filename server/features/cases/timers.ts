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
  sign_due: '交办件今天签收到期,请及时签收',
  sign_overdue: '交办件已超过签收时限,请立即签收',
} as const;

/** Reminders about the sign-for limit (set at assignment, while unsigned) rather than the handling deadline. */
const SIGN_KINDS: readonly string[] = ['sign_due', 'sign_overdue'];

registerJobHandler<RemindPayload>(CASE_REMIND, async ({ trx, payload, now }) => {
  const c = await trx.selectFrom('opinion')
    .select(['id', 'tracking_code', 'state', 'station_id', 'deputy_id', 'region_code', 'assigned_unit_id', 'co_unit_ids', 'deadline_date', 'sign_due_date', 'paused_at', 'answered_at', 'content'])
    .where('id', '=', payload.caseId).forUpdate().executeTakeFirst();
  if (!c) return;
  const signing = SIGN_KINDS.includes(payload.kind);
  // A sign-for reminder stands while the case waits, unsigned, on the assignment it was set for.
  if (signing ? c.state !== 'assigned' || c.sign_due_date !== payload.deadlineDate
    : !WITH_UNIT.includes(c.state) || c.deadline_date !== payload.deadlineDate || c.paused_at) return;
  const repeating = payload.kind === 'overdue' || payload.kind === 'sign_overdue';
  // A reminder that runs after its day (no worker ran then; a case signed days ago placed at
  // start-up) stands for today: one reminder, and the chain goes on from today. Before, a chain
  // that started late told every missed day at once. The day before and the deadline day are
  // not told late: a later reminder of the chain says more. At most one reminder a case a day,
  // checked under the case's row lock, so it holds across workers and processes.
  const today = shanghaiDate(now);
  const late = payload.day < today;
  const remindedToday = await trx.selectFrom('opinion_event').select('id').where('opinion_id', '=', c.id).where('action', '=', 'remind')
    .where('at', '>=', new Date(`${today}T00:00:00+08:00`)).executeTakeFirst();
  if (!remindedToday && !(late && !repeating)) {
    await takeCaseAction({ trx, actor: SYSTEM_ACTOR, ip: null }, c.id, { action: 'remind' }, { kind: 'system' }, now);
    await notifyCase(trx, c, 'remind', null, { title: REMINDER_TITLES[payload.kind], to: { unitIds: c.assigned_unit_id ? [c.assigned_unit_id] : [] }, dedupeKey: `case:${c.id}:remind:${today}` });
    if (payload.kind === 'overdue') {
      // The station and the congress staff hear of every overdue case too.
      await notifyCase(trx, c, 'remind', null, { title: `督办提醒:交办件已超期(${c.tracking_code})`, to: { stationId: c.station_id, staffRegion: c.region_code }, dedupeKey: `case:${c.id}:supervise:${today}` });
    }
    if (payload.kind === 'sign_overdue') {
      await notifyCase(trx, c, 'remind', null, { title: `督办提醒:交办件超期未签收(${c.tracking_code})`, to: { stationId: c.station_id, staffRegion: c.region_code }, dedupeKey: `case:${c.id}:supervise:${today}` });
    }
  }
  if (repeating) {
    // …and the unit is reminded again the next working day.
    const calendar = await loadCalendar(trx);
    await scheduleReminder(trx, { ...payload, day: nextOverdueDay(calendar, payload.deadlineDate, late ? today : payload.day) });
  }
}, {
  payload: z.object({ caseId: z.number(), kind: z.enum(['before', 'due', 'overdue', 'sign_due', 'sign_overdue']), deadlineDate: z.string(), day: z.string() }),
});

registerJobHandler<AutoClosePayload>(CASE_AUTO_CLOSE, async ({ trx, payload, now }) => {
  const c = await trx.selectFrom('opinion').select(['id', 'state', 'answered_at']).where('id', '=', payload.caseId).forUpdate().executeTakeFirst();
  if (!c || c.state !== 'answered' || c.answered_at?.toISOString() !== payload.answeredAt) return;
  await takeCaseAction({ trx, actor: SYSTEM_ACTOR, ip: null }, c.id, { action: 'auto_close' }, { kind: 'system' }, now);
}, {
  payload: z.object({ caseId: z.number(), answeredAt: z.string() }),
});
