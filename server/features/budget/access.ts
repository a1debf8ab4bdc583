import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { sitsInTerm } from '../../platform/access/terms.js';
import { byRole, columns, within, type Filter, type Ref } from '../../platform/access/scope.js';
import type { BudgetPart } from './workflow.js';

/** Budget review: which reviews by budgetReviewVisible, what may be done by the part (budgetPartOf) and workflow.ts. */
export const abilities = {
  /** Reading reviews, projects, opinions, reports, comments and evaluations; which ones by budgetReviewVisible. */
  'budget.read': ['admin', 'staff', 'deputy', 'unit'],
  /** Creating reviews, moving them, projects, opinions, reports, evaluations; for the congress's own staff (checked per review). */
  'budget.manage': ['admin', 'staff'],
  /** The finance office's clerks enter projects and file reports as the staff do. */
  'budget.prepare': ['admin', 'staff', 'unit'],
  /** Deputies comment, ask and score. */
  'budget.comment': ['deputy'],
  /** Units answer the comments addressed to them. */
  'budget.answer': ['admin', 'unit'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { budget: typeof abilities }
}

/** The columns of a `budget_review` row the filters read. */
export interface ReviewColumns { id: Ref; regionPath: Ref; state: Ref; termId: Ref; financeUnitId: Ref }

export function reviewColumns(alias: string): ReviewColumns {
  return columns(alias, { id: 'id', regionPath: 'region_path', state: 'state', termId: 'term_id', financeUnitId: 'finance_unit_id' });
}

/** A department's part in a review: a project of theirs, or a comment addressed to them. */
function departmentOf(unitId: number | null, r: ReviewColumns): Filter {
  return sql<SqlBool>`(${r.state} <> 'preparing' and (
    exists (select 1 from budget_project bp where bp.review_id = ${r.id} and bp.department_unit_id = ${unitId})
    or exists (select 1 from budget_comment bc where bc.review_id = ${r.id} and bc.addressed_unit_id = ${unitId})))`;
}

/**
 * Which reviews an account reaches, inside the SQL:
 * - staff: the reviews of congresses in their subtree (staff above read);
 * - deputies: those of the congress terms they sit in, once opened to them;
 * - unit clerks: their finance office's reviews (also while prepared), and, once opened, those
 *   where their unit is a project's department or was addressed a comment.
 */
export function budgetReviewVisible(actor: AnyActor, r: ReviewColumns): Filter {
  return byRole(actor, {
    admin: () => sql<SqlBool>`true`,
    staff: (a) => within(r.regionPath, a.scopePath!),
    deputy: (a) => sql<SqlBool>`(${r.state} <> 'preparing' and ${sitsInTerm(a.deputyId!, r.termId)})`,
    unit: (a) => sql<SqlBool>`(${r.financeUnitId} = ${a.unitId} or ${departmentOf(a.unitId, r)})`,
  });
}

/**
 * Which comments of a reachable review an account reads: all, except that a department's clerks
 * read only those addressed to their unit.
 */
export function budgetCommentVisible(actor: AnyActor, c: { addressedUnitId: Ref; financeUnitId: Ref }): Filter {
  return byRole(actor, {
    admin: () => sql<SqlBool>`true`,
    staff: () => sql<SqlBool>`true`,
    deputy: () => sql<SqlBool>`true`,
    unit: (a) => sql<SqlBool>`(${c.financeUnitId} = ${a.unitId} or ${c.addressedUnitId} = ${a.unitId})`,
  });
}

/** The facts about one review and one account that decide the account's part. */
export interface PartFacts { regionPath: string; financeUnitId: number; deputySits: boolean }

/**
 * The part an account plays on a review it reaches: staff act for their own congress only
 * (staff above read); a deputy who sits in the term; the finance office; another unit (reached
 * as a department).
 */
export function budgetPartOf(actor: AnyActor, f: PartFacts): BudgetPart | null {
  if (actor.kind !== 'account') return null;
  switch (actor.role) {
    case 'admin': return 'staff';
    case 'staff': return actor.scopePath === f.regionPath ? 'staff' : 'reader';
    case 'deputy': return f.deputySits ? 'deputy' : null;
    case 'unit': return actor.unitId === f.financeUnitId ? 'finance' : 'department';
    default: return null;
  }
}
