/**
 * The key projects of a review (entered by the staff or the finance office while the review is
 * prepared) and the budget review committee's preliminary opinions (one per project and one
 * general opinion, recorded by the congress's staff while the review is open or reviewed).
 */
import { sql } from 'kysely';
import type { WriteContext } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { BudgetRecommendation } from '../../platform/db/schemaBudget.js';
import { unitVisible } from '../../platform/access/scope.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { now as clockNow } from '../../platform/clock.js';
import { lockReview, requirePart, touchReview, type ReachedReview } from './review.js';
import { OPINION_STATES } from './workflow.js';

export interface ProjectInput {
  name: string;
  category?: string | undefined;
  departmentUnitId?: number | null | undefined;
  amountYuan: number;
  originalAmountYuan?: number | null | undefined;
  description?: string | undefined;
  sort?: number | undefined;
}

function requirePreparing(r: ReachedReview): void {
  requirePart(r, 'staff', 'finance');
  if (r.row.state !== 'preparing') throw new AppError('BUDGET_PROJECTS_LOCKED');
}

async function checkDepartment(ctx: WriteContext, unitId: number | null | undefined): Promise<void> {
  if (unitId == null) return;
  const found = await ctx.trx.selectFrom('unit as u').select('u.id').where('u.id', '=', unitId).where('u.active', '=', true)
    .where(ctx.actor.role === 'unit' ? sql<boolean>`true` : unitVisible(ctx.actor, sql.ref('u.id'), sql.ref('u.region_path'))).executeTakeFirst();
  if (!found) throw invalidFields([{ path: 'departmentUnitId', code: 'UNKNOWN_REFERENCE' }]);
}

const values = (p: ProjectInput) => ({
  name: p.name.trim(), category: p.category?.trim() ?? '', department_unit_id: p.departmentUnitId ?? null, amount_yuan: p.amountYuan,
  original_amount_yuan: p.originalAmountYuan ?? null, description: p.description ?? '', sort: p.sort ?? 0,
});

export async function addProject(ctx: WriteContext, reviewId: number, p: ProjectInput): Promise<number> {
  const r = await lockReview(ctx, reviewId);
  requirePreparing(r);
  await checkDepartment(ctx, p.departmentUnitId);
  const now = clockNow();
  const row = await ctx.trx.insertInto('budget_project').values({ review_id: reviewId, ...values(p), created_at: now, updated_at: now })
    .returning('id').executeTakeFirstOrThrow();
  await touchReview(ctx.trx, reviewId, now);
  await recordAudit(ctx, { action: 'budget_project.create', entityType: 'budget_project', entityId: row.id, after: { reviewId, ...p } });
  return row.id;
}

/** The review a project belongs to (0 when there is none: the lock then answers NOT_FOUND). */
async function reviewOfProject(ctx: WriteContext, projectId: number): Promise<number> {
  const p = await ctx.trx.selectFrom('budget_project').select('review_id').where('id', '=', projectId).executeTakeFirst();
  return p?.review_id ?? 0;
}

export async function updateProject(ctx: WriteContext, projectId: number, p: ProjectInput): Promise<number> {
  const reviewId = await reviewOfProject(ctx, projectId);
  const r = await lockReview(ctx, reviewId);
  requirePreparing(r);
  await checkDepartment(ctx, p.departmentUnitId);
  const now = clockNow();
  const before = await ctx.trx.selectFrom('budget_project').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
  await ctx.trx.updateTable('budget_project').set({ ...values(p), updated_at: now }).where('id', '=', projectId).execute();
  await touchReview(ctx.trx, reviewId, now);
  await recordAudit(ctx, {
    action: 'budget_project.update', entityType: 'budget_project', entityId: projectId,
    before: { name: before.name, amountYuan: before.amount_yuan, departmentUnitId: before.department_unit_id }, after: p,
  });
  return reviewId;
}

export async function deleteProject(ctx: WriteContext, projectId: number): Promise<void> {
  const reviewId = await reviewOfProject(ctx, projectId);
  const r = await lockReview(ctx, reviewId);
  requirePreparing(r);
  const before = await ctx.trx.selectFrom('budget_project').select(['name', 'amount_yuan']).where('id', '=', projectId).executeTakeFirstOrThrow();
  // A project being prepared has no opinions, comments or evaluations yet (those come once the review is open).
  await ctx.trx.deleteFrom('budget_project').where('id', '=', projectId).execute();
  await touchReview(ctx.trx, reviewId, clockNow());
  await recordAudit(ctx, { action: 'budget_project.delete', entityType: 'budget_project', entityId: projectId, before: { reviewId, name: before.name, amountYuan: before.amount_yuan } });
}

export interface OpinionInput { projectId: number | null; recommendation: BudgetRecommendation; body: string }

/** Records (or replaces) the committee's opinion on a project, or its general opinion. */
export async function recordOpinion(ctx: WriteContext, reviewId: number, o: OpinionInput): Promise<void> {
  const r = await lockReview(ctx, reviewId);
  requirePart(r, 'staff');
  if (!OPINION_STATES.includes(r.row.state)) throw new AppError('BUDGET_OPINIONS_CLOSED');
  if (o.projectId !== null) {
    const p = await ctx.trx.selectFrom('budget_project').select('id').where('id', '=', o.projectId).where('review_id', '=', reviewId).executeTakeFirst();
    if (!p) throw invalidFields([{ path: 'projectId', code: 'UNKNOWN_REFERENCE' }]);
  }
  const now = clockNow();
  let q = ctx.trx.selectFrom('budget_opinion').select(['id', 'recommendation', 'body']).where('review_id', '=', reviewId);
  q = o.projectId === null ? q.where('project_id', 'is', null) : q.where('project_id', '=', o.projectId);
  const existing = await q.executeTakeFirst();
  const set = {
    recommendation: o.recommendation, body: o.body.trim(), recorded_by_account_id: ctx.actor.accountId || null,
    recorded_by: ctx.actor.displayName, recorded_at: now,
  };
  if (existing) await ctx.trx.updateTable('budget_opinion').set(set).where('id', '=', existing.id).execute();
  else await ctx.trx.insertInto('budget_opinion').values({ review_id: reviewId, project_id: o.projectId, ...set }).execute();
  await touchReview(ctx.trx, reviewId, now);
  await recordAudit(ctx, {
    action: 'budget_opinion.record', entityType: 'budget_review', entityId: reviewId,
    before: existing ? { recommendation: existing.recommendation, body: existing.body } : null, after: o,
  });
}
