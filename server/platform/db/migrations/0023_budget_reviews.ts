import { sql, type Kysely } from 'kysely';

/**
 * Budget review with deputies (预算审查), per congress (county or township) term, year and kind:
 * the budget draft (预算草案) and its mid-year adjustment (预算调整) go through the same cycle.
 *
 * - `budget_review`: one review: its congress term (level and region copied, `region_path` for
 *   the scope filters without a join), year, kind, the finance office (a unit) that answers for
 *   the budget, the comment window and the answer time, the totals, its state and the instants
 *   of its transitions.
 * - `budget_project`: the draft's key projects (重点项目): name, the department responsible (a
 *   unit, which answers the comments on it), amount in yuan; in an adjustment, the amount before
 *   it (`original_amount_yuan`).
 * - `budget_opinion`: the budget review committee's preliminary review (初审意见): one opinion per
 *   project, and one general opinion on the whole draft (`project_id` null).
 * - `budget_report`: the government's reports on state assets (国有资产管理情况) and on debt
 *   (政府债务) filed with the review; `budget_report_file` their documents.
 * - `budget_comment`: a deputy's comment on a project, a question on a report, or a general
 *   comment, addressed to the finance office or a department, tracked open → answered by its
 *   due day; `reminded_on` keeps the daily reminder from repeating.
 * - `budget_evaluation`: the performance evaluation of a key project (绩效评价): the deputies
 *   taking part (`budget_evaluation_participant`, each with a score 0–100, scores per criterion
 *   and an opinion) and the findings when concluded.
 */
const LEVELS = `'county', 'township'`;
const STATES = `'preparing', 'open', 'reviewed', 'submitted', 'approved', 'closed'`;

const statements = [
  `create table budget_review (
    id integer generated always as identity primary key,
    kind text not null check (kind in ('draft', 'adjustment')),
    year smallint not null check (year between 2000 and 2200),
    term_id integer not null references congress_term (id),
    level text not null check (level in (${LEVELS})),
    region_code text not null references region (code),
    region_path text not null,
    title text not null check (length(title) between 1 and 200),
    state text not null check (state in (${STATES})),
    finance_unit_id integer not null references unit (id),
    session_id integer references congress_session (id),
    comments_due_on date,
    answer_days smallint not null default 7 check (answer_days between 1 and 60),
    summary text not null default '' check (length(summary) <= 20000),
    revenue_yuan bigint check (revenue_yuan >= 0),
    expenditure_yuan bigint check (expenditure_yuan >= 0),
    resolution text check (length(resolution) <= 2000),
    opened_at timestamptz,
    reviewed_at timestamptz,
    submitted_at timestamptz,
    approved_at timestamptz,
    closed_at timestamptz,
    created_by_account_id integer references account (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    unique (term_id, year, kind)
  )`,
  `create index budget_review_region_idx on budget_review (region_path text_pattern_ops, year)`,
  `create index budget_review_finance_idx on budget_review (finance_unit_id)`,
  `create table budget_project (
    id integer generated always as identity primary key,
    review_id integer not null references budget_review (id),
    name text not null check (length(name) between 1 and 200),
    category text not null default '' check (length(category) <= 50),
    department_unit_id integer references unit (id),
    amount_yuan bigint not null check (amount_yuan >= 0),
    original_amount_yuan bigint check (original_amount_yuan >= 0),
    description text not null default '' check (length(description) <= 5000),
    sort integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index budget_project_review_idx on budget_project (review_id, sort, id)`,
  `create index budget_project_department_idx on budget_project (department_unit_id, review_id)`,
  `create table budget_opinion (
    id integer generated always as identity primary key,
    review_id integer not null references budget_review (id),
    -- null: the committee's general opinion on the whole draft
    project_id integer references budget_project (id),
    recommendation text not null check (recommendation in ('agree', 'agree_with_changes', 'reconsider')),
    body text not null check (length(body) between 1 and 5000),
    recorded_by_account_id integer references account (id),
    recorded_by text not null,
    recorded_at timestamptz not null
  )`,
  `create unique index budget_opinion_project_idx on budget_opinion (review_id, coalesce(project_id, 0))`,
  `create table budget_report (
    id integer generated always as identity primary key,
    review_id integer not null references budget_review (id),
    kind text not null check (kind in ('state_assets', 'debt')),
    title text not null check (length(title) between 1 and 200),
    summary text not null default '' check (length(summary) <= 20000),
    filed_by_account_id integer references account (id),
    filed_by text not null,
    filed_at timestamptz not null
  )`,
  `create index budget_report_review_idx on budget_report (review_id, id)`,
  `create table budget_report_file (
    id integer generated always as identity primary key,
    report_id integer not null references budget_report (id),
    name text not null,
    mime text not null,
    size integer not null,
    sha256 text not null,
    bytes bytea not null,
    created_at timestamptz not null
  )`,
  `create index budget_report_file_report_idx on budget_report_file (report_id)`,
  `create table budget_comment (
    id integer generated always as identity primary key,
    review_id integer not null references budget_review (id),
    project_id integer references budget_project (id),
    report_id integer references budget_report (id),
    deputy_id integer not null references deputy (id),
    body text not null check (length(body) between 1 and 2000),
    addressed_kind text not null check (addressed_kind in ('finance', 'department')),
    addressed_unit_id integer not null references unit (id),
    state text not null check (state in ('open', 'answered')),
    due_on date not null,
    created_at timestamptz not null,
    answer text check (length(answer) <= 4000),
    answered_at timestamptz,
    answered_by_account_id integer references account (id),
    answered_by text,
    reminded_on date,
    check (project_id is null or report_id is null),
    check ((state = 'answered') = (answered_at is not null))
  )`,
  `create index budget_comment_review_idx on budget_comment (review_id, id)`,
  `create index budget_comment_unit_idx on budget_comment (addressed_unit_id, state, due_on)`,
  `create index budget_comment_deputy_idx on budget_comment (deputy_id, created_at)`,
  `create index budget_comment_open_idx on budget_comment (due_on) where state = 'open'`,
  `create table budget_evaluation (
    id integer generated always as identity primary key,
    review_id integer not null references budget_review (id),
    project_id integer not null references budget_project (id),
    title text not null check (length(title) between 1 and 200),
    state text not null check (state in ('open', 'concluded')),
    started_at timestamptz not null,
    started_by_account_id integer references account (id),
    concluded_at timestamptz,
    findings text check (length(findings) <= 10000),
    average_score numeric(5, 1),
    check ((state = 'concluded') = (concluded_at is not null))
  )`,
  `create index budget_evaluation_review_idx on budget_evaluation (review_id, id)`,
  `create table budget_evaluation_participant (
    evaluation_id integer not null references budget_evaluation (id),
    deputy_id integer not null references deputy (id),
    score smallint check (score between 0 and 100),
    criteria jsonb,
    opinion text check (length(opinion) <= 2000),
    scored_at timestamptz,
    primary key (evaluation_id, deputy_id),
    check ((score is null) = (scored_at is null))
  )`,
  `create index budget_evaluation_participant_deputy_idx on budget_evaluation_participant (deputy_id, scored_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['budget_evaluation_participant', 'budget_evaluation', 'budget_comment', 'budget_report_file', 'budget_report',
    'budget_opinion', 'budget_project', 'budget_review']) {
    await sql.raw(`drop table ${table}`).execute(db);
  }
}
