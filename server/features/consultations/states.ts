import type { Label } from '../../../common/enums.js';
import type { ConsultationState, ConsultationViewSource } from '../../platform/db/schemaConsultation.js';

export const CONSULTATION_STATES = ['draft', 'open', 'closed', 'deliberated', 'handled'] as const satisfies readonly ConsultationState[];

export const STATE_LABELS: Record<ConsultationState, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  open: { zh: '征询中', en: 'Open for views' },
  closed: { zh: '征询结束', en: 'Closed' },
  deliberated: { zh: '已审议', en: 'Deliberated' },
  handled: { zh: '已反馈处理情况', en: 'Handling reported' },
};

/** Where a view came from: the public form, a reception day, or an activity linked to the topic. */
export const VIEW_SOURCES = ['public', 'reception', 'activity'] as const;
export type ViewSource = ConsultationViewSource | 'activity';

export const SOURCE_LABELS: Record<ViewSource, Label> = {
  public: { zh: '群众扫码提交', en: 'Public form' },
  reception: { zh: '接待日登记', en: 'Reception day' },
  activity: { zh: '征询活动', en: 'Activity' },
};

/** The steps of a topic: the state each is taken from and the state it leads to. */
export const STEPS = {
  publish: { from: 'draft', to: 'open', label: { zh: '发布征询', en: 'Publish' } },
  close: { from: 'open', to: 'closed', label: { zh: '结束征询', en: 'Close' } },
  deliberate: { from: 'closed', to: 'deliberated', label: { zh: '录入审议意见', en: 'Record the deliberation opinion' } },
  handle: { from: 'deliberated', to: 'handled', label: { zh: '录入处理情况', en: 'Record the handling report' } },
} as const satisfies Record<string, { from: ConsultationState; to: ConsultationState; label: Label }>;
export type Step = keyof typeof STEPS;

/** What the committee levels are called, from the region's name: 平桂区人大常委会. */
export function congressName(regionName: string): string {
  return `${regionName}人大常委会`;
}
