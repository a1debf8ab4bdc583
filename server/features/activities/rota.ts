/**
 * The reception rota (接待日轮值) as pure rules: which days a station receives constituents,
 * from its schedule (weekdays, days of the month), and which deputies are on duty each day,
 * taking turns in a fixed order.
 */
import { addDays, weekday, type WorkingCalendar } from '../../platform/calendar/workingDays.js';

export interface ReceptionDays { weekdays: number[]; monthDays: number[] }

/** The dates in [from, to] the schedule names, public holidays left out. */
export function receptionDates(schedule: ReceptionDays, from: string, to: string, calendar: WorkingCalendar): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const named = schedule.weekdays.includes(weekday(d)) || schedule.monthDays.includes(Number(d.slice(8, 10)));
    if (named && !calendar.isPublicHoliday(d)) dates.push(d);
  }
  return dates;
}

/**
 * Deputies on duty for each date, `perDay` at a time, taking turns in the order given and
 * starting after the deputy who was on duty last (`after`), so a rota continues where the
 * previous period stopped.
 */
export function assignTurns(dates: string[], deputyIds: number[], perDay: number, after: number | null = null): { date: string; deputyIds: number[] }[] {
  if (deputyIds.length === 0) return [];
  const each = Math.min(perDay, deputyIds.length);
  let next = after === null ? 0 : (deputyIds.indexOf(after) + 1) % deputyIds.length;
  return dates.map((date) => {
    const onDuty = Array.from({ length: each }, (_, i) => deputyIds[(next + i) % deputyIds.length]!);
    next = (next + each) % deputyIds.length;
    return { date, deputyIds: onDuty };
  });
}

export type RotaStatus = 'scheduled' | 'held' | 'missed' | 'cancelled';

/** A day is held when an activity records it, missed when it has passed without one. */
export function rotaStatus(slot: { onDate: string; activityId: number | null; cancelled: boolean }, today: string): RotaStatus {
  if (slot.cancelled) return 'cancelled';
  if (slot.activityId !== null) return 'held';
  return slot.onDate < today ? 'missed' : 'scheduled';
}
