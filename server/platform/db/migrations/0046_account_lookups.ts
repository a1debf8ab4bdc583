import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the ways notifications find whom to tell: a deputy's account, a unit's clerks, a
 * region's staff and a station's officers. Without them each look-up read the whole account table:
 * at a province's scale, with every deputy signed up (30 000 accounts), finding a new case's
 * station head took 4.9 ms in every public submission, and 0.16 ms with the index
 * (docs/BENCHMARKS.md).
 */
const INDEXES = [
  ['account_deputy_idx', 'account (deputy_id) where deputy_id is not null'],
  ['account_unit_idx', 'account (unit_id) where unit_id is not null'],
  ['account_staff_region_idx', "account (region_code) where role = 'staff'"],
  ['account_station_station_idx', 'account_station (station_id)'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, on] of INDEXES) await sql.raw(`create index ${name} on ${on}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await sql.raw(`drop index ${name}`).execute(db);
}
