import type { ErrorSpec } from '../../platform/errors.js';

/**
 * The errors of rounds, candidate projects and the vote: code, HTTP status, message in zh-CN and
 * en; every code has its row in the README's error table. The delivery's are in deliveryErrors.ts.
 */
export const LIVELIHOOD_ERRORS = {
  LIVELIHOOD_TRANSITION_INVALID: { status: 409, zh: '当前状态({stateLabel})下不能执行“{actionLabel}”', en: 'Cannot “{actionLabel}” while {stateLabel}' },
  LIVELIHOOD_ACTION_FORBIDDEN: { status: 403, zh: '您不能执行“{actionLabel}”', en: 'You may not “{actionLabel}” here' },
  LIVELIHOOD_ROUND_EXISTS: { status: 409, zh: '本届人大 {year} 年的民生实事项目票决已经登记', en: 'This congress term has a livelihood-project round for {year} already' },
  LIVELIHOOD_COLLECTION_CLOSED: { status: 409, zh: '该轮民生实事项目征集已结束({stateLabel})', en: 'This round no longer takes proposals ({stateLabel})' },
  LIVELIHOOD_NOT_MEMBER: { status: 403, zh: '只有本届人大代表才能提出项目或参加票决', en: 'Only deputies of this congress term propose projects or vote' },
  LIVELIHOOD_BALLOT_SIZE_MISMATCH: {
    status: 409, zh: '候选项目应为 {ballotSize} 个(应选 {places} 个),目前列为候选的有 {shortlisted} 个',
    en: 'The ballot holds {ballotSize} candidates for {places} places; {shortlisted} are shortlisted',
  },
  LIVELIHOOD_QUORUM_NOT_MET: {
    status: 409, zh: '应到 {total} 人,实到 {present} 人,未达到 {needed} 人的法定人数,不能开始票决',
    en: '{present} of {total} deputies present; {needed} are needed to open the vote',
  },
  LIVELIHOOD_PRESENT_BELOW_TURNOUT: { status: 409, zh: '实到人数不能少于已投票的 {turnout} 人', en: 'Present cannot be fewer than the {turnout} who have voted' },
  LIVELIHOOD_PRESENT_REACHED: {
    status: 409, zh: '已投票人数已达实到人数 {present} 人,请工作人员核对实到人数', en: 'As many have voted as are present ({present}): the staff must check the number present',
  },
  LIVELIHOOD_VOTE_NOT_OPEN: { status: 409, zh: '该票决未在进行中', en: 'This vote is not open' },
  LIVELIHOOD_VOTE_ALREADY_CAST: { status: 409, zh: '{name}已经投票,不能重复投票', en: '{name} has voted already' },
  LIVELIHOOD_BALLOT_INVALID: { status: 400, zh: '选票无效:{reason}', en: 'The ballot is invalid: {reason}' },
  LIVELIHOOD_PAPER_BALLOTS_EXCEED: {
    status: 409, zh: '录入的纸质选票({entered} 张)不能多于纸质投票的代表({paper} 人)', en: 'More paper ballots ({entered}) than deputies marked as voting on paper ({paper})',
  },
  LIVELIHOOD_PAPER_BALLOTS_MISSING: {
    status: 409, zh: '还有 {missing} 张纸质选票未录入,不能计票', en: '{missing} paper ballots are still to be entered before the count',
  },
  LIVELIHOOD_BALLOT_NOT_COMPETITIVE: { status: 400, zh: '候选项目数({ballotSize})应多于应选项目数({places})', en: 'The ballot must hold more candidates ({ballotSize}) than places ({places})' },
  LIVELIHOOD_PRESENT_TOO_MANY: { status: 400, zh: '实到人数不能多于应到的 {total} 人', en: 'Present cannot exceed the {total} deputies of the congress' },
  LIVELIHOOD_BALLOT_EMPTY: { status: 409, zh: '没有待票决的候选项目', en: 'No project is left on the ballot' },
  LIVELIHOOD_NOT_COUNTED: { status: 409, zh: '该轮票决尚未计票', en: 'This round has not been counted yet' },
} as const satisfies Record<string, ErrorSpec>;

type LivelihoodErrors = typeof LIVELIHOOD_ERRORS;

declare module '../../platform/errors.js' {
  interface ErrorCatalog extends LivelihoodErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
