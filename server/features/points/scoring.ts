/**
 * 履职积分 as pure rules: what a fact is worth under the rule set in force for it (which set
 * that is, by place and day, is decided in the SQL: facts.ts), yearly periods, and
 * rankings in which ties share a rank.
 *
 * Points are counted in hundredths (cents) as integers, so a suggestion shared by three
 * deputies (1.33 each) adds up without floating-point drift and ties compare exactly.
 */
import type { ActivityKind, Attendance } from '../../../common/enums.js';
import { BUDGET_RULE_DEFAULTS, CONSULTATION_RULE_DEFAULT, LIVELIHOOD_RULE_DEFAULTS, REPORT_BACK_RULE_DEFAULT, MEDIATION_RULE_DEFAULT, SUGGESTION_RULE_DEFAULTS, type PointRules, type PointSource } from '../../../common/points.js';
import type { Rating } from '../../../common/caseVocabulary.js';

export type { Rating };

/** One fact that may earn a deputy points. */
export type PointFact =
  | { source: 'attendance'; kind: ActivityKind; attendance: Attendance }
  | { source: 'organiser' }
  | { source: 'activity_suggestion'; suggestions: number; present: number }
  | { source: 'case_collected' }
  | { source: 'case_answered' }
  | { source: 'case_rated'; rating: Rating }
  | { source: 'suggestion_lead' }
  | { source: 'suggestion_cosigner' }
  | { source: 'suggestion_rated'; rating: Rating }
  | { source: 'consultation' }
  | { source: 'budget_comment' }
  | { source: 'budget_evaluation' }
  | { source: 'livelihood_proposed' }
  | { source: 'livelihood_rated' }
  | { source: 'report_back' }
  | { source: 'mediation_agreement' }
  | { source: 'bonus'; cents: number };

export interface Scored {
  source: PointSource;
  cents: number;
  /** The rule key applied (`present.reception`, `absent`, …), null for a bonus. */
  rule: string | null;
  /** The rule's value in points, as written in the rule set. */
  value: number | null;
}

export const toCents = (points: number): number => Math.round(points * 100);
export const fromCents = (cents: number): number => cents / 100;

/** What a fact is worth under a rule table. */
export function scoreFact(fact: PointFact, rules: PointRules): Scored {
  const by = (rule: string, value: number, cents = toCents(value)): Scored => ({ source: fact.source, cents, rule, value });
  switch (fact.source) {
    case 'attendance':
      if (fact.attendance === 'present') return by(`present.${fact.kind}`, rules.present[fact.kind] ?? 0);
      return fact.attendance === 'absent' ? by('absent', rules.absent) : by('leave', rules.leave);
    case 'organiser':
      return by('organiser', rules.organiser);
    case 'activity_suggestion':
      // The activity's suggestions are shared evenly among the deputies present.
      return by('activitySuggestion', rules.activitySuggestion,
        fact.present > 0 ? Math.round((toCents(rules.activitySuggestion) * fact.suggestions) / fact.present) : 0);
    case 'case_collected':
      return by('caseCollected', rules.caseCollected);
    case 'case_answered':
      return by('caseAnswered', rules.caseAnswered);
    case 'case_rated':
      if (fact.rating === 'satisfied') return by('caseSatisfied', rules.caseSatisfied);
      if (fact.rating === 'basically_satisfied') return by('caseBasicallySatisfied', rules.caseBasicallySatisfied);
      return { source: 'case_rated', cents: 0, rule: null, value: null };
    case 'suggestion_lead':
      return by('suggestionLead', rules.suggestionLead ?? SUGGESTION_RULE_DEFAULTS.suggestionLead);
    case 'suggestion_cosigner':
      return by('suggestionCosigner', rules.suggestionCosigner ?? SUGGESTION_RULE_DEFAULTS.suggestionCosigner);
    case 'suggestion_rated':
      if (fact.rating === 'satisfied') return by('suggestionSatisfied', rules.suggestionSatisfied ?? SUGGESTION_RULE_DEFAULTS.suggestionSatisfied);
      if (fact.rating === 'basically_satisfied') {
        return by('suggestionBasicallySatisfied', rules.suggestionBasicallySatisfied ?? SUGGESTION_RULE_DEFAULTS.suggestionBasicallySatisfied);
      }
      return { source: 'suggestion_rated', cents: 0, rule: null, value: null };
    case 'consultation':
      return by('consultation', rules.consultation ?? CONSULTATION_RULE_DEFAULT);
    case 'budget_comment':
      return by('budgetComment', rules.budgetComment ?? BUDGET_RULE_DEFAULTS.budgetComment);
    case 'budget_evaluation':
      return by('budgetEvaluation', rules.budgetEvaluation ?? BUDGET_RULE_DEFAULTS.budgetEvaluation);
    case 'livelihood_proposed':
      return by('livelihoodProposed', rules.livelihoodProposed ?? LIVELIHOOD_RULE_DEFAULTS.livelihoodProposed);
    case 'livelihood_rated':
      return by('livelihoodRated', rules.livelihoodRated ?? LIVELIHOOD_RULE_DEFAULTS.livelihoodRated);
    case 'report_back':
      return by('reportBackEvaluated', rules.reportBackEvaluated ?? REPORT_BACK_RULE_DEFAULT);
    case 'mediation_agreement':
      return by('mediationAgreement', rules.mediationAgreement ?? MEDIATION_RULE_DEFAULT);
    case 'bonus':
      return { source: 'bonus', cents: fact.cents, rule: null, value: null };
  }
}

/** A calendar year in Beijing time: its first and last day and the instants that bound it. */
export function yearPeriod(year: number) {
  return {
    firstDay: `${year}-01-01`,
    lastDay: `${year}-12-31`,
    from: new Date(`${year}-01-01T00:00:00+08:00`),
    to: new Date(`${year + 1}-01-01T00:00:00+08:00`),
  };
}

/**
 * Standard competition ranking ("1224"): rows ordered by total, highest first; equal totals
 * share a rank and the next rank skips as many places. `tieOrder` only orders rows within a tie.
 */
export function rankByTotal<T extends { cents: number }>(rows: readonly T[], tieOrder: (a: T, b: T) => number): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.cents - a.cents || tieOrder(a, b));
  let rank = 0;
  return sorted.map((row, i) => {
    if (i === 0 || row.cents !== sorted[i - 1]!.cents) rank = i + 1;
    return { ...row, rank };
  });
}

/**
 * The 履职之星 proposal: the top `n` of a ranking among deputies still serving. Everyone tied at
 * the last place is included (so the proposal may be longer than `n`); a deputy without points,
 * or no longer serving (离任, 终止资格), is never proposed, though their points stay in the
 * ranking. Each keeps their rank in the ranking.
 */
export function proposeStars<T extends { cents: number; rank: number; serving: boolean }>(ranked: readonly T[], n: number): T[] {
  const eligible = ranked.filter((r) => r.serving && r.cents > 0);
  if (n <= 0) return [];
  if (eligible.length <= n) return eligible;
  const cut = eligible[n - 1]!.cents;
  return eligible.filter((r) => r.cents >= cut);
}
