import { sql, type Kysely } from 'kysely';

/**
 * ANALYZE keeps ten times more of the commonest grams of the cases' text (statistics target 1 000
 * on the grams index's one column, against the default 100): the list then reaches down to grams
 * in about 0.05 % of the cases instead of 1.4 %. A gram missing from it is rarer than the rarest
 * listed, so a term's rarest gram bounds how many cases can hold the term, and the word search
 * goes straight to the index when that bound is small (`termCasesBound` in
 * features/cases/searchPlan.ts). The sample ANALYZE reads grows with the target: 300 000 rows
 * (about 18 s at a million cases and at five million; docs/BENCHMARKS.md).
 *
 * The migrations run in one transaction, and an ANALYZE in the transaction that set the target
 * still uses the old one (PostgreSQL 15 reads it from the index's cached descriptor). So this
 * ANALYZE runs with 1 000 as the default target: the table's other columns get the larger
 * statistics too, until the next ANALYZE (autovacuum's, on PostgreSQL) takes them back to 100.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter index opinion_content_grams_idx alter column 1 set statistics 1000').execute(db);
  await sql.raw('set local default_statistics_target = 1000').execute(db);
  await sql.raw('analyze opinion').execute(db);
  await sql.raw('set local default_statistics_target to default').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter index opinion_content_grams_idx alter column 1 set statistics -1').execute(db);
  await sql.raw('analyze opinion').execute(db);
}
