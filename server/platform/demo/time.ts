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
