/**
 * Chinese working days: Monday to Friday, less the State Council's rest days, plus the
 * weekend days that become working days (调休). Dates are `YYYY-MM-DD` civil dates in
 * Asia/Shanghai; the arithmetic is done on UTC midnights so it never meets a DST gap.
 *
 * A year whose official schedule is not entered is not treated as plain weeks: its statutory
 * public holidays (statutoryHolidays.ts) are rest days of a **provisional** calendar, without
 * makeup working days. Whatever is computed over such a year says so (`isProvisional`,
 * `provisionalWithin`), and is computed again when the official schedule arrives.
 */
import { statutoryRestDays } from './statutoryHolidays.js';

export type DayKind = 'rest' | 'workday';

export interface CalendarDay {
  date: string;
  kind: DayKind;
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

function toDay(date: string): number {
  if (!isValidDate(date)) throw new RangeError(`Not a date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return fromDay(toDay(date) + n);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const d = new Date(toDay(date) * DAY_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Asia/Shanghai civil date of an instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a civil date ends in Asia/Shanghai (midnight that starts the next day, +08:00). */
export function endOfShanghaiDay(date: string): Date {
  return new Date((toDay(date) + 1) * DAY_MS - SHANGHAI_OFFSET_MS);
}

export class WorkingCalendar {
  readonly #kinds: Map<string, DayKind>;
  readonly #years: Set<number>;
  readonly #provisional: (year: number) => Iterable<{ date: string }>;
  readonly #provisionalRest = new Map<number, Set<string>>();

  /**
   * `days` lists the exceptions; `years` the years whose official schedule they cover.
   * `provisional` gives the rest days of a year without one (the statutory holidays by default).
   */
  constructor(days: Iterable<CalendarDay>, years: Iterable<number>, provisional: (year: number) => Iterable<{ date: string }> = statutoryRestDays) {
    this.#kinds = new Map([...days].map((d) => [d.date, d.kind]));
    this.#years = new Set(years);
    this.#provisional = provisional;
  }

  /** Whether the official schedule of the date's year is known. */
  covers(date: string): boolean {
    return this.#years.has(Number(date.slice(0, 4)));
  }

  /** Whether the date's year follows the provisional (statutory holidays only) calendar. */
  isProvisional(date: string): boolean {
    return !this.covers(date);
  }

  /**
   * Whether a count over the days after `from` up to `to` (the days a working-day count walks)
   * meets a year without an official schedule.
   */
  provisionalWithin(from: string, to: string): boolean {
    const [a, b] = from <= to ? [addDays(from, 1), to] : [addDays(to, 1), from];
    if (a > b) return false;
    for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) if (!this.#years.has(y)) return true;
    return false;
  }

  #provisionalRestDay(date: string): boolean {
    const year = Number(date.slice(0, 4));
    let rest = this.#provisionalRest.get(year);
    if (!rest) {
      rest = new Set([...this.#provisional(year)].map((d) => d.date));
      this.#provisionalRest.set(year, rest);
    }
    return rest.has(date);
  }

  /** A public holiday (of the official schedule, or a statutory one of a provisional year), as opposed to an ordinary weekend. */
  isPublicHoliday(date: string): boolean {
    if (!this.covers(date)) return this.#provisionalRestDay(date);
    return this.#kinds.get(date) === 'rest';
  }

  isWorkingDay(date: string): boolean {
    if (!this.covers(date)) return weekday(date) <= 5 && !this.#provisionalRestDay(date);
    const kind = this.#kinds.get(date);
    if (kind) return kind === 'workday';
    return weekday(date) <= 5;
  }

  /**
   * The deadline of `days` working days counted from `from`: the `days`-th working day after
   * `from` (which itself never counts). Zero days is `from` itself.
   */
  addWorkingDays(from: string, days: number): string {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0: ${days}`);
    let date = from;
    toDay(date);
    for (let left = days; left > 0;) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) left--;
    }
    return date;
  }

  /** Working days in the half-open range (from, to]: how many working days `to` is after `from`. */
  workingDaysBetween(from: string, to: string): number {
    const a = toDay(from);
    const b = toDay(to);
    if (b === a) return 0;
    if (b < a) return -this.workingDaysBetween(to, from);
    let n = 0;
    for (let d = a + 1; d <= b; d++) if (this.isWorkingDay(fromDay(d))) n++;
    return n;
  }
}
