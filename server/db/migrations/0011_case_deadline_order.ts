import { sql, type Kysely } from 'kysely';

/**
 * The queue's "nearest deadline first" over open cases (`GET /api/cases?open=true&sort=deadline`)
 * in the order it is read, so the first page is read off the index instead of sorting every open
 * case: 657 ms for an administrator over a million cases before. The expression and the
 * predicate are those of the query (server/queries/cases.ts), which is what lets the planner use it.
 */
const statements = [
  `create index opinion_open_deadline_order_idx on opinion ((coalesce(deadline_at, 'infinity'::timestamptz)), id)
    where state not in ('declined', 'merged', 'closed', 'archived')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index opinion_open_deadline_order_idx').execute(db);
}
