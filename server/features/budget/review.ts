/**
 * One review as the reader reaches it, with the reader's part: what every command starts from.
 * Reading and locking go through the same filter (budgetReviewVisible), so a review out of reach
 * answers NOT_FOUND as a missing one does.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Actor, AnyActor } from '../../platform/access/actor.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { budgetPartOf, budgetReviewVisible, reviewColumns } from './access.js';
import { sitsInTerm } from '../../platform/access/terms.js';
import { BUDGET_STATE_LABELS, type BudgetPart } from './workflow.js';

type Db = Kysely<DB> | Transaction<DB>;

function reviewQuery(db: Db, actor: AnyActor) {
  const deputyId = actor.kind === 'account' ? actor.deputyId : null;
  return db.selectFrom('budget_review as r').selectAll('r')
    .select(deputyId === null ? sql<boolean>`false`.as('deputy_sits') : sitsInTerm(deputyId, sql.ref('r.term_id')).as('deputy_sits'))
    .where(budgetReviewVisible(actor, reviewColumns('r')));
}

export type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviewQuery>['executeTakeFirstOrThrow']>>;

export interface ReachedReview { row: ReviewRow; part: BudgetPart }

function reached(actor: AnyActor, row: ReviewRow | undefined): ReachedReview {
  if (!row) throw new AppError('NOT_FOUND');
  const part = budgetPartOf(actor, { regionPath: row.region_path, financeUnitId: row.finance_unit_id, deputySits: Boolean(row.deputy_sits) });
  if (!part) throw new AppError('NOT_FOUND');
  return { row, part };
}

/** The review and the reader's part; NOT_FOUND when out of reach. */
export async function reachReview(db: Db, actor: AnyActor, id: number): Promise<ReachedReview> {
  return reached(actor, await reviewQuery(db, actor).where('r.id', '=', id).executeTakeFirst());
}

/** The same, locking the review's row for the write (serialises writes to one review). */
export async function lockReview(ctx: WriteContext<Actor>, id: number): Promise<ReachedReview> {
  return reached(ctx.actor, await reviewQuery(ctx.trx, ctx.actor).where('r.id', '=', id).forUpdate('r').executeTakeFirst());
}

/** Refuses anyone but the given parts (403 FORBIDDEN). */
export function requirePart(r: ReachedReview, ...parts: BudgetPart[]): void {
  if (!parts.includes(r.part)) throw new AppError('FORBIDDEN');
}

/** Refuses a change to a review approved or closed. */
export function requireEditable(r: ReachedReview): void {
  if (r.row.state === 'approved' || r.row.state === 'closed') {
    throw new AppError('BUDGET_REVIEW_LOCKED', { stateLabel: BUDGET_STATE_LABELS[r.row.state].zh });
  }
}

/** Bumps the review's version and time after a change to it or its records. */
export async function touchReview(trx: Transaction<DB>, id: number, now: Date): Promise<void> {
  await trx.updateTable('budget_review').set({ updated_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
}
