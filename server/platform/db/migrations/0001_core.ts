import { sql, type Kysely } from 'kysely';
// The coded values are written out: a migration is frozen once released; a later change of
// common/enums.ts comes with a migration of its own.

const statements = [
  `create table region (
    code text primary key,
    name text not null,
    level text not null check (level in ('province', 'city', 'county', 'town')),
    parent_code text references region (code),
    path text not null unique,
    full_name text not null
  )`,
  `create index region_parent_idx on region (parent_code, code)`,
  `create index region_path_idx on region (path text_pattern_ops)`,
  `create index region_name_idx on region (name text_pattern_ops)`,

  `create table station (
    id integer generated always as identity primary key,
    name text not null check (length(name) between 1 and 100),
    type text not null check (type in ('center', 'station', 'point', 'home', 'industry', 'judicial', 'cross_province')),
    tier text not null check (tier in ('city_featured', 'town_center', 'village_point')),
    parent_id integer references station (id),
    home_region_code text not null references region (code),
    address text not null default '',
    phone text,
    opening_hours text not null default '',
    reception_schedule jsonb not null default '{"weekdays":[],"monthDays":[],"hours":"","note":""}',
    checklist jsonb not null default '{}',
    grade text check (grade in ('first', 'second', 'third')),
    stars smallint check (stars between 1 and 5),
    description text not null default '',
    active boolean not null default true,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index station_home_region_idx on station (home_region_code)`,
  `create index station_parent_idx on station (parent_id)`,
  `create table station_region (
    station_id integer not null references station (id),
    region_code text not null references region (code),
    region_path text not null,
    is_home boolean not null,
    primary key (station_id, region_code)
  )`,
  `create index station_region_path_idx on station_region (region_path text_pattern_ops, station_id)`,
  `create unique index station_region_one_home on station_region (station_id) where is_home`,

  `create table deputy (
    id integer generated always as identity primary key,
    name text not null check (length(name) between 1 and 50),
    name_pinyin text not null,
    name_initials text not null,
    gender text not null check (gender in ('male', 'female')),
    ethnicity text not null default '汉族',
    party text not null default '',
    birth_year smallint,
    phone text,
    status text not null check (status in ('current', 'former')),
    special_liaison boolean not null default false,
    region_code text not null references region (code),
    region_path text not null,
    constituency text not null default '',
    profession_tags text[] not null default '{}',
    occupation text not null default '',
    grid_cell text,
    active boolean not null default true,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index deputy_region_path_idx on deputy (region_path text_pattern_ops, id)`,
  `create index deputy_initials_idx on deputy (name_initials text_pattern_ops)`,
  `create index deputy_name_idx on deputy (name text_pattern_ops)`,
  `create table deputy_level (
    deputy_id integer not null references deputy (id),
    level text not null check (level in ('national', 'provincial', 'city', 'county', 'township')),
    term smallint not null check (term between 1 and 30),
    -- the congress's region; null for the National People's Congress
    region_code text references region (code),
    check ((level = 'national') = (region_code is null)),
    primary key (deputy_id, level)
  )`,
  `create table deputy_station (
    deputy_id integer not null references deputy (id),
    station_id integer not null references station (id),
    role text not null check (role in ('head', 'liaison', 'resident')),
    primary key (deputy_id, station_id)
  )`,
  `create index deputy_station_station_idx on deputy_station (station_id, deputy_id)`,

  `create table unit (
    id integer generated always as identity primary key,
    name text not null check (length(name) between 1 and 100),
    region_code text not null references region (code),
    region_path text not null,
    address text not null default '',
    contacts jsonb not null default '[]',
    active boolean not null default true,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index unit_region_path_idx on unit (region_path text_pattern_ops, id)`,
  `create unique index unit_name_region_idx on unit (region_code, name)`,

  `create table account (
    id integer generated always as identity primary key,
    username text not null,
    display_name text not null,
    role text not null check (role in ('admin', 'staff', 'officer', 'deputy', 'unit')),
    password_hash text not null,
    must_change_password boolean not null default false,
    region_code text references region (code),
    deputy_id integer references deputy (id),
    unit_id integer references unit (id),
    anchor_path text not null default '',
    failed_logins integer not null default 0,
    locked_until timestamptz,
    last_login_at timestamptz,
    password_changed_at timestamptz,
    active boolean not null default true,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (role <> 'staff' or region_code is not null),
    check (role <> 'deputy' or deputy_id is not null),
    check (role <> 'unit' or unit_id is not null)
  )`,
  `create unique index account_username_idx on account (lower(username))`,
  `create index account_anchor_idx on account (anchor_path text_pattern_ops, id)`,
  `create table account_station (
    account_id integer not null references account (id),
    station_id integer not null references station (id),
    primary key (account_id, station_id)
  )`,

  `create table session (
    id_hash text primary key,
    account_id integer not null references account (id),
    csrf_token text not null,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null,
    expires_at timestamptz not null,
    ip text not null default '',
    user_agent text not null default ''
  )`,
  `create index session_account_idx on session (account_id)`,
  `create index session_expires_idx on session (expires_at)`,

  `create table audit_log (
    id bigint generated always as identity primary key,
    at timestamptz not null,
    actor_account_id integer,
    actor_name text not null,
    action text not null,
    entity_type text not null,
    entity_id text,
    before jsonb,
    after jsonb,
    ip text,
    prev_hash text not null,
    hash text not null unique
  )`,
  `create index audit_entity_idx on audit_log (entity_type, entity_id, id)`,
  `create index audit_actor_idx on audit_log (actor_account_id, id)`,
  `create index audit_at_idx on audit_log (at, id)`,
  // Append-only: no update or delete path, whoever asks.
  `create function audit_log_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'audit_log is append-only' using errcode = '42501';
   end $$`,
  `create trigger audit_log_no_update before update or delete on audit_log
     for each row execute function audit_log_append_only()`,
  `create trigger audit_log_no_truncate before truncate on audit_log
     for each statement execute function audit_log_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The core schema cannot be rolled back');
}
