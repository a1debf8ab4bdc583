import { sql, type Kysely } from 'kysely';

/**
 * Grids (网格): cells under villages and communities, the deputies attached to them, grid workers
 * (a new account role `grid`) and their whistles (吹哨: a case of channel `whistle`), and the
 * cross-border service teams of grid workers with their joint patrols (logged as activities).
 *
 * - `grid_cell`: a cell of a village or community; regions end at the town, so the cell names
 *   its town (`region_code`, `region_path`) and the village by name. `station_id`: the station a
 *   whistle from the cell goes to.
 * - `grid_cell_deputy`: the deputies attached to a cell (of their constituency).
 * - `grid_cell_worker`: the grid workers (accounts of role `grid`) of a cell.
 * - `grid_whistle`: which case was whistled by which worker for which cell, and where from.
 * - `grid_team`, `grid_team_member`: cross-border service teams (跨界服务小组) of a station.
 * - `grid_patrol`, `grid_patrol_member`: a team's joint patrol, its activity and who went.
 */
const ROLES_BEFORE = `'admin', 'staff', 'officer', 'deputy', 'unit'`;
const ROLES_AFTER = `'admin', 'staff', 'officer', 'deputy', 'unit', 'grid'`;
const CHANNELS_BEFORE = `'reception', 'visit', 'qr', 'online', 'wechat', 'phone', 'letter', 'grid'`;
const CHANNELS_AFTER = `'reception', 'visit', 'qr', 'online', 'wechat', 'phone', 'letter', 'grid', 'whistle'`;

const statements = [
  `alter table account drop constraint account_role_check`,
  `alter table account add constraint account_role_check check (role in (${ROLES_AFTER}))`,
  `alter table opinion drop constraint opinion_channel_check`,
  `alter table opinion add constraint opinion_channel_check check (channel in (${CHANNELS_AFTER}))`,

  `create table grid_cell (
    id integer generated always as identity primary key,
    name text not null check (length(name) between 1 and 100),
    region_code text not null references region (code),
    region_path text not null,
    village text not null check (length(village) between 1 and 100),
    station_id integer not null references station (id),
    boundary text not null default '' check (length(boundary) <= 2000),
    center_lat double precision check (center_lat between -90 and 90),
    center_lng double precision check (center_lng between -180 and 180),
    active boolean not null default true,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((center_lat is null) = (center_lng is null))
  )`,
  `create index grid_cell_region_idx on grid_cell (region_path text_pattern_ops, id)`,
  `create unique index grid_cell_name_idx on grid_cell (region_code, village, name)`,
  `create index grid_cell_station_idx on grid_cell (station_id)`,

  `create table grid_cell_deputy (
    cell_id integer not null references grid_cell (id),
    deputy_id integer not null references deputy (id),
    primary key (cell_id, deputy_id)
  )`,
  `create index grid_cell_deputy_deputy_idx on grid_cell_deputy (deputy_id)`,

  `create table grid_cell_worker (
    cell_id integer not null references grid_cell (id),
    account_id integer not null references account (id),
    primary key (cell_id, account_id)
  )`,
  `create index grid_cell_worker_account_idx on grid_cell_worker (account_id)`,

  `create table grid_whistle (
    opinion_id bigint primary key references opinion (id),
    cell_id integer not null references grid_cell (id),
    account_id integer not null references account (id),
    lat double precision check (lat between -90 and 90),
    lng double precision check (lng between -180 and 180),
    created_at timestamptz not null,
    check ((lat is null) = (lng is null))
  )`,
  `create index grid_whistle_account_idx on grid_whistle (account_id, opinion_id)`,
  `create index grid_whistle_cell_idx on grid_whistle (cell_id, opinion_id)`,

  `create table grid_team (
    id integer generated always as identity primary key,
    station_id integer not null references station (id),
    name text not null check (length(name) between 1 and 100),
    description text not null default '' check (length(description) <= 2000),
    created_at timestamptz not null default now(),
    unique (station_id, name)
  )`,
  `create table grid_team_member (
    team_id integer not null references grid_team (id),
    account_id integer not null references account (id),
    primary key (team_id, account_id)
  )`,
  `create index grid_team_member_account_idx on grid_team_member (account_id)`,

  `create table grid_patrol (
    id integer generated always as identity primary key,
    team_id integer not null references grid_team (id),
    activity_id bigint not null unique references activity (id),
    created_at timestamptz not null default now()
  )`,
  `create index grid_patrol_team_idx on grid_patrol (team_id, id)`,
  `create table grid_patrol_member (
    patrol_id integer not null references grid_patrol (id),
    account_id integer not null references account (id),
    primary key (patrol_id, account_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['grid_patrol_member', 'grid_patrol', 'grid_team_member', 'grid_team', 'grid_whistle', 'grid_cell_worker', 'grid_cell_deputy', 'grid_cell']) {
    await sql.raw(`drop table ${t}`).execute(db);
  }
  // Before grids, a whistle was what staff registered on a grid's behalf (网格代为登记); grid
  // workers' accounts had no role: they are kept (their steps are on record) but closed.
  await sql.raw(`update opinion set channel = 'grid' where channel = 'whistle'`).execute(db);
  await sql.raw('alter table opinion drop constraint opinion_channel_check').execute(db);
  await sql.raw(`alter table opinion add constraint opinion_channel_check check (channel in (${CHANNELS_BEFORE}))`).execute(db);
  await sql.raw(`delete from session where account_id in (select id from account where role = 'grid')`).execute(db);
  await sql.raw(`update account set role = 'officer', active = false where role = 'grid'`).execute(db);
  await sql.raw('alter table account drop constraint account_role_check').execute(db);
  await sql.raw(`alter table account add constraint account_role_check check (role in (${ROLES_BEFORE}))`).execute(db);
}
