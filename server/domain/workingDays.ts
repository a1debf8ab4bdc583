/**
 * Chinese working days: Monday to Friday, less the State Council's rest days, plus the
 * weekend days that become working days (调休). Dates are `YYYY-MM-DD` civil dates in
 * Asia/Shanghai; the arithmetic is done on UTC midnights so it never meets a DST gap.
 */
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

  /** `days` lists the exceptions; `years` the years whose official schedule they cover. */
  constructor(days: Iterable<CalendarDay>, years: Iterable<number>) {
    this.#kinds = new Map([...days].map((d) => [d.date, d.kind]));
    this.#years = new Set(years);
  }

  /** Whether the schedule of the year is known (otherwise only weekends are rest days). */
  covers(date: string): boolean {
    return this.#years.has(Number(date.slice(0, 4)));
  }

  /** A rest day of the official schedule (a public holiday), as opposed to an ordinary weekend. */
  isPublicHoliday(date: string): boolean {
    return this.#kinds.get(date) === 'rest';
  }

  isWorkingDay(date: string): boolean {
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
