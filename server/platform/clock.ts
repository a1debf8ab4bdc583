/**
 * The server's one clock. Every rule that depends on the time of day or the date (deadlines,
 * terms, rota, points years, session expiry, the demo's placement) asks `now()` here and never
 * `new Date()` directly, so that a test can set the time and the whole server follows.
 *
 * In production the clock is the machine's. A test may fix it (`setClock`); `resetClock` returns
 * to the machine's time. The machine's clock itself can be moved too (faketime): then the server,
 * PGlite's `now()` and this clock all agree.
 */
import { shanghaiDate } from './calendar/workingDays.js';

let fixedMs: number | null = null;

/** The current instant. */
export function now(): Date {
  return new Date(fixedMs ?? Date.now());
}

/** Milliseconds since the epoch by the server's clock. */
export function nowMs(): number {
  return fixedMs ?? Date.now();
}

/** Today's civil date in Asia/Shanghai, `YYYY-MM-DD`. */
export function today(): string {
  return shanghaiDate(now());
}

/** Tests: stop the clock at an instant (a `Date`, an ISO string, or a `YYYY-MM-DD` date at 10:00 Shanghai time). */
export function setClock(at: Date | string): void {
  const instant = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at) ? new Date(`${at}T10:00:00+08:00`) : new Date(at);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not an instant: ${String(at)}`);
  fixedMs = instant.getTime();
}

/** Back to the machine's clock. */
export function resetClock(): void {
  fixedMs = null;
}
