/**
 * The coded values of report-backs as the screens name them where the server sends no label
 * with them: the ratings, and the colours of the states.
 */
type Label = { zh: string; en: string };

export type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** 满意 / 基本满意 / 不满意, in this order everywhere (the counts, the paper form, the phone page). */
export const RATINGS: [Rating, Label & { color: string }][] = [
  ['satisfied', { zh: '满意', en: 'Satisfied', color: 'green' }],
  ['basically_satisfied', { zh: '基本满意', en: 'Mostly satisfied', color: 'blue' }],
  ['unsatisfied', { zh: '不满意', en: 'Unsatisfied', color: 'red' }],
];
export const RATING: Record<string, Label & { color: string }> = Object.fromEntries(RATINGS);

/** A report-back's states (the meeting planned, held, evaluation open, closed). */
export const STATE_COLORS: Record<string, string> = {
  scheduled: 'blue', evaluating: 'green', evaluated: 'purple', cancelled: 'default',
};

/** A deputy's place in the plan. */
export const PLAN_COLORS: Record<string, string> = { reported: 'green', due: 'blue', overdue: 'red' };
export const PLAN_LABELS: Record<string, Label> = {
  reported: { zh: '已述职', en: 'Reported' },
  due: { zh: '待述职', en: 'Due' },
  overdue: { zh: '逾期未述职', en: 'Overdue' },
};

/** An issue-list item's states. */
export const ISSUE_COLORS: Record<string, string> = {
  open: 'orange', closed: 'green', handed_case: 'blue', handed_suggestion: 'purple',
};

export const CADENCES: Record<string, Label> = {
  per_term: { zh: '每届至少一次', en: 'At least once a term' },
  yearly: { zh: '每年一次', en: 'Every year' },
};
