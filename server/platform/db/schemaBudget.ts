import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** See migrations/0023_budget_reviews.ts for what each table holds. */
export type BudgetReviewKind = 'draft' | 'adjustment';
export type BudgetReviewState = 'preparing' | 'open' | 'reviewed' | 'submitted' | 'approved' | 'closed';
export type BudgetRecommendation = 'agree' | 'agree_with_changes' | 'reconsider';
export type BudgetReportKind = 'state_assets' | 'debt';
export type BudgetCommentState = 'open' | 'answered';
/** Scores per criterion of a performance evaluation (决策、过程、产出、效益), each 0–100. */
export interface BudgetCriteria { decision?: number; process?: number; output?: number; effect?: number }

export interface BudgetReviewTable {
  id: Generated<number>;
  kind: BudgetReviewKind;
  year: number;
  term_id: number;
  level: 'county' | 'township';
  region_code: string;
  region_path: string;
  title: string;
  state: BudgetReviewState;
  finance_unit_id: number;
  session_id: Nullable<number>;
  comments_due_on: Nullable<string>;
  answer_days: Generated<number>;
  summary: Generated<string>;
  revenue_yuan: Nullable<number>;
  expenditure_yuan: Nullable<number>;
  resolution: Nullable<string>;
  opened_at: NullableTimestamp;
  reviewed_at: NullableTimestamp;
  submitted_at: NullableTimestamp;
  approved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  created_by_account_id: Nullable<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface BudgetProjectTable {
  id: Generated<number>;
  review_id: number;
  name: string;
  category: Generated<string>;
  department_unit_id: Nullable<number>;
  amount_yuan: number;
  original_amount_yuan: Nullable<number>;
  description: Generated<string>;
  sort: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BudgetOpinionTable {
  id: Generated<number>;
  review_id: number;
  project_id: number | null;
  recommendation: BudgetRecommendation;
  body: string;
  recorded_by_account_id: Nullable<number>;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface BudgetReportTable {
  id: Generated<number>;
  review_id: number;
  kind: BudgetReportKind;
  title: string;
  summary: Generated<string>;
  filed_by_account_id: Nullable<number>;
  filed_by: string;
  filed_at: Timestamp;
}

export interface BudgetReportFileTable {
  id: Generated<number>;
  report_id: number;
  name: string;
  mime: string;
  size: number;
  /** The content hash; the bytes are in the file store (platform/files). */
  sha256: string;
  created_at: Timestamp;
}

export interface BudgetCommentTable {
  id: Generated<number>;
  review_id: number;
  project_id: Nullable<number>;
  report_id: Nullable<number>;
  deputy_id: number;
  body: string;
  addressed_kind: 'finance' | 'department';
  addressed_unit_id: number;
  state: BudgetCommentState;
  due_on: string;
  created_at: Timestamp;
  answer: Nullable<string>;
  answered_at: NullableTimestamp;
  answered_by_account_id: Nullable<number>;
  answered_by: Nullable<string>;
  reminded_on: Nullable<string>;
}

export interface BudgetEvaluationTable {
  id: Generated<number>;
  review_id: number;
  project_id: number;
  title: string;
  state: 'open' | 'concluded';
  started_at: Timestamp;
  started_by_account_id: Nullable<number>;
  concluded_at: NullableTimestamp;
  findings: Nullable<string>;
  average_score: Nullable<string | number>;
}

export interface BudgetEvaluationParticipantTable {
  evaluation_id: number;
  deputy_id: number;
  score: Nullable<number>;
  criteria: ColumnType<BudgetCriteria | null, string | null | undefined, string | null>;
  opinion: Nullable<string>;
  scored_at: NullableTimestamp;
}

export interface BudgetTables {
  budget_review: BudgetReviewTable;
  budget_project: BudgetProjectTable;
  budget_opinion: BudgetOpinionTable;
  budget_report: BudgetReportTable;
  budget_report_file: BudgetReportFileTable;
  budget_comment: BudgetCommentTable;
  budget_evaluation: BudgetEvaluationTable;
  budget_evaluation_participant: BudgetEvaluationParticipantTable;
}
