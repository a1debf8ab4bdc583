import { sql, type Kysely } from 'kysely';

/**
 * Hot topics (热点议题): similar opinions grouped across stations, per county and window.
 *
 * - `hot_topic_run`: one computation for a county (`region_code`, its path copied) and a window
 *   of days ending at `window_end`: when, how long it took, how many opinions and topics.
 *   Old runs are pruned by the daily housekeeping (the latest per county and window is kept).
 * - `hot_topic`: a group of similar opinions in a run: its keywords and label, counts, weekly
 *   counts (oldest first), stations and villages (jsonb lists with counts), rising score.
 * - `hot_topic_case`: the topic's opinions (cases), with their similarity to the topic's centre.
 * - `hot_topic_action`: what was made from a topic (a deliberation-day topic, a draft suggestion,
 *   consultation input), with the topic's label copied so the record outlives pruned runs.
 * - `consultation_case`: opinions linked to a standing-committee consultation as input.
 */
const statements = [
  `create table hot_topic_run (
    id integer generated always as identity primary key,
    region_code text not null references region (code),
    region_path text not null,
    window_days smallint not null check (window_days between 7 and 366),
    window_start date not null,
    window_end date not null,
    computed_at timestamptz not null,
    duration_ms integer not null check (duration_ms >= 0),
    opinion_count integer not null check (opinion_count >= 0),
    topic_count integer not null check (topic_count >= 0),
    trigger text not null check (trigger in ('nightly', 'refresh', 'demo')),
    requested_by_account_id integer references account (id)
  )`,
  `create index hot_topic_run_latest_idx on hot_topic_run (region_code, window_days, computed_at desc)`,
  `create table hot_topic (
    id integer generated always as identity primary key,
    run_id integer not null references hot_topic_run (id) on delete cascade,
    rank integer not null check (rank >= 1),
    label text not null check (length(label) between 1 and 200),
    keywords text[] not null,
    category_id integer references case_category (id),
    opinion_count integer not null check (opinion_count >= 1),
    recent_count integer not null check (recent_count >= 0),
    station_count integer not null check (station_count >= 0),
    village_count integer not null check (village_count >= 0),
    weekly_counts integer[] not null,
    rising_score real not null,
    rising boolean not null,
    stations jsonb not null,
    villages jsonb not null,
    first_at timestamptz not null,
    last_at timestamptz not null,
    unique (run_id, rank)
  )`,
  `create table hot_topic_case (
    topic_id integer not null references hot_topic (id) on delete cascade,
    case_id integer not null references opinion (id) on delete cascade,
    similarity real not null,
    primary key (topic_id, case_id)
  )`,
  `create index hot_topic_case_case_idx on hot_topic_case (case_id)`,
  `create table hot_topic_action (
    id integer generated always as identity primary key,
    topic_id integer references hot_topic (id) on delete set null,
    run_id integer,
    region_code text not null references region (code),
    topic_label text not null,
    kind text not null check (kind in ('deliberation', 'suggestion', 'consultation')),
    target_id integer,
    target_region_code text references region (code),
    case_ids integer[] not null,
    created_by_account_id integer references account (id),
    created_at timestamptz not null
  )`,
  `create index hot_topic_action_topic_idx on hot_topic_action (topic_id)`,
  `create index hot_topic_action_target_idx on hot_topic_action (kind, target_id)`,
  `create table consultation_case (
    topic_id integer not null references consultation_topic (id) on delete cascade,
    case_id integer not null references opinion (id) on delete cascade,
    linked_by_account_id integer references account (id),
    linked_at timestamptz not null,
    primary key (topic_id, case_id)
  )`,
  `create index consultation_case_case_idx on consultation_case (case_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['consultation_case', 'hot_topic_action', 'hot_topic_case', 'hot_topic', 'hot_topic_run']) {
    await sql.raw(`drop table if exists ${t}`).execute(db);
  }
}
