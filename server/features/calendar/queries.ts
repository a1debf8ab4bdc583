import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { WorkingCalendar } from '../../platform/calendar/workingDays.js';
import { caseColumns, caseVisible } from '../cases/index.js';
import type { Actor } from '../../platform/access/actor.js';
import { calendarReminded } from './access.js';

/** The working calendar as the database holds it (a few dozen rows a year). */
export async function loadCalendar(db: Kysely<DB>): Promise<WorkingCalendar> {
  const [days, years] = await Promise.all([
    db.selectFrom('holiday').select(['date', 'kind']).execute(),
    db.selectFrom('holiday_year').select('year').execute(),
  ]);
  return new WorkingCalendar(days, years.map((y) => y.year));
}

/** From this day of the year before, the next year's missing schedule is announced. */
export const BANNER_FROM = '10-01';

/**
 * Where the calendar stands on `today`: the years with an official schedule, the years running
 * deadlines can reach (this one and the next) that have none, and the year administrators and
 * staff are to be reminded of — this year if it has no schedule, else the next one from 1 October.
 */
export async function calendarStatus(db: Kysely<DB>, actor: Actor, today: string) {
  const years = (await db.selectFrom('holiday_year').select('year').orderBy('year').execute()).map((y) => y.year);
  const year = Number(today.slice(0, 4));
  const provisionalYears = [year, year + 1].filter((y) => !years.includes(y));
  const due = provisionalYears.filter((y) => y === year || today.slice(5) >= BANNER_FROM);
  const reminded = calendarReminded(actor);
  const { n } = await db.selectFrom('opinion as o').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('o.deadline_provisional', '=', true).where('o.state', 'in', ['in_progress', 'extension_requested'])
    .where(caseVisible(actor, caseColumns('o'))).executeTakeFirstOrThrow();
  return {
    today,
    years,
    provisionalYears,
    bannerYear: reminded && due.length ? due[0]! : null,
    provisionalDeadlines: Number(n),
  };
}
