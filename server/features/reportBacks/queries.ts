/**
 * Reading report-backs: the list, one report-back with what the reader may do, its evaluations
 * (no personal data: no phone, no device), the live counts for the projector screen, the report
 * and its versions, the issue list, and the public evaluation page. Scope is in each query.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { AppError } from '../../platform/errors.js';
import { now as clockNow, today } from '../../platform/clock.js';
import { DEPUTY_LEVELS } from '../../../common/enums.js';
import { maskText } from '../../platform/text/maskText.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import { activityColumns, activityVisible } from '../activities/index.js';
import { reportBackColumns, reportBackManageable, reportBackOwn, reportBackVisible } from './access.js';
import { evaluationCounts, evaluationOpen } from './evaluation.js';
import { meetingDayReached } from './commands.js';
import {
  CHANNEL_LABELS, ISSUE_SOURCE_LABELS, ISSUE_STATE_LABELS, issueWorkflow, RATING_LABELS, reportBackWorkflow, satisfiedPercent, STATE_LABELS, type ReportBackPart,
} from './workflow.js';
import type { ReportBackRating, ReportBackState } from './types.js';
import type { ReportBackIssueState } from '../../platform/db/schemaReportBacks.js';
import { containsPattern } from '../../platform/db/sql.js';

type Counts = { satisfied: number; basically_satisfied: number; unsatisfied: number; total: number; qr: number; paper: number };
const num = (c: Counts): Counts => ({
  satisfied: Number(c.satisfied), basically_satisfied: Number(c.basically_satisfied), unsatisfied: Number(c.unsatisfied),
  total: Number(c.total), qr: Number(c.qr), paper: Number(c.paper),
});

export function evaluationUrl(publicBaseUrl: string, key: string): string {
  return `${publicBaseUrl}/m/report-backs/evaluate/${key}`;
}

const partOf = (r: { manager: unknown; own: unknown }): ReportBackPart => (r.manager ? 'manager' : r.own ? 'deputy' : 'reader');

function base(db: Kysely<DB>, actor: Actor) {
  const c = reportBackColumns('r');
  return db.selectFrom('report_back as r')
    .innerJoin('deputy as d', 'd.id', 'r.deputy_id')
    .innerJoin('activity as a', 'a.id', 'r.activity_id')
    .innerJoin('region as g', 'g.code', 'r.congress_region_code')
    .leftJoin('station as s', 's.id', 'r.station_id')
    .where(reportBackVisible(actor, c))
    .select(['r.id', 'r.title', 'r.state', 'r.deputy_id', 'd.name as deputy_name', 'r.congress_level', 'r.congress_region_code', 'g.name as region_name',
      'a.starts_at', 'a.ends_at', 'a.place', 'a.id as activity_id', 'a.title as activity_title', 'r.station_id', 's.name as station_name',
      'r.eval_closes_at', 'r.headcount',
      reportBackManageable(actor, c).as('manager'), reportBackOwn(actor, c).as('own'), evaluationCounts(sql.ref('r.id')).as('counts'),
      sql<number>`(select count(*) from report_back_issue i where i.report_back_id = r.id and i.state = 'open')`.as('open_issues')]);
}

const congressName = (regionName: string) => `${regionName}人民代表大会`;

/** What the reader may do on a report-back now. */
function actionsOf(state: ReportBackState, part: ReportBackPart, open: boolean, startsAt: Date): string[] {
  const out: string[] = reportBackWorkflow.allowed(state, part).filter((a) => a !== 'open_evaluation' || meetingDayReached(startsAt));
  if (part === 'manager') {
    if (state !== 'cancelled') out.push('edit_attendance', 'add_issue');
    if (state === 'evaluating' || state === 'evaluated') out.push('enter_paper', 'show_qr');
  }
  if (part === 'manager' || part === 'deputy') {
    if (state !== 'cancelled') out.push('edit_report', 'generate_report');
    if (part === 'deputy' && state !== 'cancelled') out.push('add_issue');
  }
  return open ? out : out.filter((a) => a !== 'close_evaluation' || state === 'evaluating');
}

export interface ListFilters { state?: ReportBackState | undefined; deputyId?: number | undefined; mine?: boolean | undefined; q?: string | undefined; limit: number; cursor?: string | undefined }

export async function listReportBacks(db: Kysely<DB>, actor: Actor, f: ListFilters) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = base(db, actor).orderBy('r.id', 'desc').limit(f.limit + 1);
  if (f.state) q = q.where('r.state', '=', f.state);
  if (f.deputyId) q = q.where('r.deputy_id', '=', f.deputyId);
  if (f.mine) q = q.where('r.deputy_id', '=', actor.deputyId ?? -1);
  if (f.q) q = q.where((eb) => eb.or([eb('r.title', 'like', containsPattern(f.q!)), eb('d.name', 'like', containsPattern(f.q!))]));
  if (after !== null) q = q.where('r.id', '<', after);
  return toPage(await q.execute(), f.limit, (r) => r.id, (r) => {
    const counts = num(r.counts);
    return {
      id: r.id, title: r.title, deputy: { id: r.deputy_id, name: r.deputy_name }, congressName: congressName(r.region_name),
      startsAt: r.starts_at.toISOString(), place: r.place, station: r.station_id ? { id: r.station_id, name: r.station_name! } : null,
      state: r.state, stateLabel: STATE_LABELS[r.state], evaluationCount: counts.total, satisfiedPercent: satisfiedPercent(counts),
      openIssues: Number(r.open_issues), actions: actionsOf(r.state, partOf(r), true, r.starts_at),
    };
  });
}

export async function getReportBack(db: Kysely<DB>, actor: Actor, id: number, publicBaseUrl: string) {
  const r = await base(db, actor).select(['r.period_from', 'r.period_to', 'r.invited', 'r.eval_key', 'r.eval_opened_at', 'r.eval_closed_at', 'r.cancel_reason', 'r.version', 'r.created_at'])
    .where('r.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const part = partOf(r);
  const [participants, report, issues, levels] = await Promise.all([
    db.selectFrom('activity_participant as p').innerJoin('deputy as d', 'd.id', 'p.deputy_id').select(['p.deputy_id', 'd.name', 'p.attendance'])
      .where('p.activity_id', '=', r.activity_id).orderBy('p.deputy_id').execute(),
    db.selectFrom('report_back_report').select(['version', 'text', 'source', 'created_at', 'by_name']).where('report_back_id', '=', id).orderBy('version', 'desc').limit(1).executeTakeFirst(),
    db.selectFrom('report_back_issue').select(['state', sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where state = 'open' and due_on < ${today()})`.as('overdue')])
      .where('report_back_id', '=', id).groupBy('state').execute(),
    db.selectFrom('deputy_level').select(['level']).where('deputy_id', '=', r.deputy_id).where('level', '=', r.congress_level).executeTakeFirst(),
  ]);
  const counts = num(r.counts);
  const open = evaluationOpen(r, clockNow());
  const issueCounts = { open: 0, closed: 0, handed_case: 0, handed_suggestion: 0, overdue: 0 };
  for (const i of issues) { issueCounts[i.state] = Number(i.n); issueCounts.overdue += Number(i.overdue); }
  return {
    id: r.id, title: r.title, state: r.state, stateLabel: STATE_LABELS[r.state], version: r.version,
    deputy: { id: r.deputy_id, name: r.deputy_name, levelLabel: DEPUTY_LEVELS.labels[levels?.level ?? r.congress_level] },
    congress: { level: r.congress_level, regionCode: r.congress_region_code, name: congressName(r.region_name) },
    periodFrom: r.period_from, periodTo: r.period_to, invited: r.invited, cancelReason: r.cancel_reason,
    activity: {
      id: r.activity_id, title: r.activity_title, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at?.toISOString() ?? null, place: r.place,
      station: r.station_id ? { id: r.station_id, name: r.station_name! } : null,
      participants: participants.map((p) => ({ deputyId: p.deputy_id, name: p.name, attendance: p.attendance })),
    },
    headcount: r.headcount,
    report: report ? { version: report.version, text: report.text, source: report.source, at: report.created_at.toISOString(), byName: report.by_name } : null,
    evaluation: {
      openedAt: r.eval_opened_at?.toISOString() ?? null, closesAt: r.eval_closes_at?.toISOString() ?? null, closedAt: r.eval_closed_at?.toISOString() ?? null, open,
      publicUrl: part === 'manager' && r.eval_key ? evaluationUrl(publicBaseUrl, r.eval_key) : null,
      counts, satisfiedPercent: satisfiedPercent(counts), overHeadcount: r.headcount !== null && counts.total > r.headcount,
    },
    issueCounts,
    actions: actionsOf(r.state, part, open, r.starts_at),
  };
}

/** Counts only, cheap enough for the projector screen to poll. */
export async function liveCounts(db: Kysely<DB>, actor: Actor, id: number) {
  const r = await db.selectFrom('report_back as r').select(['r.state', 'r.eval_closes_at', 'r.headcount', evaluationCounts(sql.ref('r.id')).as('counts')])
    .where('r.id', '=', id).where(reportBackVisible(actor, reportBackColumns('r'))).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const counts = num(r.counts);
  return {
    state: r.state, open: evaluationOpen(r, clockNow()), closesAt: r.eval_closes_at?.toISOString() ?? null, counts, satisfiedPercent: satisfiedPercent(counts),
    headcount: r.headcount, overHeadcount: r.headcount !== null && counts.total > r.headcount,
  };
}

/** The report-back in reach with the reader's part (for the QR code and the report draft). */
export async function reportBackInReach(db: Kysely<DB>, actor: Actor, id: number) {
  const c = reportBackColumns('r');
  const r = await db.selectFrom('report_back as r').select(['r.id', 'r.title', 'r.state', 'r.eval_key', reportBackManageable(actor, c).as('manager'), reportBackOwn(actor, c).as('own')])
    .where('r.id', '=', id).where(reportBackVisible(actor, c)).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  return { ...r, part: partOf(r) };
}

export async function listEvaluations(db: Kysely<DB>, actor: Actor, id: number, f: { rating?: ReportBackRating | undefined; channel?: 'qr' | 'paper' | undefined; limit: number; cursor?: string | undefined }) {
  await reportBackInReach(db, actor, id);
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = db.selectFrom('report_back_evaluation as e').select(['e.id', 'e.rating', 'e.comment', 'e.channel', 'e.created_at',
    sql<number | null>`(select min(i.id) from report_back_issue i where i.evaluation_id = e.id)`.as('issue_id')])
    .where('e.report_back_id', '=', id).orderBy('e.id', 'desc').limit(f.limit + 1);
  if (f.rating) q = q.where('e.rating', '=', f.rating);
  if (f.channel) q = q.where('e.channel', '=', f.channel);
  if (after !== null) q = q.where('e.id', '<', after);
  return toPage(await q.execute(), f.limit, (e) => Number(e.id), (e) => ({
    id: Number(e.id), rating: e.rating, ratingLabel: RATING_LABELS[e.rating], comment: e.comment === null ? null : maskText(e.comment), channel: e.channel, channelLabel: CHANNEL_LABELS[e.channel],
    at: e.created_at.toISOString(), issueId: e.issue_id === null ? null : Number(e.issue_id),
  }));
}

export async function getReport(db: Kysely<DB>, actor: Actor, id: number) {
  await reportBackInReach(db, actor, id);
  const rows = await db.selectFrom('report_back_report').select(['version', 'text', 'source', 'created_at', 'by_name']).where('report_back_id', '=', id).orderBy('version', 'desc').execute();
  const present = (v: (typeof rows)[number]) => ({ version: v.version, text: v.text, source: v.source, at: v.created_at.toISOString(), byName: v.by_name });
  return {
    current: rows[0] ? present(rows[0]) : null,
    versions: rows.map((v) => ({ version: v.version, source: v.source, at: v.created_at.toISOString(), byName: v.by_name, length: v.text.length })),
  };
}

export async function getReportVersion(db: Kysely<DB>, actor: Actor, id: number, version: number) {
  await reportBackInReach(db, actor, id);
  const v = await db.selectFrom('report_back_report').select(['version', 'text', 'source', 'created_at', 'by_name']).where('report_back_id', '=', id).where('version', '=', version).executeTakeFirst();
  if (!v) throw new AppError('NOT_FOUND');
  return { version: v.version, text: v.text, source: v.source, at: v.created_at.toISOString(), byName: v.by_name };
}

function issueQuery(db: Kysely<DB>, actor: Actor) {
  const c = reportBackColumns('r');
  return db.selectFrom('report_back_issue as i').innerJoin('report_back as r', 'r.id', 'i.report_back_id').innerJoin('deputy as d', 'd.id', 'r.deputy_id')
    .leftJoin('opinion as o', 'o.id', 'i.case_id').leftJoin('suggestion as sg', 'sg.id', 'i.suggestion_id')
    .where(reportBackVisible(actor, c))
    .select(['i.id', 'i.report_back_id', 'i.text', 'i.source', 'i.evaluation_id', 'i.due_on', 'i.state', 'i.closing_note', 'i.closed_at', 'i.closed_by_name',
      'i.case_id', 'o.tracking_code', 'i.suggestion_id', 'sg.title as suggestion_title', 'i.created_at', 'r.title as report_back_title', 'd.name as deputy_name',
      reportBackManageable(actor, c).as('manager'), reportBackOwn(actor, c).as('own')]);
}

type IssueRow = Awaited<ReturnType<ReturnType<typeof issueQuery>['execute']>>[number];

function presentIssue(i: IssueRow) {
  const part = partOf(i);
  return {
    id: i.id, reportBackId: i.report_back_id, text: maskText(i.text), source: i.source, sourceLabel: ISSUE_SOURCE_LABELS[i.source],
    evaluationId: i.evaluation_id === null ? null : Number(i.evaluation_id), dueOn: i.due_on, overdue: i.state === 'open' && i.due_on !== null && i.due_on < today(),
    state: i.state, stateLabel: ISSUE_STATE_LABELS[i.state], closingNote: i.closing_note, closedAt: i.closed_at?.toISOString() ?? null, closedByName: i.closed_by_name,
    case: i.case_id !== null ? { id: Number(i.case_id), trackingCode: i.tracking_code! } : null,
    suggestion: i.suggestion_id !== null ? { id: Number(i.suggestion_id), title: i.suggestion_title! } : null,
    createdAt: i.created_at.toISOString(), reportBack: { id: i.report_back_id, title: i.report_back_title, deputyName: i.deputy_name },
    actions: issueWorkflow.allowed(i.state, part),
  };
}

export async function listIssues(db: Kysely<DB>, actor: Actor, reportBackId: number) {
  await reportBackInReach(db, actor, reportBackId);
  const rows = await issueQuery(db, actor).where('i.report_back_id', '=', reportBackId).orderBy('i.id').execute();
  return { items: rows.map(presentIssue) };
}

export async function getIssue(db: Kysely<DB>, actor: Actor, issueId: number) {
  const row = await issueQuery(db, actor).where('i.id', '=', issueId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return presentIssue(row);
}

export async function listAllIssues(db: Kysely<DB>, actor: Actor, f: { state?: ReportBackIssueState | undefined; mine?: boolean | undefined; overdue?: boolean | undefined; limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = issueQuery(db, actor).orderBy('i.id', 'desc').limit(f.limit + 1);
  if (f.state) q = q.where('i.state', '=', f.state);
  if (f.mine) q = q.where('r.deputy_id', '=', actor.deputyId ?? -1);
  if (f.overdue) q = q.where('i.state', '=', 'open').where('i.due_on', '<', today());
  if (after !== null) q = q.where('i.id', '<', after);
  return toPage(await q.execute(), f.limit, (i) => i.id, presentIssue);
}

/** Report-back activities in the actor's reach not linked to a report-back yet, newest first. */
export async function activityCandidates(db: Kysely<DB>, actor: Actor, deputyId: number | undefined) {
  let q = db.selectFrom('activity as a').leftJoin('station as s', 's.id', 'a.station_id').select(['a.id', 'a.title', 'a.starts_at', 's.name as station_name'])
    .where('a.kind', '=', 'report_back').where(activityVisible(actor, activityColumns('a')))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('report_back as rb').select('rb.id').whereRef('rb.activity_id', '=', 'a.id'))))
    .orderBy('a.starts_at', 'desc').limit(100);
  if (deputyId) q = q.where(({ exists, selectFrom }) => exists(selectFrom('activity_participant as p').select('p.deputy_id').whereRef('p.activity_id', '=', 'a.id').where('p.deputy_id', '=', deputyId)));
  return (await q.execute()).map((a) => ({ id: a.id, title: a.title, startsAt: a.starts_at.toISOString(), stationName: a.station_name }));
}

/** The public evaluation page, by the key in the QR code; `alreadyEvaluated` by this device's cookie. */
export async function publicEvaluationPage(db: Kysely<DB>, key: string, deviceHashOf: ((key: string) => string) | null) {
  const r = await db.selectFrom('report_back as r').innerJoin('deputy as d', 'd.id', 'r.deputy_id').innerJoin('activity as a', 'a.id', 'r.activity_id')
    .innerJoin('region as g', 'g.code', 'r.congress_region_code').leftJoin('station as s', 's.id', 'r.station_id')
    .select(['r.id', 'r.title', 'r.state', 'r.eval_closes_at', 'd.name as deputy_name', 'g.name as region_name', 'a.place', 'a.starts_at', 's.name as station_name',
      sql<string | null>`(select rr.text from report_back_report rr where rr.report_back_id = r.id order by rr.version desc limit 1)`.as('report')])
    .where('r.eval_key', '=', key).executeTakeFirst();
  if (!r) throw new AppError('REPORT_BACK_KEY_UNKNOWN');
  const device = deviceHashOf ? deviceHashOf(key) : null;
  const already = device ? await db.selectFrom('report_back_evaluation').select('id').where('report_back_id', '=', r.id).where('device_hash', '=', device).executeTakeFirst() : undefined;
  const open = evaluationOpen(r, clockNow());
  return {
    title: r.title, deputyName: r.deputy_name, congressName: congressName(r.region_name), place: r.place, startsAt: r.starts_at.toISOString(), stationName: r.station_name,
    state: open ? 'open' as const : r.state === 'scheduled' ? 'not_open' as const : 'closed' as const,
    closesAt: r.eval_closes_at?.toISOString() ?? null, alreadyEvaluated: Boolean(already),
    reportSummary: r.report ? r.report.slice(0, 600) : null,
  };
}

