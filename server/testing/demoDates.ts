/**
 * Dates of the demo as the test template holds them. The template's demo is placed on the day
 * the runner built it (`seed/demoTime.ts`); a test file may run later, even on the next day, so
 * it asks here for that day instead of today's.
 */
import { now, today } from '../platform/clock.js';
import { demoDate } from '../platform/demo/time.js';

/** Set by scripts/test.mjs from what server/testing/prepareTemplate.ts reports. */
export const DEMO_DAY_ENV = 'LIANXIN_TEST_DEMO_DAY';

/** The day the template's demo was placed on (today when run without the runner). */
export function templateDay(): string {
  return process.env[DEMO_DAY_ENV] ?? today();
}

/** A date of the demo story (written as on `DEMO_REFERENCE_DATE`) as it stands in the template. */
export function demoDay(written: string): string {
  return demoDate(written, templateDay());
}

/**
 * The clock for a test file that reads the demo's story relative to the day (this week's gap,
 * this quarter's chair): now, or when the template was built on an earlier day, the last
 * millisecond of that day (not before anything the demo placed that day). A run that crossed
 * midnight after the template was built then reads the demo as it was placed, not a day later.
 */
export function onTemplateDay(): Date {
  return today() === templateDay() ? now() : new Date(`${templateDay()}T23:59:59.999+08:00`);
}
