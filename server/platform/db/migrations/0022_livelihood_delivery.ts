import { sql, type Kysely } from 'kysely';

/**
 * Adopted livelihood projects carried out (民生实事项目实施): milestones, money spent, progress
 * photos, deputies' supervision visits, acceptance, the year-end satisfaction evaluation
 * (满意度测评) and the rectification it may call for. The project and its state live in
 * `livelihood_project` (0021); these tables hold the facts of its delivery.
 *
 * - `livelihood_delivery`: one row per project once its work starts: when it started, its
 *   acceptance (验收: the day, the note, how many people it serves), the evaluation's outcome.
 * - `livelihood_milestone`: the planned steps (planned day) and when each was done, with a note;
 *   a milestone still open after its planned day has slipped (reminders through the job queue).
 * - `livelihood_spending`: money executed (预算执行), each entry a day, an amount in yuan, a note.
 * - `livelihood_photo`: progress photos (public or internal), optionally of one milestone.
 * - `livelihood_visit`: the supervision visits (视察), each an activity of the activities feature.
 * - `livelihood_evaluation`: a round's year-end evaluation: the threshold (percent satisfied),
 *   when it opened and closed.
 * - `livelihood_rating`: each deputy's rating of each project, once.
 * - `livelihood_rectification`: what a project rated below the threshold must put right, tracked
 *   to its closing.
 */
const RATINGS = `'satisfied', 'basically_satisfied', 'unsatisfied'`;

const statements = [
  `create table livelihood_delivery (
    project_id integer primary key references livelihood_project (id),
    started_on date not null,
    accepted_on date,
    acceptance_note text check (length(acceptance_note) <= 4000),
    beneficiaries integer check (beneficiaries >= 0),
    -- the evaluation's outcome when decided: ratings given, of which satisfied or basically satisfied
    rating_count integer check (rating_count >= 0),
    satisfied_count integer check (satisfied_count between 0 and rating_count),
    evaluated_at timestamptz,
    check ((accepted_on is null) or (accepted_on >= started_on))
  )`,
  `create table livelihood_milestone (
    id bigint generated always as identity primary key,
    project_id integer not null references livelihood_project (id),
    title text not null check (length(title) between 1 and 200),
    planned_on date not null,
    done_on date,
    note text not null default '' check (length(note) <= 4000),
    created_at timestamptz not null,
    created_by_account_id integer references account (id),
    done_at timestamptz,
    done_by_account_id integer references account (id)
  )`,
  `create index livelihood_milestone_project_idx on livelihood_milestone (project_id, planned_on)`,
  `create index livelihood_milestone_open_idx on livelihood_milestone (planned_on) where done_on is null`,
  `create table livelihood_spending (
    id bigint generated always as identity primary key,
    project_id integer not null references livelihood_project (id),
    spent_on date not null,
    amount_yuan bigint not null check (amount_yuan > 0 and amount_yuan < 100000000000),
    note text not null default '' check (length(note) <= 2000),
    created_at timestamptz not null,
    created_by_account_id integer references account (id)
  )`,
  `create index livelihood_spending_project_idx on livelihood_spending (project_id, spent_on)`,
  `create table livelihood_photo (
    id bigint generated always as identity primary key,
    project_id integer not null references livelihood_project (id),
    milestone_id bigint references livelihood_milestone (id),
    name text not null check (length(name) between 1 and 200),
    caption text not null default '' check (length(caption) <= 500),
    mime text not null,
    size integer not null check (size > 0),
    sha256 text not null,
    public boolean not null default true,
    bytes bytea not null,
    created_at timestamptz not null,
    created_by_account_id integer references account (id)
  )`,
  `create index livelihood_photo_project_idx on livelihood_photo (project_id, id)`,
  `create table livelihood_visit (
    project_id integer not null references livelihood_project (id),
    activity_id bigint not null references activity (id),
    created_at timestamptz not null,
    primary key (project_id, activity_id)
  )`,
  `create index livelihood_visit_activity_idx on livelihood_visit (activity_id)`,
  `create table livelihood_evaluation (
    round_id integer primary key references livelihood_round (id),
    threshold_percent smallint not null check (threshold_percent between 1 and 100),
    opened_at timestamptz not null,
    opened_by_account_id integer references account (id),
    closes_on date not null,
    closed_at timestamptz,
    closed_by_account_id integer references account (id)
  )`,
  `create table livelihood_rating (
    project_id integer not null references livelihood_project (id),
    deputy_id integer not null references deputy (id),
    rating text not null check (rating in (${RATINGS})),
    rated_at timestamptz not null,
    primary key (project_id, deputy_id)
  )`,
  `create index livelihood_rating_deputy_idx on livelihood_rating (deputy_id)`,
  `create table livelihood_rectification (
    id bigint generated always as identity primary key,
    project_id integer not null references livelihood_project (id),
    body text not null check (length(body) between 1 and 4000),
    due_on date not null,
    opened_at timestamptz not null,
    opened_by_account_id integer references account (id),
    closed_at timestamptz,
    closed_by_account_id integer references account (id),
    closing_note text check (length(closing_note) <= 4000),
    check ((closed_at is null) = (closing_note is null))
  )`,
  `create index livelihood_rectification_project_idx on livelihood_rectification (project_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['livelihood_rectification', 'livelihood_rating', 'livelihood_evaluation', 'livelihood_visit', 'livelihood_photo',
    'livelihood_spending', 'livelihood_milestone', 'livelihood_delivery']) {
    await sql.raw(`drop table ${table}`).execute(db);
  }
}
