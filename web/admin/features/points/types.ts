import type { Schemas } from '../../../shared/api.js';

/** The shapes of /api/points and /api/assessments as the screens read them. */

export type RankingRow = Ranking['rows'][number];
export type Ranking = Schemas['PointRanking'];

export type LedgerEntry = Ledger['entries'][number];
export type Ledger = Schemas['PointLedger'];

export type RuleSet = RuleVersions['versions'][number];
export type RuleVersions = Schemas['PointRuleVersions'];

export type Bonus = Schemas['PointBonus'];

export type Stars = Schemas['PointStars'];

export type IndicatorSetting = Scheme['indicators'][number];
export type Scheme = SchemeVersions['versions'][number];
export type SchemeVersions = Schemas['AssessmentSchemes'];

export type IndicatorResult = Assessment['indicators'][number];
export type Assessment = Schemas['StationAssessment'];
export type StarRow = NonNullable<Stars['proposal']>[number];
