import { sql, type Kysely } from 'kysely';

/**
 * Notifications that arrive once, in a daily digest when wished, and the sessions one can see.
 *
 * `notification.dedupe_key`: at most one notification per account and key (a case's reminder of
 * a day, say), held by a unique index so it holds whichever process writes it.
 * `notification.shown`: listed and counted in the inbox; a notification kept for the digest is
 * not, and reaches the account through its digest (`digest_id`). `digest_channels`: the
 * channels (`app` or an outbox channel) on which it still waits for the next daily digest.
 *
 * `notification_pref`: per account, notification type and channel, immediately, in the daily
 * digest, or not at all; no row means immediately.
 *
 * `session.id`: a number to name a session by in the API (the token's hash stays inside).
 */
const statements = [
  `alter table notification add column dedupe_key text check (length(dedupe_key) between 1 and 200)`,
  `create unique index notification_dedupe_idx on notification (account_id, dedupe_key) where dedupe_key is not null`,
  `alter table notification add column shown boolean not null default true`,
  `alter table notification add column digest_channels text[] not null default '{}'`,
  `alter table notification add column digest_id bigint references notification (id)`,
  `create index notification_digest_pending_idx on notification (account_id, id) where digest_channels <> '{}'`,
  `create index notification_digest_idx on notification (digest_id, id) where digest_id is not null`,
  `create table notification_pref (
    account_id integer not null references account (id),
    type text not null check (type in ('task', 'reminder', 'result', 'other')),
    channel text not null check (channel in ('app', 'sms', 'wechat', 'log')),
    mode text not null check (mode in ('immediate', 'digest', 'off')),
    updated_at timestamptz not null default now(),
    primary key (account_id, type, channel)
  )`,
  `alter table session add column id bigint generated always as identity`,
  `create unique index session_id_idx on session (id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table notification_pref').execute(db);
  await sql.raw('alter table session drop column id').execute(db);
  for (const column of ['digest_id', 'digest_channels', 'shown', 'dedupe_key']) {
    await sql.raw(`alter table notification drop column ${column}`).execute(db);
  }
}
