import type { ColumnType, Generated } from 'kysely';
import type { CaseChannel, Rating, ReplyResult } from '../../../common/caseVocabulary.js';
import type { CaseState } from '../../../common/caseVocabulary.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface CaseCategoryTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  deadline_days: number;
  max_days: number;
  /** The sign-for limit: working days from assignment (0016). */
  sign_days: Generated<number>;
  sort: number;
  active: Generated<boolean>;
}

export interface OpinionTable {
  id: Generated<number>;
  tracking_code: string;
  query_key_hash: string;
  /** The case's id in public listings (Open311): opaque, never the tracking code (0015). */
  public_id: string;
  /** The hash of the query PIN given on the receipt; null when none was given (0015). */
  pin_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** The tracking code was once published (Open311 before 0015): no look-up by phone digits. */
  code_published: Generated<boolean>;
  channel: CaseChannel;
  state: CaseState;
  category_id: number;
  station_id: number;
  deputy_id: number | null;
  /** The deputy holding the case now, when not the one it was addressed to (an election round's hand-over). */
  holder_deputy_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The congress handling the case (the station's region; escalation moves it up). */
  region_code: string;
  region_path: string;
  /** Ancestor paths of the case's region and its station's regions (filled by the database function case_scope_paths). */
  scope_paths: ColumnType<string[], string[] | undefined, string[]>;
  content: string;
  place: string;
  /** The region the case is about, when known (0030). */
  place_region_code: ColumnType<string | null, string | null | undefined, string | null>;
  place_region_path: ColumnType<string | null, string | null | undefined, string | null>;
  /** At a cross-province station, the region path of the side that handles the case (case_side_path); null elsewhere (0030). */
  side_path: ColumnType<string | null, string | null | undefined, string | null>;
  submitter_name: string | null;
  submitter_phone: string | null;
  submitted_at: Timestamp;
  submitter_ip: string | null;
  created_by_account_id: number | null;
  idempotency_key: string | null;
  accepted_at: Timestamp | null;
  declined_at: Timestamp | null;
  assigned_at: Timestamp | null;
  assigned_unit_id: number | null;
  co_unit_ids: number[];
  deadline_days: number | null;
  return_until: string | null;
  signed_at: Timestamp | null;
  signed_late: boolean | null;
  /** The sign-for limit's last day and its end, set at assignment; signed by then or not, set at signing (0016). */
  sign_due_date: ColumnType<string | null, string | null | undefined, string | null>;
  sign_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  signed_on_time: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  sign_overdue_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The station's transfer: minutes from acceptance to the first assignment, and whether within 24 hours (0016). */
  transfer_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  transferred_within_24h: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  deadline_date: string | null;
  deadline_at: Timestamp | null;
  deadline_provisional: Generated<boolean>;
  paused_at: Timestamp | null;
  paused_working_days: Generated<number>;
  extension_days: Generated<number>;
  replied_at: Timestamp | null;
  replied_on_time: boolean | null;
  handling_working_days: number | null;
  overdue_at: Timestamp | null;
  answered_at: Timestamp | null;
  answer_mode: string | null;
  answered_on_spot: Generated<boolean>;
  rating: Rating | null;
  rating_comment: string | null;
  rated_at: Timestamp | null;
  round: Generated<number>;
  rehandled: Generated<boolean>;
  key_supervision: Generated<boolean>;
  urge_count: Generated<number>;
  escalation_count: Generated<number>;
  merged_into_id: number | null;
  /** The activity during which the opinion was collected (its output). */
  activity_id: Generated<number | null>;
  /** The latest reply's result type (办复结果, common/caseVocabulary REPLY_RESULTS), its handler and a contact. */
  reply_result: ColumnType<ReplyResult | null, ReplyResult | null | undefined, ReplyResult | null>;
  reply_handler_name: ColumnType<string | null, string | null | undefined, string | null>;
  reply_handler_contact: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: Timestamp | null;
  close_reason: 'rated' | 'unrated' | 'declined' | 'merged' | null;
  archived_at: Timestamp | null;
  version: Generated<number>;
  updated_at: Timestamp;
}

/** A region's own deadline rule for a category, overriding the category's default in its subtree (0016). */
export interface CaseCategoryRuleTable {
  category_id: number;
  region_code: string;
  deadline_days: number;
  max_days: number;
  sign_days: number;
  updated_at: Timestamp;
  updated_by_account_id: number | null;
}

export interface OpinionEventTable {
  id: Generated<number>;
  opinion_id: number;
  at: Timestamp;
  actor_kind: string;
  actor_account_id: number | null;
  actor_name: string;
  action: string;
  from_state: CaseState | null;
  to_state: CaseState;
  comment: string | null;
  public: boolean;
  data: Json<Record<string, unknown>>;
}

export interface OpinionPhotoTable {
  id: Generated<number>;
  opinion_id: number;
  mime: string;
  size: number;
  /** The content hash; the bytes are in the file store (platform/files). */
  sha256: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** A file of a unit's reply (答复函 PDF, photos of the work), public to the constituent or internal. */
export interface OpinionReplyAttachmentTable {
  id: Generated<number>;
  opinion_id: number;
  /** The reply event it came with. */
  event_id: number;
  name: string;
  mime: string;
  size: number;
  /** The content hash; the bytes are in the file store (platform/files). */
  sha256: string;
  public: boolean;
  created_by_account_id: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface IdempotencyTable {
  scope: string;
  key: string;
  request_hash: string;
  response: Json<unknown> | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Failed look-ups per tracking code as typed, whether a case has it or not (0015). */
export interface OpinionLookupGuardTable {
  code: string;
  /** Failures since the last success or unlock; the code locks at the limit. */
  failures: Generated<number>;
  /** Failures since the last unlock by staff; at its limit only staff unlock. */
  total_failures: Generated<number>;
  locked_at: Timestamp | null;
  updated_at: Timestamp;
}

/** A key handed out by a look-up or a notice, accepted like the query key until it expires (0015). */
export interface OpinionAccessKeyTable {
  key_hash: string;
  opinion_id: number;
  purpose: 'lookup' | 'notice';
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** Every look-up and unlock, never with the secret (0015). */
export interface OpinionLookupLogTable {
  id: Generated<number>;
  at: Timestamp;
  code: string;
  opinion_id: number | null;
  method: 'pin' | 'phone' | 'link' | 'staff';
  outcome: 'ok' | 'wrong' | 'locked' | 'unlocked';
  ip: string | null;
  account_id: number | null;
}

/**
 * A rollup of case figures (0036): the cases under one key of the columns the statistics filter
 * and group by, counted per figure; kept by the trigger opinion_rollup. `case_rollup` holds all
 * days, `case_rollup_day` one row per Shanghai day of submission.
 */
export interface CaseRollupTable {
  station_id: number;
  category_id: number;
  assigned_unit_id: number | null;
  region_path: string;
  scope_paths: string[];
  side_path: string | null;
  received: Generated<string>;
  accepted: Generated<string>;
  declined: Generated<string>;
  answered_on_spot: Generated<string>;
  assigned: Generated<string>;
  signed_late: Generated<string>;
  replied: Generated<string>;
  replied_on_time: Generated<string>;
  working_days_sum: Generated<string>;
  working_days_count: Generated<string>;
  satisfied: Generated<string>;
  basically_satisfied: Generated<string>;
  unsatisfied: Generated<string>;
  unrated: Generated<string>;
  rehandled: Generated<string>;
  closed: Generated<string>;
  answered: Generated<string>;
  closed_handled: Generated<string>;
  transferred: Generated<string>;
  transferred_within_24h: Generated<string>;
  signed_on_time: Generated<string>;
  resolved: Generated<string>;
  with_result: Generated<string>;
  /** Open in handling with a deadline a pause has not stopped: overdue once the deadline passes. */
  overdue_capable: Generated<string>;
  /** Assigned with a sign-for limit: overdue for signing once it passes. */
  sign_due: Generated<string>;
}

export interface CaseRollupDayTable extends CaseRollupTable {
  /** The day of submission in Asia/Shanghai. */
  day: ColumnType<string, string, string>;
}

export interface CaseTables {
  case_rollup: CaseRollupTable;
  case_rollup_day: CaseRollupDayTable;
  idempotency: IdempotencyTable;
  opinion_lookup_guard: OpinionLookupGuardTable;
  opinion_access_key: OpinionAccessKeyTable;
  opinion_lookup_log: OpinionLookupLogTable;
  case_category: CaseCategoryTable;
  case_category_rule: CaseCategoryRuleTable;
  opinion: OpinionTable;
  opinion_event: OpinionEventTable;
  opinion_photo: OpinionPhotoTable;
  opinion_reply_attachment: OpinionReplyAttachmentTable;
}
