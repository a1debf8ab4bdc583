import type { ColumnType, Generated } from 'kysely';
import type { DeputyLevel } from '../../../common/enums.js';
import type { Rating } from '../../../common/caseVocabulary.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string | undefined, string>;

/** See migrations/0020_suggestions.ts for what each table holds. */
export type SuggestionKind = 'suggestion' | 'motion';
export type SuggestionState = 'draft' | 'submitted' | 'registered' | 'on_agenda' | 'declined' | 'reference' | 'converted'
  | 'assigned' | 'reassign_requested' | 'answered' | 'rehandling' | 'following_up' | 'closed' | 'withdrawn';
export type AnswerCategory = 'A' | 'B' | 'C';

export interface CongressSessionTable {
  id: Generated<number>;
  term_id: number;
  number: number;
  /** `YYYY-MM-DD`. */
  opens_on: string;
  closes_on: string;
}

export interface SuggestionSettingTable {
  level: DeputyLevel;
  region_code: string | null;
  motion_min_cosigners: number;
  reassign_window_days: number;
  co_view_days_before: number;
  normal_months: number;
  complex_months: number;
  rehandle_months: number;
  updated_at: Generated<Date>;
  updated_by_account_id: number | null;
}

export interface SuggestionTable {
  id: Generated<number>;
  kind: SuggestionKind;
  state: SuggestionState;
  title: string;
  reasons: string;
  proposals: string;
  category_id: number;
  region_code: string;
  region_path: string;
  congress_level: DeputyLevel;
  congress_region_code: string | null;
  congress_region_path: string;
  term_id: number;
  session_id: number | null;
  lead_deputy_id: number;
  created_by_account_id: number | null;
  created_at: CreatedAt;
  submitted_at: NullableTimestamp;
  number: Nullable<number>;
  number_label: Nullable<string>;
  registered_at: NullableTimestamp;
  declined_at: NullableTimestamp;
  decline_reason: Nullable<string>;
  converted_case_id: Nullable<number>;
  converted_from_motion: Generated<boolean>;
  agenda_at: NullableTimestamp;
  assigned_at: NullableTimestamp;
  assigned_on: Nullable<string>;
  complex: Generated<boolean>;
  deadline_date: Nullable<string>;
  reassign_until: Nullable<string>;
  co_view_due: Nullable<string>;
  answered_at: NullableTimestamp;
  answer_category: Nullable<AnswerCategory>;
  answered_on_time: Nullable<boolean>;
  round: Generated<number>;
  rating: Nullable<Rating>;
  rated_at: NullableTimestamp;
  key_supervision: Generated<boolean>;
  key_leader: Nullable<string>;
  key_plan: Nullable<string>;
  urge_count: Generated<number>;
  published: Generated<boolean>;
  closed_at: NullableTimestamp;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface SuggestionSignerTable {
  suggestion_id: number;
  deputy_id: number;
  role: 'lead' | 'cosigner';
  status: 'invited' | 'confirmed' | 'declined';
  invited_at: Timestamp;
  responded_at: NullableTimestamp;
}

export interface SuggestionSourceTable {
  suggestion_id: number;
  opinion_id: number | null;
  activity_id: number | null;
}

export interface SuggestionUnitTable {
  suggestion_id: number;
  unit_id: number;
  role: 'lead' | 'co';
  part: Generated<string>;
  view: Nullable<string>;
  view_at: NullableTimestamp;
}

export interface SuggestionReassignmentTable {
  id: Generated<number>;
  suggestion_id: number;
  unit_id: number;
  reason: string;
  requested_at: Timestamp;
  decision: Nullable<'granted' | 'refused'>;
  decided_at: NullableTimestamp;
  decided_by_account_id: Nullable<number>;
  decision_comment: Nullable<string>;
}

export type ContactStage = 'before' | 'during' | 'after';
export type ContactMode = 'phone' | 'meeting' | 'site_visit' | 'letter' | 'online';

export interface SuggestionContactTable {
  id: Generated<number>;
  suggestion_id: number;
  unit_id: number;
  stage: ContactStage;
  mode: ContactMode;
  contacted_on: string;
  note: string;
  recorded_by_account_id: number | null;
  recorded_at: Timestamp;
}

export interface SuggestionAnswerTable {
  id: Generated<number>;
  suggestion_id: number;
  round: number;
  unit_id: number;
  category: AnswerCategory;
  body: string;
  signed_by: string;
  answered_at: Timestamp;
  on_time: boolean;
}

export interface SuggestionCommitmentTable {
  id: Generated<number>;
  suggestion_id: number;
  answer_id: number;
  body: string;
  due_on: string;
  done_at: NullableTimestamp;
  done_note: Nullable<string>;
}

export interface SuggestionRatingTable {
  suggestion_id: number;
  round: number;
  deputy_id: number;
  rating: Rating;
  comment: string | null;
  rated_at: Timestamp;
}

export interface SuggestionEventTable {
  id: Generated<number>;
  suggestion_id: number;
  at: Timestamp;
  actor_kind: string;
  actor_account_id: number | null;
  actor_name: string;
  action: string;
  from_state: SuggestionState | null;
  to_state: SuggestionState;
  comment: string | null;
  public: Generated<boolean>;
  data: Json<Record<string, unknown>>;
}

export interface SuggestionAttachmentTable {
  id: Generated<number>;
  suggestion_id: number;
  event_id: number | null;
  purpose: 'draft' | 'answer' | 'co_view' | 'follow_up';
  name: string;
  mime: string;
  size: number;
  /** The content hash; the bytes are in the file store (platform/files). */
  sha256: string;
  public: boolean;
  created_by_account_id: number | null;
  created_at: CreatedAt;
}

export interface SuggestionCounterTable {
  term_id: number;
  session_number: number;
  kind: SuggestionKind;
  last: number;
}

export interface SuggestionTables {
  congress_session: CongressSessionTable;
  suggestion_setting: SuggestionSettingTable;
  suggestion: SuggestionTable;
  suggestion_signer: SuggestionSignerTable;
  suggestion_source: SuggestionSourceTable;
  suggestion_unit: SuggestionUnitTable;
  suggestion_reassignment: SuggestionReassignmentTable;
  suggestion_contact: SuggestionContactTable;
  suggestion_answer: SuggestionAnswerTable;
  suggestion_commitment: SuggestionCommitmentTable;
  suggestion_rating: SuggestionRatingTable;
  suggestion_event: SuggestionEventTable;
  suggestion_attachment: SuggestionAttachmentTable;
  suggestion_counter: SuggestionCounterTable;
}
