import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** See migrations/0027_hot_topics.ts for what each table holds. */
export type HotTopicTrigger = 'nightly' | 'refresh' | 'demo';
export type HotTopicActionKind = 'deliberation' | 'suggestion' | 'consultation';

export interface HotTopicRunTable {
  id: Generated<number>;
  region_code: string;
  region_path: string;
  window_days: number;
  /** `YYYY-MM-DD` (Asia/Shanghai). */
  window_start: string;
  window_end: string;
  computed_at: Timestamp;
  duration_ms: number;
  opinion_count: number;
  topic_count: number;
  trigger: HotTopicTrigger;
  requested_by_account_id: number | null;
}

export interface HotTopicStation { id: number; name: string; count: number }
export interface HotTopicVillage { name: string; count: number }

export interface HotTopicTable {
  id: Generated<number>;
  run_id: number;
  rank: number;
  label: string;
  keywords: string[];
  category_id: number | null;
  opinion_count: number;
  recent_count: number;
  station_count: number;
  village_count: number;
  /** Opinions per week of the window, oldest first. */
  weekly_counts: number[];
  rising_score: number;
  rising: boolean;
  stations: Json<HotTopicStation[]>;
  villages: Json<HotTopicVillage[]>;
  first_at: Timestamp;
  last_at: Timestamp;
}

export interface HotTopicCaseTable {
  topic_id: number;
  case_id: number;
  similarity: number;
}

export interface HotTopicActionTable {
  id: Generated<number>;
  topic_id: number | null;
  run_id: number | null;
  region_code: string;
  topic_label: string;
  kind: HotTopicActionKind;
  target_id: number | null;
  target_region_code: string | null;
  case_ids: number[];
  created_by_account_id: number | null;
  created_at: Timestamp;
}

export interface ConsultationCaseTable {
  topic_id: number;
  case_id: number;
  linked_by_account_id: number | null;
  linked_at: Timestamp;
}

export interface HotTopicTables {
  hot_topic_run: HotTopicRunTable;
  hot_topic: HotTopicTable;
  hot_topic_case: HotTopicCaseTable;
  hot_topic_action: HotTopicActionTable;
  consultation_case: ConsultationCaseTable;
}
