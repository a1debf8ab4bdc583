import { sql, type Kysely } from 'kysely';

/**
 * Report-backs (述职): deputies report back to their constituency and the constituents present
 * evaluate them; an issue list (问题清单) follows up what the evaluation raised.
 *
 * - `report_back_plan`: a congress's rule of who must report back how often (`per_term`: at least
 *   `times` in each term; `yearly`: `times` each calendar year), with an optional date the current
 *   period's report-backs are due by. A congress without a row follows the default of its level.
 * - `report_back`: one deputy's report-back, held as an activity of kind `report_back` (one
 *   activity, one report-back), for a congress (its region's path copied for scope in the SQL),
 *   the period it reports on, the constituency invited, the constituents present (headcount),
 *   and the evaluation's key (the capability in the public QR link) and window.
 * - `report_back_report`: the report's versions (generated from the archive, then edited).
 * - `report_back_evaluation`: one evaluation, from a phone (channel `qr`) or a paper form entered
 *   by staff (`paper`). No phone number is stored: `phone_hash` (sha256 salted with the
 *   report-back's key) and `device_hash` (sha256 of the device cookie) are unique per report-back.
 * - `report_back_issue`: an item of the issue list, tracked to closure: closed by the deputy with
 *   a note, or handed on as a case (`case_id`) or as a draft suggestion (`suggestion_id`).
 */
const LEVELS = `'provincial', 'city', 'county', 'township'`;
const RATINGS = `'satisfied', 'basically_satisfied', 'unsatisfied'`;

const statements = [
  `create table report_back_plan (
    congress_level text not null check (congress_level in (${LEVELS})),
    congress_region_code text not null references region (code),
    congress_region_path text not null,
    cadence text not null check (cadence in ('per_term', 'yearly')),
    times smallint not null default 1 check (times between 1 and 12),
    due_on date,
    updated_by_account_id integer references account (id),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    primary key (congress_level, congress_region_code)
  )`,
  `create table report_back (
    id integer generated always as identity primary key,
    deputy_id integer not null references deputy (id),
    congress_level text not null check (congress_level in (${LEVELS})),
    congress_region_code text not null references region (code),
    congress_region_path text not null,
    activity_id bigint not null unique references activity (id),
    station_id integer references station (id),
    title text not null check (length(title) between 1 and 200),
    invited text not null default '' check (length(invited) <= 500),
    period_from date not null,
    period_to date not null,
    check (period_to >= period_from),
    state text not null check (state in ('scheduled', 'evaluating', 'evaluated', 'cancelled')),
    headcount integer check (headcount between 0 and 100000),
    eval_key text unique,
    eval_opened_at timestamptz,
    eval_closes_at timestamptz,
    eval_closed_at timestamptz,
    check ((state in ('evaluating', 'evaluated')) = (eval_key is not null and eval_opened_at is not null)),
    check ((state = 'evaluated') = (eval_closed_at is not null)),
    cancel_reason text check (length(cancel_reason) <= 500),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1
  )`,
  `create index report_back_scope_idx on report_back (congress_region_path text_pattern_ops)`,
  `create index report_back_deputy_idx on report_back (deputy_id, id)`,
  `create index report_back_station_idx on report_back (station_id) where station_id is not null`,
  `create table report_back_report (
    id integer generated always as identity primary key,
    report_back_id integer not null references report_back (id) on delete cascade,
    version integer not null check (version >= 1),
    text text not null check (length(text) between 1 and 20000),
    source text not null check (source in ('generated', 'edited')),
    by_account_id integer references account (id),
    by_name text not null,
    created_at timestamptz not null default now(),
    unique (report_back_id, version)
  )`,
  `create table report_back_evaluation (
    id bigint generated always as identity primary key,
    report_back_id integer not null references report_back (id) on delete cascade,
    channel text not null check (channel in ('qr', 'paper')),
    rating text not null check (rating in (${RATINGS})),
    comment text check (length(comment) between 1 and 500),
    phone_hash text,
    device_hash text,
    check (channel = 'paper' or (phone_hash is not null and device_hash is not null)),
    ip_hash text,
    entered_by_account_id integer references account (id),
    check ((channel = 'paper') = (entered_by_account_id is not null)),
    created_at timestamptz not null default now()
  )`,
  `create unique index report_back_evaluation_phone_idx on report_back_evaluation (report_back_id, phone_hash) where phone_hash is not null`,
  `create unique index report_back_evaluation_device_idx on report_back_evaluation (report_back_id, device_hash) where device_hash is not null`,
  `create index report_back_evaluation_list_idx on report_back_evaluation (report_back_id, id)`,
  `create table report_back_issue (
    id integer generated always as identity primary key,
    report_back_id integer not null references report_back (id) on delete cascade,
    text text not null check (length(text) between 1 and 1000),
    source text not null check (source in ('evaluation', 'staff', 'deputy')),
    evaluation_id bigint references report_back_evaluation (id),
    due_on date,
    state text not null check (state in ('open', 'closed', 'handed_case', 'handed_suggestion')),
    closing_note text check (length(closing_note) between 1 and 2000),
    closed_at timestamptz,
    closed_by_account_id integer references account (id),
    closed_by_name text,
    case_id bigint references opinion (id),
    suggestion_id bigint references suggestion (id),
    check ((state = 'open') = (closed_at is null)),
    check ((state = 'closed') = (closing_note is not null)),
    check ((state = 'handed_case') = (case_id is not null)),
    check ((state = 'handed_suggestion') = (suggestion_id is not null)),
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1
  )`,
  `create index report_back_issue_report_back_idx on report_back_issue (report_back_id, id)`,
  `create index report_back_issue_open_idx on report_back_issue (due_on) where state = 'open'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['report_back_issue', 'report_back_evaluation', 'report_back_report', 'report_back', 'report_back_plan']) {
    await sql.raw(`drop table ${table}`).execute(db);
  }
}
