import { labelled } from './enums.js';

/** How an opinion reached the station (收集渠道). */
export const CASE_CHANNELS = labelled({
  reception: { zh: '接待日', en: 'Reception day' },
  visit: { zh: '走访', en: 'Home visit' },
  qr: { zh: '扫码', en: 'QR code' },
  online: { zh: '在线', en: 'Online' },
  wechat: { zh: '微信/QQ群', en: 'WeChat / QQ group' },
  phone: { zh: '电话', en: 'Phone' },
  letter: { zh: '信件', en: 'Letter' },
  grid: { zh: '网格(代为登记)', en: 'Grid (entered by staff)' },
  whistle: { zh: '网格员吹哨', en: 'Grid worker whistle' },
  federation: { zh: '外省实例转来', en: 'From another province’s instance' },
});
export type CaseChannel = (typeof CASE_CHANNELS.keys)[number];

export const CASE_STATE_LABELS = labelled({
  submitted: { zh: '已登记', en: 'Submitted' },
  accepted: { zh: '已受理', en: 'Accepted' },
  declined: { zh: '不予受理', en: 'Declined' },
  escalated: { zh: '已上报', en: 'Escalated' },
  assigned: { zh: '已交办', en: 'Assigned' },
  returned: { zh: '已退回', en: 'Returned by the unit' },
  in_progress: { zh: '办理中', en: 'In progress' },
  extension_requested: { zh: '申请延期', en: 'Extension requested' },
  replied: { zh: '已办复', en: 'Replied' },
  reply_approved: { zh: '待反馈', en: 'Reply approved' },
  answered: { zh: '已反馈', en: 'Answered' },
  rehandling: { zh: '重新办理', en: 'Re-handling' },
  merged: { zh: '已并单', en: 'Merged' },
  closed: { zh: '已办结', en: 'Closed' },
  archived: { zh: '已归档', en: 'Archived' },
});

export const RATING_LABELS = labelled({
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
});
/** A constituent's rating of an answer (满意度). */
export type Rating = (typeof RATING_LABELS.keys)[number];

/** The result type of a unit's reply (办复结果). */
export const REPLY_RESULTS = labelled({
  resolved: { zh: '已解决', en: 'Resolved' },
  partly_resolved: { zh: '部分解决', en: 'Partly resolved' },
  planned: { zh: '列入计划', en: 'Planned' },
  explained: { zh: '无法解决·已解释', en: 'Cannot be resolved, explained' },
});
export type ReplyResult = (typeof REPLY_RESULTS.keys)[number];

export const ANSWER_MODES = labelled({
  on_spot: { zh: '当场答复', en: 'On the spot' },
  agreed_time: { zh: '约定时间答复', en: 'At an agreed time' },
  after_rehandling: { zh: '重新办理后答复', en: 'After re-handling' },
});
export type AnswerMode = (typeof ANSWER_MODES.keys)[number];

/** The states of a case (the rule table in server/features/cases/workflow.ts says how they follow one another). */
export const CASE_STATES = [
  'submitted', // 已登记: waiting for the station to accept it
  'accepted', // 已受理: waiting to be answered on the spot, assigned or escalated
  'declined', // 不予受理 (closed; the reason is shown to the submitter)
  'escalated', // 已上报: waiting for the congress one level up
  'assigned', // 已交办: waiting for the unit to sign for it
  'returned', // 已退回: the unit says it is not theirs; staff reassign
  'in_progress', // 办理中: signed, the clock runs
  'extension_requested', // 申请延期: the clock is paused until staff decide
  'replied', // 已办复: the unit's reply waits for the station's review
  'reply_approved', // 审核通过: the deputy is to answer the constituent
  'answered', // 已反馈: waiting for the constituent's rating (15 days)
  'rehandling', // 重新办理: rated unsatisfied; staff send it back for a second answer
  'merged', // 已并单 (closed; follows the case it was merged into)
  'closed', // 已办结
  'archived', // 已归档
] as const;
export type CaseState = (typeof CASE_STATES)[number];
