import { sql, type Kysely } from 'kysely';

// Coded values are written out: a released migration never changes.
const KINDS = `'reception', 'visit', 'inspection', 'research', 'training', 'group', 'theme', 'joint_meeting',
  'deliberation', 'report_back', 'legal_education', 'mediation', 'other'`;

const statements = [
  // 主题活动: a campaign groups activities across stations ("产业协同发展·代表在行动").
  `create table activity_campaign (
    id integer generated always as identity primary key,
    name text not null check (length(name) between 1 and 100),
    description text not null default '',
    region_code text not null references region (code),
    region_path text not null,
    starts_on date not null,
    ends_on date not null check (ends_on >= starts_on),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1
  )`,
  `create index activity_campaign_region_idx on activity_campaign (region_path text_pattern_ops)`,

  // 履职活动. Held at a station, or in a region without one (视察, 调研); the region decides who reaches it.
  `create table activity (
    id bigint generated always as identity primary key,
    kind text not null check (kind in (${KINDS})),
    title text not null check (length(title) between 1 and 200),
    station_id integer references station (id),
    region_code text not null references region (code),
    region_path text not null,
    campaign_id integer references activity_campaign (id),
    starts_at timestamptz not null,
    ends_at timestamptz check (ends_at is null or ends_at >= starts_at),
    place text not null default '',
    summary text not null default '' check (length(summary) <= 5000),
    suggestions_made integer not null default 0 check (suggestions_made >= 0),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1
  )`,
  `create index activity_station_idx on activity (station_id, starts_at desc)`,
  `create index activity_region_idx on activity (region_path text_pattern_ops, starts_at desc)`,
  `create index activity_campaign_idx on activity (campaign_id) where campaign_id is not null`,

  // Who took part, and whether they came (出席 / 缺席 / 请假).
  `create table activity_participant (
    activity_id bigint not null references activity (id),
    deputy_id integer not null references deputy (id),
    attendance text not null check (attendance in ('present', 'absent', 'leave')),
    primary key (activity_id, deputy_id)
  )`,
  `create index activity_participant_deputy_idx on activity_participant (deputy_id, activity_id)`,

  // Departments invited to attend (联席会议, 视察).
  `create table activity_unit (
    activity_id bigint not null references activity (id),
    unit_id integer not null references unit (id),
    primary key (activity_id, unit_id)
  )`,

  // Photos of the activity and reports attached to it (调研报告, 会议纪要).
  `create table activity_file (
    id bigint generated always as identity primary key,
    activity_id bigint not null references activity (id),
    kind text not null check (kind in ('photo', 'report')),
    filename text not null default '',
    mime text not null,
    size integer not null check (size between 1 and 10485760),
    sha256 text not null,
    bytes bytea not null,
    created_at timestamptz not null default now()
  )`,
  `create index activity_file_activity_idx on activity_file (activity_id, id)`,

  // Opinions collected during an activity count as its output.
  `alter table opinion add column activity_id bigint references activity (id)`,
  `create index opinion_activity_idx on opinion (activity_id) where activity_id is not null`,

  // 接待日轮值: who receives constituents at a station on which day. A held day links the
  // activity that records it; a past day without one was missed.
  `create table rota_slot (
    id bigint generated always as identity primary key,
    station_id integer not null references station (id),
    on_date date not null,
    hours text not null default '',
    activity_id bigint references activity (id),
    cancelled boolean not null default false,
    note text not null default '',
    created_at timestamptz not null default now(),
    version integer not null default 1,
    unique (station_id, on_date)
  )`,
  `create table rota_duty (
    slot_id bigint not null references rota_slot (id),
    deputy_id integer not null references deputy (id),
    -- set when this deputy stands in for another through a swap
    replaces_deputy_id integer references deputy (id),
    primary key (slot_id, deputy_id)
  )`,
  `create index rota_duty_deputy_idx on rota_duty (deputy_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The activity tables cannot be rolled back');
}
