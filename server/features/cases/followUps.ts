/**
 * What follows a case's transition, in the same transaction: who is told (in-app and through
 * the outbox) and which timers are set (deadline reminders, closing unrated answers). Timers
 * carry the facts they were set for; a timer whose facts have changed since does nothing.
 */
import { sql, type QueryCreator, type Transaction } from 'kysely';
import type { CaseAction } from './workflow.js';
import { RATING_WINDOW_DAYS } from './effects.js';
import type { WorkingCalendar } from '../../platform/calendar/workingDays.js';
import type { DB } from '../../platform/db/schema.js';
import { morningOf, planDeadlineReminders, setTimer } from '../../platform/workflow/timers.js';
import { notificationValues, notify, recipientsQuery, type NotificationValues } from '../../platform/notify/notify.js';
import { anyOf, clerksOf, deputiesOf, staffOf } from '../../platform/notify/audience.js';
import { loadCalendar } from '../calendar/index.js';
import { CASE_AUTO_CLOSE, CASE_REMIND } from './timerKinds.js';
import { sendAnswerNotice } from './constituentNotice.js';

export type ReminderKind = 'before' | 'due' | 'overdue' | 'sign_due' | 'sign_overdue';

export interface RemindPayload {
  caseId: number;
  kind: ReminderKind;
  /** The deadline it is about: the handling deadline, or for the sign_* kinds the sign-for limit's last day. */
  deadlineDate: string;
  /** The working day this reminder is for (overdue reminders repeat each working day). */
  day: string;
}

export interface AutoClosePayload {
  caseId: number;
  answeredAt: string;
}

/** Reminders go out at 09:00 Asia/Shanghai. */
export { morningOf };

/** The working day before the deadline and the day itself; then, while overdue, every working day after. */
const REMINDERS = [{ kind: 'before', offset: -1 }, { kind: 'due', offset: 0 }] as const;

/**
 * Plans the reminders of a deadline: the working day before, the day itself, and the first
 * overdue one — the working day after the deadline, or after today when the deadline has
 * passed already (a reply sent back, a late decision on an extension), so the chain resumes.
 */
export async function scheduleDeadlineReminders(trx: Transaction<DB>, cal: WorkingCalendar, caseId: number, deadlineDate: string, now: Date) {
  for (const { kind, day } of planDeadlineReminders<ReminderKind>(cal, deadlineDate, now, REMINDERS, 'overdue')) {
    await scheduleReminder(trx, { caseId, kind, deadlineDate, day });
  }
}

/** The sign-for limit's day itself; then, while unsigned, every working day after. */
const SIGN_REMINDERS = [{ kind: 'sign_due', offset: 0 }] as const;

/** Plans the reminders of the sign-for limit, set at assignment: its last day, then each working day while unsigned. */
export async function scheduleSignReminders(trx: Transaction<DB>, cal: WorkingCalendar, caseId: number, signDueDate: string, now: Date) {
  for (const { kind, day } of planDeadlineReminders<ReminderKind>(cal, signDueDate, now, SIGN_REMINDERS, 'sign_overdue')) {
    await scheduleReminder(trx, { caseId, kind, deadlineDate: signDueDate, day });
  }
}

export async function scheduleReminder(trx: Transaction<DB>, p: RemindPayload) {
  await setTimer(trx, {
    kind: CASE_REMIND, payload: p, at: morningOf(p.day), key: `case:${p.caseId}:remind:${p.deadlineDate}:${p.kind}:${p.day}`,
  });
}

/**
 * The accounts of an audience, as one query (null: nobody), read by `notify` with the recipients' details.
 * The roles are written into the query, not sent as values: a plan made once for every station
 * then knows that a station has one head deputy (as a value, it guessed a third of its deputies).
 */
function accountsOf(trx: QueryCreator<DB>, who: { stationId?: number; unitIds?: number[]; deputyId?: number | null; staffRegion?: string }) {
  return anyOf(
    who.stationId !== undefined && trx.selectFrom('account_station').select('account_id as id').where('station_id', '=', who.stationId),
    who.unitIds && clerksOf(trx, who.unitIds),
    who.deputyId
      ? deputiesOf(trx, [who.deputyId])
      // A case written to the station rather than to a deputy: the station's head deputy (站长) answers for it.
      : who.deputyId === null && who.stationId !== undefined && trx.selectFrom('account as a').innerJoin('deputy_station as ds', 'ds.deputy_id', 'a.deputy_id')
        .select('a.id').where('ds.station_id', '=', who.stationId).where('ds.role', '=', sql.lit('head')),
    !!who.staffRegion && staffOf(trx, who.staffRegion),
  );
}

export interface CaseSnapshot {
  id: number;
  tracking_code: string;
  station_id: number;
  deputy_id: number | null;
  region_code: string;
  assigned_unit_id: number | null;
  co_unit_ids: number[];
  deadline_date: string | null;
  answered_at: Date | null;
  content: string;
}

/** What a notification about a case says: its tracking code and the start of its text. */
const caseMessageBody = (c: Pick<CaseSnapshot, 'tracking_code' | 'content'>) =>
  `${c.tracking_code}:${c.content.length > 40 ? `${c.content.slice(0, 40)}…` : c.content}`;

/** Who hears of an action, with the title they see. */
const MESSAGES: Partial<Record<CaseAction | 'submit', { title: string; to: (c: CaseSnapshot) => Parameters<typeof accountsOf>[1] }>> = {
  submit: { title: '收到新的群众意见', to: (c) => ({ stationId: c.station_id, deputyId: c.deputy_id }) },
  assign: { title: '新的交办件,请签收', to: (c) => ({ unitIds: [...(c.assigned_unit_id ? [c.assigned_unit_id] : []), ...c.co_unit_ids] }) },
  return: { title: '承办单位退回了交办件,请重新交办', to: (c) => ({ stationId: c.station_id, staffRegion: c.region_code }) },
  request_extension: { title: '承办单位申请延期,请审批', to: (c) => ({ staffRegion: c.region_code }) },
  grant_extension: { title: '延期申请已批准', to: (c) => ({ unitIds: c.assigned_unit_id ? [c.assigned_unit_id] : [] }) },
  refuse_extension: { title: '延期申请未获批准', to: (c) => ({ unitIds: c.assigned_unit_id ? [c.assigned_unit_id] : [] }) },
  reply: { title: '承办单位已办复,请审核', to: (c) => ({ stationId: c.station_id }) },
  send_back_reply: { title: '办复意见被退回,请重新办理', to: (c) => ({ unitIds: c.assigned_unit_id ? [c.assigned_unit_id] : [] }) },
  approve_reply: { title: '办复已审核,请向群众反馈', to: (c) => ({ stationId: c.station_id, deputyId: c.deputy_id }) },
  rate: { title: '群众已评价', to: (c) => ({ stationId: c.station_id, deputyId: c.deputy_id }) },
  escalate: { title: '收到下级上报的群众意见', to: (c) => ({ staffRegion: c.region_code }) },
  urge: { title: '催办通知', to: (c) => ({ unitIds: c.assigned_unit_id ? [c.assigned_unit_id] : [] }) },
  flag_key: { title: '该件已列为重点督办', to: (c) => ({ stationId: c.station_id, unitIds: c.assigned_unit_id ? [c.assigned_unit_id] : [] }) },
};

type Audience = Parameters<typeof accountsOf>[1];

/**
 * Who hears of a new case at `stationId` addressed to `deputyId` (or to the station), as one
 * query: the intake tells them in the statement that writes the case (`notificationCtes`), with
 * `submitNotification`'s values. Its shape depends on whether a deputy is named.
 */
export function submitRecipientsQuery(db: QueryCreator<DB>, stationId: number, deputyId: number | null, exceptAccountId: number | null) {
  return recipientsQuery(db, accountsOf(db, MESSAGES.submit!.to({ station_id: stationId, deputy_id: deputyId } as CaseSnapshot))!, exceptAccountId);
}

/** What the people of `submitRecipientsQuery` are told of a new case. */
export function submitNotification(c: Pick<CaseSnapshot, 'tracking_code' | 'content'>): NotificationValues {
  return notificationValues({ kind: 'case.submit', title: MESSAGES.submit!.title, body: caseMessageBody(c) });
}

/** Tells the people concerned by `action`; `override` names other people or another title (reminders). */
export async function notifyCase(
  trx: Transaction<DB>, c: CaseSnapshot, action: CaseAction | 'submit' | 'deadline_recomputed', exceptAccountId: number | null,
  override: { title?: string; to?: Audience; dedupeKey?: string } = {},
) {
  const message = action === 'deadline_recomputed' ? undefined : MESSAGES[action];
  const title = override.title ?? message?.title;
  const to = override.to ?? message?.to(c);
  if (!title || !to) return;
  const accountIds = accountsOf(trx, to);
  if (!accountIds) return;
  await notify(trx, {
    accountIds, exceptAccountId, kind: `case.${action}`, title,
    body: caseMessageBody(c), link: `/cases/${c.id}`, caseId: c.id, dedupeKey: override.dedupeKey,
  });
}

/**
 * Everything that follows `action` on the case as it now stands. The calendar is needed only to
 * plan reminders; a caller without one at hand passes null and it is loaded when needed. (A new
 * case's follow-up, telling its station, is written with the case: `submitNotification`.)
 */
export async function caseFollowUps(
  trx: Transaction<DB>, cal: WorkingCalendar | null, caseId: number, action: CaseAction, actorAccountId: number | null, now: Date,
) {
  const c = await trx.selectFrom('opinion')
    .select(['id', 'tracking_code', 'station_id', 'region_code', 'assigned_unit_id', 'co_unit_ids', 'deadline_date', 'answered_at', 'content', 'sign_due_date'])
    // The deputy who holds the case now: its successor after an election round's hand-over.
    .select((eb) => eb.fn.coalesce('holder_deputy_id', 'deputy_id').as('deputy_id'))
    .where('id', '=', caseId).executeTakeFirstOrThrow();
  await notifyCase(trx, c, action, actorAccountId);
  // An assignment starts the sign-for limit.
  if (action === 'assign' && c.sign_due_date) await scheduleSignReminders(trx, cal ?? await loadCalendar(trx), caseId, c.sign_due_date, now);
  // Every action that sets the unit's clock running again plans its reminders again.
  if ((action === 'sign' || action === 'grant_extension' || action === 'refuse_extension' || action === 'send_back_reply') && c.deadline_date) {
    await scheduleDeadlineReminders(trx, cal ?? await loadCalendar(trx), caseId, c.deadline_date, now);
  }
  if ((action === 'answer' || action === 'answer_on_spot') && c.answered_at) {
    await setTimer(trx, {
      kind: CASE_AUTO_CLOSE, payload: { caseId, answeredAt: c.answered_at.toISOString() } satisfies AutoClosePayload,
      at: new Date(c.answered_at.getTime() + RATING_WINDOW_DAYS * 86_400_000),
      key: `case:${caseId}:auto_close:${c.answered_at.toISOString()}`,
    });
    // The submitter who left a phone number gets the link by text message.
    await sendAnswerNotice(trx, caseId, now);
  }
}
