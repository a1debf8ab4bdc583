/**
 * Dates of the demo as the test template holds them. The template's demo is placed on the day
 * the runner built it (`seed/demoTime.ts`); a test file may run later, even on the next day, so
 * it asks here for that day instead of today's.
 */
import { today } from '../platform/clock.js';
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
