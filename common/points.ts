/**
 * Vocabulary of 履职积分 (deputies' points) and 考核评价 (station assessment), shared by the
 * server and the back office: where points come from, the keys of a rule table, and the
 * indicators a station is assessed on.
 */
import { ACTIVITY_KINDS, labelled, type ActivityKind, type Label } from './enums.js';

/** Where a ledger entry comes from. */
export const POINT_SOURCES = labelled({
  attendance: { zh: '参加活动', en: 'Activity attendance' },
  organiser: { zh: '组织活动', en: 'Organising an activity' },
  activity_suggestion: { zh: '活动中提出建议', en: 'Suggestions made at an activity' },
  case_collected: { zh: '收集意见', en: 'Opinion collected' },
  case_answered: { zh: '答复群众', en: 'Opinion answered' },
  case_rated: { zh: '群众评价', en: 'Constituent\'s rating' },
  bonus: { zh: '加减分', en: 'Bonus or deduction' },
});
export type PointSource = (typeof POINT_SOURCES.keys)[number];

/**
 * A rule table: points for each kind of activity attended, for being absent or on leave, for
 * organising, per suggestion (shared among those present) and per case fact.
 */
export interface PointRules {
  present: Record<ActivityKind, number>;
  absent: number;
  leave: number;
  organiser: number;
  /** Per suggestion made at an activity (`suggestion` before rule sets of format 2). */
  activitySuggestion: number;
  caseCollected: number;
  caseAnswered: number;
  caseSatisfied: number;
  caseBasicallySatisfied: number;
}

/**
 * The format of stored rule tables (`point_rule_set.rules_format`). Format 2 renamed the rule
 * `suggestion` to `activitySuggestion`, freeing the name for deputies' formal suggestions
 * (代表建议); migration 0014 rewrote the stored ones. Only this format is read or written.
 */
export const POINT_RULES_FORMAT = 2;

/** Rule keys of earlier formats, with the key that replaced each: a rule table naming one is refused. */
export const RENAMED_RULE_KEYS: Readonly<Record<string, RuleKey>> = { suggestion: 'activitySuggestion' };

/** The rule keys besides `present.<kind>`, with their labels. */
export const RULE_KEYS = labelled({
  absent: { zh: '缺席', en: 'Absent' },
  leave: { zh: '请假', en: 'On leave' },
  organiser: { zh: '组织者加分(另有代表出席时)', en: 'Organiser (when other deputies came)' },
  activitySuggestion: { zh: '活动中每条建议(出席代表均分)', en: 'Per suggestion made at an activity (shared by those present)' },
  caseCollected: { zh: '收集一条意见', en: 'Per opinion collected' },
  caseAnswered: { zh: '答复一条意见', en: 'Per opinion answered' },
  caseSatisfied: { zh: '群众评价满意', en: 'Rated satisfied' },
  caseBasicallySatisfied: { zh: '群众评价基本满意', en: 'Rated basically satisfied' },
});
export type RuleKey = (typeof RULE_KEYS.keys)[number];

/** The label of a rule key as the ledger names it (`present.reception` → 出席:接待选民). */
export function ruleLabel(key: string): Label {
  if (key.startsWith('present.')) {
    const kind = ACTIVITY_KINDS.labels[key.slice(8) as ActivityKind];
    return kind ? { zh: `出席:${kind.zh}`, en: `Present: ${kind.en}` } : { zh: key, en: key };
  }
  return (RULE_KEYS.labels as Record<string, Label>)[key] ?? { zh: key, en: key };
}

/** Indicators of the station assessment; `rate` ones are shares between 0 and 1. */
export const ASSESSMENT_INDICATORS = labelled({
  activities: { zh: '开展活动次数', en: 'Activities held' },
  receptionRate: { zh: '接待日履行率', en: 'Reception days held' },
  opinions: { zh: '收集意见数', en: 'Opinions collected' },
  onTimeRate: { zh: '按期办复率', en: 'On-time reply rate' },
  satisfactionRate: { zh: '群众满意率', en: 'Satisfaction rate' },
  checklist: { zh: '八有一册六簿完成度', en: 'Standardisation checklist' },
});
export type IndicatorKey = (typeof ASSESSMENT_INDICATORS.keys)[number];

export const RATE_INDICATORS: readonly IndicatorKey[] = ['receptionRate', 'onTimeRate', 'satisfactionRate', 'checklist'];

/** How a region scores its stations (考核评价): each indicator weighted against a target; stored as JSON. */
export interface IndicatorSetting { key: IndicatorKey; weight: number; target: number }

export interface AssessmentScheme {
  indicators: IndicatorSetting[];
  /** The lowest score of 一类 and of 二类; below `second` is 三类. */
  grades: { first: number; second: number };
}
