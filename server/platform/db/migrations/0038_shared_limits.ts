import { sql, type Kysely } from 'kysely';

/**
 * Request limits shared by every app node on one database: `rate_limit` holds one counter per
 * key (the limited route and the client's address) and the end of its current window. A request
 * counts itself with one atomic upsert (platform/http/rateLimit.ts); the daily housekeeping
 * deletes the counters whose window has ended. The table is unlogged on PostgreSQL: a crash
 * forgets the counters (every limit starts afresh) and replicas do not carry them, which is
 * what a limit of requests per minute needs; PGlite keeps it as an ordinary table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`create unlogged table rate_limit (
    key text primary key,
    hits integer not null check (hits > 0),
    reset_at timestamptz not null
  )`).execute(db);
  await sql.raw('create index rate_limit_reset_idx on rate_limit (reset_at)').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table rate_limit').execute(db);
}
