import { sql, type Kysely } from 'kysely';

/**
 * Deliberation days (逢四议事) of a street or town, after 番禺区沙头街道: the monthly day by a
 * rule (the 4th Thursday, moved to the next working day when it is a holiday), topics proposed
 * and scored by importance, urgency and social impact, 1–2 chosen for a day, the notice days
 * ahead, the meeting (an activity of kind `deliberation`), the action plan handled by units and
 * reviewed by the street's congress office, its publication and the public's feedback.
 *
 * - `deliberation_rule`: the rule and the score weights of one street/town (defaults when none).
 * - `deliberation_day`: one deliberation day: its rule date and the day it is held (moved by the
 *   calendar), state, place, the record (activity, minutes, decisions) and the published summary.
 * - `deliberation_day_unit`: the units invited to a day.
 * - `deliberation_topic`: a topic proposed for a region: source, scores 1–5, the day chosen for.
 * - `deliberation_topic_case`: the opinions (cases) a topic came from.
 * - `deliberation_item`: an action-plan item: responsible unit, working days, due day, answer.
 * - `deliberation_item_event`: the item's timeline (each transition, who, when, why).
 * - `deliberation_feedback`: constituents' feedback on a published day (no account), and the
 *   staff's decision on it (reopen an item, or dismiss).
 */
const statements = [
  `create table deliberation_rule (
    region_code text primary key references region (code),
    region_path text not null,
    weekday smallint not null default 4 check (weekday between 1 and 7),
    nth smallint not null default 4 check (nth between 1 and 5 or nth = -1),
    notice_days smallint not null default 3 check (notice_days between 0 and 14),
    topics_min smallint not null default 1 check (topics_min between 1 and 5),
    topics_max smallint not null default 2 check (topics_max between topics_min and 5),
    weight_importance smallint not null default 40 check (weight_importance between 0 and 100),
    weight_urgency smallint not null default 30 check (weight_urgency between 0 and 100),
    weight_impact smallint not null default 30 check (weight_impact between 0 and 100),
    check (weight_importance + weight_urgency + weight_impact > 0),
    item_working_days smallint not null default 15 check (item_working_days between 1 and 60),
    place text not null default '' check (length(place) <= 200),
    start_time text not null default '09:30' check (start_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
    updated_at timestamptz not null default now(),
    updated_by_account_id integer references account (id),
    version integer not null default 1
  )`,
  `create table deliberation_day (
    id integer generated always as identity primary key,
    region_code text not null references region (code),
    region_path text not null,
    rule_date date not null,
    held_on date not null,
    state text not null check (state in ('scheduled', 'noticed', 'held', 'published', 'cancelled')),
    place text not null default '' check (length(place) <= 200),
    start_time text not null default '09:30' check (start_time ~ '^[0-2][0-9]:[0-5][0-9]$'),
    notice_on date not null,
    noticed_at timestamptz,
    activity_id integer references activity (id),
    minutes text check (length(minutes) <= 20000),
    decisions jsonb,
    held_at timestamptz,
    summary text check (length(summary) <= 5000),
    published_at timestamptz,
    cancelled_at timestamptz,
    cancel_reason text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    unique (region_code, rule_date),
    check ((state in ('held', 'published')) = (held_at is not null and activity_id is not null)),
    check ((state = 'published') = (published_at is not null))
  )`,
  `create index deliberation_day_scope_idx on deliberation_day (region_path text_pattern_ops, held_on)`,
  `create index deliberation_day_notice_idx on deliberation_day (notice_on) where state = 'scheduled'`,
  `create table deliberation_day_unit (
    day_id integer not null references deliberation_day (id) on delete cascade,
    unit_id integer not null references unit (id),
    primary key (day_id, unit_id)
  )`,
  `create index deliberation_day_unit_unit_idx on deliberation_day_unit (unit_id)`,
  `create table deliberation_topic (
    id integer generated always as identity primary key,
    region_code text not null references region (code),
    region_path text not null,
    title text not null check (length(title) between 1 and 200),
    description text not null check (length(description) <= 5000),
    source text not null check (source in ('deputy', 'staff', 'case', 'hot_topic')),
    hot_topic_id integer,
    check ((source = 'hot_topic') = (hot_topic_id is not null)),
    state text not null check (state in ('proposed', 'chosen', 'deliberated', 'withdrawn')),
    proposed_by_account_id integer references account (id),
    proposer_name text not null,
    proposer_deputy_id integer references deputy (id),
    importance smallint check (importance between 1 and 5),
    urgency smallint check (urgency between 1 and 5),
    impact smallint check (impact between 1 and 5),
    check ((importance is null) = (urgency is null) and (urgency is null) = (impact is null)),
    scored_at timestamptz,
    scored_by_account_id integer references account (id),
    day_id integer references deliberation_day (id),
    check ((state in ('chosen', 'deliberated')) = (day_id is not null)),
    withdrawn_reason text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1
  )`,
  `create index deliberation_topic_scope_idx on deliberation_topic (region_path text_pattern_ops, state)`,
  `create index deliberation_topic_day_idx on deliberation_topic (day_id) where day_id is not null`,
  `create table deliberation_topic_case (
    topic_id integer not null references deliberation_topic (id) on delete cascade,
    case_id integer not null references opinion (id),
    primary key (topic_id, case_id)
  )`,
  `create index deliberation_topic_case_case_idx on deliberation_topic_case (case_id)`,
  `create table deliberation_item (
    id integer generated always as identity primary key,
    day_id integer not null references deliberation_day (id),
    topic_id integer references deliberation_topic (id),
    title text not null check (length(title) between 1 and 200),
    body text not null check (length(body) <= 5000),
    unit_id integer not null references unit (id),
    state text not null check (state in ('assigned', 'signed', 'answered', 'approved')),
    working_days smallint not null check (working_days between 1 and 60),
    due_on date,
    answer text check (length(answer) <= 10000),
    answered_at timestamptz,
    approved_at timestamptz,
    reopen_count integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    check ((state = 'assigned') = (due_on is null))
  )`,
  `create index deliberation_item_day_idx on deliberation_item (day_id)`,
  `create index deliberation_item_unit_idx on deliberation_item (unit_id, state)`,
  `create table deliberation_item_event (
    id integer generated always as identity primary key,
    item_id integer not null references deliberation_item (id) on delete cascade,
    at timestamptz not null,
    action text not null,
    from_state text,
    to_state text not null,
    actor_account_id integer references account (id),
    actor_name text not null,
    comment text,
    data jsonb not null default '{}'
  )`,
  `create index deliberation_item_event_item_idx on deliberation_item_event (item_id, id)`,
  `create table deliberation_feedback (
    id integer generated always as identity primary key,
    day_id integer not null references deliberation_day (id),
    item_id integer references deliberation_item (id),
    rating text not null check (rating in ('satisfied', 'basically_satisfied', 'unsatisfied')),
    comment text not null default '' check (length(comment) <= 500),
    ip_hash text,
    created_at timestamptz not null default now(),
    decision text check (decision in ('reopen', 'dismiss')),
    decided_at timestamptz,
    decided_by_account_id integer references account (id),
    decision_note text,
    check ((decision is null) = (decided_at is null))
  )`,
  `create index deliberation_feedback_day_idx on deliberation_feedback (day_id, id)`,
  `create index deliberation_feedback_open_idx on deliberation_feedback (day_id) where rating = 'unsatisfied' and decision is null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['deliberation_feedback', 'deliberation_item_event', 'deliberation_item', 'deliberation_topic_case', 'deliberation_topic', 'deliberation_day_unit', 'deliberation_day', 'deliberation_rule']) {
    await sql.raw(`drop table if exists ${t}`).execute(db);
  }
}
