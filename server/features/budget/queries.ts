/**
 * Reading reviews: the list (only what the reader reaches, in SQL), one review with its projects,
 * opinions, reports and evaluations, and its comments (a department reads those addressed to it).
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import type { BudgetCommentState, BudgetCriteria, BudgetReviewKind } from '../../platform/db/schemaBudget.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import { invalidFields } from '../../platform/errors.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { budgetCommentVisible, budgetReviewVisible, reviewColumns } from './access.js';
import { sitsInTerm } from '../../platform/access/terms.js';
import { reachReview } from './review.js';
import {
  BUDGET_KIND_LABELS, BUDGET_STATE_LABELS, BUDGET_WORKFLOW, COMMENT_STATE_LABELS, COMMENTING_STATES, GRADE_LABELS, gradeOf,
  OPINION_STATES, RECOMMENDATION_LABELS, REPORT_KIND_LABELS, REPORT_STATES, type BudgetPart, type BudgetReviewState,
} from './workflow.js';

const congressName = (regionName: string | null) => `${regionName ?? ''}人民代表大会`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export interface ReviewFilters { year?: number | undefined; kind?: BudgetReviewKind | undefined; state?: BudgetReviewState | undefined; termId?: number | undefined }

function listQuery(db: Kysely<DB>, actor: Actor) {
  const deputyId = actor.deputyId;
  return db.selectFrom('budget_review as r')
    .innerJoin('congress_term as t', 't.id', 'r.term_id')
    .innerJoin('region as g', 'g.code', 'r.region_code')
    .innerJoin('unit as fu', 'fu.id', 'r.finance_unit_id')
    .select([
      'r.id', 'r.kind', 'r.year', 'r.title', 'r.state', 'r.level', 'r.region_code', 'r.region_path', 'r.term_id', 't.number as term_number',
      'g.name as region_name', 'r.finance_unit_id', 'fu.name as finance_unit_name', 'r.comments_due_on',
      sql<number>`(select count(*)::int from budget_project p where p.review_id = r.id)`.as('project_count'),
      sql<number>`(select count(*)::int from budget_comment c where c.review_id = r.id and ${budgetCommentVisible(actor, { addressedUnitId: sql.ref('c.addressed_unit_id'), financeUnitId: sql.ref('r.finance_unit_id') })})`.as('comment_count'),
      sql<number>`(select count(*)::int from budget_comment c where c.review_id = r.id and c.state = 'open' and ${budgetCommentVisible(actor, { addressedUnitId: sql.ref('c.addressed_unit_id'), financeUnitId: sql.ref('r.finance_unit_id') })})`.as('open_comment_count'),
      (deputyId === null ? sql<boolean>`false` : sitsInTerm(deputyId, sql.ref('r.term_id'))).as('deputy_sits'),
    ])
    .where(budgetReviewVisible(actor, reviewColumns('r')));
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];

function partOf(actor: Actor, r: { region_path: string; finance_unit_id: number; deputy_sits: boolean | null }): BudgetPart {
  if (actor.role === 'admin') return 'staff';
  if (actor.role === 'staff') return actor.scopePath === r.region_path ? 'staff' : 'reader';
  if (actor.role === 'deputy') return 'deputy';
  return actor.unitId === r.finance_unit_id ? 'finance' : 'department';
}

function presentListItem(actor: Actor, r: ListRow) {
  return {
    id: r.id, kind: r.kind, kindLabel: BUDGET_KIND_LABELS[r.kind], year: r.year, title: r.title, state: r.state, stateLabel: BUDGET_STATE_LABELS[r.state],
    congress: { level: r.level, regionCode: r.region_code, name: congressName(r.region_name), termId: r.term_id, termNumber: r.term_number },
    financeUnit: { id: r.finance_unit_id, name: r.finance_unit_name }, commentsDueOn: r.comments_due_on,
    projectCount: r.project_count, commentCount: r.comment_count, openCommentCount: r.open_comment_count,
    myPart: partOf(actor, { ...r, deputy_sits: Boolean(r.deputy_sits) }),
  };
}

export async function listReviews(db: Kysely<DB>, actor: Actor, f: ReviewFilters, page: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(page.cursor, isIdCursor);
  if (page.cursor && after === null) throw invalidFields([{ path: 'cursor', code: 'CURSOR_INVALID' }]);
  let q = listQuery(db, actor).orderBy('r.id', 'desc').limit(page.limit + 1);
  if (f.year) q = q.where('r.year', '=', f.year);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.state) q = q.where('r.state', '=', f.state);
  if (f.termId) q = q.where('r.term_id', '=', f.termId);
  if (after !== null) q = q.where('r.id', '<', after);
  return toPage(await q.execute(), page.limit, (r) => r.id, (r) => presentListItem(actor, r));
}

function presentOpinion(o: { id: number; project_id: number | null; recommendation: keyof typeof RECOMMENDATION_LABELS; body: string; recorded_by: string; recorded_at: Date }) {
  return {
    id: o.id, projectId: o.project_id, recommendation: o.recommendation, recommendationLabel: RECOMMENDATION_LABELS[o.recommendation],
    body: o.body, recordedBy: o.recorded_by, recordedAt: o.recorded_at.toISOString(),
  };
}

export async function getReview(db: Kysely<DB>, actor: Actor, id: number) {
  const reached = await reachReview(db, actor, id);
  const base = await listQuery(db, actor).where('r.id', '=', id).executeTakeFirstOrThrow();
  const r = reached.row;
  const part = reached.part;
  const department = part === 'department';
  let projectsQ = db.selectFrom('budget_project as p').leftJoin('unit as u', 'u.id', 'p.department_unit_id')
    .select(['p.id', 'p.name', 'p.category', 'p.department_unit_id', 'u.name as department_name', 'p.amount_yuan', 'p.original_amount_yuan', 'p.description', 'p.sort'])
    .where('p.review_id', '=', id).orderBy('p.sort').orderBy('p.id');
  if (department) projectsQ = projectsQ.where('p.department_unit_id', '=', actor.unitId);
  const visibleComment = budgetCommentVisible(actor, { addressedUnitId: sql.ref('c.addressed_unit_id'), financeUnitId: sql.lit(r.finance_unit_id) });
  const [projects, opinions, counts, reports, files, evaluations, participants, session, termDeputies] = await Promise.all([
    projectsQ.execute(),
    db.selectFrom('budget_opinion').selectAll().where('review_id', '=', id).execute(),
    db.selectFrom('budget_comment as c').select(['c.project_id', 'c.report_id', sql<number>`count(*)::int`.as('n'), sql<number>`(count(*) filter (where c.state = 'open'))::int`.as('open')])
      .where('c.review_id', '=', id).where(visibleComment).groupBy(['c.project_id', 'c.report_id']).execute(),
    department ? Promise.resolve([]) : db.selectFrom('budget_report').selectAll().where('review_id', '=', id).orderBy('id').execute(),
    department ? Promise.resolve([]) : db.selectFrom('budget_report_file as f').innerJoin('budget_report as b', 'b.id', 'f.report_id')
      .select(['f.id', 'f.report_id', 'f.name', 'f.mime', 'f.size']).where('b.review_id', '=', id).orderBy('f.id').execute(),
    db.selectFrom('budget_evaluation as e').innerJoin('budget_project as p', 'p.id', 'e.project_id')
      .select(['e.id', 'e.project_id', 'p.name as project_name', 'p.department_unit_id', 'e.title', 'e.state', 'e.started_at', 'e.concluded_at', 'e.findings',
        sql<number | null>`e.average_score::float8`.as('average_score')])
      .where('e.review_id', '=', id).orderBy('e.id').execute(),
    db.selectFrom('budget_evaluation_participant as ep').innerJoin('budget_evaluation as e', 'e.id', 'ep.evaluation_id')
      .innerJoin('deputy as d', 'd.id', 'ep.deputy_id')
      .select(['ep.evaluation_id', 'ep.deputy_id', 'd.name', 'ep.score', 'ep.criteria', 'ep.opinion', 'ep.scored_at'])
      .where('e.review_id', '=', id).orderBy('d.name_pinyin').execute(),
    r.session_id === null ? Promise.resolve(undefined) : db.selectFrom('congress_session').select(['id', 'number']).where('id', '=', r.session_id).executeTakeFirst(),
    part === 'staff' ? db.selectFrom('deputy as d').select(['d.id', 'd.name']).where(sitsInTerm(sql.ref('d.id'), sql.lit(r.term_id))).orderBy('d.name_pinyin').execute() : Promise.resolve([]),
  ]);
  const countOf = (key: 'project_id' | 'report_id', value: number) => counts.filter((c) => c[key] === value)
    .reduce((a, c) => ({ n: a.n + c.n, open: a.open + c.open }), { n: 0, open: 0 });
  const general = opinions.find((o) => o.project_id === null);
  const staff = part === 'staff';
  return {
    ...presentListItem(actor, base),
    summary: r.summary, revenueYuan: r.revenue_yuan, expenditureYuan: r.expenditure_yuan, answerDays: r.answer_days,
    session: session ? { id: session.id, number: session.number } : null, resolution: r.resolution,
    openedAt: iso(r.opened_at), reviewedAt: iso(r.reviewed_at), submittedAt: iso(r.submitted_at), approvedAt: iso(r.approved_at), closedAt: iso(r.closed_at),
    actions: BUDGET_WORKFLOW.allowed(r.state, part),
    can: {
      editProjects: (staff || part === 'finance') && r.state === 'preparing',
      recordOpinions: staff && OPINION_STATES.includes(r.state),
      comment: part === 'deputy' && COMMENTING_STATES.includes(r.state),
      askOnReports: part === 'deputy' && REPORT_STATES.includes(r.state) && r.state !== 'preparing',
      answer: part === 'finance' || part === 'department' || actor.role === 'admin',
      fileReports: (staff || part === 'finance') && r.state !== 'approved' && r.state !== 'closed',
      startEvaluation: staff && r.state === 'approved',
      edit: staff && r.state !== 'approved' && r.state !== 'closed',
    },
    termDeputies,
    generalOpinion: general ? presentOpinion(general) : null,
    projects: projects.map((p) => {
      const c = countOf('project_id', p.id);
      const o = opinions.find((x) => x.project_id === p.id);
      return {
        id: p.id, name: p.name, category: p.category, department: p.department_unit_id === null ? null : { id: p.department_unit_id, name: p.department_name ?? '' },
        amountYuan: p.amount_yuan, originalAmountYuan: p.original_amount_yuan, description: p.description, sort: p.sort,
        opinion: o ? presentOpinion(o) : null, commentCount: c.n, openCommentCount: c.open,
      };
    }),
    reports: reports.map((b) => {
      const c = countOf('report_id', b.id);
      return {
        id: b.id, kind: b.kind, kindLabel: REPORT_KIND_LABELS[b.kind], title: b.title, summary: b.summary, filedAt: b.filed_at.toISOString(), filedBy: b.filed_by,
        files: files.filter((f) => f.report_id === b.id).map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, url: `/api/budget-reports/${b.id}/files/${f.id}` })),
        questionCount: c.n, openQuestionCount: c.open,
      };
    }),
    evaluations: evaluations.filter((e) => !department || e.department_unit_id === actor.unitId).map((e) => {
      const grade = e.state === 'concluded' ? gradeOf(e.average_score) : null;
      return {
        id: e.id, project: { id: e.project_id, name: e.project_name }, title: e.title, state: e.state,
        startedAt: e.started_at.toISOString(), concludedAt: iso(e.concluded_at), findings: e.findings,
        averageScore: e.average_score, grade, gradeLabel: grade ? GRADE_LABELS[grade] : null,
        participants: participants.filter((x) => x.evaluation_id === e.id).map((x) => ({
          deputyId: x.deputy_id, name: x.name, score: x.score, criteria: (x.criteria ?? null) as BudgetCriteria | null, opinion: x.opinion, scoredAt: iso(x.scored_at),
        })),
      };
    }),
  };
}

export interface CommentFilters { projectId?: number | undefined; reportId?: number | undefined; state?: BudgetCommentState | undefined; mine?: boolean | undefined }

function commentQuery(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('budget_comment as c')
    .innerJoin('budget_review as r', 'r.id', 'c.review_id')
    .innerJoin('deputy as d', 'd.id', 'c.deputy_id')
    .innerJoin('unit as u', 'u.id', 'c.addressed_unit_id')
    .leftJoin('budget_project as p', 'p.id', 'c.project_id')
    .leftJoin('budget_report as b', 'b.id', 'c.report_id')
    .select(['c.id', 'c.review_id', 'r.title as review_title', 'c.project_id', 'p.name as project_name', 'c.report_id', 'b.title as report_title', 'c.deputy_id', 'd.name as deputy_name',
      'c.body', 'c.addressed_unit_id', 'u.name as unit_name', 'c.addressed_kind', 'c.state', 'c.due_on', 'c.created_at', 'c.answer', 'c.answered_at', 'c.answered_by'])
    .where(budgetCommentVisible(actor, { addressedUnitId: sql.ref('c.addressed_unit_id'), financeUnitId: sql.ref('r.finance_unit_id') }))
    .orderBy('c.id');
}

type CommentRow = Awaited<ReturnType<ReturnType<typeof commentQuery>['execute']>>[number];

function presentComment(c: CommentRow, today: string) {
  return {
    id: c.id, reviewId: c.review_id, review: { id: c.review_id, title: c.review_title },
    project: c.project_id === null ? null : { id: c.project_id, name: c.project_name ?? '' },
    report: c.report_id === null ? null : { id: c.report_id, title: c.report_title ?? '' },
    deputy: { id: c.deputy_id, name: c.deputy_name }, body: c.body, addressedTo: { id: c.addressed_unit_id, name: c.unit_name },
    addressedKind: c.addressed_kind, state: c.state, stateLabel: COMMENT_STATE_LABELS[c.state], dueOn: c.due_on,
    overdue: c.state === 'open' && c.due_on < today, createdAt: c.created_at.toISOString(),
    answer: c.answer, answeredAt: iso(c.answered_at), answeredBy: c.answered_by,
  };
}
export type BudgetCommentItem = ReturnType<typeof presentComment>;

/** The comments of a review the reader reads, oldest first. */
export async function listComments(db: Kysely<DB>, actor: Actor, reviewId: number, f: CommentFilters) {
  const r = await reachReview(db, actor, reviewId);
  let q = commentQuery(db, actor).where('c.review_id', '=', r.row.id);
  if (f.projectId) q = q.where('c.project_id', '=', f.projectId);
  if (f.reportId) q = q.where('c.report_id', '=', f.reportId);
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.mine) q = q.where(actor.deputyId === null ? sql<SqlBool>`false` : sql<SqlBool>`c.deputy_id = ${actor.deputyId}`);
  const today = shanghaiDate(clockNow());
  return (await q.execute()).map((c) => presentComment(c, today));
}

/**
 * The comments across reviews that concern the reader, oldest first: a unit's, those addressed
 * to it; a deputy's, their own; staff, those of the reviews they reach.
 */
export async function listMyComments(db: Kysely<DB>, actor: Actor, f: { state?: BudgetCommentState | undefined; reviewId?: number | undefined }, page: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(page.cursor, isIdCursor);
  if (page.cursor && after === null) throw invalidFields([{ path: 'cursor', code: 'CURSOR_INVALID' }]);
  let q = commentQuery(db, actor).where(budgetReviewVisible(actor, reviewColumns('r'))).limit(page.limit + 1);
  if (actor.role === 'unit') q = q.where('c.addressed_unit_id', '=', actor.unitId);
  if (actor.role === 'deputy') q = q.where('c.deputy_id', '=', actor.deputyId);
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.reviewId) q = q.where('c.review_id', '=', f.reviewId);
  if (after !== null) q = q.where('c.id', '>', after);
  const today = shanghaiDate(clockNow());
  return toPage(await q.execute(), page.limit, (c) => c.id, (c) => presentComment(c, today));
}
