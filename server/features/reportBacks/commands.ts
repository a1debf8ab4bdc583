/**
 * Writing report-backs: scheduling one (its `report_back` activity created through the activities
 * feature in the same transaction, or an existing one linked), the headcount, the evaluation's
 * steps (workflow.ts), the report's versions and the plan of a congress. Each write is one
 * transaction with its audit record; who may do it is checked in the SQL (access.ts).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { DB } from '../../platform/db/schema.js';
import type { ReportBackCadence, ReportBackLevel, ReportBackRow } from './types.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { now as clockNow, today } from '../../platform/clock.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { deputyVisible, regionManageable } from '../../platform/access/scope.js';
import { notify } from '../../platform/notify/notify.js';
import { setTimer } from '../../platform/workflow/timers.js';
import { deputiesOf } from '../../platform/notify/audience.js';
import { activityColumns, activityEditable, activityVisible, createActivity } from '../activities/index.js';
import { reportBackColumns, reportBackManageable, reportBackOwn, reportBackVisible, planManageable } from './access.js';
import { reportBackWorkflow, STATE_LABELS, type ReportBackAction, type ReportBackPart } from './workflow.js';
import { EVALUATION_CLOSE } from './jobKinds.js';

const REGION_LEVEL_OF: Record<ReportBackLevel, string> = { provincial: 'province', city: 'city', county: 'county', township: 'town' };

/** Whether the meeting's day (Asia/Shanghai date of its start) has come: the evaluation opens only from then. */
export function meetingDayReached(startsAt: Date): boolean {
  return shanghaiDate(startsAt) <= today();
}

/** The report-back as the actor reaches it, locked, with the actor's part in it; NOT_FOUND out of reach. */
export async function lockReportBack(ctx: WriteContext, id: number): Promise<ReportBackRow & { part: ReportBackPart }> {
  const c = reportBackColumns('r');
  const row = await ctx.trx.selectFrom('report_back as r').selectAll('r')
    .select([reportBackManageable(ctx.actor, c).as('manager'), reportBackOwn(ctx.actor, c).as('own')])
    .where('r.id', '=', id).where(reportBackVisible(ctx.actor, c)).forUpdate('r').executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const { manager, own, ...rest } = row;
  return { ...rest, part: manager ? 'manager' : own ? 'deputy' : 'reader' };
}

/** The congress's running term, or null. */
export async function runningTerm(trx: Kysely<DB> | Transaction<DB>, level: ReportBackLevel, regionCode: string, on: string) {
  return trx.selectFrom('congress_term').select(['id', 'number', 'starts_on', 'ends_on']).where('level', '=', level)
    .where('region_code', '=', regionCode).where('starts_on', '<=', on).where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', on)]))
    .orderBy('starts_on', 'desc').executeTakeFirst();
}

export interface ReportBackInput {
  deputyId: number;
  congress?: { level: ReportBackLevel; regionCode: string } | undefined;
  periodFrom?: string | undefined;
  periodTo?: string | undefined;
  title?: string | undefined;
  invited?: string | undefined;
  /** Link this activity (kind report_back, not linked yet) … */
  activityId?: number | undefined;
  /** … or hold the meeting as a new activity. */
  stationId?: number | undefined;
  startsAt?: Date | undefined;
  endsAt?: Date | null | undefined;
  place?: string | undefined;
}

/** The congress the deputy reports to: the one asked for if they hold a seat in it, else their highest county or township seat. */
async function resolveCongress(ctx: WriteContext, input: ReportBackInput) {
  // Only a deputy in the caller's reach: the report drafted from the archive must not open anyone else's.
  const deputy = await ctx.trx.selectFrom('deputy').select(['id', 'name', 'status', 'active']).where('id', '=', input.deputyId)
    .where(deputyVisible(ctx.actor, sql.ref('deputy.id'), sql.ref('deputy.region_path'))).executeTakeFirst();
  if (!deputy || deputy.status !== 'current' || !deputy.active) throw new AppError('REPORT_BACK_DEPUTY_INVALID');
  const seats = await ctx.trx.selectFrom('deputy_level as l').innerJoin('region as g', 'g.code', 'l.region_code')
    .select(['l.level', 'l.region_code', 'g.path', 'g.level as region_level', 'g.name']).where('l.deputy_id', '=', input.deputyId).execute();
  let seat;
  if (input.congress) {
    const region = await ctx.trx.selectFrom('region').select(['code', 'level']).where('code', '=', input.congress.regionCode).executeTakeFirst();
    if (!region || region.level !== REGION_LEVEL_OF[input.congress.level]) throw new AppError('REPORT_BACK_CONGRESS_INVALID');
    seat = seats.find((s) => s.level === input.congress!.level && s.region_code === input.congress!.regionCode);
  } else {
    seat = seats.find((s) => s.level === 'county') ?? seats.find((s) => s.level === 'township') ?? seats.find((s) => s.level === 'city') ?? seats.find((s) => s.level === 'provincial');
  }
  if (!seat || !['provincial', 'city', 'county', 'township'].includes(seat.level)) throw new AppError('REPORT_BACK_DEPUTY_INVALID');
  return { deputy, level: seat.level as ReportBackLevel, regionCode: seat.region_code!, regionPath: seat.path, regionName: seat.name };
}

/** Where the period reported on starts by default: the day after the last report-back to the congress, else the term's start. */
async function defaultPeriodFrom(trx: Transaction<DB>, deputyId: number, level: ReportBackLevel, regionCode: string, until: string): Promise<string> {
  const last = await trx.selectFrom('report_back').select('period_to').where('deputy_id', '=', deputyId)
    .where('congress_level', '=', level).where('congress_region_code', '=', regionCode).where('state', '<>', 'cancelled')
    .where('period_to', '<', until).orderBy('period_to', 'desc').executeTakeFirst();
  if (last) return addDays(last.period_to, 1);
  const term = await runningTerm(trx, level, regionCode, until);
  return term?.starts_on ?? addDays(until, -365);
}

/**
 * Schedules a report-back. The meeting is an activity of kind 述职: created here through the
 * activities feature (the deputy its participant, at a station the actor sees), or an existing
 * one linked. The deputy is told.
 */
export async function createReportBack(ctx: WriteContext, input: ReportBackInput): Promise<number> {
  const congress = await resolveCongress(ctx, input);
  let activityId: number;
  if (input.activityId !== undefined) {
    const a = await ctx.trx.selectFrom('activity as a').select(['a.id', 'a.kind'])
      .where('a.id', '=', input.activityId).where(activityVisible(ctx.actor, activityColumns('a'))).where(activityEditable(ctx.actor, activityColumns('a')))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('report_back').select('id').whereRef('activity_id', '=', 'a.id'))))
      .executeTakeFirst();
    if (!a || a.kind !== 'report_back') throw new AppError('REPORT_BACK_ACTIVITY_INVALID');
    activityId = a.id;
    const joined = await ctx.trx.selectFrom('activity_participant').select('deputy_id').where('activity_id', '=', activityId).where('deputy_id', '=', input.deputyId).executeTakeFirst();
    if (!joined) await ctx.trx.insertInto('activity_participant').values({ activity_id: activityId, deputy_id: input.deputyId, attendance: 'present' }).execute();
  } else {
    const problems: { path: string; code: 'REQUIRED' }[] = [];
    if (input.stationId === undefined) problems.push({ path: 'stationId', code: 'REQUIRED' });
    if (input.startsAt === undefined) problems.push({ path: 'startsAt', code: 'REQUIRED' });
    if (problems.length) throw invalidFields(problems);
    activityId = await createActivity(ctx, {
      kind: 'report_back', title: input.title?.trim() || `${congress.deputy.name}代表述职`, stationId: input.stationId!, regionCode: null, campaignId: null,
      startsAt: input.startsAt!, endsAt: input.endsAt ?? null, place: input.place ?? '', summary: input.invited ? `邀请:${input.invited}` : '',
      suggestionsMade: 0, participants: [{ deputyId: input.deputyId, attendance: 'present' }], unitIds: [], rotaSlotId: null,
    });
  }
  const activity = await ctx.trx.selectFrom('activity').select(['id', 'title', 'station_id', 'starts_at', 'place']).where('id', '=', activityId).executeTakeFirstOrThrow();
  // Staff out of the congress's subtree may still hold it at a station of theirs; officers only at their own stations.
  if (!regionManageable(ctx.actor, congress.regionPath) && activity.station_id === null) throw new AppError('REPORT_BACK_CONGRESS_INVALID');
  const meetingDay = shanghaiDate(activity.starts_at);
  const periodTo = input.periodTo ?? meetingDay;
  const periodFrom = input.periodFrom ?? await defaultPeriodFrom(ctx.trx, input.deputyId, congress.level, congress.regionCode, periodTo);
  if (periodTo < periodFrom) throw invalidFields([{ path: 'periodTo', code: 'ENDS_BEFORE_START' }]);
  const at = clockNow();
  const { id } = await ctx.trx.insertInto('report_back').values({
    deputy_id: input.deputyId, congress_level: congress.level, congress_region_code: congress.regionCode, congress_region_path: congress.regionPath,
    activity_id: activityId, station_id: activity.station_id, title: input.title?.trim() || activity.title, invited: input.invited?.trim() ?? '',
    period_from: periodFrom, period_to: periodTo, state: 'scheduled', created_by_account_id: ctx.actor.accountId || null, created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  // The activity's own check passed; the report-back must now be in the actor's reach to run.
  const reach = await ctx.trx.selectFrom('report_back as r').select('r.id').where('r.id', '=', id).where(reportBackManageable(ctx.actor, reportBackColumns('r'))).executeTakeFirst();
  if (!reach) throw new AppError('REPORT_BACK_CONGRESS_INVALID');
  await notify(ctx.trx, {
    accountIds: deputiesOf(ctx.trx, [input.deputyId]), exceptAccountId: ctx.actor.accountId || null,
    kind: 'report_back.scheduled', title: '述职安排', body: `${meetingDay} ${activity.place || ''} 向选民述职,请准备述职报告`.replace(/\s+/g, ' '),
    link: `/report-backs/${id}`, dedupeKey: `report_back:${id}:scheduled`,
  });
  await recordAudit(ctx, { action: 'report_back.create', entityType: 'report_back', entityId: id, after: {
    deputyId: input.deputyId, congress: { level: congress.level, regionCode: congress.regionCode }, activityId, periodFrom, periodTo, invited: input.invited ?? '',
  } });
  return id;
}

/** The constituents present (a headcount), which the number of evaluations is compared with. */
export async function setHeadcount(ctx: WriteContext, id: number, headcount: number): Promise<void> {
  const row = await lockReportBack(ctx, id);
  if (row.part !== 'manager') throw new AppError('FORBIDDEN');
  await ctx.trx.updateTable('report_back').set({ headcount, updated_at: clockNow(), version: row.version + 1 }).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'report_back.attendance', entityType: 'report_back', entityId: id, before: { headcount: row.headcount }, after: { headcount } });
}

/** The evaluation's key: 128 random bits, the capability in the public link (base64url, 22 characters). */
function newKey(): string {
  return randomBytes(16).toString('base64url');
}

export const DEFAULT_EVALUATION_MINUTES = 180;

/**
 * One step of a report-back (workflow.ts): open the evaluation (a key is made once, kept when
 * reopened; it stops by itself after `minutes`), close it (the deputy hears the result), reopen
 * it, or cancel a scheduled one (with a reason).
 */
export async function takeStep(ctx: WriteContext, id: number, action: ReportBackAction, opts: { minutes?: number | undefined; reason?: string | undefined } = {}): Promise<void> {
  const row = await lockReportBack(ctx, id);
  const check = reportBackWorkflow.check(row.state, action, row.part, opts.reason);
  if (!check.ok) {
    if (check.reason === 'ROLE') throw new AppError(row.part === 'reader' ? 'NOT_FOUND' : 'FORBIDDEN');
    if (check.reason === 'COMMENT') throw invalidFields([{ path: 'reason', code: 'REQUIRED' }]);
    throw new AppError('REPORT_BACK_TRANSITION_INVALID', { stateLabel: STATE_LABELS[row.state].zh, stepLabel: reportBackWorkflow.rules[action].label.zh });
  }
  if (action === 'open_evaluation') {
    const meeting = await ctx.trx.selectFrom('activity').select('starts_at').where('id', '=', row.activity_id).executeTakeFirstOrThrow();
    if (!meetingDayReached(meeting.starts_at)) throw new AppError('REPORT_BACK_BEFORE_MEETING_DAY', { meetingDay: shanghaiDate(meeting.starts_at) });
  }
  const at = clockNow();
  const to = check.to!;
  const base = { state: to, updated_at: at, version: row.version + 1 };
  const q = ctx.trx.updateTable('report_back').where('id', '=', id);
  if (action === 'open_evaluation' || action === 'reopen_evaluation') {
    const closesAt = new Date(at.getTime() + (opts.minutes ?? DEFAULT_EVALUATION_MINUTES) * 60_000);
    const key = row.eval_key ?? newKey();
    await q.set({ ...base, eval_key: key, eval_opened_at: row.eval_opened_at ?? at, eval_closes_at: closesAt, eval_closed_at: null }).execute();
    await setTimer(ctx.trx, { kind: EVALUATION_CLOSE, key: `report_back:${id}:close:${closesAt.getTime()}`, at: closesAt, payload: { reportBackId: id, closesAt: closesAt.toISOString() } });
  } else if (action === 'close_evaluation') {
    await q.set({ ...base, eval_closed_at: at, eval_closes_at: row.eval_closes_at && row.eval_closes_at < at ? row.eval_closes_at : at }).execute();
    await tellResult(ctx.trx, id, row.deputy_id, ctx.actor.accountId);
  } else {
    await q.set({ ...base, cancel_reason: opts.reason!.trim() }).execute();
  }
  await recordAudit(ctx, { action: `report_back.${action}`, entityType: 'report_back', entityId: id,
    before: { state: row.state }, after: { state: to, ...(opts.minutes ? { minutes: opts.minutes } : {}), ...(opts.reason ? { reason: opts.reason } : {}) } });
}

/** Tells the deputy the evaluation's result once it closes. */
export async function tellResult(trx: Transaction<DB>, id: number, deputyId: number, except: number): Promise<void> {
  const c = await trx.selectFrom('report_back_evaluation').select([
    sql<number>`count(*)`.as('total'), sql<number>`count(*) filter (where rating <> 'unsatisfied')`.as('content'),
  ]).where('report_back_id', '=', id).executeTakeFirstOrThrow();
  const total = Number(c.total);
  const pct = total ? `${Math.round((Number(c.content) * 1000) / total) / 10}%` : '—';
  await notify(trx, {
    accountIds: deputiesOf(trx, [deputyId]), exceptAccountId: except,
    kind: 'report_back.evaluated', title: '述职测评结果', body: `共收到 ${total} 份测评,满意和基本满意 ${pct}`,
    link: `/report-backs/${id}`, dedupeKey: `report_back:${id}:evaluated:${total}`,
  });
}

/**
 * Saves a version of the report (the text generated from the archive, or the deputy's edit).
 * `version` is the one the writer read (null when there was none): a stale one is a CONFLICT.
 */
export async function saveReport(ctx: WriteContext, id: number, input: { text: string; version: number | null; source?: 'generated' | 'edited' | undefined }): Promise<number> {
  const row = await lockReportBack(ctx, id);
  if (row.part === 'reader') throw new AppError('FORBIDDEN');
  const current = await ctx.trx.selectFrom('report_back_report').select(sql<number | null>`max(version)`.as('v')).where('report_back_id', '=', id).executeTakeFirstOrThrow();
  const currentVersion = current.v === null ? null : Number(current.v);
  if (currentVersion !== input.version) throw new AppError('CONFLICT', { currentVersion });
  const version = (currentVersion ?? 0) + 1;
  await ctx.trx.insertInto('report_back_report').values({
    report_back_id: id, version, text: input.text, source: input.source ?? 'edited', by_account_id: ctx.actor.accountId || null, by_name: ctx.actor.displayName, created_at: clockNow(),
  }).execute();
  await ctx.trx.updateTable('report_back').set({ updated_at: clockNow(), version: row.version + 1 }).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'report_back.report', entityType: 'report_back', entityId: id, after: { version, source: input.source ?? 'edited', length: input.text.length } });
  return version;
}

export interface PlanInput { level: ReportBackLevel; regionCode: string; cadence: ReportBackCadence; times: number; dueOn: string | null; version?: number | undefined }

/** Stores a congress's plan (who reports how often, by when). */
export async function savePlan(ctx: WriteContext, input: PlanInput): Promise<void> {
  const region = await ctx.trx.selectFrom('region').select(['code', 'path', 'level']).where('code', '=', input.regionCode).executeTakeFirst();
  if (!region || region.level !== REGION_LEVEL_OF[input.level]) throw new AppError('REPORT_BACK_CONGRESS_INVALID');
  const allowed = await ctx.trx.selectNoFrom(planManageable(ctx.actor, sql.val(region.path)).as('ok')).executeTakeFirstOrThrow();
  if (!allowed.ok) throw new AppError('REPORT_BACK_CONGRESS_INVALID');
  const before = await ctx.trx.selectFrom('report_back_plan').selectAll().where('congress_level', '=', input.level).where('congress_region_code', '=', region.code).forUpdate().executeTakeFirst();
  if (before && input.version !== undefined && before.version !== input.version) throw new AppError('CONFLICT', { currentVersion: before.version });
  const values = { cadence: input.cadence, times: input.times, due_on: input.dueOn, updated_by_account_id: ctx.actor.accountId || null, updated_at: clockNow() };
  if (before) {
    await ctx.trx.updateTable('report_back_plan').set({ ...values, version: before.version + 1 })
      .where('congress_level', '=', input.level).where('congress_region_code', '=', region.code).execute();
  } else {
    await ctx.trx.insertInto('report_back_plan').values({ congress_level: input.level, congress_region_code: region.code, congress_region_path: region.path, ...values }).execute();
  }
  await recordAudit(ctx, { action: 'report_back.plan', entityType: 'report_back_plan', entityId: `${input.level}:${region.code}`,
    before: before ? { cadence: before.cadence, times: before.times, dueOn: before.due_on } : null, after: { cadence: input.cadence, times: input.times, dueOn: input.dueOn } });
}

