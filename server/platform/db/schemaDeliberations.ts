import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json<T> = ColumnType<T, string, string>;

/** See migrations/0026_deliberations.ts for what each table holds. */
export type DeliberationDayState = 'scheduled' | 'noticed' | 'held' | 'published' | 'cancelled';
export type DeliberationTopicState = 'proposed' | 'chosen' | 'deliberated' | 'withdrawn';
export type DeliberationTopicSource = 'deputy' | 'staff' | 'case' | 'hot_topic';
export type DeliberationItemState = 'assigned' | 'signed' | 'answered' | 'approved';
export type DeliberationRating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

export interface DeliberationRuleTable {
  region_code: string;
  region_path: string;
  /** ISO weekday, 1 = Monday … 4 = Thursday. */
  weekday: Generated<number>;
  /** The nth such weekday of the month; -1 the last. */
  nth: Generated<number>;
  notice_days: Generated<number>;
  topics_min: Generated<number>;
  topics_max: Generated<number>;
  weight_importance: Generated<number>;
  weight_urgency: Generated<number>;
  weight_impact: Generated<number>;
  item_working_days: Generated<number>;
  place: Generated<string>;
  start_time: Generated<string>;
  updated_at: Timestamp;
  updated_by_account_id: number | null;
  version: Generated<number>;
}

export interface DeliberationDayTable {
  id: Generated<number>;
  region_code: string;
  region_path: string;
  /** `YYYY-MM-DD`: the day the rule gives. */
  rule_date: string;
  /** `YYYY-MM-DD`: the day it is held (the rule date, or the next working day). */
  held_on: string;
  state: DeliberationDayState;
  place: Generated<string>;
  start_time: Generated<string>;
  notice_on: string;
  noticed_at: NullableTimestamp;
  activity_id: Nullable<number>;
  minutes: Nullable<string>;
  decisions: ColumnType<string[] | null, string | null | undefined, string | null>;
  held_at: NullableTimestamp;
  summary: Nullable<string>;
  published_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  cancel_reason: Nullable<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DeliberationDayUnitTable {
  day_id: number;
  unit_id: number;
}

export interface DeliberationTopicTable {
  id: Generated<number>;
  region_code: string;
  region_path: string;
  title: string;
  description: string;
  source: DeliberationTopicSource;
  hot_topic_id: Nullable<number>;
  state: DeliberationTopicState;
  proposed_by_account_id: number | null;
  proposer_name: string;
  proposer_deputy_id: Nullable<number>;
  importance: Nullable<number>;
  urgency: Nullable<number>;
  impact: Nullable<number>;
  scored_at: NullableTimestamp;
  scored_by_account_id: Nullable<number>;
  day_id: Nullable<number>;
  withdrawn_reason: Nullable<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DeliberationTopicCaseTable {
  topic_id: number;
  case_id: number;
}

export interface DeliberationItemTable {
  id: Generated<number>;
  day_id: number;
  topic_id: number | null;
  title: string;
  body: string;
  unit_id: number;
  state: DeliberationItemState;
  working_days: number;
  due_on: Nullable<string>;
  answer: Nullable<string>;
  answered_at: NullableTimestamp;
  approved_at: NullableTimestamp;
  reopen_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DeliberationItemEventTable {
  id: Generated<number>;
  item_id: number;
  at: Date;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_account_id: number | null;
  actor_name: string;
  comment: string | null;
  data: Json<Record<string, unknown>>;
}

export interface DeliberationFeedbackTable {
  id: Generated<number>;
  day_id: number;
  item_id: number | null;
  rating: DeliberationRating;
  comment: Generated<string>;
  ip_hash: string | null;
  created_at: Timestamp;
  decision: Nullable<'reopen' | 'dismiss'>;
  decided_at: NullableTimestamp;
  decided_by_account_id: Nullable<number>;
  decision_note: Nullable<string>;
}

export interface DeliberationTables {
  deliberation_rule: DeliberationRuleTable;
  deliberation_day: DeliberationDayTable;
  deliberation_day_unit: DeliberationDayUnitTable;
  deliberation_topic: DeliberationTopicTable;
  deliberation_topic_case: DeliberationTopicCaseTable;
  deliberation_item: DeliberationItemTable;
  deliberation_item_event: DeliberationItemEventTable;
  deliberation_feedback: DeliberationFeedbackTable;
}
