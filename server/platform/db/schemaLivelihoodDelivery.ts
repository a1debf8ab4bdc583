import type { ColumnType, Generated } from 'kysely';
import type { Rating } from '../../../common/caseVocabulary.js';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** See migrations/0022_livelihood_delivery.ts for what each table holds. Dates are `YYYY-MM-DD`. */
export interface LivelihoodDeliveryTable {
  project_id: number;
  started_on: string;
  accepted_on: string | null;
  acceptance_note: string | null;
  beneficiaries: number | null;
  rating_count: number | null;
  satisfied_count: number | null;
  evaluated_at: NullableTimestamp;
}

export interface LivelihoodMilestoneTable {
  id: Generated<number>;
  project_id: number;
  title: string;
  planned_on: string;
  done_on: string | null;
  note: Generated<string>;
  created_at: Timestamp;
  created_by_account_id: number | null;
  done_at: NullableTimestamp;
  done_by_account_id: number | null;
}

export interface LivelihoodSpendingTable {
  id: Generated<number>;
  project_id: number;
  spent_on: string;
  amount_yuan: number;
  note: Generated<string>;
  created_at: Timestamp;
  created_by_account_id: number | null;
}

export interface LivelihoodPhotoTable {
  id: Generated<number>;
  project_id: number;
  milestone_id: number | null;
  name: string;
  caption: Generated<string>;
  mime: string;
  size: number;
  /** The content hash; the bytes are in the file store (platform/files). */
  sha256: string;
  public: Generated<boolean>;
  created_at: Timestamp;
  created_by_account_id: number | null;
}

export interface LivelihoodVisitTable {
  project_id: number;
  activity_id: number;
  created_at: Timestamp;
}

export interface LivelihoodEvaluationTable {
  round_id: number;
  threshold_percent: number;
  opened_at: Timestamp;
  opened_by_account_id: number | null;
  closes_on: string;
  closed_at: NullableTimestamp;
  closed_by_account_id: number | null;
}

export interface LivelihoodRatingTable {
  project_id: number;
  deputy_id: number;
  rating: Rating;
  rated_at: Timestamp;
}

export interface LivelihoodRectificationTable {
  id: Generated<number>;
  project_id: number;
  body: string;
  due_on: string;
  opened_at: Timestamp;
  opened_by_account_id: number | null;
  closed_at: NullableTimestamp;
  closed_by_account_id: number | null;
  closing_note: string | null;
}

export interface LivelihoodDeliveryTables {
  livelihood_delivery: LivelihoodDeliveryTable;
  livelihood_milestone: LivelihoodMilestoneTable;
  livelihood_spending: LivelihoodSpendingTable;
  livelihood_photo: LivelihoodPhotoTable;
  livelihood_visit: LivelihoodVisitTable;
  livelihood_evaluation: LivelihoodEvaluationTable;
  livelihood_rating: LivelihoodRatingTable;
  livelihood_rectification: LivelihoodRectificationTable;
}
