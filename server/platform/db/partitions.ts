/**
 * The tables partitioned by year (Asia/Shanghai calendar years, by their `at`): the audit log and
 * the case events. Writes of today touch only this year's partition and its indexes, however many
 * years of history the table holds. A default partition takes the rows of a year that has none
 * yet (a clock set ahead, a job that did not run), so a write never fails for want of one; the
 * daily housekeeping creates this year's and next year's partitions ahead.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { shanghaiDate } from '../calendar/workingDays.js';

export const YEAR_PARTITIONED = ['audit_log', 'opinion_event'] as const;

const yearStart = (year: number) => `${year}-01-01 00:00:00+08`;

/**
 * Creates the partitions of `now`'s year and the next for each table, where missing. A year whose
 * rows already sit in the default partition keeps them there (PostgreSQL could not add the
 * partition beside them); it is named in the answer's `skipped`.
 */
export async function ensureYearPartitions(db: Kysely<DB> | Transaction<DB>, now: Date): Promise<{ created: string[]; skipped: string[] }> {
  const year = Number(shanghaiDate(now).slice(0, 4));
  const created: string[] = [];
  const skipped: string[] = [];
  for (const table of YEAR_PARTITIONED) {
    for (const y of [year, year + 1]) {
      const name = `${table}_y${y}`;
      const exists = (await sql<{ r: string | null }>`select to_regclass(${name}) as r`.execute(db)).rows[0]!.r;
      if (exists) continue;
      const waiting = await sql`select 1 from ${sql.table(`${table}_default`)} where at >= ${yearStart(y)}::timestamptz and at < ${yearStart(y + 1)}::timestamptz limit 1`.execute(db);
      if (waiting.rows.length) {
        skipped.push(name);
        continue;
      }
      await sql.raw(`create table ${name} partition of ${table} for values from ('${yearStart(y)}') to ('${yearStart(y + 1)}')`).execute(db);
      if (table === 'audit_log') {
        await sql.raw(`create trigger audit_log_no_truncate before truncate on ${name} for each statement execute function audit_log_append_only()`).execute(db);
      }
      created.push(name);
    }
  }
  return { created, skipped };
}
