/**
 * The coded values of deliberation days as the screens name them. Records carry their state
 * labels from the server; these name the rule's choices, the tags' colours and the actions.
 */
import type { Attendance, DayState, ItemAction, ItemState, TopicState } from './types.js';

type Label = { zh: string; en: string };

export const WEEKDAYS: Label[] = [
  { zh: '星期一', en: 'Monday' }, { zh: '星期二', en: 'Tuesday' }, { zh: '星期三', en: 'Wednesday' }, { zh: '星期四', en: 'Thursday' },
  { zh: '星期五', en: 'Friday' }, { zh: '星期六', en: 'Saturday' }, { zh: '星期日', en: 'Sunday' },
];

/** The week of the month the day falls in: 1st … 5th, or the last (-1). */
export const NTHS: [number, Label][] = [
  [1, { zh: '第一个', en: 'First' }], [2, { zh: '第二个', en: 'Second' }], [3, { zh: '第三个', en: 'Third' }],
  [4, { zh: '第四个', en: 'Fourth' }], [5, { zh: '第五个', en: 'Fifth' }], [-1, { zh: '最后一个', en: 'Last' }],
];

export const DAY_COLORS: Record<DayState, string> = { scheduled: 'blue', noticed: 'gold', held: 'purple', published: 'green', cancelled: 'default' };
export const TOPIC_COLORS: Record<TopicState, string> = { proposed: 'blue', chosen: 'purple', deliberated: 'green', withdrawn: 'default' };
export const ITEM_COLORS: Record<ItemState, string> = { assigned: 'orange', signed: 'blue', answered: 'gold', approved: 'green' };

/** The action plan's steps: who takes them is the server's answer (`actions`); these name them and say whether a text is asked. */
export const ITEM_ACTIONS: Record<ItemAction, Label & { comment: Label | null; primary?: boolean }> = {
  sign: { zh: '签收', en: 'Sign for it', comment: null, primary: true },
  answer: { zh: '办复', en: 'Answer', comment: { zh: '办理情况(答复内容)', en: 'What was done (the answer)' }, primary: true },
  urge: { zh: '督办', en: 'Urge', comment: { zh: '督办意见', en: 'What to urge' } },
  approve: { zh: '审核通过', en: 'Approve', comment: null, primary: true },
  send_back: { zh: '退回重办', en: 'Send back', comment: { zh: '退回理由', en: 'Why it goes back' } },
  reopen: { zh: '重新办理', en: 'Reopen', comment: { zh: '重新办理的理由', en: 'Why it is handled again' } },
};

export const ATTENDANCE: Record<Attendance, Label> = {
  present: { zh: '出席', en: 'Present' }, leave: { zh: '请假', en: 'On leave' }, absent: { zh: '缺席', en: 'Absent' },
};

export const CRITERIA: [keyof import('./types.js').Weights, Label][] = [
  ['importance', { zh: '重要性', en: 'Importance' }],
  ['urgency', { zh: '紧迫性', en: 'Urgency' }],
  ['impact', { zh: '社会影响', en: 'Social impact' }],
];

/** 每月第四个星期四 / The fourth Thursday of every month. */
export function ruleText(r: { nth: number; weekday: number }, l: (zh: string, en: string) => string): string {
  const nth = NTHS.find(([n]) => n === r.nth)?.[1] ?? { zh: `第${r.nth}个`, en: `#${r.nth}` };
  const wd = WEEKDAYS[r.weekday - 1] ?? { zh: '', en: '' };
  return l(`每月${nth.zh}${wd.zh}`, `The ${nth.en.toLowerCase()} ${wd.en} of every month`);
}
