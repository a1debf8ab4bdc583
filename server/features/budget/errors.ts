import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of budget review: code, HTTP status, message in zh-CN and en; each also has its row in the README's error table. */
export const BUDGET_ERRORS = {
  BUDGET_TRANSITION_INVALID: { status: 409, zh: '预算审查当前状态({stateLabel})下不能执行“{actionLabel}”', en: 'Cannot “{actionLabel}” a budget review that is {stateLabel}' },
  BUDGET_ACTION_FORBIDDEN: { status: 403, zh: '您不能对该预算审查执行“{actionLabel}”', en: 'You may not “{actionLabel}” on this budget review' },
  BUDGET_REVIEW_EXISTS: { status: 409, zh: '本届人大 {year} 年的{kindLabel}审查已建立', en: 'The {year} {kindLabel} review of this congress term exists already' },
  BUDGET_DRAFT_NOT_APPROVED: { status: 409, zh: '{year} 年预算草案尚未批准,不能进行预算调整审查', en: 'The {year} budget draft is not approved yet: no adjustment can be reviewed' },
  BUDGET_TERM_LEVEL: { status: 409, zh: '预算审查仅适用于县级和乡镇人大', en: 'Budget reviews are for county and township congresses' },
  BUDGET_REVIEW_LOCKED: { status: 409, zh: '预算审查已{stateLabel},不能再修改', en: 'The budget review is {stateLabel}: it can no longer be changed' },
  BUDGET_PROJECTS_LOCKED: { status: 409, zh: '重点项目只能在准备阶段修改', en: 'Key projects are changed only while the review is being prepared' },
  BUDGET_NO_PROJECTS: { status: 409, zh: '请先录入至少一个重点项目', en: 'Enter at least one key project first' },
  BUDGET_OPINION_MISSING: { status: 409, zh: '请先录入预算审查委员会的总体初审意见', en: 'Record the committee’s general preliminary opinion first' },
  BUDGET_OPINIONS_CLOSED: { status: 409, zh: '初审意见只能在征求意见和初审阶段录入', en: 'Preliminary opinions are recorded while the review is open or reviewed' },
  BUDGET_COMMENTS_CLOSED: { status: 409, zh: '预算审查当前不接受代表意见', en: 'The budget review takes no comments now' },
  BUDGET_COMMENTS_OPEN: { status: 409, zh: '尚有 {open} 条代表意见未答复', en: '{open} comments are still unanswered' },
  BUDGET_COMMENT_ANSWERED: { status: 409, zh: '该意见已答复', en: 'This comment has been answered already' },
  BUDGET_NOT_PARTICIPANT: { status: 403, zh: '您未被邀请参加该项目的绩效评价', en: 'You are not taking part in this performance evaluation' },
  BUDGET_EVALUATION_STATE: { status: 409, zh: '绩效评价在预算批准后开展', en: 'Performance evaluations start once the budget is approved' },
  BUDGET_EVALUATION_CONCLUDED: { status: 409, zh: '该绩效评价已结束', en: 'This performance evaluation is concluded' },
  BUDGET_EVALUATION_UNSCORED: { status: 409, zh: '尚无代表评分,不能结束绩效评价', en: 'No deputy has scored yet: the evaluation cannot be concluded' },
} as const satisfies Record<string, ErrorSpec>;

type BudgetErrors = typeof BUDGET_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends BudgetErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
