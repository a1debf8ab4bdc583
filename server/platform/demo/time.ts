/**
 * Where the demo sits in time. The demo tells one moment of the congresses' life: the county
 * and township congresses elected in the nationwide round of late 2021 are at the end of their
 * five-year terms, and 黄田镇 has just held its election round (换届). That moment is written
 * below as it was on `DEMO_REFERENCE_DATE`, and every dated fact of the demo is moved by the
 * days between that date and today (by the server's clock), so the demo tells the same story
 * whenever it is loaded: in 2026, in 2030, or under a test's clock.
 */
import { today } from '../clock.js';
import { addDays } from '../calendar/workingDays.js';

/** The day the demo's dates are written for. */
export const DEMO_REFERENCE_DATE = '2026-12-04';

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Days from the reference date to today. */
export function demoShiftDays(on: string = today()): number {
  return daysBetween(DEMO_REFERENCE_DATE, on);
}

/** A date of the demo story, written as on the reference date, moved to today's. */
export function demoDate(written: string, on: string = today()): string {
  return addDays(written, demoShiftDays(on));
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `hour` o'clock Beijing time (fractions are minutes, to the whole minute) on the Beijing day of `at`. */
export function atBeijingHour(at: Date, hour: number): Date {
  const beijing = new Date(at.getTime() + 8 * HOUR);
  return new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate(), -8, Math.floor(hour * 60)));
}

/** `hour` o'clock Beijing time on the day `daysAgo` days before `now`. */
export function daysAgoAt(now: Date, daysAgo: number, hour: number): Date {
  return atBeijingHour(new Date(now.getTime() - daysAgo * DAY), hour);
}

/** `hour` o'clock Beijing time on the `nth` weekday (Monday to Friday) before today (1: the last one): staff act at their desks, always in the past. */
export function weekdayBefore(now: Date, nth: number, hour: number): Date {
  let seen = 0;
  for (let back = 1; ; back++) {
    const weekday = new Date(now.getTime() - back * DAY + 8 * HOUR).getUTCDay();
    if (weekday === 0 || weekday === 6 || ++seen < nth) continue;
    return daysAgoAt(now, back, hour);
  }
}
