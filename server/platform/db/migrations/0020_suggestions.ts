import { sql, type Kysely } from 'kysely';

/**
 * Deputies' suggestions (代表建议) and motions (议案): drafted by a lead deputy with co-signers,
 * reviewed and numbered by the congress they go to, assigned to a lead unit and co-units on a
 * statutory clock (3 or 6 months), answered with a letter (A/B/C) and its commitments, rated by
 * the deputies, followed up until every commitment is kept.
 *
 * - `congress_session`: the sessions (第N次会议) of a congress term; a suggestion filed during
 *   one is numbered under it, one filed between sessions under 闭会期间.
 * - `suggestion_setting`: a congress's own settings (motion threshold, windows, clocks); a
 *   congress without a row uses the defaults of its level (see features/suggestions/settings.ts).
 * - `suggestion`: the item and the facts stored at its transitions.
 * - `suggestion_signer`: the lead deputy and the co-signers invited, with their answer.
 * - `suggestion_source`: the cases and activities a suggestion grows from.
 * - `suggestion_unit`: the lead unit and the co-units, each with its part and the co-unit's view.
 * - `suggestion_reassignment`: a unit's request for a different assignment and the decision.
 * - `suggestion_contact`: the unit's communication with the deputy (办前/办中/办后沟通).
 * - `suggestion_answer`: each answer letter (答复函), per round.
 * - `suggestion_commitment`: what an answer promises, each with a due date, followed to done.
 * - `suggestion_rating`: each deputy's rating of each round's answer.
 * - `suggestion_attachment`: files of the draft, the answer, a co-unit's view or a follow-up.
 * - `suggestion_event`: the timeline.
 * - `suggestion_counter`: the last number given per congress term, session and kind.
 */
const LEVELS = `'national', 'provincial', 'city', 'county', 'township'`;
const STATES = `'draft', 'submitted', 'registered', 'on_agenda', 'declined', 'reference', 'converted', 'assigned',
  'reassign_requested', 'answered', 'rehandling', 'following_up', 'closed', 'withdrawn'`;
const RATINGS = `'satisfied', 'basically_satisfied', 'unsatisfied'`;

const statements = [
  `create table congress_session (
    id integer generated always as identity primary key,
    term_id integer not null references congress_term (id),
    number smallint not null check (number between 1 and 30),
    opens_on date not null,
    closes_on date not null,
    check (closes_on >= opens_on),
    unique (term_id, number)
  )`,
  `create table suggestion_setting (
    level text not null check (level in (${LEVELS})),
    region_code text references region (code),
    motion_min_cosigners smallint not null check (motion_min_cosigners between 1 and 100),
    reassign_window_days smallint not null check (reassign_window_days between 1 and 30),
    co_view_days_before smallint not null check (co_view_days_before between 1 and 90),
    normal_months smallint not null check (normal_months between 1 and 12),
    complex_months smallint not null check (complex_months between 1 and 12),
    rehandle_months smallint not null check (rehandle_months between 1 and 6),
    updated_at timestamptz not null default now(),
    updated_by_account_id integer references account (id),
    check ((level = 'national') = (region_code is null))
  )`,
  `create unique index suggestion_setting_congress_idx on suggestion_setting (level, coalesce(region_code, ''))`,
  `create table suggestion (
    id bigint generated always as identity primary key,
    kind text not null check (kind in ('suggestion', 'motion')),
    state text not null check (state in (${STATES})),
    title text not null check (length(title) between 1 and 200),
    reasons text not null check (length(reasons) <= 20000),
    proposals text not null check (length(proposals) <= 20000),
    category_id integer not null references case_category (id),
    -- the region the suggestion concerns
    region_code text not null references region (code),
    region_path text not null,
    -- the congress it goes to: the lead deputy's level and that level's region
    congress_level text not null check (congress_level in (${LEVELS})),
    congress_region_code text references region (code),
    congress_region_path text not null,
    term_id integer not null references congress_term (id),
    -- the session it was filed during; null between sessions (闭会期间)
    session_id integer references congress_session (id),
    lead_deputy_id integer not null references deputy (id),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    submitted_at timestamptz,
    number integer,
    number_label text,
    registered_at timestamptz,
    declined_at timestamptz,
    decline_reason text,
    -- a declined suggestion turned into a reference document or a case; a motion turned into a suggestion
    converted_case_id bigint references opinion (id),
    converted_from_motion boolean not null default false,
    agenda_at timestamptz,
    assigned_at timestamptz,
    assigned_on date,
    complex boolean not null default false,
    deadline_date date,
    reassign_until date,
    co_view_due date,
    answered_at timestamptz,
    answer_category text check (answer_category in ('A', 'B', 'C')),
    answered_on_time boolean,
    round smallint not null default 1,
    rating text check (rating in (${RATINGS})),
    rated_at timestamptz,
    key_supervision boolean not null default false,
    key_leader text,
    key_plan text,
    urge_count integer not null default 0,
    published boolean not null default true,
    closed_at timestamptz,
    version integer not null default 1,
    updated_at timestamptz not null default now(),
    check ((number is null) = (number_label is null))
  )`,
  `create index suggestion_congress_idx on suggestion (congress_region_path text_pattern_ops, id)`,
  `create index suggestion_lead_idx on suggestion (lead_deputy_id, id)`,
  `create index suggestion_state_idx on suggestion (state, deadline_date)`,
  `create unique index suggestion_number_idx on suggestion (term_id, coalesce(session_id, 0), kind, number) where number is not null`,
  `create table suggestion_signer (
    suggestion_id bigint not null references suggestion (id),
    deputy_id integer not null references deputy (id),
    role text not null check (role in ('lead', 'cosigner')),
    status text not null check (status in ('invited', 'confirmed', 'declined')),
    invited_at timestamptz not null,
    responded_at timestamptz,
    primary key (suggestion_id, deputy_id)
  )`,
  `create index suggestion_signer_deputy_idx on suggestion_signer (deputy_id, suggestion_id)`,
  `create unique index suggestion_signer_lead_idx on suggestion_signer (suggestion_id) where role = 'lead'`,
  `create table suggestion_source (
    suggestion_id bigint not null references suggestion (id),
    opinion_id bigint references opinion (id),
    activity_id bigint references activity (id),
    check ((opinion_id is null) <> (activity_id is null))
  )`,
  `create unique index suggestion_source_opinion_idx on suggestion_source (opinion_id, suggestion_id) where opinion_id is not null`,
  `create unique index suggestion_source_activity_idx on suggestion_source (activity_id, suggestion_id) where activity_id is not null`,
  `create index suggestion_source_suggestion_idx on suggestion_source (suggestion_id)`,
  `create table suggestion_unit (
    suggestion_id bigint not null references suggestion (id),
    unit_id integer not null references unit (id),
    role text not null check (role in ('lead', 'co')),
    part text not null default '' check (length(part) <= 2000),
    view text check (length(view) <= 20000),
    view_at timestamptz,
    primary key (suggestion_id, unit_id)
  )`,
  `create index suggestion_unit_unit_idx on suggestion_unit (unit_id, suggestion_id)`,
  `create unique index suggestion_unit_lead_idx on suggestion_unit (suggestion_id) where role = 'lead'`,
  `create table suggestion_reassignment (
    id bigint generated always as identity primary key,
    suggestion_id bigint not null references suggestion (id),
    unit_id integer not null references unit (id),
    reason text not null check (length(reason) between 1 and 2000),
    requested_at timestamptz not null,
    decision text check (decision in ('granted', 'refused')),
    decided_at timestamptz,
    decided_by_account_id integer references account (id),
    decision_comment text
  )`,
  `create index suggestion_reassignment_suggestion_idx on suggestion_reassignment (suggestion_id, id)`,
  `create table suggestion_contact (
    id bigint generated always as identity primary key,
    suggestion_id bigint not null references suggestion (id),
    unit_id integer not null references unit (id),
    stage text not null check (stage in ('before', 'during', 'after')),
    mode text not null check (mode in ('phone', 'meeting', 'site_visit', 'letter', 'online')),
    contacted_on date not null,
    note text not null check (length(note) between 1 and 2000),
    recorded_by_account_id integer references account (id),
    recorded_at timestamptz not null
  )`,
  `create index suggestion_contact_suggestion_idx on suggestion_contact (suggestion_id, id)`,
  `create table suggestion_answer (
    id bigint generated always as identity primary key,
    suggestion_id bigint not null references suggestion (id),
    round smallint not null,
    unit_id integer not null references unit (id),
    category text not null check (category in ('A', 'B', 'C')),
    body text not null check (length(body) between 1 and 20000),
    signed_by text not null check (length(signed_by) between 1 and 100),
    answered_at timestamptz not null,
    on_time boolean not null,
    unique (suggestion_id, round)
  )`,
  `create table suggestion_commitment (
    id bigint generated always as identity primary key,
    suggestion_id bigint not null references suggestion (id),
    answer_id bigint not null references suggestion_answer (id),
    body text not null check (length(body) between 1 and 2000),
    due_on date not null,
    done_at timestamptz,
    done_note text
  )`,
  `create index suggestion_commitment_suggestion_idx on suggestion_commitment (suggestion_id, id)`,
  `create index suggestion_commitment_open_idx on suggestion_commitment (due_on) where done_at is null`,
  `create table suggestion_rating (
    suggestion_id bigint not null references suggestion (id),
    round smallint not null,
    deputy_id integer not null references deputy (id),
    rating text not null check (rating in (${RATINGS})),
    comment text check (length(comment) <= 2000),
    rated_at timestamptz not null,
    primary key (suggestion_id, round, deputy_id)
  )`,
  `create table suggestion_event (
    id bigint generated always as identity primary key,
    suggestion_id bigint not null references suggestion (id),
    at timestamptz not null,
    actor_kind text not null,
    actor_account_id integer references account (id),
    actor_name text not null,
    action text not null,
    from_state text check (from_state in (${STATES})),
    to_state text not null check (to_state in (${STATES})),
    comment text,
    public boolean not null default false,
    data jsonb not null default '{}'
  )`,
  `create index suggestion_event_suggestion_idx on suggestion_event (suggestion_id, id)`,
  `create table suggestion_attachment (
    id bigint generated always as identity primary key,
    suggestion_id bigint not null references suggestion (id),
    event_id bigint references suggestion_event (id),
    purpose text not null check (purpose in ('draft', 'answer', 'co_view', 'follow_up')),
    name text not null check (length(name) between 1 and 200),
    mime text not null check (mime in ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
    size integer not null check (size between 1 and 10485760),
    sha256 text not null,
    public boolean not null,
    bytes bytea not null,
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now()
  )`,
  `create index suggestion_attachment_suggestion_idx on suggestion_attachment (suggestion_id, id)`,
  `create table suggestion_counter (
    term_id integer not null references congress_term (id),
    session_number smallint not null,
    kind text not null check (kind in ('suggestion', 'motion')),
    last integer not null,
    primary key (term_id, session_number, kind)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['suggestion_counter', 'suggestion_attachment', 'suggestion_event', 'suggestion_rating',
    'suggestion_commitment', 'suggestion_answer', 'suggestion_contact', 'suggestion_reassignment', 'suggestion_unit',
    'suggestion_source', 'suggestion_signer', 'suggestion', 'suggestion_setting', 'congress_session']) {
    await sql.raw(`drop table ${table}`).execute(db);
  }
}
