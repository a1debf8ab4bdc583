import { sql, type Kysely } from 'kysely';

/**
 * Deadlines counted over a year without an official holiday schedule are provisional
 * (`opinion.deadline_provisional`), and recomputed when the schedule is entered. Deadlines set
 * before this migration over such a year were counted on weekends alone; they are flagged here,
 * and the recomputation at the next start (server/seed/bootstrap.ts) moves the running ones
 * onto the provisional calendar, with a timeline entry for each one that moves.
 */
const statements = [
  `alter table opinion add column deadline_provisional boolean not null default false`,
  `update opinion set deadline_provisional = true
    where deadline_date is not null and signed_at is not null
      and exists (
        select 1 from generate_series(extract(year from (signed_at at time zone 'Asia/Shanghai'))::int, extract(year from deadline_date)::int) as y (year)
        where not exists (select 1 from holiday_year h where h.year = y.year))`,
  `create index opinion_provisional_deadline_idx on opinion (id) where deadline_provisional and state in ('in_progress', 'extension_requested')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index opinion_provisional_deadline_idx').execute(db);
  await sql.raw('alter table opinion drop column deadline_provisional').execute(db);
}
