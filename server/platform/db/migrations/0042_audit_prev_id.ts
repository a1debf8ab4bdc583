import { sql, type Kysely } from 'kysely';

/**
 * `audit_log.prev_id`: the id of the record before this one in its chain (null for a chain's
 * first record). A record's hash already proves what came before it; its `prev_id` says which
 * record that was, so verification names a record removed from the middle of a chain by its own
 * id instead of the record after it. The rows already written get theirs from their chain's order.
 *
 * Down drops the column (the chains themselves are untouched).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log add column prev_id bigint`.execute(db);
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
  await sql`update audit_log a set prev_id = l.prev_id
    from (select id, lag(id) over (partition by chain order by id) as prev_id from audit_log) l
    where a.id = l.id and l.prev_id is not null`.execute(db);
  await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log drop column prev_id`.execute(db);
}
