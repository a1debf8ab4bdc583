/**
 * The budget review cycle (预算审查) as one rule table, the same for the draft (预算草案) and
 * the mid-year adjustment (预算调整):
 *
 * 准备中 (the finance office and the staff enter the key projects) → 征求代表意见 (the deputies of
 * the congress comment; the budget review committee records its preliminary opinions) → 初审完成
 * (the committee's general opinion recorded) → 提请审议 (submitted to the session or the standing
 * committee) → 已批准 (the resolution recorded; performance evaluation of the key projects) → 已结束.
 *
 * Only the congress's own staff (administrators too) move a review; everything else is refused
 * with 409 BUDGET_TRANSITION_INVALID or 403 BUDGET_ACTION_FORBIDDEN.
 */
import type { Label } from '../../../common/enums.js';
import type { BudgetReviewKind, BudgetReviewState } from '../../platform/db/schemaBudget.js';
import { defineWorkflow, type RuleTable } from '../../platform/workflow/rules.js';

export type { BudgetReviewState } from '../../platform/db/schemaBudget.js';

/**
 * The part an account plays on a review: the congress's staff (administrators too), staff above
 * who only read, a deputy of its congress term, the finance office's clerks, a department's
 * clerks (a project of theirs or a comment addressed to them).
 */
export type BudgetPart = 'staff' | 'reader' | 'deputy' | 'finance' | 'department';

export const BUDGET_STATES = ['preparing', 'open', 'reviewed', 'submitted', 'approved', 'closed'] as const satisfies readonly BudgetReviewState[];

export const BUDGET_STATE_LABELS: Record<BudgetReviewState, Label> = {
  preparing: { zh: '准备中', en: 'Being prepared' },
  open: { zh: '征求代表意见', en: 'Open to deputies' },
  reviewed: { zh: '初审完成', en: 'Preliminary review done' },
  submitted: { zh: '提请审议', en: 'Submitted to the congress' },
  approved: { zh: '已批准', en: 'Approved' },
  closed: { zh: '已结束', en: 'Closed' },
};

export const BUDGET_KIND_LABELS: Record<BudgetReviewKind, Label> = {
  draft: { zh: '预算草案', en: 'Budget draft' },
  adjustment: { zh: '预算调整', en: 'Budget adjustment' },
};

export const BUDGET_ACTIONS = ['open', 'finish_preliminary', 'submit', 'approve', 'close'] as const;
export type BudgetAction = (typeof BUDGET_ACTIONS)[number];

export const BUDGET_RULES: RuleTable<BudgetReviewState, BudgetAction, BudgetPart> = {
  open: { from: ['preparing'], to: 'open', by: ['staff'], label: { zh: '向代表公开并征求意见', en: 'Open to the deputies' } },
  finish_preliminary: { from: ['open'], to: 'reviewed', by: ['staff'], label: { zh: '完成初步审查', en: 'Finish the preliminary review' } },
  submit: { from: ['reviewed'], to: 'submitted', by: ['staff'], label: { zh: '提请大会审议', en: 'Submit to the congress' } },
  approve: { from: ['submitted'], to: 'approved', by: ['staff'], needsComment: true, label: { zh: '记录批准决议', en: 'Record the approval' } },
  close: { from: ['approved'], to: 'closed', by: ['staff'], label: { zh: '结束', en: 'Close' } },
};

export const BUDGET_WORKFLOW = defineWorkflow(BUDGET_ACTIONS, BUDGET_RULES);

/** States in which deputies comment on the projects. */
export const COMMENTING_STATES: readonly BudgetReviewState[] = ['open', 'reviewed'];
/** States in which the committee records its preliminary opinions. */
export const OPINION_STATES: readonly BudgetReviewState[] = ['open', 'reviewed'];
/** States in which reports are filed and questioned. */
export const REPORT_STATES: readonly BudgetReviewState[] = ['preparing', 'open', 'reviewed', 'submitted', 'approved'];

export const RECOMMENDATION_LABELS = {
  agree: { zh: '同意', en: 'Agree' },
  agree_with_changes: { zh: '原则同意,建议调整', en: 'Agree with changes' },
  reconsider: { zh: '建议重新研究', en: 'Reconsider' },
} as const satisfies Record<string, Label>;

export const REPORT_KIND_LABELS = {
  state_assets: { zh: '国有资产管理情况报告', en: 'Report on state assets' },
  debt: { zh: '政府债务报告', en: 'Report on government debt' },
} as const satisfies Record<string, Label>;

export const COMMENT_STATE_LABELS = {
  open: { zh: '待答复', en: 'Awaiting an answer' },
  answered: { zh: '已答复', en: 'Answered' },
} as const satisfies Record<string, Label>;

export const GRADE_LABELS = {
  excellent: { zh: '优', en: 'Excellent' },
  good: { zh: '良', en: 'Good' },
  fair: { zh: '中', en: 'Fair' },
  poor: { zh: '差', en: 'Poor' },
} as const satisfies Record<string, Label>;
export type Grade = keyof typeof GRADE_LABELS;

/** The grade of a performance evaluation by its average score (绩效评价等级: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below). */
export function gradeOf(score: number | null): Grade | null {
  if (score === null) return null;
  return score >= 90 ? 'excellent' : score >= 80 ? 'good' : score >= 60 ? 'fair' : 'poor';
}
