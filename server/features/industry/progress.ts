/**
 * A campaign's progress (百日联系计划): distinct enterprises visited against the target, days
 * elapsed against the period, and the burn-down — enterprises still to visit at the end of each
 * day against the ideal straight line from the target to zero. Pure; dates are civil dates.
 */
import { addDays } from '../../platform/calendar/workingDays.js';

export interface BurnDownDay {
  date: string;
  /** Enterprises still to visit at the day's end; null for days not yet come. */
  remaining: number | null;
  ideal: number;
}

export interface CampaignProgress {
  target: number;
  visited: number;
  periodDays: number;
  daysElapsed: number;
  /** Visited / target and days elapsed / period, 0–100, rounded down. */
  visitedPercent: number;
  elapsedPercent: number;
  /** Ahead of the ideal line (or on it) at today's end. */
  onTrack: boolean;
  burnDown: BurnDownDay[];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * `firstVisits`: each distinct enterprise visited, with the day of its first visit in the
 * campaign. `today`: the civil date now.
 */
export function campaignProgress(c: { target: number; startsOn: string; endsOn: string }, firstVisits: string[], today: string): CampaignProgress {
  const periodDays = daysBetween(c.startsOn, c.endsOn) + 1;
  const daysElapsed = Math.min(periodDays, Math.max(0, daysBetween(c.startsOn, today) + 1));
  const sorted = [...firstVisits].sort();
  const burnDown: BurnDownDay[] = [];
  let k = 0;
  for (let i = 0; i < periodDays; i += 1) {
    const date = addDays(c.startsOn, i);
    while (k < sorted.length && sorted[k]! <= date) k += 1;
    const ideal = Math.round((c.target * (1 - (i + 1) / periodDays)) * 10) / 10;
    burnDown.push({ date, remaining: i < daysElapsed ? Math.max(0, c.target - k) : null, ideal });
  }
  const visited = sorted.length;
  const lastKnown = daysElapsed > 0 ? burnDown[daysElapsed - 1]! : null;
  return {
    target: c.target, visited, periodDays, daysElapsed,
    visitedPercent: Math.min(100, Math.floor((visited * 100) / c.target)),
    elapsedPercent: Math.floor((daysElapsed * 100) / periodDays),
    onTrack: lastKnown === null || lastKnown.remaining! <= lastKnown.ideal,
    burnDown,
  };
}
