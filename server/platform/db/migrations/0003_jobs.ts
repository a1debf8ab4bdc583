import { sql, type Kysely } from 'kysely';

// Coded values are written out: a released migration never changes.
const CHANNELS = `'sms', 'wechat', 'log'`;

const statements = [
  // The durable job queue (server/jobs). A job is due when run_at has passed and nobody holds
  // an unexpired lease on it; it ends either done or failed.
  `create table job (
    id bigint generated always as identity primary key,
    kind text not null check (length(kind) between 1 and 100),
    payload jsonb not null default '{}',
    run_at timestamptz not null default now(),
    dedupe_key text check (length(dedupe_key) between 1 and 200),
    attempts integer not null default 0 check (attempts >= 0),
    max_attempts integer not null default 5 check (max_attempts between 1 and 100),
    locked_by text,
    locked_until timestamptz,
    done_at timestamptz,
    failed_at timestamptz,
    last_error text,
    created_at timestamptz not null default now(),
    check (done_at is null or failed_at is null)
  )`,
  `create unique index job_dedupe_key_idx on job (dedupe_key) where dedupe_key is not null`,
  `create index job_due_idx on job (run_at, id) where done_at is null and failed_at is null`,

  // In-app notifications, one row per recipient account.
  `create table notification (
    id bigint generated always as identity primary key,
    account_id integer not null references account (id),
    kind text not null check (length(kind) between 1 and 100),
    title text not null check (length(title) between 1 and 200),
    body text not null default '',
    link text,
    case_id bigint,
    created_at timestamptz not null default now(),
    read_at timestamptz
  )`,
  `create index notification_account_read_idx on notification (account_id, read_at, id)`,
  `create index notification_account_idx on notification (account_id, id)`,

  // Messages to send through outside channels; the outbox.deliver job sends each one.
  `create table outbox (
    id bigint generated always as identity primary key,
    channel text not null check (channel in (${CHANNELS})),
    recipient text not null,
    subject text not null,
    body text not null,
    notification_id bigint references notification (id),
    created_at timestamptz not null default now(),
    sent_at timestamptz,
    attempts integer not null default 0,
    last_error text
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outbox', 'notification', 'job']) await sql.raw(`drop table ${table}`).execute(db);
}
