import { sql, type Kysely } from 'kysely';

/**
 * Standing-committee topics consulted through the stations (议题征询): before a congress's
 * standing committee deliberates a topic, the stations asked gather constituents' views on it;
 * the committee's deliberation opinion (审议意见) and the government's handling report
 * (政府处理情况) then go back to the stations and to each constituent who kept a receipt code.
 *
 * - `consultation_topic`: the topic, its committee (a congress: level and region, with the
 *   region's path copied for scope in the SQL), its window, its state and the two feedback texts.
 * - `consultation_question`: the questions asked, in order.
 * - `consultation_station`: the stations asked (a list, or every station under
 *   `whole_region_code`, resolved when the topic is saved), with the station's home region path.
 * - `consultation_document`: the background documents (PDF or images, judged by content).
 * - `consultation_view`: one constituent's view (public form, or heard at a reception day and
 *   registered by a deputy or officer), at one station asked. Name and phone are optional and
 *   shown masked; a public view keeps only the hash of its receipt code.
 * - `consultation_answer`: the view's text per question (`question_id` null: a general remark).
 * - `consultation_activity`: activities linked to the topic (their summaries are views of the
 *   activity's station); `station_id` is the activity's station, copied when linked.
 */
const STATES = `'draft', 'open', 'closed', 'deliberated', 'handled'`;
const LEVELS = `'provincial', 'city', 'county', 'township'`;

const statements = [
  `create table consultation_topic (
    id integer generated always as identity primary key,
    title text not null check (length(title) between 1 and 200),
    background text not null check (length(background) <= 20000),
    state text not null check (state in (${STATES})),
    congress_level text not null check (congress_level in (${LEVELS})),
    congress_region_code text not null references region (code),
    congress_region_path text not null,
    -- the stations asked are every station under this region (else a chosen list)
    whole_region_code text references region (code),
    opens_on date not null,
    closes_on date not null,
    check (closes_on >= opens_on),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    published_at timestamptz,
    closed_at timestamptz,
    opinion text check (length(opinion) between 1 and 20000),
    opinion_at timestamptz,
    opinion_by text,
    handling text check (length(handling) between 1 and 20000),
    handling_at timestamptz,
    handling_by text,
    version integer not null default 1,
    check ((state = 'draft') = (published_at is null)),
    check ((state in ('draft', 'open')) = (closed_at is null)),
    check ((state in ('deliberated', 'handled')) = (opinion is not null and opinion_at is not null)),
    check ((state = 'handled') = (handling is not null and handling_at is not null))
  )`,
  `create index consultation_topic_scope_idx on consultation_topic (congress_region_path text_pattern_ops)`,
  `create table consultation_question (
    id integer generated always as identity primary key,
    topic_id integer not null references consultation_topic (id) on delete cascade,
    position smallint not null check (position between 1 and 30),
    text text not null check (length(text) between 1 and 500),
    unique (topic_id, position)
  )`,
  `create table consultation_station (
    topic_id integer not null references consultation_topic (id) on delete cascade,
    station_id integer not null references station (id),
    primary key (topic_id, station_id)
  )`,
  `create index consultation_station_station_idx on consultation_station (station_id)`,
  `create table consultation_document (
    id integer generated always as identity primary key,
    topic_id integer not null references consultation_topic (id) on delete cascade,
    name text not null check (length(name) between 1 and 200),
    mime text not null,
    size integer not null check (size > 0),
    sha256 text not null,
    bytes bytea not null,
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now()
  )`,
  `create index consultation_document_topic_idx on consultation_document (topic_id)`,
  `create table consultation_view (
    id bigint generated always as identity primary key,
    topic_id integer not null references consultation_topic (id),
    station_id integer not null references station (id),
    source text not null check (source in ('public', 'reception')),
    name text check (length(name) between 1 and 50),
    phone text check (length(phone) between 3 and 20),
    -- public views: sha256 of the receipt code the constituent reads the feedback with
    receipt_hash text unique,
    check ((source = 'public') = (receipt_hash is not null)),
    -- reception views: the day heard, the case it came with, who registered it
    heard_on date,
    case_id bigint references opinion (id),
    recorded_by_account_id integer references account (id),
    recorded_by_deputy_id integer references deputy (id),
    check (source = 'reception' or (case_id is null and recorded_by_account_id is null)),
    created_at timestamptz not null default now()
  )`,
  `create index consultation_view_topic_idx on consultation_view (topic_id, station_id, id)`,
  `create index consultation_view_case_idx on consultation_view (case_id) where case_id is not null`,
  `create index consultation_view_deputy_idx on consultation_view (recorded_by_deputy_id) where recorded_by_deputy_id is not null`,
  `create table consultation_answer (
    id bigint generated always as identity primary key,
    view_id bigint not null references consultation_view (id) on delete cascade,
    topic_id integer not null references consultation_topic (id),
    question_id integer references consultation_question (id),
    text text not null check (length(text) between 1 and 2000),
    unique (view_id, question_id)
  )`,
  `create index consultation_answer_question_idx on consultation_answer (topic_id, question_id, id)`,
  `create table consultation_activity (
    topic_id integer not null references consultation_topic (id),
    activity_id bigint not null references activity (id),
    station_id integer not null references station (id),
    linked_by_account_id integer references account (id),
    linked_at timestamptz not null default now(),
    primary key (topic_id, activity_id)
  )`,
  `create index consultation_activity_activity_idx on consultation_activity (activity_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['consultation_activity', 'consultation_answer', 'consultation_view', 'consultation_document', 'consultation_station',
    'consultation_question', 'consultation_topic']) {
    await sql.raw(`drop table ${table}`).execute(db);
  }
}
