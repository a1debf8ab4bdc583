/**
 * The case workflow (群众意见建议的办理流程) as one table: which role may take which action from
 * which state, and where it leads. Everything else is refused with 409 CASE_TRANSITION_INVALID.
 *
 * 登记 → 受理 / 不予受理 → 当场答复 | 交办 → 签收 → 办复 → 审核 → 反馈 → 评价 → 办结 → 归档,
 * with 退回, 延期, 上报, 并单, 重新办理 (三复), 催办 and 重点督办 on the way.
 */
import type { Role } from '../../../common/enums.js';
import { RATING_LABELS, type Rating } from '../../../common/caseVocabulary.js';
import { defineWorkflow, type RuleTable, type TransitionCheck as Check } from '../../platform/workflow/rules.js';

export { CASE_STATES, type CaseState } from '../../../common/caseVocabulary.js';
import type { CaseState } from '../../../common/caseVocabulary.js';

/** Who takes an action: an account role, the constituent (tracking code + key), or the system's timers. */
export type CaseActor = Role | 'constituent' | 'system';

export const CASE_ACTIONS = [
  'accept', 'decline', 'answer_on_spot', 'assign', 'sign', 'return', 'request_extension', 'grant_extension',
  'refuse_extension', 'reply', 'approve_reply', 'send_back_reply', 'answer', 'rate', 'auto_close', 'escalate',
  'merge', 'urge', 'flag_key', 'unflag_key', 'remind', 'archive',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Cases still being worked on (not declined, merged, closed or archived). */
export const OPEN_STATES: readonly CaseState[] = [
  'submitted', 'accepted', 'escalated', 'assigned', 'returned', 'in_progress', 'extension_requested', 'replied',
  'reply_approved', 'answered', 'rehandling',
];

/** States in which a unit holds the case and its deadline runs or waits. */
export const WITH_UNIT: readonly CaseState[] = ['assigned', 'in_progress', 'extension_requested'];

const STATION_STAFF: CaseActor[] = ['admin', 'staff', 'officer'];
const SUPERVISORS: CaseActor[] = ['admin', 'staff'];

export const CASE_RULES: RuleTable<CaseState, CaseAction, CaseActor> = {
  accept: { from: ['submitted', 'escalated'], to: 'accepted', by: [...STATION_STAFF, 'deputy'], label: { zh: '受理', en: 'Accept' } },
  decline: { from: ['submitted', 'escalated'], to: 'declined', by: STATION_STAFF, needsComment: true, label: { zh: '不予受理', en: 'Decline' } },
  answer_on_spot: { from: ['submitted', 'accepted'], to: 'answered', by: [...STATION_STAFF, 'deputy'], needsComment: true, label: { zh: '当场答复', en: 'Answer on the spot' } },
  assign: { from: ['accepted', 'returned', 'rehandling'], to: 'assigned', by: STATION_STAFF, label: { zh: '交办', en: 'Assign to a unit' } },
  sign: { from: ['assigned'], to: 'in_progress', by: ['unit'], label: { zh: '签收', en: 'Sign for it' } },
  return: { from: ['assigned', 'in_progress'], to: 'returned', by: ['unit'], needsComment: true, label: { zh: '退回', en: 'Return as wrongly assigned' } },
  request_extension: { from: ['in_progress'], to: 'extension_requested', by: ['unit'], needsComment: true, label: { zh: '申请延期', en: 'Ask for an extension' } },
  grant_extension: { from: ['extension_requested'], to: 'in_progress', by: SUPERVISORS, label: { zh: '批准延期', en: 'Grant the extension' } },
  refuse_extension: { from: ['extension_requested'], to: 'in_progress', by: SUPERVISORS, needsComment: true, label: { zh: '不批准延期', en: 'Refuse the extension' } },
  reply: { from: ['in_progress'], to: 'replied', by: ['unit'], needsComment: true, label: { zh: '办复', en: 'Reply' } },
  approve_reply: { from: ['replied'], to: 'reply_approved', by: STATION_STAFF, label: { zh: '审核通过', en: 'Approve the reply' } },
  send_back_reply: { from: ['replied'], to: 'in_progress', by: STATION_STAFF, needsComment: true, label: { zh: '退回重办', en: 'Send the reply back' } },
  answer: { from: ['reply_approved'], to: 'answered', by: [...STATION_STAFF, 'deputy'], needsComment: true, label: { zh: '反馈群众', en: 'Answer the constituent' } },
  // `rate` leads to `closed` or, when unsatisfied the first time, to `rehandling`: see afterRating().
  rate: { from: ['answered'], to: 'closed', by: ['constituent'], label: { zh: '评价', en: 'Rate the answer' } },
  auto_close: { from: ['answered'], to: 'closed', by: ['system'], label: { zh: '逾期未评价自动办结', en: 'Close unrated after 15 days' } },
  escalate: { from: ['submitted', 'accepted', 'returned', 'escalated'], to: 'escalated', by: STATION_STAFF, needsComment: true, label: { zh: '上报', en: 'Escalate one level up' } },
  merge: { from: ['submitted', 'accepted'], to: 'merged', by: STATION_STAFF, label: { zh: '并单', en: 'Merge into another case' } },
  urge: { from: WITH_UNIT, to: null, by: SUPERVISORS, needsComment: true, label: { zh: '催办', en: 'Urge the unit' } },
  flag_key: { from: OPEN_STATES, to: null, by: SUPERVISORS, label: { zh: '重点督办', en: 'Flag for key supervision' } },
  unflag_key: { from: OPEN_STATES, to: null, by: SUPERVISORS, label: { zh: '取消重点督办', en: 'Remove key supervision' } },
  remind: { from: WITH_UNIT, to: null, by: ['system'], label: { zh: '到期提醒', en: 'Deadline reminder' } },
  archive: { from: ['closed', 'declined', 'merged'], to: 'archived', by: SUPERVISORS, label: { zh: '归档', en: 'Archive' } },
};

export const RATINGS = RATING_LABELS.keys;

/** How many answers a constituent can get: the first and one after re-handling (二次答复). */
export const MAX_ROUNDS = 2;

/** Where a rating leads: unsatisfied sends the case back for re-handling once; any other rating closes it. */
export function afterRating(rating: Rating, round: number): CaseState {
  return rating === 'unsatisfied' && round < MAX_ROUNDS ? 'rehandling' : 'closed';
}

export const CASE_WORKFLOW = defineWorkflow(CASE_ACTIONS, CASE_RULES);

export type TransitionCheck = Check<CaseState>;

/** May `actor` take `action` on a case in `state`? The comment rule is checked too. */
export function checkTransition(state: CaseState, action: CaseAction, actor: CaseActor, comment?: string | null): TransitionCheck {
  return CASE_WORKFLOW.check(state, action, actor, comment);
}

/** The actions `actor` may take on a case in `state` (what the UI offers; the server still checks). */
export function allowedActions(state: CaseState, actor: CaseActor): CaseAction[] {
  return CASE_WORKFLOW.allowed(state, actor);
}

export function isOpen(state: CaseState): boolean {
  return OPEN_STATES.includes(state);
}
