import { sql, type Kysely } from 'kysely';

/**
 * Livelihood projects voted by deputies (民生实事项目票决): collection, shortlist, the secret ballot and its result.
 *
 * - `livelihood_round`: one congress term's round of one year: the session it is voted at, the
 *   collection window, the places (应选项目数) and the ballot's size (候选项目数, more than the
 *   places: 差额), the ballot's mode and the quorum as a fraction of all deputies.
 * - `livelihood_project`: a candidate project and, once adopted, the project carried out; its
 *   state follows the rule table in features/livelihood/workflow.ts. The congress's region path is
 *   copied for the scope filters. A constituent's name and phone are personal data (masked on reading).
 * - `livelihood_project_source`: the cases and activities a project answers.
 * - `livelihood_project_event`: the project's timeline.
 * - `livelihood_vote`: one vote on a round's ballot: the number of all deputies frozen at its
 *   opening, those present, and how it ended ('counted', or 'no_quorum' when too few voted).
 *
 * The secret ballot. Who voted and how are kept apart so that nothing readable by SQL links them:
 * - `livelihood_turnout`: who has voted (and on which channel): no time, no serial id, no ballot
 *   reference. Its primary key refuses a second ballot.
 * - `livelihood_ballot_box`: ONE row per vote holding every ballot in a jsonb array, each ballot
 *   inserted at a random position and the whole array shuffled again at the count. There is no
 *   row per ballot: a row's heap position, serial id, xmin or timestamp would link it to the
 *   turnout row written in the same transaction.
 * - `livelihood_result`: the count per project.
 */
const STATES = `'proposed', 'shortlisted', 'not_shortlisted', 'withdrawn', 'on_ballot', 'adopted', 'not_adopted',
  'in_progress', 'completed', 'evaluated', 'rectifying', 'closed'`;

const statements = [
  `create table livelihood_round (
    id integer generated always as identity primary key,
    term_id integer not null references congress_term (id),
    session_id integer references congress_session (id),
    congress_level text not null check (congress_level in ('national', 'provincial', 'city', 'county', 'township')),
    congress_region_code text references region (code),
    congress_region_path text not null,
    year smallint not null check (year between 2000 and 2200),
    title text not null check (length(title) between 1 and 200),
    collect_opens_on date not null,
    collect_closes_on date not null,
    places smallint not null check (places between 1 and 200),
    ballot_size smallint not null check (ballot_size between 2 and 400),
    mode text not null check (mode in ('for_against', 'choose')),
    quorum_num smallint not null default 2,
    quorum_den smallint not null default 3,
    state text not null check (state in ('collecting', 'shortlisting', 'ballot_ready', 'voting', 'counted')),
    presidium_on date,
    presidium_note text check (length(presidium_note) <= 2000),
    published_at timestamptz,
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    check (ballot_size > places),
    check (collect_closes_on >= collect_opens_on),
    check (quorum_den between 1 and 100 and quorum_num between 1 and quorum_den),
    unique (term_id, year)
  )`,
  `create index livelihood_round_congress_idx on livelihood_round (congress_region_path text_pattern_ops, year)`,
  `create table livelihood_project (
    id integer generated always as identity primary key,
    round_id integer not null references livelihood_round (id),
    congress_region_path text not null,
    title text not null check (length(title) between 1 and 200),
    region_code text not null references region (code),
    region_path text not null,
    address text not null default '' check (length(address) <= 200),
    description text not null check (length(description) between 1 and 20000),
    budget_yuan bigint not null check (budget_yuan >= 0),
    unit_id integer references unit (id),
    origin text not null check (origin in ('constituent', 'deputy', 'department', 'station')),
    proposer_deputy_id integer references deputy (id),
    proposer_unit_id integer references unit (id),
    proposer_name text check (length(proposer_name) <= 50),
    proposer_phone text check (length(proposer_phone) <= 20),
    station_id integer references station (id),
    created_by_account_id integer references account (id),
    state text not null check (state in (${STATES})),
    ballot_order smallint,
    decided_at timestamptz,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((origin = 'deputy') = (proposer_deputy_id is not null)),
    check ((origin = 'department') = (proposer_unit_id is not null)),
    check (origin <> 'constituent' or proposer_name is not null)
  )`,
  `create index livelihood_project_round_idx on livelihood_project (round_id, state)`,
  `create index livelihood_project_congress_idx on livelihood_project (congress_region_path text_pattern_ops)`,
  `create index livelihood_project_unit_idx on livelihood_project (unit_id) where unit_id is not null`,
  `create table livelihood_project_source (
    project_id integer not null references livelihood_project (id),
    opinion_id bigint references opinion (id),
    activity_id bigint references activity (id),
    check ((opinion_id is null) <> (activity_id is null))
  )`,
  `create unique index livelihood_project_source_opinion_idx on livelihood_project_source (opinion_id, project_id) where opinion_id is not null`,
  `create unique index livelihood_project_source_activity_idx on livelihood_project_source (activity_id, project_id) where activity_id is not null`,
  `create index livelihood_project_source_project_idx on livelihood_project_source (project_id)`,
  `create table livelihood_project_event (
    id bigint generated always as identity primary key,
    project_id integer not null references livelihood_project (id),
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
  `create index livelihood_project_event_project_idx on livelihood_project_event (project_id, id)`,
  `create table livelihood_vote (
    id integer generated always as identity primary key,
    round_id integer not null references livelihood_round (id),
    state text not null check (state in ('open', 'closed')),
    outcome text check (outcome in ('counted', 'no_quorum')),
    -- all deputies of the congress term, frozen at the opening
    total_deputies integer not null check (total_deputies >= 1),
    -- 实到人数, entered by the staff; raised later, never below the turnout
    present integer not null check (present between 0 and total_deputies),
    -- paper ballots entered into the box (never more than the deputies marked as voting on paper)
    paper_ballots integer not null default 0,
    turnout_phone integer,
    turnout_paper integer,
    opened_at timestamptz not null,
    opened_by_account_id integer references account (id),
    closed_at timestamptz,
    closed_by_account_id integer references account (id),
    check ((state = 'closed') = (outcome is not null))
  )`,
  `create unique index livelihood_vote_open_idx on livelihood_vote (round_id) where state = 'open'`,
  `create index livelihood_vote_round_idx on livelihood_vote (round_id, id)`,
  // Who has voted. Deliberately no timestamp, no serial id and no reference to a ballot.
  `create table livelihood_turnout (
    vote_id integer not null references livelihood_vote (id),
    deputy_id integer not null references deputy (id),
    channel text not null check (channel in ('phone', 'paper')),
    primary key (vote_id, deputy_id)
  )`,
  // How they voted: every ballot of a vote in one array, in random order; no deputy anywhere.
  `create table livelihood_ballot_box (
    vote_id integer primary key references livelihood_vote (id),
    ballots jsonb not null default '[]'
  )`,
  `create table livelihood_result (
    vote_id integer not null references livelihood_vote (id),
    project_id integer not null references livelihood_project (id),
    for_count integer not null,
    against_count integer not null,
    abstain_count integer not null,
    passed boolean not null,
    adopted boolean not null,
    tied boolean not null default false,
    rank smallint,
    primary key (vote_id, project_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['livelihood_result', 'livelihood_ballot_box', 'livelihood_turnout', 'livelihood_vote', 'livelihood_project_event',
    'livelihood_project_source', 'livelihood_project', 'livelihood_round']) {
    await sql.raw(`drop table ${table}`).execute(db);
  }
}
