/**
 * Calendar periods of a cross-province station, pure: quarters for the rotating chair (轮值),
 * half years for joint meetings, and the weeks, months and quarters the cadence is counted by.
 * Dates are civil `YYYY-MM-DD` (Asia/Shanghai).
 */
import { addDays, weekday } from '../../platform/calendar/workingDays.js';

export interface Period { start: string; end: string }

const pad = (n: number) => String(n).padStart(2, '0');

/** The first day of the month `months` after the month of `date` (negative: before). */
export function monthStart(date: string, months = 0): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
}

export function month(date: string, months = 0): Period {
  const start = monthStart(date, months);
  return { start, end: addDays(monthStart(start, 1), -1) };
}

/** The quarter holding `date`, or `quarters` after it. */
export function quarter(date: string, quarters = 0): Period {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const first = `${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`;
  const start = monthStart(first, quarters * 3);
  return { start, end: addDays(monthStart(start, 3), -1) };
}

/** The four quarters of a year. */
export function quartersOf(year: number): Period[] {
  return [0, 1, 2, 3].map((q) => quarter(`${year}-01-01`, q));
}

/** The ISO week (Monday to Sunday) holding `date`, or `weeks` after it. */
export function week(date: string, weeks = 0): Period {
  const back = weekday(date) - 1;
  const start = addDays(addDays(date, -back), weeks * 7);
  return { start, end: addDays(start, 6) };
}

/** The suggested next joint meeting: six months after the last one (the same day, or the month's last). */
export function halfYearAfter(date: string): string {
  const [, , d] = date.split('-').map(Number) as [number, number, number];
  const target = month(date, 6);
  const last = Number(target.end.slice(8));
  return `${target.start.slice(0, 8)}${pad(Math.min(d, last))}`;
}

/**
 * The rota of a year: each quarter to the next party in order, continuing after the side that
 * held the last quarter before the year (the first party when none did). Only parties that have
 * joined by a quarter's first day take a turn in it.
 */
export function rotaOf<P extends { regionCode: string; joinedOn: string }>(year: number, parties: P[], lastRegionCode: string | null): { period: Period; party: P }[] {
  const out: { period: Period; party: P }[] = [];
  let last = lastRegionCode;
  for (const period of quartersOf(year)) {
    const eligible = parties.filter((p) => p.joinedOn <= period.start);
    if (eligible.length === 0) continue;
    const at = eligible.findIndex((p) => p.regionCode === last);
    const party = eligible[(at + 1) % eligible.length]!;
    out.push({ period, party });
    last = party.regionCode;
  }
  return out;
}
