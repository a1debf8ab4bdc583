import { sql, type Kysely } from 'kysely';

/**
 * Federation between provinces (联邦): one instance per province, cross-province cases handed
 * from one instance to another through a signed, idempotent API (docs/ARCHITECTURE.md,
 * "Federation between provinces"). This is the receiving end:
 *
 * - `federation_peer`: another province's instance an administrator registered: its id (as it
 *   names itself in signed requests), name, base URL, Ed25519 public key (SPKI PEM), enabled.
 * - `federation_peer_station`: the cross-province stations of ours it may hand cases to.
 * - `federation_inbound`: every message accepted from a peer, keyed by (peer, message id), with
 *   the SHA-256 of its case part (canonical JSON): a retry answers the same case, a different
 *   case under the same id is refused. It keeps where the case came from (the origin's tracking code and time).
 * - a case channel `federation` (转自外省实例) for the cases so received.
 */
const CHANNELS_BEFORE = `'reception', 'visit', 'qr', 'online', 'wechat', 'phone', 'letter', 'grid', 'whistle'`;
const CHANNELS_AFTER = `'reception', 'visit', 'qr', 'online', 'wechat', 'phone', 'letter', 'grid', 'whistle', 'federation'`;

const statements = [
  `alter table opinion drop constraint opinion_channel_check`,
  `alter table opinion add constraint opinion_channel_check check (channel in (${CHANNELS_AFTER}))`,
  `create table federation_peer (
    id text primary key check (id ~ '^[a-z][a-z0-9-]{1,39}$'),
    name text not null check (length(name) between 1 and 100),
    base_url text not null check (length(base_url) between 8 and 300),
    public_key text not null check (length(public_key) between 40 and 1000),
    active boolean not null default true,
    version integer not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  `create table federation_peer_station (
    peer_id text not null references federation_peer (id) on delete cascade,
    station_id integer not null references station (id),
    primary key (peer_id, station_id)
  )`,
  `create index federation_peer_station_station_idx on federation_peer_station (station_id)`,
  `create table federation_inbound (
    peer_id text not null references federation_peer (id),
    message_id uuid not null,
    case_sha256 text not null check (length(case_sha256) = 64),
    opinion_id bigint unique references opinion (id),
    origin_tracking_code text not null check (length(origin_tracking_code) between 1 and 64),
    origin_received_at timestamptz not null,
    sent_at timestamptz not null,
    received_at timestamptz not null,
    primary key (peer_id, message_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['federation_inbound', 'federation_peer_station', 'federation_peer']) await sql.raw(`drop table ${t}`).execute(db);
  // Before federation, a case handed over by another instance could only have been typed in as a letter.
  await sql.raw(`update opinion set channel = 'letter' where channel = 'federation'`).execute(db);
  await sql.raw('alter table opinion drop constraint opinion_channel_check').execute(db);
  await sql.raw(`alter table opinion add constraint opinion_channel_check check (channel in (${CHANNELS_BEFORE}))`).execute(db);
}
