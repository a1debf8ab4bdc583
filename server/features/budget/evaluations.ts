/**
 * The performance evaluation of a key project (绩效评价) once the budget is approved: the
 * congress's staff invite deputies of the term to take part; each scores the project (0–100
 * overall, optionally per criterion: 决策、过程、产出、效益) with an opinion; the staff conclude
 * with the findings, and the average score and its grade are kept.
 */
import { sql } from 'kysely';
import type { WriteContext } from '../../platform/audit/audit.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { BudgetCriteria } from '../../platform/db/schemaBudget.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { now as clockNow } from '../../platform/clock.js';
import { notify } from '../../platform/notify/notify.js';
import { deputiesOf } from '../../platform/notify/audience.js';
import { sitsInTerm } from '../../platform/access/terms.js';
import { lockReview, requirePart, touchReview } from './review.js';

export interface EvaluationInput { projectId: number; title?: string | undefined; participantIds: number[] }

export async function startEvaluation(ctx: WriteContext, reviewId: number, input: EvaluationInput): Promise<number> {
  const r = await lockReview(ctx, reviewId);
  requirePart(r, 'staff');
  if (r.row.state !== 'approved') throw new AppError('BUDGET_EVALUATION_STATE');
  const project = await ctx.trx.selectFrom('budget_project').select(['id', 'name']).where('id', '=', input.projectId).where('review_id', '=', reviewId).executeTakeFirst();
  if (!project) throw invalidFields([{ path: 'projectId', code: 'UNKNOWN_REFERENCE' }]);
  const ids = [...new Set(input.participantIds)];
  const sitting = new Set((await ctx.trx.selectFrom('deputy as d').select('d.id').where('d.id', 'in', ids)
    .where(sitsInTerm(sql.ref('d.id'), sql.lit(r.row.term_id))).execute()).map((d) => d.id));
  const bad = input.participantIds.map((id, i) => ({ id, i })).filter(({ id }) => !sitting.has(id));
  if (bad.length) throw invalidFields(bad.map(({ i }) => ({ path: `participantIds.${i}`, code: 'UNKNOWN_REFERENCE' as const })));
  const now = clockNow();
  const title = input.title?.trim() || `${project.name}绩效评价`;
  const row = await ctx.trx.insertInto('budget_evaluation').values({
    review_id: reviewId, project_id: project.id, title, state: 'open', started_at: now, started_by_account_id: ctx.actor.accountId || null,
  }).returning('id').executeTakeFirstOrThrow();
  await ctx.trx.insertInto('budget_evaluation_participant').values(ids.map((deputy_id) => ({ evaluation_id: row.id, deputy_id }))).execute();
  await notify(ctx.trx, {
    accountIds: deputiesOf(ctx.trx, ids), kind: 'budget.evaluate', title: `请参加${title}`, body: '请查看项目执行情况并评分。', link: `/budget/${reviewId}`,
  });
  await touchReview(ctx.trx, reviewId, now);
  await recordAudit(ctx, { action: 'budget_evaluation.create', entityType: 'budget_evaluation', entityId: row.id, after: { reviewId, projectId: project.id, participantIds: ids } });
  return row.id;
}

async function lockEvaluation(ctx: WriteContext, evaluationId: number) {
  const e = await ctx.trx.selectFrom('budget_evaluation').select(['review_id']).where('id', '=', evaluationId).executeTakeFirst();
  const r = await lockReview(ctx, e?.review_id ?? 0);
  const row = await ctx.trx.selectFrom('budget_evaluation').selectAll().where('id', '=', evaluationId).forUpdate().executeTakeFirstOrThrow();
  return { r, row };
}

export interface ScoreInput { score: number; criteria?: BudgetCriteria | undefined; opinion?: string | undefined }

export async function scoreEvaluation(ctx: WriteContext, evaluationId: number, s: ScoreInput): Promise<number> {
  const { r, row } = await lockEvaluation(ctx, evaluationId);
  requirePart(r, 'deputy');
  const mine = await ctx.trx.selectFrom('budget_evaluation_participant').select('score').where('evaluation_id', '=', evaluationId)
    .where('deputy_id', '=', ctx.actor.deputyId!).executeTakeFirst();
  if (!mine) throw new AppError('BUDGET_NOT_PARTICIPANT');
  if (row.state !== 'open') throw new AppError('BUDGET_EVALUATION_CONCLUDED');
  const now = clockNow();
  await ctx.trx.updateTable('budget_evaluation_participant').set({
    score: s.score, criteria: s.criteria ? JSON.stringify(s.criteria) : null, opinion: s.opinion?.trim() || null, scored_at: now,
  }).where('evaluation_id', '=', evaluationId).where('deputy_id', '=', ctx.actor.deputyId!).execute();
  await recordAudit(ctx, { action: 'budget_evaluation.score', entityType: 'budget_evaluation', entityId: evaluationId, before: { score: mine.score }, after: s });
  return r.row.id;
}

export async function concludeEvaluation(ctx: WriteContext, evaluationId: number, findings: string): Promise<number> {
  const { r, row } = await lockEvaluation(ctx, evaluationId);
  requirePart(r, 'staff');
  if (row.state !== 'open') throw new AppError('BUDGET_EVALUATION_CONCLUDED');
  const avg = await ctx.trx.selectFrom('budget_evaluation_participant')
    .select([sql<number | null>`round(avg(score), 1)::float8`.as('avg'), sql<number>`count(score)::int`.as('n')])
    .where('evaluation_id', '=', evaluationId).executeTakeFirstOrThrow();
  if (avg.n === 0 || avg.avg === null) throw new AppError('BUDGET_EVALUATION_UNSCORED');
  const now = clockNow();
  await ctx.trx.updateTable('budget_evaluation').set({ state: 'concluded', concluded_at: now, findings: findings.trim(), average_score: avg.avg })
    .where('id', '=', evaluationId).execute();
  await touchReview(ctx.trx, r.row.id, now);
  await recordAudit(ctx, { action: 'budget_evaluation.conclude', entityType: 'budget_evaluation', entityId: evaluationId, after: { averageScore: avg.avg, scored: avg.n } });
  return r.row.id;
}
