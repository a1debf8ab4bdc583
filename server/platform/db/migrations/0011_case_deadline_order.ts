import { sql, type Kysely } from 'kysely';

/**
 * The queue's "nearest deadline first" over open cases for readers who reach many of them
 * (`GET /api/cases?open=true&sort=deadline`): the first page is read off this index instead of
 * sorting every open case (657 ms for an administrator over a million cases before). The
 * expression and the list of open states (OPEN_STATES in domain/caseWorkflow.ts, fixed here as
 * of this migration) are those the query uses for such readers (server/queries/cases.ts), which
 * is what lets the planner use it; narrow readers' queries name the ended states instead and
 * keep to their own indexes.
 */
const statements = [
  `create index opinion_open_deadline_order_idx on opinion ((coalesce(deadline_at, 'infinity'::timestamptz)), id)
    where state in ('submitted', 'accepted', 'escalated', 'assigned', 'returned', 'in_progress', 'extension_requested', 'replied',
      'reply_approved', 'answered', 'rehandling')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index opinion_open_deadline_order_idx').execute(db);
}
