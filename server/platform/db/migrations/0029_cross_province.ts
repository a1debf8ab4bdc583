import { sql, type Kysely } from 'kysely';

/**
 * Cross-province stations (跨省联建站): what the member sides agree and do together.
 *
 * - `cross_province_agreement`: an agreement (协议书) of a station: title, date signed, scope,
 *   validity (valid_to null: open-ended).
 * - `cross_province_party`: a party to it (a member town's or county's congress, by region), the
 *   day it joined (parties join later), its place in the rota and its 人大主席 (a named person,
 *   or a deputy).
 * - `cross_province_file`: the agreement document and the rules and manuals attached to it
 *   (工作制度, 接待流程图, 工作手册), bytes judged by their content.
 * - `cross_province_chair`: the rotating chair (轮值) by quarter: the side and its chair.
 * - `cross_province_meeting`: joint meetings (联席会议), scheduled and held (with minutes, and
 *   the activity of kind joint_meeting recorded when held); `cross_province_attendance` by side.
 * - `cross_province_cadence`: the cadence a station keeps (per week, month, quarter) and which
 *   activity kinds count for each measure.
 * - `cross_province_issue`: the joint governance list (协同治理清单); `…_issue_side` the
 *   responsible sides; `…_issue_note` the progress notes; `…_issue_link` linked cases and suggestions.
 */
const statements = [
  `create table cross_province_agreement (
    id integer generated always as identity primary key,
    station_id integer not null references station (id),
    title text not null check (length(title) between 1 and 200),
    signed_on date not null,
    scope text not null default '',
    valid_from date not null,
    valid_to date,
    created_by_account_id integer references account (id),
    created_at timestamptz not null,
    version integer not null default 1,
    check (valid_to is null or valid_to >= valid_from)
  )`,
  `create index cross_province_agreement_station_idx on cross_province_agreement (station_id, signed_on desc)`,
  `create table cross_province_party (
    id integer generated always as identity primary key,
    agreement_id integer not null references cross_province_agreement (id) on delete cascade,
    region_code text not null references region (code),
    region_path text not null,
    congress_name text not null check (length(congress_name) between 1 and 100),
    joined_on date not null,
    ordinal smallint not null check (ordinal >= 1),
    chair_name text not null default '',
    chair_deputy_id integer references deputy (id),
    unique (agreement_id, region_code),
    unique (agreement_id, ordinal)
  )`,
  `create table cross_province_file (
    id integer generated always as identity primary key,
    agreement_id integer not null references cross_province_agreement (id) on delete cascade,
    kind text not null check (kind in ('agreement', 'rules', 'flow', 'manual', 'other')),
    name text not null check (length(name) between 1 and 200),
    mime text not null,
    size integer not null check (size > 0),
    sha256 text not null,
    bytes bytea not null,
    created_by_account_id integer references account (id),
    created_at timestamptz not null
  )`,
  `create index cross_province_file_agreement_idx on cross_province_file (agreement_id)`,
  `create table cross_province_chair (
    id integer generated always as identity primary key,
    station_id integer not null references station (id),
    starts_on date not null,
    ends_on date not null,
    region_code text not null references region (code),
    region_path text not null,
    chair_name text not null,
    chair_deputy_id integer references deputy (id),
    accepted_at timestamptz,
    unique (station_id, starts_on),
    check (ends_on >= starts_on)
  )`,
  `create index cross_province_chair_path_idx on cross_province_chair (region_path text_pattern_ops)`,
  `create table cross_province_meeting (
    id integer generated always as identity primary key,
    station_id integer not null references station (id),
    scheduled_on date not null,
    title text not null check (length(title) between 1 and 200),
    place text not null default '',
    state text not null check (state in ('scheduled', 'held', 'cancelled')),
    minutes text,
    activity_id integer references activity (id),
    held_at timestamptz,
    created_at timestamptz not null,
    version integer not null default 1
  )`,
  `create index cross_province_meeting_station_idx on cross_province_meeting (station_id, scheduled_on)`,
  `create table cross_province_attendance (
    meeting_id integer not null references cross_province_meeting (id) on delete cascade,
    region_code text not null references region (code),
    present integer not null check (present >= 0),
    names text not null default '',
    primary key (meeting_id, region_code)
  )`,
  `create table cross_province_cadence (
    station_id integer primary key references station (id),
    receptions_per_week smallint not null check (receptions_per_week between 0 and 20),
    exchanges_per_month smallint not null check (exchanges_per_month between 0 and 50),
    joint_per_quarter smallint not null check (joint_per_quarter between 0 and 50),
    reception_kinds text[] not null,
    exchange_kinds text[] not null,
    joint_kinds text[] not null,
    updated_at timestamptz not null,
    version integer not null default 1
  )`,
  `create table cross_province_issue (
    id integer generated always as identity primary key,
    station_id integer not null references station (id),
    title text not null check (length(title) between 1 and 200),
    category text not null check (category in ('land_dispute', 'road', 'river_pollution', 'sand_mining', 'other')),
    description text not null default '',
    status text not null check (status in ('open', 'in_progress', 'resolved')),
    deadline date,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version integer not null default 1
  )`,
  `create index cross_province_issue_station_idx on cross_province_issue (station_id, id)`,
  `create table cross_province_issue_side (
    issue_id integer not null references cross_province_issue (id) on delete cascade,
    region_code text not null references region (code),
    primary key (issue_id, region_code)
  )`,
  `create table cross_province_issue_note (
    id integer generated always as identity primary key,
    issue_id integer not null references cross_province_issue (id) on delete cascade,
    at timestamptz not null,
    body text not null check (length(body) between 1 and 2000),
    status_from text,
    status_to text,
    author_name text not null,
    author_account_id integer references account (id)
  )`,
  `create index cross_province_issue_note_issue_idx on cross_province_issue_note (issue_id, at)`,
  `create table cross_province_issue_link (
    issue_id integer not null references cross_province_issue (id) on delete cascade,
    kind text not null check (kind in ('case', 'suggestion')),
    target_id integer not null,
    primary key (issue_id, kind, target_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['cross_province_issue_link', 'cross_province_issue_note', 'cross_province_issue_side', 'cross_province_issue',
    'cross_province_cadence', 'cross_province_attendance', 'cross_province_meeting', 'cross_province_chair',
    'cross_province_file', 'cross_province_party', 'cross_province_agreement']) {
    await sql.raw(`drop table if exists ${t}`).execute(db);
  }
}
