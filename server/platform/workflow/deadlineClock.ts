/**
 * A deadline counted in working days, with pauses: it starts on a day (the count begins the
 * day after), may be paused (waiting for someone else's decision) and resumed, and may be
 * extended. The working days spent paused push the deadline back and do not count as taken.
 * Pure: dates are Asia/Shanghai civil dates (`YYYY-MM-DD`), the calendar is passed in.
 *
 * A count that meets a year without an official holiday schedule marks the clock provisional
 * (see calendar/workingDays.ts); it stays marked until the caller counts it again.
 */
import type { WorkingCalendar } from '../calendar/workingDays.js';

export interface DeadlineClock {
  /** The day the clock started; its count begins the day after. */
  startedOn: string;
  /** The last working day allowed (the deadline ends with it). */
  deadline: string;
  /** The day the clock was paused, while it is. */
  pausedOn: string | null;
  /** Working days spent paused so far. */
  pausedWorkingDays: number;
  /** Working days added by extensions so far. */
  extendedDays: number;
  /** Some count met a year without an official holiday schedule. */
  provisional: boolean;
}

/** A clock of `days` working days started on `on`. */
export function startClock(cal: WorkingCalendar, on: string, days: number): DeadlineClock {
  const deadline = cal.addWorkingDays(on, days);
  return { startedOn: on, deadline, pausedOn: null, pausedWorkingDays: 0, extendedDays: 0, provisional: cal.provisionalWithin(on, deadline) };
}

/** The clock paused on `on`; a paused clock stays paused since the first day. */
export function pauseClock<C extends Pick<DeadlineClock, 'pausedOn'>>(clock: C, on: string): C {
  return clock.pausedOn ? clock : { ...clock, pausedOn: on };
}

/** Working days from the pause to `on` (none when the clock is running). */
export function pausedSoFar(cal: WorkingCalendar, clock: Pick<DeadlineClock, 'pausedOn'>, on: string): number {
  return clock.pausedOn ? Math.max(0, cal.workingDaysBetween(clock.pausedOn, on)) : 0;
}

type Resumable = Pick<DeadlineClock, 'deadline' | 'pausedOn' | 'pausedWorkingDays' | 'extendedDays' | 'provisional'>;

/**
 * The clock running again on `on`: the deadline moves by the working days paused plus
 * `extendBy` (an extension granted). Resuming a running clock only extends it.
 */
export function resumeClock<C extends Resumable>(cal: WorkingCalendar, clock: C, on: string, extendBy = 0): C {
  const paused = pausedSoFar(cal, clock, on);
  const deadline = cal.addWorkingDays(clock.deadline, paused + extendBy);
  const provisional = clock.provisional
    || (clock.pausedOn !== null && cal.provisionalWithin(clock.pausedOn, on))
    || cal.provisionalWithin(clock.deadline, deadline);
  return {
    ...clock, deadline, pausedOn: null, pausedWorkingDays: clock.pausedWorkingDays + paused,
    extendedDays: clock.extendedDays + extendBy, provisional,
  };
}

/** Working days the clock has run by `on` (to the pause, while paused), the paused ones left out. */
export function workingDaysTaken(cal: WorkingCalendar, clock: Pick<DeadlineClock, 'startedOn' | 'pausedOn' | 'pausedWorkingDays'>, on: string): number {
  return Math.max(0, cal.workingDaysBetween(clock.startedOn, clock.pausedOn ?? on) - clock.pausedWorkingDays);
}
