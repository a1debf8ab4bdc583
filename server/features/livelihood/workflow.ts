/**
 * The livelihood-project workflow (民生实事项目票决制) as two rule tables.
 *
 * A round (one congress term, one year): 征集 (collecting) → 政府提出候选项目 (shortlisting) →
 * 主席团审定 (ballot_ready) → 大会票决 (voting) → 计票 (counted), then published. A vote whose
 * turnout stays below the quorum adopts nothing and takes the round back to ballot_ready.
 *
 * A project: proposed → shortlisted (政府提出) | not_shortlisted → on_ballot (主席团审定) →
 * adopted | not_adopted (at the count) → in_progress → completed (验收) → evaluated (测评达标) |
 * rectifying (整改) → closed. Withdrawn from proposed or shortlisted.
 * Everything the tables do not allow is refused with 409 LIVELIHOOD_TRANSITION_INVALID.
 */
import type { Label } from '../../../common/enums.js';
import type { LivelihoodProjectState, LivelihoodRoundState, ProjectOrigin } from '../../platform/db/schemaLivelihood.js';
import { defineWorkflow, type RuleTable } from '../../platform/workflow/rules.js';

export type { LivelihoodProjectState, LivelihoodRoundState } from '../../platform/db/schemaLivelihood.js';

/**
 * The part an account plays on a project: the one who proposed it (a deputy, a unit's clerk, a
 * station's officer, or the staff member who entered it); the congress's own staff (and
 * administrators); the clerk of the responsible department; or the system (the count, timers).
 */
export type ProjectActor = 'proposer' | 'staff' | 'unit' | 'system';
/** On a round only the congress's own staff act (the count too is theirs). */
export type RoundActor = 'staff';

export const ROUND_STATES = ['collecting', 'shortlisting', 'ballot_ready', 'voting', 'counted'] as const satisfies readonly LivelihoodRoundState[];

export const ROUND_STATE_LABELS: Record<LivelihoodRoundState, Label> = {
  collecting: { zh: '征集中', en: 'Collecting proposals' },
  shortlisting: { zh: '确定候选项目', en: 'Shortlisting' },
  ballot_ready: { zh: '主席团已审定', en: 'Ballot approved' },
  voting: { zh: '票决中', en: 'Voting' },
  counted: { zh: '已计票', en: 'Counted' },
};

export const ROUND_ACTIONS = ['edit', 'close_collection', 'reopen_collection', 'approve_ballot', 'reopen_shortlist', 'open_vote', 'count', 'publish'] as const;
export type RoundAction = (typeof ROUND_ACTIONS)[number];

export const ROUND_RULES: RuleTable<LivelihoodRoundState, RoundAction, RoundActor> = {
  edit: { from: ['collecting', 'shortlisting'], to: null, by: ['staff'], label: { zh: '修改', en: 'Edit' } },
  close_collection: { from: ['collecting'], to: 'shortlisting', by: ['staff'], label: { zh: '结束征集', en: 'Close the collection' } },
  reopen_collection: { from: ['shortlisting'], to: 'collecting', by: ['staff'], label: { zh: '重新开放征集', en: 'Reopen the collection' } },
  approve_ballot: { from: ['shortlisting'], to: 'ballot_ready', by: ['staff'], label: { zh: '主席团审定候选项目', en: 'Ballot approved by the presidium' } },
  reopen_shortlist: { from: ['ballot_ready'], to: 'shortlisting', by: ['staff'], needsComment: true, label: { zh: '退回重新确定候选项目', en: 'Back to shortlisting' } },
  // A vote below the quorum leads back to ballot_ready: see closeVote(). From counted: a re-vote on the projects tied at the last place.
  open_vote: { from: ['ballot_ready', 'counted'], to: 'voting', by: ['staff'], label: { zh: '开始票决', en: 'Open the vote' } },
  count: { from: ['voting'], to: 'counted', by: ['staff'], label: { zh: '结束投票并计票', en: 'Close the vote and count' } },
  publish: { from: ['counted'], to: null, by: ['staff'], label: { zh: '公布票决结果', en: 'Publish the result' } },
};

export const ROUND_WORKFLOW = defineWorkflow(ROUND_ACTIONS, ROUND_RULES);

export const PROJECT_STATES = [
  'proposed', 'shortlisted', 'not_shortlisted', 'withdrawn', 'on_ballot', 'adopted', 'not_adopted',
  'in_progress', 'completed', 'evaluated', 'rectifying', 'closed',
] as const satisfies readonly LivelihoodProjectState[];

export const PROJECT_STATE_LABELS: Record<LivelihoodProjectState, Label> = {
  proposed: { zh: '征集中', en: 'Proposed' },
  shortlisted: { zh: '政府提出候选', en: 'Shortlisted' },
  not_shortlisted: { zh: '未列为候选', en: 'Not shortlisted' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  on_ballot: { zh: '主席团审定候选', en: 'On the ballot' },
  adopted: { zh: '票决通过', en: 'Adopted' },
  not_adopted: { zh: '未获通过', en: 'Not adopted' },
  in_progress: { zh: '实施中', en: 'In progress' },
  completed: { zh: '已验收', en: 'Completed' },
  evaluated: { zh: '测评满意', en: 'Evaluated' },
  rectifying: { zh: '整改中', en: 'Being rectified' },
  closed: { zh: '整改完成', en: 'Closed' },
};

export const PROJECT_ORIGIN_LABELS: Record<ProjectOrigin, Label> = {
  constituent: { zh: '群众提出', en: 'Constituent' },
  deputy: { zh: '代表提出', en: 'Deputy' },
  department: { zh: '部门提出', en: 'Department' },
  station: { zh: '联络站征集', en: 'Liaison station' },
};

export const PROJECT_ACTIONS = [
  'edit', 'link_sources', 'shortlist', 'not_shortlist', 'withdraw', 'place_on_ballot', 'take_off_ballot', 'adopt', 'reject',
  // Delivery, from adoption on (features/livelihood/delivery*.ts).
  'start', 'record_milestone', 'record_spending', 'add_photo', 'complete', 'evaluate', 'open_rectification', 'close_rectification', 'remind',
] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

/** States of an adopted project being carried out (milestones, spending, photos, visits). */
export const DELIVERY_STATES: readonly LivelihoodProjectState[] = ['in_progress'];

export const PROJECT_RULES: RuleTable<LivelihoodProjectState, ProjectAction, ProjectActor> = {
  edit: { from: ['proposed', 'shortlisted'], to: null, by: ['proposer', 'staff'], label: { zh: '修改', en: 'Edit' } },
  link_sources: { from: ['proposed', 'shortlisted', 'on_ballot', 'adopted', 'in_progress'], to: null, by: ['proposer', 'staff'], label: { zh: '关联群众意见', en: 'Link cases and activities' } },
  shortlist: { from: ['proposed', 'not_shortlisted'], to: 'shortlisted', by: ['staff'], label: { zh: '列为候选项目(政府提出)', en: 'Shortlist (proposed by the government)' } },
  not_shortlist: { from: ['proposed', 'shortlisted'], to: 'not_shortlisted', by: ['staff'], needsComment: true, label: { zh: '不列为候选项目', en: 'Leave off the shortlist' } },
  withdraw: { from: ['proposed', 'shortlisted'], to: 'withdrawn', by: ['proposer', 'staff'], needsComment: true, label: { zh: '撤回', en: 'Withdraw' } },
  place_on_ballot: { from: ['shortlisted'], to: 'on_ballot', by: ['system'], label: { zh: '主席团审定为票决候选', en: 'Placed on the ballot by the presidium' } },
  take_off_ballot: { from: ['on_ballot'], to: 'shortlisted', by: ['system'], label: { zh: '退回候选', en: 'Taken off the ballot' } },
  adopt: { from: ['on_ballot'], to: 'adopted', by: ['system'], label: { zh: '票决通过', en: 'Adopted by the vote' } },
  reject: { from: ['on_ballot'], to: 'not_adopted', by: ['system'], label: { zh: '票决未通过', en: 'Not adopted by the vote' } },
  start: { from: ['adopted'], to: 'in_progress', by: ['staff'], label: { zh: '开始实施', en: 'Start' } },
  record_milestone: { from: DELIVERY_STATES, to: null, by: ['staff', 'unit'], label: { zh: '记录进度节点', en: 'Record a milestone' } },
  record_spending: { from: ['in_progress', 'completed'], to: null, by: ['staff', 'unit'], label: { zh: '记录资金执行', en: 'Record spending' } },
  add_photo: { from: ['in_progress', 'completed'], to: null, by: ['staff', 'unit'], label: { zh: '上传进度照片', en: 'Add a progress photo' } },
  complete: { from: ['in_progress'], to: 'completed', by: ['staff'], label: { zh: '验收', en: 'Accept as completed' } },
  evaluate: { from: ['completed'], to: 'evaluated', by: ['staff', 'system'], label: { zh: '满意度测评达标', en: 'Evaluated as satisfactory' } },
  open_rectification: { from: ['completed', 'evaluated'], to: 'rectifying', by: ['staff', 'system'], needsComment: true, label: { zh: '启动整改', en: 'Open a rectification' } },
  // Leads to `closed` when the last open item closes; the handler keeps `rectifying` while items stay open.
  close_rectification: { from: ['rectifying'], to: 'closed', by: ['staff', 'unit'], needsComment: true, label: { zh: '整改事项销号', en: 'Close a rectification item' } },
  remind: { from: DELIVERY_STATES, to: null, by: ['system'], label: { zh: '进度滞后提醒', en: 'Slipping milestone reminder' } },
};

export const PROJECT_WORKFLOW = defineWorkflow(PROJECT_ACTIONS, PROJECT_RULES);

/** The share of all deputies needed present (and voting) for a valid vote: ceil(num/den × total), in integers. */
export function quorumNeeded(total: number, num: number, den: number): number {
  return Math.ceil((total * num) / den);
}

/** For-votes a project needs: more than half of ALL the congress's deputies, not of those present. */
export function passMark(totalDeputies: number): number {
  return Math.floor(totalDeputies / 2) + 1;
}
