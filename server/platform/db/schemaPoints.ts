import type { ColumnType, Generated } from 'kysely';
import type { StationGrade } from '../../../common/enums.js';
import type { PointRules } from '../../../common/points.js';
import type { AssessmentScheme } from '../../../common/points.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** `numeric` columns: written as numbers, read with an explicit `::float8` cast. */
type Numeric = ColumnType<string, number, number>;

export interface PointRuleSetTable {
  id: Generated<number>;
  region_code: string | null;
  region_path: string;
  effective_from: string;
  rules: Json<PointRules>;
  /** The format `rules` is written in (POINT_RULES_FORMAT); no default, so every writer names it. */
  rules_format: number;
  note: string;
  created_by_account_id: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Generated<number>;
}

export interface PointBonusTable {
  id: Generated<number>;
  deputy_id: number;
  region_code: string;
  region_path: string;
  station_id: number | null;
  on_date: string;
  points: Numeric;
  reason: string;
  created_by_account_id: number | null;
  created_at: CreatedAt;
  voided_at: Date | null;
  voided_by_account_id: number | null;
  void_reason: string | null;
}

export interface PointStarAwardTable {
  id: Generated<number>;
  region_code: string;
  region_path: string;
  year: number;
  top_n: number;
  note: string;
  confirmed_by_account_id: number | null;
  confirmed_by_name: string;
  confirmed_at: Date;
  version: Generated<number>;
}

export interface PointStarTable {
  award_id: number;
  deputy_id: number;
  position: number;
  rank: number;
  total: Numeric;
}

export interface AssessmentSchemeTable {
  id: Generated<number>;
  region_code: string | null;
  region_path: string;
  from_year: number;
  indicators: Json<AssessmentScheme['indicators']>;
  grades: Json<AssessmentScheme['grades']>;
  note: string;
  created_by_account_id: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Generated<number>;
}

/** One indicator as it stood when the assessment was confirmed. */
export interface ConfirmedIndicator { key: string; weight: number; target: number; value: number | null; score: number | null }

export interface StationAssessmentTable {
  id: Generated<number>;
  station_id: number;
  year: number;
  scheme_id: number | null;
  indicators: Json<ConfirmedIndicator[]>;
  grades: Json<AssessmentScheme['grades']>;
  score: Numeric;
  grade: StationGrade;
  grade_applied: boolean;
  confirmed_by_account_id: number | null;
  confirmed_by_name: string;
  confirmed_at: Date;
  version: Generated<number>;
}

export interface PointTables {
  point_rule_set: PointRuleSetTable;
  point_bonus: PointBonusTable;
  point_star_award: PointStarAwardTable;
  point_star: PointStarTable;
  assessment_scheme: AssessmentSchemeTable;
  station_assessment: StationAssessmentTable;
}
