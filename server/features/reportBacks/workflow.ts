/**
 * The two state machines of report-backs, as rule tables of the workflow kit: the report-back
 * (scheduled → evaluating → evaluated, reopened once more if needed; a scheduled one may be
 * cancelled) and an issue-list item (open → closed by the deputy with a note, or handed on as a
 * case or as a suggestion).
 */
import type { Label } from '../../../common/enums.js';
import { defineWorkflow } from '../../platform/workflow/rules.js';
import type { ReportBackIssueSource, ReportBackIssueState, ReportBackRating, ReportBackState } from '../../platform/db/schemaReportBacks.js';

export const REPORT_BACK_STATES = ['scheduled', 'evaluating', 'evaluated', 'cancelled'] as const satisfies readonly ReportBackState[];
export const STATE_LABELS: Record<ReportBackState, Label> = {
  scheduled: { zh: '待述职', en: 'Scheduled' },
  evaluating: { zh: '测评中', en: 'Evaluating' },
  evaluated: { zh: '已测评', en: 'Evaluated' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** Who acts on a report-back: those who run it, the deputy who reports, anyone else who reads it. */
export type ReportBackPart = 'manager' | 'deputy' | 'reader';

export const REPORT_BACK_ACTIONS = ['open_evaluation', 'close_evaluation', 'reopen_evaluation', 'cancel'] as const;
export type ReportBackAction = (typeof REPORT_BACK_ACTIONS)[number];

export const reportBackWorkflow = defineWorkflow<ReportBackState, ReportBackAction, ReportBackPart>(REPORT_BACK_ACTIONS, {
  open_evaluation: { from: ['scheduled'], to: 'evaluating', by: ['manager'], label: { zh: '开始测评', en: 'Open the evaluation' } },
  close_evaluation: { from: ['evaluating'], to: 'evaluated', by: ['manager'], label: { zh: '结束测评', en: 'Close the evaluation' } },
  reopen_evaluation: { from: ['evaluated'], to: 'evaluating', by: ['manager'], label: { zh: '重新开放测评', en: 'Reopen the evaluation' } },
  cancel: { from: ['scheduled'], to: 'cancelled', by: ['manager'], needsComment: true, label: { zh: '取消述职', en: 'Cancel' } },
});

export const ISSUE_STATES = ['open', 'closed', 'handed_case', 'handed_suggestion'] as const satisfies readonly ReportBackIssueState[];
export const ISSUE_STATE_LABELS: Record<ReportBackIssueState, Label> = {
  open: { zh: '待办理', en: 'Open' },
  closed: { zh: '已销号', en: 'Closed' },
  handed_case: { zh: '已转群众意见办理', en: 'Handed on as a case' },
  handed_suggestion: { zh: '已转代表建议', en: 'Handed on as a suggestion' },
};
export const ISSUE_SOURCE_LABELS: Record<ReportBackIssueSource, Label> = {
  evaluation: { zh: '群众测评意见', en: 'Evaluation comment' },
  staff: { zh: '工作人员登记', en: 'Entered by staff' },
  deputy: { zh: '代表登记', en: 'Entered by the deputy' },
};

export const ISSUE_ACTIONS = ['close', 'hand_case', 'hand_suggestion'] as const;
export type IssueAction = (typeof ISSUE_ACTIONS)[number];

export const issueWorkflow = defineWorkflow<ReportBackIssueState, IssueAction, ReportBackPart>(ISSUE_ACTIONS, {
  close: { from: ['open'], to: 'closed', by: ['manager', 'deputy'], needsComment: true, label: { zh: '销号', en: 'Close' } },
  hand_case: { from: ['open'], to: 'handed_case', by: ['manager'], label: { zh: '转群众意见办理', en: 'Hand on as a case' } },
  hand_suggestion: { from: ['open'], to: 'handed_suggestion', by: ['deputy'], label: { zh: '转代表建议', en: 'Hand on as a suggestion' } },
});

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const satisfies readonly ReportBackRating[];
export const RATING_LABELS: Record<ReportBackRating, Label> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};
export const CHANNEL_LABELS = {
  qr: { zh: '扫码测评', en: 'By phone (QR)' },
  paper: { zh: '纸质测评表', en: 'Paper form' },
} as const satisfies Record<'qr' | 'paper', Label>;

export const CADENCE_LABELS = {
  per_term: { zh: '每届至少一次', en: 'At least once a term' },
  yearly: { zh: '每年一次', en: 'Every year' },
} as const;

export const PLAN_STATUS_LABELS = {
  reported: { zh: '已述职', en: 'Reported' },
  due: { zh: '待述职', en: 'Due' },
  overdue: { zh: '逾期未述职', en: 'Overdue' },
} as const;

/** (满意 + 基本满意) / all, in percent with one decimal; null without evaluations. */
export function satisfiedPercent(c: { satisfied: number; basically_satisfied: number; total: number }): number | null {
  return c.total === 0 ? null : Math.round(((c.satisfied + c.basically_satisfied) * 1000) / c.total) / 10;
}
