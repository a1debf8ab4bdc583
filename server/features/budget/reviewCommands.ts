/**
 * Creating, changing and moving a review, each in the caller's transaction with its audit
 * record. Only the congress's own staff (administrators too) create and move reviews; staff above
 * read. Opening a review tells the deputies of the term and the finance office.
 */
import { sql } from 'kysely';
import type { WriteContext } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { BudgetReviewKind } from '../../platform/db/schemaBudget.js';
import { unitVisible } from '../../platform/access/scope.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { now as clockNow } from '../../platform/clock.js';
import { notify } from '../../platform/notify/notify.js';
import { transition } from '../../platform/workflow/transition.js';
import { anyOf, clerksOf, termDeputiesOf } from '../../platform/notify/audience.js';
import { lockReview, requireEditable, requirePart, type ReachedReview } from './review.js';
import {
  BUDGET_KIND_LABELS, BUDGET_RULES, BUDGET_STATE_LABELS, BUDGET_WORKFLOW, type BudgetAction, type BudgetPart, type BudgetReviewState,
} from './workflow.js';

export interface ReviewFields {
  title?: string | undefined;
  financeUnitId: number;
  sessionId?: number | null | undefined;
  commentsDueOn?: string | null | undefined;
  answerDays?: number | undefined;
  summary?: string | undefined;
  revenueYuan?: number | null | undefined;
  expenditureYuan?: number | null | undefined;
}

export interface ReviewInput extends ReviewFields { termId: number; year: number; kind: BudgetReviewKind }

/** The finance unit and the session, checked: a unit the staff member reaches, a session of the term. */
async function checkRefs(ctx: WriteContext, termId: number, f: ReviewFields): Promise<void> {
  const unit = await ctx.trx.selectFrom('unit as u').select('u.id').where('u.id', '=', f.financeUnitId).where('u.active', '=', true)
    .where(unitVisible(ctx.actor, sql.ref('u.id'), sql.ref('u.region_path'))).executeTakeFirst();
  const bad: { path: string; code: 'UNKNOWN_REFERENCE' }[] = [];
  if (!unit) bad.push({ path: 'financeUnitId', code: 'UNKNOWN_REFERENCE' });
  if (f.sessionId != null) {
    const session = await ctx.trx.selectFrom('congress_session').select('id').where('id', '=', f.sessionId).where('term_id', '=', termId).executeTakeFirst();
    if (!session) bad.push({ path: 'sessionId', code: 'UNKNOWN_REFERENCE' });
  }
  if (bad.length) throw invalidFields(bad);
}

export async function createReview(ctx: WriteContext, input: ReviewInput): Promise<number> {
  const now = clockNow();
  const term = await ctx.trx.selectFrom('congress_term as t').leftJoin('region as g', 'g.code', 't.region_code')
    .select(['t.id', 't.level', 't.region_code', 't.region_path', 't.number', 'g.name as region_name'])
    .where('t.id', '=', input.termId).forUpdate('t').executeTakeFirst();
  const a = ctx.actor;
  const inReach = term && (a.role === 'admin' || (a.role === 'staff' && term.region_path.startsWith(a.scopePath ?? '-')));
  if (!term || !inReach) throw invalidFields([{ path: 'termId', code: 'UNKNOWN_REFERENCE' }]);
  if (a.role === 'staff' && a.scopePath !== term.region_path) throw new AppError('FORBIDDEN');
  if ((term.level !== 'county' && term.level !== 'township') || !term.region_code) throw new AppError('BUDGET_TERM_LEVEL');
  await checkRefs(ctx, term.id, input);
  const kindLabel = BUDGET_KIND_LABELS[input.kind].zh;
  const existing = await ctx.trx.selectFrom('budget_review').select('id').where('term_id', '=', term.id)
    .where('year', '=', input.year).where('kind', '=', input.kind).executeTakeFirst();
  if (existing) throw new AppError('BUDGET_REVIEW_EXISTS', { year: input.year, kindLabel });
  let draftId: number | null = null;
  if (input.kind === 'adjustment') {
    const draft = await ctx.trx.selectFrom('budget_review').select(['id', 'state']).where('term_id', '=', term.id)
      .where('year', '=', input.year).where('kind', '=', 'draft').executeTakeFirst();
    if (!draft || (draft.state !== 'approved' && draft.state !== 'closed')) throw new AppError('BUDGET_DRAFT_NOT_APPROVED', { year: input.year });
    draftId = draft.id;
  }
  const row = await ctx.trx.insertInto('budget_review').values({
    kind: input.kind, year: input.year, term_id: term.id, level: term.level, region_code: term.region_code, region_path: term.region_path,
    title: input.title?.trim() || `${term.region_name ?? ''}${input.year}年${kindLabel}审查`, state: 'preparing',
    finance_unit_id: input.financeUnitId, session_id: input.sessionId ?? null, comments_due_on: input.commentsDueOn ?? null,
    answer_days: input.answerDays ?? 7, summary: input.summary ?? '', revenue_yuan: input.revenueYuan ?? null,
    expenditure_yuan: input.expenditureYuan ?? null, created_by_account_id: a.accountId || null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  let copied = 0;
  if (draftId !== null) {
    // The adjustment starts from the approved draft's key projects, their amounts as the amounts before it.
    const projects = await ctx.trx.selectFrom('budget_project').selectAll().where('review_id', '=', draftId).orderBy('sort').orderBy('id').execute();
    if (projects.length) {
      await ctx.trx.insertInto('budget_project').values(projects.map((p) => ({
        review_id: row.id, name: p.name, category: p.category, department_unit_id: p.department_unit_id, amount_yuan: p.amount_yuan,
        original_amount_yuan: p.amount_yuan, description: p.description, sort: p.sort, created_at: now, updated_at: now,
      }))).execute();
    }
    copied = projects.length;
  }
  await recordAudit(ctx, {
    action: 'budget_review.create', entityType: 'budget_review', entityId: row.id,
    after: { termId: term.id, year: input.year, kind: input.kind, financeUnitId: input.financeUnitId, projectsCopied: copied },
  });
  return row.id;
}

export async function updateReview(ctx: WriteContext, id: number, f: ReviewFields): Promise<void> {
  const r = await lockReview(ctx, id);
  requirePart(r, 'staff');
  requireEditable(r);
  await checkRefs(ctx, r.row.term_id, f);
  const before = pick(r);
  const now = clockNow();
  await ctx.trx.updateTable('budget_review').set({
    ...(f.title?.trim() ? { title: f.title.trim() } : {}),
    finance_unit_id: f.financeUnitId, session_id: f.sessionId ?? null, comments_due_on: f.commentsDueOn ?? null,
    ...(f.answerDays ? { answer_days: f.answerDays } : {}), summary: f.summary ?? '',
    revenue_yuan: f.revenueYuan ?? null, expenditure_yuan: f.expenditureYuan ?? null, updated_at: now, version: sql`version + 1`,
  }).where('id', '=', id).execute();
  await recordAudit(ctx, { action: 'budget_review.update', entityType: 'budget_review', entityId: id, before, after: f });
}

const pick = (r: ReachedReview) => ({
  title: r.row.title, financeUnitId: r.row.finance_unit_id, sessionId: r.row.session_id, commentsDueOn: r.row.comments_due_on,
  answerDays: r.row.answer_days, revenueYuan: r.row.revenue_yuan, expenditureYuan: r.row.expenditure_yuan,
});

const STAMP: Partial<Record<BudgetReviewState, 'opened_at' | 'reviewed_at' | 'submitted_at' | 'approved_at' | 'closed_at'>> = {
  open: 'opened_at', reviewed: 'reviewed_at', submitted: 'submitted_at', approved: 'approved_at', closed: 'closed_at',
};

/** One action of the rule table on the review, as the review's staff. */
export async function takeReviewAction(ctx: WriteContext, id: number, action: BudgetAction, comment: string | null | undefined): Promise<void> {
  const now = clockNow();
  let reached: ReachedReview | null = null;
  const label = BUDGET_RULES[action].label;
  await transition(ctx, {
    workflow: BUDGET_WORKFLOW, action, comment,
    lock: async () => {
      try {
        reached = await lockReview(ctx, id);
      } catch (e) {
        if (e instanceof AppError && e.code === 'NOT_FOUND') return undefined;
        throw e;
      }
      return reached.row;
    },
    actorOf: (): BudgetPart | null => reached?.part ?? null,
    notFound: () => new AppError('NOT_FOUND'),
    refused: (reason, row) => {
      if (reason === 'ROLE') return new AppError('BUDGET_ACTION_FORBIDDEN', { actionLabel: label });
      if (reason === 'STATE') return new AppError('BUDGET_TRANSITION_INVALID', { state: row.state, stateLabel: BUDGET_STATE_LABELS[row.state], actionLabel: label, action });
      return invalidFields([{ path: 'comment', code: 'REQUIRED' }]);
    },
    effect: async (t) => {
      const facts: Record<string, unknown> = {};
      if (action === 'open') {
        const n = await ctx.trx.selectFrom('budget_project').select(sql<number>`count(*)::int`.as('n')).where('review_id', '=', id).executeTakeFirstOrThrow();
        if (n.n === 0) throw new AppError('BUDGET_NO_PROJECTS');
        facts.projects = n.n;
      }
      if (action === 'finish_preliminary') {
        const general = await ctx.trx.selectFrom('budget_opinion').select('id').where('review_id', '=', id).where('project_id', 'is', null).executeTakeFirst();
        if (!general) throw new AppError('BUDGET_OPINION_MISSING');
      }
      if (action === 'close') {
        const open = await ctx.trx.selectFrom('budget_comment').select(sql<number>`count(*)::int`.as('n')).where('review_id', '=', id).where('state', '=', 'open').executeTakeFirstOrThrow();
        if (open.n > 0) throw new AppError('BUDGET_COMMENTS_OPEN', { open: open.n });
      }
      if (action === 'approve') facts.resolution = t.comment;
      return facts;
    },
    apply: async ({ to, comment }) => {
      const stamp = STAMP[to];
      await ctx.trx.updateTable('budget_review').set({
        state: to, updated_at: now, version: sql`version + 1`,
        ...(stamp ? { [stamp]: now } : {}),
        ...(action === 'approve' ? { resolution: comment } : {}),
      }).where('id', '=', id).execute();
    },
    event: async () => {},
    followUps: async ({ row }) => {
      if (action !== 'open') return;
      await notify(ctx.trx, {
        accountIds: anyOf(termDeputiesOf(ctx.trx, row.term_id), clerksOf(ctx.trx, [row.finance_unit_id])), kind: 'budget.open', title: `${row.title}征求代表意见`,
        body: row.comments_due_on ? `请于 ${row.comments_due_on} 前查看重点项目并提出意见。` : '请查看重点项目并提出意见。',
        link: `/budget/${id}`, dedupeKey: `budget.open:${id}`,
      });
    },
    audit: ({ from, to, comment, effect }) => ({
      action: `budget_review.${action}`, entityType: 'budget_review', entityId: id, before: { state: from }, after: { state: to, comment, ...effect },
    }),
  });
}
