import type { ErrorSpec } from '../../platform/errors.js';

/**
 * The errors of carrying out adopted projects (milestones, spending, acceptance, the year-end
 * evaluation, rectification) and of the public proposal form; each has its row in the README.
 */
export const DELIVERY_ERRORS = {
  LIVELIHOOD_MILESTONES_OPEN: { status: 409, zh: '尚有 {open} 个节点未完成,不能验收', en: '{open} milestones are not done yet: the project cannot be accepted' },
  LIVELIHOOD_MILESTONE_UNKNOWN: { status: 400, zh: '该项目没有这个节点,或节点已完成', en: 'No such open milestone on this project' },
  LIVELIHOOD_EVALUATION_NOT_OPEN: { status: 409, zh: '满意度测评未开始或已结束', en: 'The satisfaction evaluation is not open' },
  LIVELIHOOD_EVALUATION_EXISTS: { status: 409, zh: '该轮次的满意度测评已经开始', en: 'The evaluation of this round has been opened already' },
  LIVELIHOOD_ALREADY_RATED: { status: 409, zh: '您已对该项目进行过满意度测评', en: 'You have rated this project already' },
  LIVELIHOOD_NOT_A_DEPUTY_OF_CONGRESS: { status: 403, zh: '只有本届人大代表才能参加测评', en: 'Only deputies of this congress term take part in the evaluation' },
  LIVELIHOOD_RECTIFICATION_UNKNOWN: { status: 400, zh: '该项目没有这个未销号的整改事项', en: 'No such open rectification item on this project' },
  LIVELIHOOD_ROUND_NOT_COLLECTING: { status: 409, zh: '该轮民生实事项目征集未开放', en: 'This round is not collecting candidate projects' },
} as const satisfies Record<string, ErrorSpec>;

type DeliveryErrors = typeof DELIVERY_ERRORS;
declare module '../../platform/errors.js' {
  interface ErrorCatalog extends DeliveryErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
