/**
 * The statutory clock of a suggestion's handling (办理期限): counted in calendar months from the
 * day of assignment (3 months, 6 for a complex one, 1 for re-handling after an unsatisfied
 * rating), a last day that falls on a rest day moved to the next working day; the window in which
 * a unit may ask for a different assignment, in working days; and the day by which co-units send
 * their views to the lead unit, some calendar days before the lead unit's deadline.
 * Pure: dates are Asia/Shanghai civil dates (`YYYY-MM-DD`), the calendar is passed in.
 */
import { addDays, type WorkingCalendar } from '../../platform/calendar/workingDays.js';

/** The settings the clock reads (settings.ts). */
export interface ClockSettings {
  reassignWindowDays: number;
  coViewDaysBefore: number;
  normalMonths: number;
  complexMonths: number;
  rehandleMonths: number;
}

/** `date` plus `months` calendar months; a day the month lacks becomes its last day (31 Aug + 1 month = 30 Sep). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** `date` itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(cal: WorkingCalendar, date: string): string {
  return cal.isWorkingDay(date) ? date : cal.addWorkingDays(date, 1);
}

/** The last day of a clock of `months` months started on `from`. */
export function monthsDeadline(cal: WorkingCalendar, from: string, months: number): string {
  return nextWorkingDay(cal, addMonths(from, months));
}

export interface HandlingClock {
  assignedOn: string;
  deadlineDate: string;
  /** The last day a unit may ask for a different assignment. */
  reassignUntil: string;
  /** The last day for the co-units' views (never before the day of assignment). */
  coViewDue: string;
}

/** The clock of an assignment made on `on` (and of a reassignment, which starts it again). */
export function handlingClock(cal: WorkingCalendar, on: string, settings: ClockSettings, complex: boolean): HandlingClock {
  const deadlineDate = monthsDeadline(cal, on, complex ? settings.complexMonths : settings.normalMonths);
  const coViewDue = addDays(deadlineDate, -settings.coViewDaysBefore);
  return {
    assignedOn: on,
    deadlineDate,
    reassignUntil: cal.addWorkingDays(on, settings.reassignWindowDays),
    coViewDue: coViewDue < on ? on : coViewDue,
  };
}

/** The deadline of re-handling after an unsatisfied rating on `on`. */
export function rehandlingDeadline(cal: WorkingCalendar, on: string, settings: ClockSettings): string {
  return monthsDeadline(cal, on, settings.rehandleMonths);
}
