import type { PointRules } from '../../../../common/points.js';

/** The shapes of /api/points and /api/assessments as the screens read them. */
export interface Label { zh: string; en: string }
export interface Named { id: number; name: string }
export interface RegionRef { code: string; fullName: string }

export interface RankingRow { rank: number; deputy: Named; serving: boolean; stations: string[]; points: number; entries: number }
export interface Ranking {
  year: number;
  scope: { kind: 'region' | 'station' | 'all'; region: RegionRef | null; station: Named | null };
  rows: RankingRow[];
}

export interface LedgerEntry {
  date: string;
  source: string;
  sourceLabel: Label;
  ref: { type: 'activity' | 'case' | 'bonus'; id: number; title: string; link: string | null };
  station: Named | null;
  rule: { key: string; label: Label; value: number; ruleSetId: number; effectiveFrom: string; regionName: string | null } | null;
  note: Label | null;
  points: number;
}
export interface Ledger {
  deputy: Named;
  year: number;
  total: number;
  bySource: { source: string; sourceLabel: Label; points: number }[];
  years: { year: number; points: number }[];
  /** The year's confirmed 履职之星 awards naming the deputy, as recorded. */
  stars: { region: RegionRef; rank: number; points: number }[];
  entries: LedgerEntry[];
}

export interface RuleSet {
  id: number; region: RegionRef | null; inherited: boolean; effectiveFrom: string; rules: PointRules; note: string; version: number;
  createdBy: string | null; createdAt: string; updatedAt: string; abilities: 'update'[];
}
export interface RuleVersions { region: RegionRef | null; inForceId: number | null; versions: RuleSet[]; abilities: 'create'[] }

export interface Bonus {
  id: number; deputy: Named; region: RegionRef; station: Named | null; date: string; points: number; reason: string;
  createdBy: string | null; createdAt: string; voided: { at: string; by: string | null; reason: string } | null; abilities: 'void'[];
}

export interface Stars {
  year: number;
  region: RegionRef;
  proposal: RankingRow[] | null;
  confirmed: {
    top: number; note: string; confirmedBy: string; confirmedAt: string; version: number;
    stars: { deputy: Named; position: number; rank: number; points: number; pointsNow: number | null; rankNow: number | null }[];
  } | null;
  changedSince: boolean | null;
  proposalDiffers: boolean | null;
  abilities: 'confirm'[];
}

export interface IndicatorSetting { key: string; weight: number; target: number }
export interface Grades { first: number; second: number }
export interface Scheme {
  id: number; region: RegionRef | null; inherited: boolean; fromYear: number; indicators: (IndicatorSetting & { label: Label })[];
  grades: Grades; note: string; version: number; createdBy: string | null; createdAt: string; abilities: 'update'[];
}
export interface SchemeVersions { region: RegionRef | null; year: number; inForceId: number | null; versions: Scheme[]; abilities: 'create'[] }

export interface IndicatorResult { key: string; label: Label; weight: number; target: number; value: number | null; score: number | null }
export interface Assessment {
  station: { id: number; name: string; regionName: string; grade: string | null; gradeLabel: Label | null };
  year: number;
  scheme: { id: number; region: RegionRef | null; fromYear: number; grades: Grades };
  indicators: IndicatorResult[];
  receptionDays: { held: number; due: number };
  score: number;
  grade: string;
  gradeLabel: Label;
  confirmed: {
    score: number; grade: string; gradeLabel: Label; gradeApplied: boolean; indicators: IndicatorResult[]; grades: Grades;
    confirmedBy: string; confirmedAt: string; version: number;
  } | null;
  changedSince: boolean | null;
  abilities: 'confirm'[];
}
