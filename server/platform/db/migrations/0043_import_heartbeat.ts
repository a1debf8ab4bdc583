import { sql, type Kysely } from 'kysely';

/**
 * `import_batch.parse_heartbeat_at`: while a file is being checked (`parsing`), the server
 * checking it stamps the batch every few seconds. A batch whose stamp has gone stale was cut
 * off (the server crashed or was killed) and is failed with `IMPORT_INTERRUPTED`, so it does
 * not stay `parsing` for ever (see platform/tables/stage.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table import_batch add column parse_heartbeat_at timestamptz').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table import_batch drop column parse_heartbeat_at').execute(db);
}
