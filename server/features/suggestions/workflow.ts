/**
 * The suggestion workflow (代表建议、议案的提出、审查、交办、办理、答复、评价、跟踪) as one rule table:
 * which part may take which action from which state, and where it leads. Everything else is
 * refused with 409 SUGGESTION_TRANSITION_INVALID.
 *
 * 起草 (领衔 + 附议) → 提交 → 立案 | 不予立案 (参阅件 / 转为群众意见) → 交办 (主办 + 会办, 3 或 6 个月)
 * → 申请调整 → 办前/办中/办后沟通 → 答复 (A/B/C, 承诺事项) → 代表评价 → 不满意重新办理 | 跟踪落实 → 办结.
 * A motion (议案) needs enough co-signers; the presidium (主席团, its decisions entered by the
 * congress's staff) places it on the agenda or turns it into a suggestion.
 */
import type { Label } from '../../../common/enums.js';
import type { Rating } from '../../../common/caseVocabulary.js';
import type { AnswerCategory, SuggestionState } from '../../platform/db/schemaSuggestions.js';
import { defineWorkflow, type RuleTable } from '../../platform/workflow/rules.js';

export type { SuggestionState } from '../../platform/db/schemaSuggestions.js';

/**
 * The part an account plays on one suggestion: its lead deputy or a co-signer; the congress's
 * staff (administrators too), who also enter the presidium's decisions; the lead unit or a
 * co-unit; or the system's timers.
 */
export type SuggestionActor = 'lead' | 'cosigner' | 'staff' | 'unit' | 'co_unit' | 'system';

export const SUGGESTION_STATES = [
  'draft', 'submitted', 'registered', 'on_agenda', 'declined', 'reference', 'converted', 'assigned',
  'reassign_requested', 'answered', 'rehandling', 'following_up', 'closed', 'withdrawn',
] as const satisfies readonly SuggestionState[];

export const SUGGESTION_STATE_LABELS: Record<SuggestionState, Label> = {
  draft: { zh: '起草中', en: 'Draft' },
  submitted: { zh: '待审查', en: 'Submitted' },
  registered: { zh: '已立案', en: 'Registered' },
  on_agenda: { zh: '已列入议程', en: 'On the agenda' },
  declined: { zh: '不予立案', en: 'Declined' },
  reference: { zh: '转参阅件', en: 'Reference document' },
  converted: { zh: '转群众意见办理', en: 'Converted into a case' },
  assigned: { zh: '办理中', en: 'Being handled' },
  reassign_requested: { zh: '申请调整交办', en: 'Reassignment requested' },
  answered: { zh: '已答复待评价', en: 'Answered, awaiting rating' },
  rehandling: { zh: '重新办理', en: 'Being handled again' },
  following_up: { zh: '跟踪落实', en: 'Commitments followed up' },
  closed: { zh: '已办结', en: 'Closed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const SUGGESTION_ACTIONS = [
  'edit', 'invite', 'cosign', 'decline_cosign', 'submit', 'withdraw',
  'register', 'decline', 'make_reference', 'convert_to_case', 'place_on_agenda', 'convert_to_suggestion',
  'assign', 'request_reassignment', 'grant_reassignment', 'refuse_reassignment',
  'send_view', 'record_contact', 'answer', 'rate', 'add_rating', 'report_progress', 'upgrade_answer', 'close',
  'urge', 'flag_key', 'unflag_key', 'set_publication', 'remind',
] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];

/** States in which units hold the suggestion and a deadline runs. */
export const HANDLING_STATES: readonly SuggestionState[] = ['assigned', 'reassign_requested', 'rehandling'];
/** States after registration and before the end: supervised by the congress. */
export const SUPERVISED_STATES: readonly SuggestionState[] = ['registered', ...HANDLING_STATES, 'answered', 'following_up'];

export const SUGGESTION_RULES: RuleTable<SuggestionState, SuggestionAction, SuggestionActor> = {
  edit: { from: ['draft'], to: null, by: ['lead'], label: { zh: '修改', en: 'Edit' } },
  invite: { from: ['draft'], to: null, by: ['lead'], label: { zh: '邀请附议', en: 'Invite co-signers' } },
  cosign: { from: ['draft'], to: null, by: ['cosigner'], label: { zh: '确认附议', en: 'Co-sign' } },
  decline_cosign: { from: ['draft'], to: null, by: ['cosigner'], label: { zh: '不附议', en: 'Decline to co-sign' } },
  submit: { from: ['draft'], to: 'submitted', by: ['lead'], label: { zh: '提交', en: 'Submit' } },
  withdraw: { from: ['draft', 'submitted'], to: 'withdrawn', by: ['lead'], label: { zh: '撤回', en: 'Withdraw' } },
  register: { from: ['submitted'], to: 'registered', by: ['staff'], label: { zh: '立案', en: 'Register' } },
  decline: { from: ['submitted'], to: 'declined', by: ['staff'], needsComment: true, label: { zh: '不予立案', en: 'Decline' } },
  make_reference: { from: ['submitted'], to: 'reference', by: ['staff'], needsComment: true, label: { zh: '转参阅件', en: 'Keep as a reference document' } },
  convert_to_case: { from: ['submitted'], to: 'converted', by: ['staff'], needsComment: true, label: { zh: '转为群众意见办理', en: 'Convert into a case' } },
  place_on_agenda: { from: ['submitted'], to: 'on_agenda', by: ['staff'], label: { zh: '主席团决定列入议程', en: 'Place on the agenda (presidium)' } },
  convert_to_suggestion: { from: ['submitted'], to: 'registered', by: ['staff'], needsComment: true, label: { zh: '主席团决定转为建议', en: 'Turn into a suggestion (presidium)' } },
  assign: { from: ['registered'], to: 'assigned', by: ['staff'], label: { zh: '交办', en: 'Assign to units' } },
  request_reassignment: { from: ['assigned'], to: 'reassign_requested', by: ['unit', 'co_unit'], needsComment: true, label: { zh: '申请调整交办', en: 'Ask for a different assignment' } },
  grant_reassignment: { from: ['reassign_requested'], to: 'assigned', by: ['staff'], label: { zh: '同意调整', en: 'Reassign' } },
  refuse_reassignment: { from: ['reassign_requested'], to: 'assigned', by: ['staff'], needsComment: true, label: { zh: '不同意调整', en: 'Refuse the reassignment' } },
  send_view: { from: ['assigned', 'rehandling'], to: null, by: ['co_unit'], needsComment: true, label: { zh: '提交会办意见', en: 'Send the co-unit’s view' } },
  record_contact: { from: ['assigned', 'reassign_requested', 'rehandling', 'answered', 'following_up'], to: null, by: ['unit'], needsComment: true, label: { zh: '记录沟通', en: 'Record a contact with the deputy' } },
  answer: { from: ['assigned', 'rehandling'], to: 'answered', by: ['unit'], needsComment: true, label: { zh: '答复', en: 'Answer' } },
  // `rate` leads to `closed`, `following_up` or, unsatisfied the first time, `rehandling`: see afterRating().
  rate: { from: ['answered'], to: 'closed', by: ['lead'], label: { zh: '评价', en: 'Rate the answer' } },
  add_rating: { from: ['answered', 'following_up', 'closed'], to: null, by: ['cosigner'], label: { zh: '附议代表评价', en: 'Add a co-signer’s rating' } },
  report_progress: { from: ['following_up'], to: null, by: ['unit'], needsComment: true, label: { zh: '报告落实进展', en: 'Report progress on the commitments' } },
  upgrade_answer: { from: ['following_up'], to: 'closed', by: ['unit'], needsComment: true, label: { zh: '承诺已落实 (B 类转 A 类)', en: 'Commitments kept (B becomes A)' } },
  close: { from: ['following_up'], to: 'closed', by: ['staff'], needsComment: true, label: { zh: '办结', en: 'Close' } },
  urge: { from: [...HANDLING_STATES, 'following_up'], to: null, by: ['staff'], needsComment: true, label: { zh: '催办', en: 'Urge the units' } },
  flag_key: { from: SUPERVISED_STATES, to: null, by: ['staff'], label: { zh: '重点督办', en: 'Flag for key supervision' } },
  unflag_key: { from: SUPERVISED_STATES, to: null, by: ['staff'], label: { zh: '取消重点督办', en: 'Remove key supervision' } },
  set_publication: { from: SUGGESTION_STATES.filter((s) => s !== 'draft'), to: null, by: ['staff'], label: { zh: '设置是否公开', en: 'Set publication' } },
  remind: { from: [...HANDLING_STATES, 'answered', 'following_up'], to: null, by: ['system'], label: { zh: '到期提醒', en: 'Deadline reminder' } },
};

export const SUGGESTION_WORKFLOW = defineWorkflow(SUGGESTION_ACTIONS, SUGGESTION_RULES);

/** How many answers a suggestion can get: the first and one after re-handling. */
export const MAX_ROUNDS = 2;

/**
 * Where the lead deputy's rating leads: unsatisfied with the first answer sends it back for
 * re-handling; otherwise a B answer with commitments still open is followed up, anything else closes.
 */
export function afterRating(rating: Rating, round: number, category: AnswerCategory, openCommitments: number): SuggestionState {
  if (rating === 'unsatisfied' && round < MAX_ROUNDS) return 'rehandling';
  return category === 'B' && openCommitments > 0 ? 'following_up' : 'closed';
}

export const ANSWER_CATEGORY_LABELS: Record<AnswerCategory, Label> = {
  A: { zh: 'A 类 (已解决或基本解决)', en: 'A (solved or mostly solved)' },
  B: { zh: 'B 类 (正在解决或已列入计划)', en: 'B (being solved or planned)' },
  C: { zh: 'C 类 (因条件限制需以后解决或留作参考)', en: 'C (later, or kept for reference)' },
};
