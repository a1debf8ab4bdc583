import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { WorkingCalendar } from '../domain/workingDays.js';

/** The working calendar as the database holds it (a few dozen rows a year). */
export async function loadCalendar(db: Kysely<DB>): Promise<WorkingCalendar> {
  const [days, years] = await Promise.all([
    db.selectFrom('holiday').select(['date', 'kind']).execute(),
    db.selectFrom('holiday_year').select('year').execute(),
  ]);
  return new WorkingCalendar(days, years.map((y) => y.year));
}
