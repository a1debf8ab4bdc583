import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** See migrations/0025_report_backs.ts for what each table holds. */
export type ReportBackLevel = 'provincial' | 'city' | 'county' | 'township';
export type ReportBackCadence = 'per_term' | 'yearly';
export type ReportBackState = 'scheduled' | 'evaluating' | 'evaluated' | 'cancelled';
export type ReportBackRating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';
export type ReportBackChannel = 'qr' | 'paper';
export type ReportBackIssueState = 'open' | 'closed' | 'handed_case' | 'handed_suggestion';
export type ReportBackIssueSource = 'evaluation' | 'staff' | 'deputy';

export interface ReportBackPlanTable {
  congress_level: ReportBackLevel;
  congress_region_code: string;
  congress_region_path: string;
  cadence: ReportBackCadence;
  times: number;
  /** `YYYY-MM-DD`. */
  due_on: Nullable<string>;
  updated_by_account_id: number | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ReportBackTable {
  id: Generated<number>;
  deputy_id: number;
  congress_level: ReportBackLevel;
  congress_region_code: string;
  congress_region_path: string;
  activity_id: number;
  station_id: number | null;
  title: string;
  invited: string;
  period_from: string;
  period_to: string;
  state: ReportBackState;
  headcount: Nullable<number>;
  eval_key: Nullable<string>;
  eval_opened_at: NullableTimestamp;
  eval_closes_at: NullableTimestamp;
  eval_closed_at: NullableTimestamp;
  cancel_reason: Nullable<string>;
  created_by_account_id: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ReportBackReportTable {
  id: Generated<number>;
  report_back_id: number;
  version: number;
  text: string;
  source: 'generated' | 'edited';
  by_account_id: number | null;
  by_name: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ReportBackEvaluationTable {
  id: Generated<number>;
  report_back_id: number;
  channel: ReportBackChannel;
  rating: ReportBackRating;
  comment: Nullable<string>;
  phone_hash: Nullable<string>;
  device_hash: Nullable<string>;
  ip_hash: Nullable<string>;
  entered_by_account_id: Nullable<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ReportBackIssueTable {
  id: Generated<number>;
  report_back_id: number;
  text: string;
  source: ReportBackIssueSource;
  evaluation_id: Nullable<number>;
  due_on: Nullable<string>;
  state: ReportBackIssueState;
  closing_note: Nullable<string>;
  closed_at: NullableTimestamp;
  closed_by_account_id: Nullable<number>;
  closed_by_name: Nullable<string>;
  case_id: Nullable<number>;
  suggestion_id: Nullable<number>;
  created_by_account_id: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ReportBackTables {
  report_back_plan: ReportBackPlanTable;
  report_back: ReportBackTable;
  report_back_report: ReportBackReportTable;
  report_back_evaluation: ReportBackEvaluationTable;
  report_back_issue: ReportBackIssueTable;
}
