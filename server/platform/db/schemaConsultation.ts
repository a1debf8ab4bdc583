import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** See migrations/0024_consultations.ts for what each table holds. */
export type ConsultationState = 'draft' | 'open' | 'closed' | 'deliberated' | 'handled';
export type ConsultationLevel = 'provincial' | 'city' | 'county' | 'township';
export type ConsultationViewSource = 'public' | 'reception';

export interface ConsultationTopicTable {
  id: Generated<number>;
  title: string;
  background: string;
  state: ConsultationState;
  congress_level: ConsultationLevel;
  congress_region_code: string;
  congress_region_path: string;
  whole_region_code: Nullable<string>;
  /** `YYYY-MM-DD`. */
  opens_on: string;
  closes_on: string;
  created_by_account_id: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: Timestamp;
  published_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  opinion: Nullable<string>;
  opinion_at: NullableTimestamp;
  opinion_by: Nullable<string>;
  handling: Nullable<string>;
  handling_at: NullableTimestamp;
  handling_by: Nullable<string>;
  version: Generated<number>;
}

export interface ConsultationQuestionTable {
  id: Generated<number>;
  topic_id: number;
  position: number;
  text: string;
}

export interface ConsultationStationTable {
  topic_id: number;
  station_id: number;
}

export interface ConsultationDocumentTable {
  id: Generated<number>;
  topic_id: number;
  name: string;
  mime: string;
  size: number;
  /** The content hash; the bytes are in the file store (platform/files). */
  sha256: string;
  created_by_account_id: number | null;
  created_at: CreatedAt;
}

export interface ConsultationViewTable {
  id: Generated<number>;
  topic_id: number;
  station_id: number;
  source: ConsultationViewSource;
  name: Nullable<string>;
  phone: Nullable<string>;
  receipt_hash: Nullable<string>;
  heard_on: Nullable<string>;
  case_id: Nullable<number>;
  recorded_by_account_id: Nullable<number>;
  recorded_by_deputy_id: Nullable<number>;
  created_at: CreatedAt;
}

export interface ConsultationAnswerTable {
  id: Generated<number>;
  view_id: number;
  topic_id: number;
  question_id: number | null;
  text: string;
}

export interface ConsultationActivityTable {
  topic_id: number;
  activity_id: number;
  station_id: number;
  linked_by_account_id: number | null;
  linked_at: CreatedAt;
}

export interface ConsultationTables {
  consultation_topic: ConsultationTopicTable;
  consultation_question: ConsultationQuestionTable;
  consultation_station: ConsultationStationTable;
  consultation_document: ConsultationDocumentTable;
  consultation_view: ConsultationViewTable;
  consultation_answer: ConsultationAnswerTable;
  consultation_activity: ConsultationActivityTable;
}
