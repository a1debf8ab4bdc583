/**
 * The coded values of suggestions as the office screens name them. The states' and actions'
 * labels of a record come from the server with it; these name the choices of filters and forms.
 */
import type { AnswerCategory, ContactMode, ContactStage } from './types.js';

type Label = { zh: string; en: string };

/** The states in the order a suggestion passes them (the state filter's choices). */
export const STATE_LABELS: [string, Label][] = [
  ['submitted', { zh: '待审查', en: 'Submitted' }],
  ['registered', { zh: '已立案', en: 'Registered' }],
  ['assigned', { zh: '办理中', en: 'Being handled' }],
  ['reassign_requested', { zh: '申请调整交办', en: 'Reassignment requested' }],
  ['answered', { zh: '已答复待评价', en: 'Answered, awaiting rating' }],
  ['rehandling', { zh: '重新办理', en: 'Being handled again' }],
  ['following_up', { zh: '跟踪落实', en: 'Commitments followed up' }],
  ['closed', { zh: '已办结', en: 'Closed' }],
  ['on_agenda', { zh: '已列入议程', en: 'On the agenda' }],
  ['declined', { zh: '不予立案', en: 'Declined' }],
  ['reference', { zh: '转参阅件', en: 'Reference document' }],
  ['converted', { zh: '转群众意见办理', en: 'Converted into a case' }],
  ['withdrawn', { zh: '已撤回', en: 'Withdrawn' }],
  ['draft', { zh: '起草中', en: 'Draft' }],
];

export const KIND_LABELS: Record<'suggestion' | 'motion', Label> = {
  suggestion: { zh: '建议', en: 'Suggestion' },
  motion: { zh: '议案', en: 'Motion' },
};

/** The answer letter's categories with what they mean, as the letter must say. */
export const ANSWER_CATEGORIES: Record<AnswerCategory, { short: Label; meaning: Label; color: string }> = {
  A: { short: { zh: 'A 类', en: 'A' }, meaning: { zh: '已解决或基本解决', en: 'solved or mostly solved' }, color: 'green' },
  B: { short: { zh: 'B 类', en: 'B' }, meaning: { zh: '正在解决或已列入计划', en: 'being solved or planned' }, color: 'blue' },
  C: { short: { zh: 'C 类', en: 'C' }, meaning: { zh: '因条件限制需以后解决或留作参考', en: 'later, or kept for reference' }, color: 'orange' },
};

export const CONTACT_STAGES: Record<ContactStage, Label> = {
  before: { zh: '办前沟通', en: 'Before handling' },
  during: { zh: '办中沟通', en: 'While handling' },
  after: { zh: '办后沟通', en: 'After answering' },
};

export const CONTACT_MODES: Record<ContactMode, Label> = {
  phone: { zh: '电话', en: 'Phone' },
  meeting: { zh: '当面座谈', en: 'Meeting' },
  site_visit: { zh: '实地察看', en: 'Site visit' },
  letter: { zh: '信函', en: 'Letter' },
  online: { zh: '网络', en: 'Online' },
};

export const SIGNER_STATUS: Record<'invited' | 'confirmed' | 'declined', Label & { color: string }> = {
  invited: { zh: '待确认', en: 'Invited', color: 'gold' },
  confirmed: { zh: '已确认', en: 'Confirmed', color: 'green' },
  declined: { zh: '不附议', en: 'Declined', color: 'default' },
};

export const FILE_PURPOSES: Record<string, Label> = {
  draft: { zh: '建议附件', en: 'Draft' },
  answer: { zh: '答复附件', en: 'Answer' },
  co_view: { zh: '会办意见附件', en: 'Co-unit view' },
  follow_up: { zh: '落实进展附件', en: 'Follow-up' },
};
