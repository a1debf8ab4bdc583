/**
 * The deliberation-day rule (逢四议事: the fourth Thursday of the month), pure: the rule date of a
 * month, the day it is held (the next working day when the rule date is not one: a public
 * holiday, or a weekend if the rule names a weekend day), the notice day, and the weighted score
 * of a topic. No database, no clock.
 */
import { addDays, weekday, type WorkingCalendar } from '../../platform/calendar/workingDays.js';

export interface DayRule {
  /** ISO weekday: 1 Monday … 4 Thursday … 7 Sunday. */
  weekday: number;
  /** The nth such weekday of the month (1–5); -1 the last. A 5th that the month lacks is its last. */
  nth: number;
  noticeDays: number;
}

export interface Weights { importance: number; urgency: number; impact: number }
export interface Scores { importance: number; urgency: number; impact: number }

export const DEFAULT_RULE = {
  weekday: 4, nth: 4, noticeDays: 3, topicsMin: 1, topicsMax: 2,
  weights: { importance: 40, urgency: 30, impact: 30 }, itemWorkingDays: 15, place: '', startTime: '09:30',
} as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month (`YYYY-MM-DD`). */
function lastOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The day the rule names in a month (month 1–12). */
export function ruleDate(year: number, month: number, rule: Pick<DayRule, 'weekday' | 'nth'>): string {
  const first = `${year}-${pad(month)}-01`;
  const last = lastOfMonth(year, month);
  if (rule.nth === -1) {
    let d = last;
    while (weekday(d) !== rule.weekday) d = addDays(d, -1);
    return d;
  }
  let d = first;
  while (weekday(d) !== rule.weekday) d = addDays(d, 1);
  const nth = addDays(d, 7 * (rule.nth - 1));
  return nth <= last ? nth : addDays(nth, -7);
}

/** The day a rule date is held: itself when a working day, else the next working day. */
export function heldOn(cal: WorkingCalendar, date: string): string {
  let d = date;
  while (!cal.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** When the participants are told: `noticeDays` calendar days before the day it is held. */
export function noticeOn(held: string, noticeDays: number): string {
  return addDays(held, -noticeDays);
}

/** The month (`YYYY-MM`) `n` months after the month of `date`. */
export function monthsAfter(date: string, n: number): { year: number; month: number } {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  return { year: y + Math.floor(m / 12), month: (((m % 12) + 12) % 12) + 1 };
}

/** The weighted score of a topic, 1–5 like its scores, to two decimals. */
export function weightedScore(s: Scores, w: Weights): number {
  const total = w.importance + w.urgency + w.impact;
  if (total <= 0) return 0;
  return Math.round(((s.importance * w.importance + s.urgency * w.urgency + s.impact * w.impact) / total) * 100) / 100;
}
