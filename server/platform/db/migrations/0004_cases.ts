import { sql, type Kysely } from 'kysely';

// Coded values are written out: a released migration never changes.
const STATES = `'submitted', 'accepted', 'declined', 'escalated', 'assigned', 'returned', 'in_progress', 'extension_requested',
  'replied', 'reply_approved', 'answered', 'rehandling', 'merged', 'closed', 'archived'`;
const CHANNELS = `'reception', 'visit', 'qr', 'online', 'wechat', 'phone', 'letter', 'grid'`;

const statements = [
  `create table case_category (
    id integer generated always as identity primary key,
    code text not null unique,
    name text not null,
    name_en text not null,
    deadline_days smallint not null default 3 check (deadline_days between 1 and 30),
    max_days smallint not null default 5 check (max_days between 1 and 60),
    sort smallint not null default 0,
    active boolean not null default true,
    check (deadline_days <= max_days)
  )`,
  `insert into case_category (code, name, name_en, deadline_days, max_days, sort) values
    ('livelihood', '民生微实事', 'Small livelihood matters', 3, 5, 1),
    ('water', '饮水供水', 'Drinking water', 3, 5, 2),
    ('roads', '道路交通', 'Roads and transport', 5, 10, 3),
    ('agriculture', '农业农村', 'Agriculture and villages', 5, 10, 4),
    ('environment', '生态环境', 'Environment', 5, 10, 5),
    ('social', '社会保障', 'Social security', 5, 10, 6),
    ('education_health', '教育医疗', 'Education and health', 5, 10, 7),
    ('dispute', '矛盾纠纷', 'Disputes and mediation', 5, 10, 8),
    ('economy', '产业发展', 'Industry and business', 10, 20, 9),
    ('other', '其他', 'Other', 5, 10, 99)`,

  `create table opinion (
    id bigint generated always as identity primary key,
    tracking_code text not null unique,
    query_key_hash text not null,
    channel text not null check (channel in (${CHANNELS})),
    state text not null check (state in (${STATES})),
    category_id integer not null references case_category (id),
    station_id integer not null references station (id),
    deputy_id integer references deputy (id),
    region_code text not null references region (code),
    region_path text not null,
    -- every ancestor path of the case's region and of its station's regions: staff reach the
    -- case when their region's path is one of them (one GIN lookup instead of a scan)
    scope_paths text[] not null default '{}',
    content text not null check (length(content) between 1 and 2000),
    place text not null default '',
    submitter_name text,
    submitter_phone text,
    submitted_at timestamptz not null,
    submitter_ip text,
    created_by_account_id integer references account (id),
    idempotency_key text unique,
    accepted_at timestamptz,
    declined_at timestamptz,
    assigned_at timestamptz,
    assigned_unit_id integer references unit (id),
    co_unit_ids integer[] not null default '{}',
    deadline_days smallint,
    return_until date,
    signed_at timestamptz,
    signed_late boolean,
    deadline_date date,
    deadline_at timestamptz,
    paused_at timestamptz,
    paused_working_days integer not null default 0,
    extension_days integer not null default 0,
    replied_at timestamptz,
    replied_on_time boolean,
    handling_working_days integer,
    overdue_at timestamptz,
    answered_at timestamptz,
    answer_mode text,
    answered_on_spot boolean not null default false,
    rating text check (rating in ('satisfied', 'basically_satisfied', 'unsatisfied')),
    rating_comment text,
    rated_at timestamptz,
    round smallint not null default 1,
    rehandled boolean not null default false,
    key_supervision boolean not null default false,
    urge_count integer not null default 0,
    escalation_count integer not null default 0,
    merged_into_id bigint references opinion (id),
    closed_at timestamptz,
    close_reason text check (close_reason in ('rated', 'unrated', 'declined', 'merged')),
    archived_at timestamptz,
    version integer not null default 1,
    updated_at timestamptz not null default now()
  )`,
  `create index opinion_region_idx on opinion (region_path text_pattern_ops, id)`,
  `create index opinion_scope_idx on opinion using gin (scope_paths)`,
  // '450000.451100.451103.' → {'450000.', '450000.451100.', '450000.451100.451103.'}
  `create function path_prefixes(p text) returns text[] language sql immutable as $$
     select coalesce(array_agg(array_to_string(parts[1:n], '.') || '.' order by n), '{}')
     from (select string_to_array(rtrim(p, '.'), '.') as parts) s, generate_series(1, coalesce(array_length(parts, 1), 0)) n
   $$`,
  // The scope paths of a case at a station: its own region's and the station's regions' ancestors.
  `create function case_scope_paths(station integer, own_path text) returns text[] language sql stable as $$
     select array(select distinct unnest(path_prefixes(x)) from (
       select own_path as x union all select region_path from station_region where station_id = station) paths order by 1)
   $$`,
  `create index opinion_station_idx on opinion (station_id, id)`,
  `create index opinion_unit_idx on opinion (assigned_unit_id, id) where assigned_unit_id is not null`,
  `create index opinion_co_units_idx on opinion using gin (co_unit_ids)`,
  `create index opinion_deputy_idx on opinion (deputy_id, id) where deputy_id is not null`,
  `create index opinion_state_idx on opinion (state, id)`,
  `create index opinion_deadline_idx on opinion (deadline_at) where state in ('assigned', 'in_progress', 'extension_requested')`,
  `create index opinion_submitted_idx on opinion (submitted_at, id)`,
  `create index opinion_merged_idx on opinion (merged_into_id) where merged_into_id is not null`,

  `create table opinion_event (
    id bigint generated always as identity primary key,
    opinion_id bigint not null references opinion (id),
    at timestamptz not null,
    actor_kind text not null,
    actor_account_id integer references account (id),
    actor_name text not null,
    action text not null,
    from_state text,
    to_state text not null,
    comment text,
    public boolean not null default false,
    data jsonb not null default '{}'
  )`,
  `create index opinion_event_opinion_idx on opinion_event (opinion_id, id)`,

  `create table opinion_photo (
    id bigint generated always as identity primary key,
    opinion_id bigint not null references opinion (id),
    mime text not null check (mime in ('image/jpeg', 'image/png', 'image/webp')),
    size integer not null check (size between 1 and 5242880),
    sha256 text not null,
    bytes bytea not null,
    created_at timestamptz not null default now()
  )`,
  `create index opinion_photo_opinion_idx on opinion_photo (opinion_id, id)`,

  // A retried public submission (same Idempotency-Key, same body) answers the first result.
  `create table idempotency (
    scope text not null,
    key text not null,
    request_hash text not null,
    response jsonb,
    created_at timestamptz not null default now(),
    primary key (scope, key)
  )`,
  `create index idempotency_created_idx on idempotency (created_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The case tables cannot be rolled back');
}
