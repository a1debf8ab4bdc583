import { sql, type Kysely } from 'kysely';

/**
 * The constituent's look-up without the full link, and a public id of each case's own.
 * - `opinion.public_id`: an opaque id for public listings (Open311), never the tracking code;
 *   filled at random for existing cases.
 * - `opinion.pin_hash`: the hash of the short query PIN given on the receipt (null for cases
 *   registered by staff and for cases older than this migration).
 * - `opinion.code_published`: the tracking code was shown publicly (Open311 published every
 *   code before this migration), so the phone-digits look-up is refused for it.
 * - `opinion_lookup_guard`: failed look-ups per tracking code as typed, whether the case exists
 *   or not (an unknown code locks like a real one), shared by every app node.
 * - `opinion_access_key`: hashes of the keys a successful look-up or a notice hands out,
 *   accepted like the query key until they expire.
 * - `opinion_lookup_log`: every look-up and unlock, without the secret.
 */
const statements = [
  `alter table opinion add column public_id text`,
  `update opinion set public_id = md5(gen_random_uuid()::text)`,
  `alter table opinion alter column public_id set not null`,
  `create unique index opinion_public_id_key on opinion (public_id)`,
  `alter table opinion add column pin_hash text`,
  `alter table opinion add column code_published boolean not null default false`,
  `update opinion set code_published = true`,
  `create table opinion_lookup_guard (
    code text primary key,
    failures integer not null default 0,
    total_failures integer not null default 0,
    locked_at timestamptz,
    updated_at timestamptz not null
  )`,
  `create table opinion_access_key (
    key_hash text primary key,
    opinion_id integer not null references opinion (id),
    purpose text not null check (purpose in ('lookup', 'notice')),
    created_at timestamptz not null,
    expires_at timestamptz not null
  )`,
  `create index opinion_access_key_opinion_idx on opinion_access_key (opinion_id)`,
  `create table opinion_lookup_log (
    id bigint generated always as identity primary key,
    at timestamptz not null,
    code text not null,
    opinion_id integer references opinion (id),
    method text not null check (method in ('pin', 'phone', 'link', 'staff')),
    outcome text not null check (outcome in ('ok', 'wrong', 'locked', 'unlocked')),
    ip text,
    account_id integer references account (id)
  )`,
  `create index opinion_lookup_log_code_idx on opinion_lookup_log (code, at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop table opinion_lookup_log', 'drop table opinion_access_key', 'drop table opinion_lookup_guard',
    'alter table opinion drop column code_published', 'alter table opinion drop column pin_hash',
    'drop index opinion_public_id_key', 'alter table opinion drop column public_id',
  ]) await sql.raw(statement).execute(db);
}
