import type { ErrorSpec } from '../../platform/errors.js';

/**
 * The errors of suggestions and motions: code, HTTP status, message in zh-CN and en. Each part
 * of the feature adds its own below; every code also needs its row in the README's error table.
 */
export const SUGGESTION_ERRORS = {
  SUGGESTION_TRANSITION_INVALID: {
    status: 409, zh: '当前状态({stateLabel})下不能执行“{actionLabel}”', en: 'Cannot “{actionLabel}” a suggestion that is {stateLabel}',
  },
  SUGGESTION_ACTION_FORBIDDEN: { status: 403, zh: '您不能对该建议执行“{actionLabel}”', en: 'You may not “{actionLabel}” on this suggestion' },
  // Assignment, answer, rating and follow-up.
  REASSIGN_WINDOW_PASSED: { status: 409, zh: '申请调整交办的期限已过({until})', en: 'The time to ask for a different assignment has passed ({until})' },
  ANSWER_B_NEEDS_COMMITMENT: { status: 400, zh: 'B 类答复须列明至少一项承诺事项及完成时限', en: 'A B answer must list at least one commitment with its due date' },
  COMMITMENT_DUE_PAST: { status: 400, zh: '第 {index} 项承诺事项的完成时限已过', en: 'Commitment {index} is due in the past' },
  SUGGESTION_ALREADY_RATED: { status: 409, zh: '您已评价过第 {round} 次答复', en: 'You have rated answer {round} already' },
  COMMITMENTS_OPEN: { status: 409, zh: '尚有 {open} 项承诺事项未落实', en: '{open} commitments are still open' },
  // Drafting, co-signing and review.
  SUGGESTION_NO_TERM: { status: 409, zh: '该级人大尚无正在进行的届次,暂不能提出建议', en: 'That congress has no running term to file with' },
  SESSION_CLOSED: { status: 409, zh: '第{number}次会议已于 {closesOn} 闭幕,请改选会议或选择闭会期间', en: 'Session {number} closed on {closesOn}: choose another session, or between sessions' },
  MOTION_NEEDS_SESSION: { status: 409, zh: '议案只能在大会期间提出,请选择会议', en: 'A motion is filed during a session: choose the session' },
  MOTION_COSIGNERS_SHORT: { status: 409, zh: '议案须有 {needed} 名代表附议,目前仅 {have} 名确认', en: 'A motion needs {needed} co-signers; {have} have confirmed' },
  COSIGN_ALREADY_ANSWERED: { status: 409, zh: '您已作出相同的答复', en: 'You have given that answer already' },
  SUGGESTION_KIND_INVALID: { status: 409, zh: '该操作不适用于此类件(当前为{kind})', en: 'This action does not apply to a {kind}' },
  DRAFT_FILE_TYPE: { status: 400, zh: '文件“{name}”不是 PDF 或图片', en: 'The file “{name}” is not a PDF or an image' },
  DRAFT_FILE_TOO_LARGE: { status: 400, zh: '文件“{name}”超过 {maxMb} MB', en: 'The file “{name}” is larger than {maxMb} MB' },
  DRAFT_FILES_TOO_MANY: { status: 409, zh: '每件建议最多附 {max} 个文件', en: 'A draft holds at most {max} files' },
  SESSION_EXISTS: { status: 409, zh: '本届第 {number} 次会议已登记', en: 'Session {number} of this term is recorded already' },
  SESSION_OVERLAP: { status: 409, zh: '会议日期与第 {number} 次会议重叠', en: 'The dates overlap session {number}' },
  SESSION_OUTSIDE_TERM: { status: 409, zh: '会议日期须在本届起止日期之内', en: 'A session falls within its term’s dates' },
} as const satisfies Record<string, ErrorSpec>;

type SuggestionErrors = typeof SUGGESTION_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends SuggestionErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
