import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { PROJECT_ROOT } from '../../platform/config.js';
import { isValidDate, weekday, type DayKind } from '../../platform/calendar/workingDays.js';
import { invalidFields } from '../../platform/errors.js';
import { now } from '../../platform/clock.js';
import { recomputeProvisionalDeadlines, type MovedDeadline } from '../cases/index.js';

export interface HolidayDay {
  date: string;
  kind: DayKind;
  name: string;
}

export interface HolidaySchedule {
  year: number;
  source: string;
  days: HolidayDay[];
}

const SHIPPED_DIR = path.join(PROJECT_ROOT, 'resources', 'holidays');

/** The State Council schedules shipped with the code, one file a year. */
export function shippedSchedules(): HolidaySchedule[] {
  return readdirSync(SHIPPED_DIR).filter((f) => /^\d{4}\.json$/.test(f)).sort()
    .map((f) => JSON.parse(readFileSync(path.join(SHIPPED_DIR, f), 'utf8')) as HolidaySchedule);
}

/**
 * Checks a year's schedule: every date real and in the year, none twice, and a makeup
 * working day only on a Saturday or Sunday (a weekday is a working day already).
 */
export function validateSchedule(year: number, days: HolidayDay[]): void {
  const problems: { path: string; code: 'DATE_INVALID' | 'DATE_OUTSIDE_YEAR' | 'DUPLICATE_VALUES' | 'MAKEUP_NOT_WEEKEND' }[] = [];
  const seen = new Set<string>();
  days.forEach((d, i) => {
    const at = `days.${i}.date`;
    if (!isValidDate(d.date)) problems.push({ path: at, code: 'DATE_INVALID' });
    else if (!d.date.startsWith(`${year}-`)) problems.push({ path: at, code: 'DATE_OUTSIDE_YEAR' });
    else if (seen.has(d.date)) problems.push({ path: at, code: 'DUPLICATE_VALUES' });
    else if (d.kind === 'workday' && weekday(d.date) <= 5) problems.push({ path: `days.${i}.kind`, code: 'MAKEUP_NOT_WEEKEND' });
    seen.add(d.date);
  });
  if (problems.length) throw invalidFields(problems);
}

/**
 * Replaces the schedule of one year (admins, when the State Council publishes the next one), and
 * counts again the running deadlines that were counted on the provisional calendar; returns
 * those that moved. Entering the year's schedule is also how a year's provisional calendar is
 * confirmed: the holidays page offers the statutory days as the starting point.
 */
export async function replaceSchedule(
  ctx: WriteContext, schedule: HolidaySchedule, action = 'calendar.update', options: { recompute?: boolean } = {},
): Promise<MovedDeadline[]> {
  validateSchedule(schedule.year, schedule.days);
  const { trx } = ctx;
  const before = await trx.selectFrom('holiday').select(['date', 'kind', 'name']).where('year', '=', schedule.year).orderBy('date').execute();
  await trx.deleteFrom('holiday').where('year', '=', schedule.year).execute();
  await trx.insertInto('holiday_year').values({ year: schedule.year, source: schedule.source, updated_at: now() })
    .onConflict((oc) => oc.column('year').doUpdateSet({ source: sql`excluded.source`, updated_at: sql`excluded.updated_at` })).execute();
  if (schedule.days.length) {
    await trx.insertInto('holiday').values(schedule.days.map((d) => ({ ...d, year: schedule.year }))).execute();
  }
  const moved = options.recompute === false ? [] : await recomputeProvisionalDeadlines(ctx, now(), `已录入${schedule.year}年放假安排`);
  await recordAudit(ctx, {
    action, entityType: 'holiday_year', entityId: schedule.year,
    before: before.length ? { days: before } : null,
    after: {
      source: schedule.source, days: [...schedule.days].sort((a, b) => (a.date < b.date ? -1 : 1)),
      ...(moved.length ? { deadlinesMoved: moved } : {}),
    },
  });
  return moved;
}

/** Loads the shipped schedules of the years the database does not have yet; edited years are left alone. */
export async function importShippedSchedules(ctx: WriteContext): Promise<number[]> {
  const present = new Set((await ctx.trx.selectFrom('holiday_year').select('year').execute()).map((r) => r.year));
  const added: number[] = [];
  for (const schedule of shippedSchedules()) {
    if (present.has(schedule.year)) continue;
    await replaceSchedule(ctx, schedule, 'calendar.import', { recompute: false });
    added.push(schedule.year);
  }
  // Also after the upgrade that introduced the provisional calendar: deadlines counted on weekends alone move onto it.
  const moved = await recomputeProvisionalDeadlines(ctx, now(), added.length ? `已导入${added.join('、')}年放假安排` : '按暂定放假安排重新计算');
  if (moved.length) {
    await recordAudit(ctx, { action: 'calendar.deadlines_recomputed', entityType: 'holiday_year', entityId: null, after: { years: added, deadlinesMoved: moved } });
  }
  return added;
}
