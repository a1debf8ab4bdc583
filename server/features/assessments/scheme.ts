/**
 * 考核评价 as pure rules: a station's yearly score out of 100 from its indicator values, each
 * indicator weighted and measured against a target, and the grade (一类/二类/三类) the score
 * reaches.
 */
import { STATION_CHECKLIST, type StationGrade } from '../../../common/enums.js';
import type { IndicatorKey } from '../../../common/points.js';

export type { AssessmentScheme, IndicatorSetting } from '../../../common/points.js';
import type { AssessmentScheme, IndicatorSetting } from '../../../common/points.js';

/** A measured value; null when the indicator does not apply (no reception days due, no replies yet). */
export type IndicatorValues = Record<IndicatorKey, number | null>;

export interface IndicatorResult extends IndicatorSetting {
  value: number | null;
  /** Points earned out of the weight, null when the indicator does not apply. */
  score: number | null;
}

/** A scheme as stored: a region's (path '' for the nationwide default), from a year on. */
export interface StoredScheme extends AssessmentScheme { id: number; regionPath: string; fromYear: number }

/**
 * The scheme a station is assessed by for a year: among those of its home region and the
 * regions above it that apply by that year, the nearest region's latest.
 */
export function schemeFor<S extends StoredScheme>(schemes: readonly S[], path: string, year: number): S | null {
  let best: S | null = null;
  for (const s of schemes) {
    if (s.fromYear > year || !path.startsWith(s.regionPath)) continue;
    if (!best || s.regionPath.length > best.regionPath.length
      || (s.regionPath.length === best.regionPath.length && s.fromYear > best.fromYear)) best = s;
  }
  return best;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function gradeOf(score: number, grades: AssessmentScheme['grades']): StationGrade {
  if (score >= grades.first) return 'first';
  return score >= grades.second ? 'second' : 'third';
}

/**
 * Each indicator earns `weight × min(1, value / target)`. An indicator that does not apply is
 * left out and the others are scaled up to 100, so a station is neither rewarded nor punished
 * for what it could not have done (a new station with no rota yet, no replies due).
 */
export function assess(values: IndicatorValues, scheme: AssessmentScheme): { indicators: IndicatorResult[]; score: number; grade: StationGrade } {
  const indicators = scheme.indicators.map((s): IndicatorResult => {
    const value = values[s.key];
    return { ...s, value, score: value === null ? null : round(s.weight * Math.min(1, value / s.target), 2) };
  });
  const applicable = indicators.filter((i) => i.score !== null);
  const weight = applicable.reduce((n, i) => n + i.weight, 0);
  const earned = applicable.reduce((n, i) => n + i.score!, 0);
  const score = weight > 0 ? round((earned * 100) / weight, 1) : 0;
  return { indicators, score, grade: gradeOf(score, scheme.grades) };
}

/** What is wrong with a scheme, as field codes: the weights must add up to 100, the thresholds descend. */
export function schemeProblems(scheme: AssessmentScheme): { path: string; code: 'WEIGHTS_NOT_100' | 'GRADE_THRESHOLDS_ORDER' | 'DUPLICATE_VALUES' }[] {
  const problems: ReturnType<typeof schemeProblems> = [];
  const keys = scheme.indicators.map((i) => i.key);
  if (new Set(keys).size !== keys.length) problems.push({ path: 'indicators', code: 'DUPLICATE_VALUES' });
  const total = scheme.indicators.reduce((n, i) => n + i.weight, 0);
  if (Math.abs(total - 100) > 1e-9) problems.push({ path: 'indicators', code: 'WEIGHTS_NOT_100' });
  if (!(scheme.grades.first > scheme.grades.second)) problems.push({ path: 'grades', code: 'GRADE_THRESHOLDS_ORDER' });
  return problems;
}

/** The share of a station's 八有一册六簿 checklist that is done. */
export function checklistShare(checklist: Record<string, boolean | undefined>): number {
  const items = STATION_CHECKLIST.keys;
  return items.filter((k) => checklist[k] === true).length / items.length;
}

/**
 * Reception days held out of those due: every day of the rota in the period that was not
 * cancelled and has passed (or was held early). Null when none were due.
 */
export function receptionRate(held: number, due: number): number | null {
  return due > 0 ? held / due : null;
}
