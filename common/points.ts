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
  suggestion_lead: { zh: '领衔提出代表建议', en: 'Suggestion led' },
  suggestion_cosigner: { zh: '附议代表建议', en: 'Suggestion co-signed' },
  suggestion_rated: { zh: '代表建议办理评价', en: 'Suggestion\'s answer rated' },
  consultation: { zh: '参与议题征询', en: 'Views gathered for a consultation' },
  budget_comment: { zh: '参与预算审查(提出意见或询问)', en: 'Budget review commented on' },
  budget_evaluation: { zh: '参加预算绩效评价', en: 'Budget performance evaluation scored' },
  livelihood_proposed: { zh: '提出的民生实事项目获票决通过', en: 'Livelihood project proposed and adopted' },
  livelihood_rated: { zh: '参加民生实事项目满意度测评', en: 'Livelihood projects rated at the year-end evaluation' },
  report_back: { zh: '述职并接受选民测评', en: 'Report-back evaluated by constituents' },
  mediation_agreement: { zh: '参加调解并达成协议', en: 'Mediation sat in that reached agreement' },
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
  /**
   * 代表建议: per suggestion registered (立案), to its lead deputy and to each confirmed co-signer,
   * and per answer the lead deputy rated satisfied or basically satisfied. Tables stored before
   * these rules existed lack them and take SUGGESTION_RULE_DEFAULTS.
   */
  suggestionLead?: number;
  suggestionCosigner?: number;
  suggestionSatisfied?: number;
  suggestionBasicallySatisfied?: number;
  /**
   * 议题征询: per topic a deputy took part in (registered views heard at a reception day, or
   * attended an activity linked to it). Tables stored before lack it and take CONSULTATION_RULE_DEFAULT.
   */
  consultation?: number;
  /**
   * 预算审查: per budget review a deputy commented on or asked a question on its reports, and per
   * performance evaluation they scored. Tables stored before lack them and take BUDGET_RULE_DEFAULTS.
   */
  budgetComment?: number;
  budgetEvaluation?: number;
  /**
   * 民生实事项目票决: per project a deputy proposed that the congress adopted, and per year-end
   * evaluation (满意度测评) a deputy rated projects at. Tables stored before lack them and take
   * LIVELIHOOD_RULE_DEFAULTS.
   */
  livelihoodProposed?: number;
  livelihoodRated?: number;
  /**
   * 述职: per report-back held and evaluated by the constituents (its evaluation closed with at
   * least one evaluation). Tables stored before lack it and take REPORT_BACK_RULE_DEFAULT.
   */
  reportBackEvaluated?: number;
  /**
   * 调解: per mediation that reached agreement (调解成功), to each deputy present at one of its
   * sessions. Tables stored before lack it and take MEDIATION_RULE_DEFAULT.
   */
  mediationAgreement?: number;
}

/** What the suggestion rules are worth where a stored rule table does not name them. */
export const SUGGESTION_RULE_DEFAULTS = {
  suggestionLead: 3, suggestionCosigner: 1, suggestionSatisfied: 1, suggestionBasicallySatisfied: 0.5,
} as const satisfies Required<Pick<PointRules, 'suggestionLead' | 'suggestionCosigner' | 'suggestionSatisfied' | 'suggestionBasicallySatisfied'>>;

/** What taking part in a consultation is worth where a stored rule table does not name it. */
export const CONSULTATION_RULE_DEFAULT = 1;

/** What taking part in budget review is worth where a stored rule table does not name it. */
export const BUDGET_RULE_DEFAULTS = {
  budgetComment: 1, budgetEvaluation: 1,
} as const satisfies Required<Pick<PointRules, 'budgetComment' | 'budgetEvaluation'>>;

/** What the livelihood-project rules are worth where a stored rule table does not name them. */
export const LIVELIHOOD_RULE_DEFAULTS = {
  livelihoodProposed: 2, livelihoodRated: 1,
} as const satisfies Required<Pick<PointRules, 'livelihoodProposed' | 'livelihoodRated'>>;

/** What a report-back evaluated by the constituents is worth where a stored rule table does not name it. */
export const REPORT_BACK_RULE_DEFAULT = 2;

/** What sitting in a mediation that reached agreement is worth where a stored rule table does not name it. */
export const MEDIATION_RULE_DEFAULT = 2;

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
  suggestionLead: { zh: '领衔提出一件代表建议(立案)', en: 'Per suggestion led (registered)' },
  suggestionCosigner: { zh: '附议一件代表建议(立案)', en: 'Per suggestion co-signed (registered)' },
  suggestionSatisfied: { zh: '代表建议办理评价满意', en: 'Suggestion\'s answer rated satisfied' },
  suggestionBasicallySatisfied: { zh: '代表建议办理评价基本满意', en: 'Suggestion\'s answer rated basically satisfied' },
  consultation: { zh: '参与一项议题征询(登记接待意见或参加征询活动)', en: 'Per consultation taken part in (views registered or a linked activity attended)' },
  budgetComment: { zh: '参与一次预算审查(对项目提出意见或询问报告)', en: 'Per budget review commented on (a comment or a question on a report)' },
  budgetEvaluation: { zh: '参加一项预算绩效评价(评分)', en: 'Per budget performance evaluation scored' },
  livelihoodProposed: { zh: '提出一项获票决通过的民生实事项目', en: 'Per livelihood project proposed and adopted' },
  livelihoodRated: { zh: '参加一次民生实事项目满意度测评', en: 'Per year-end evaluation of livelihood projects taken part in' },
  reportBackEvaluated: { zh: '向选民述职并接受测评一次', en: 'Per report-back held and evaluated by the constituents' },
  mediationAgreement: { zh: '参加一起调解成功的矛盾纠纷调解', en: 'Per mediation sat in that reached agreement' },
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
