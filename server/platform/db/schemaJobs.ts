import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: Json<unknown>;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Unique when set: enqueuing a job with a key already used is a no-op. */
  dedupe_key: string | null;
  /** Claims so far (a claim counts, so a job that crashes its worker still runs out of attempts). */
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  /** The lease: until then no other worker claims the job. */
  locked_until: Timestamp | null;
  done_at: Timestamp | null;
  failed_at: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export type ChannelName = 'sms' | 'wechat' | 'log';

export interface NotificationTable {
  id: Generated<number>;
  account_id: number;
  kind: string;
  title: string;
  body: string;
  /** An in-app path, e.g. `/cases/123`. */
  link: string | null;
  case_id: number | null;
  created_at: CreatedAt;
  read_at: Timestamp | null;
  /** At most one notification per account and key (unique when set). */
  dedupe_key: string | null;
  /** Listed and counted in the inbox; false while kept for (and after folding into) a digest. */
  shown: Generated<boolean>;
  /** The channels (`app` or an outbox channel) on which it waits for the next daily digest. */
  digest_channels: ColumnType<string[], string[] | undefined, string[]>;
  /** The digest it was folded into. */
  digest_id: number | null;
}

export type NotificationType = 'task' | 'reminder' | 'result' | 'other';
export type PrefChannel = 'app' | ChannelName;
export type DeliveryMode = 'immediate' | 'digest' | 'off';

export interface NotificationPrefTable {
  account_id: number;
  type: NotificationType;
  channel: PrefChannel;
  mode: DeliveryMode;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: ChannelName;
  recipient: string;
  subject: string;
  body: string;
  notification_id: number | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
}

/** One shared request counter (migration 0038): the limited route and client, hits in the window, the window's end. */
export interface RateLimitTable {
  key: string;
  hits: number;
  reset_at: Timestamp;
}

export interface JobTables {
  job: JobTable;
  rate_limit: RateLimitTable;
  notification: NotificationTable;
  notification_pref: NotificationPrefTable;
  outbox: OutboxTable;
}

export type Job = Selectable<JobTable>;
export type Notification = Selectable<NotificationTable>;
export type OutboxRow = Selectable<OutboxTable>;
