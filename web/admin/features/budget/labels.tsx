/**
 * The coded values of budget reviews as the screens name them. A record's own state and kind
 * labels come from the server with it; these name the choices of filters and forms.
 */
import { Tag } from 'antd';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import type { Recommendation, ReportKind, ReviewKind, ReviewState } from './types.js';

type Label = { zh: string; en: string };

export const KIND_LABELS: Record<ReviewKind, Label> = {
  draft: { zh: '预算草案', en: 'Budget draft' },
  adjustment: { zh: '预算调整', en: 'Mid-year adjustment' },
};

/** The states in the order a review passes them. */
export const STATE_LABELS: [ReviewState, Label][] = [
  ['preparing', { zh: '准备中', en: 'Preparing' }],
  ['open', { zh: '征求代表意见', en: 'Open to deputies' }],
  ['reviewed', { zh: '初审完成', en: 'Preliminary review done' }],
  ['submitted', { zh: '提请审议', en: 'Submitted' }],
  ['approved', { zh: '已批准', en: 'Approved' }],
  ['closed', { zh: '已结束', en: 'Closed' }],
];

const STATE_COLORS: Record<ReviewState, string> = {
  preparing: 'default', open: 'blue', reviewed: 'cyan', submitted: 'purple', approved: 'green', closed: 'default',
};

/** The workflow actions staff take, with the words of their buttons. */
export const ACTION_LABELS: Record<string, Label> = {
  open: { zh: '发布征求意见', en: 'Open to deputies' },
  finish_preliminary: { zh: '完成初审', en: 'Finish the preliminary review' },
  submit: { zh: '提请审议', en: 'Submit for deliberation' },
  approve: { zh: '登记批准决议', en: 'Record the approval' },
  close: { zh: '结束审查', en: 'Close the review' },
};

export const RECOMMENDATIONS: Record<Recommendation, Label & { color: string }> = {
  agree: { zh: '同意', en: 'Agree', color: 'green' },
  agree_with_changes: { zh: '原则同意,建议调整', en: 'Agree with changes', color: 'gold' },
  reconsider: { zh: '建议重新研究', en: 'Reconsider', color: 'red' },
};

export const REPORT_KINDS: Record<ReportKind, Label> = {
  state_assets: { zh: '国有资产管理情况报告', en: 'State assets report' },
  debt: { zh: '政府债务报告', en: 'Government debt report' },
};

export const CRITERIA: [('decision' | 'process' | 'output' | 'effect'), Label][] = [
  ['decision', { zh: '项目决策', en: 'Decision' }],
  ['process', { zh: '过程管理', en: 'Process' }],
  ['output', { zh: '项目产出', en: 'Output' }],
  ['effect', { zh: '项目效益', en: 'Effect' }],
];

/** Yuan as people read budget figures: 万元 with up to two decimals. */
function wan(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined) return '—';
  return (yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

export function Money({ yuan }: { yuan: number | null | undefined }) {
  const { l } = useI18n();
  if (yuan === null || yuan === undefined) return <>—</>;
  return <span title={`${yuan.toLocaleString('zh-CN')} ${l('元', 'yuan')}`}>{wan(yuan)} {l('万元', '×10k yuan')}</span>;
}

export function ReviewStateTag({ state, label: text }: { state: ReviewState; label: Label }) {
  const { label } = useI18n();
  return <Tag color={STATE_COLORS[state]} data-testid="budget-state">{label(text)}</Tag>;
}

export function RecommendationTag({ value }: { value: Recommendation }) {
  const { label } = useI18n();
  const r = RECOMMENDATIONS[value];
  return <Tag color={r.color}>{label(r)}</Tag>;
}

/** A comment's due day, red with 已超期 once passed while still open. */
export function DueDay({ date, overdue, open }: { date: string; overdue: boolean; open: boolean }) {
  const { l } = useI18n();
  return (
    <span style={{ color: overdue && open ? '#cf1322' : undefined }}>
      {l('答复期限', 'Due')} {formatDate(date)}
      {overdue && open && <Tag color="red" style={{ marginInlineStart: 4 }}>{l('已超期', 'Overdue')}</Tag>}
    </span>
  );
}
