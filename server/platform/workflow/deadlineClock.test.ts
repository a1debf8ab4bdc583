import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from '../config.js';
import { WorkingCalendar, type CalendarDay } from '../calendar/workingDays.js';
import { pauseClock, pausedSoFar, resumeClock, startClock, workingDaysTaken } from './deadlineClock.js';

// The shipped State Council schedules of 2024–2026; 2027 has none, so it is provisional.
const YEARS = [2024, 2025, 2026];
const shipped = YEARS.flatMap((y) => (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'resources/holidays', `${y}.json`), 'utf8')) as { days: CalendarDay[] }).days);
const cal = new WorkingCalendar(shipped, YEARS);

describe('working-day deadline clock', () => {
  it('starts: the count begins the day after and skips weekends', () => {
    // Friday 7 March 2025 + 3 working days: Monday 10, Tuesday 11, Wednesday 12.
    assert.deepEqual(startClock(cal, '2025-03-07', 3), {
      startedOn: '2025-03-07', deadline: '2025-03-12', pausedOn: null, pausedWorkingDays: 0, extendedDays: 0, provisional: false,
    });
  });

  it('skips statutory holidays and counts the make-up working days (调休)', () => {
    // 春节 2025: 28 Jan – 4 Feb off, Sunday 26 Jan worked.
    assert.equal(startClock(cal, '2025-01-24', 2).deadline, '2025-01-27');
    assert.equal(startClock(cal, '2025-01-24', 3).deadline, '2025-02-05');
    // 国庆 2025: 1–8 Oct off, Sunday 28 Sep and Saturday 11 Oct worked.
    assert.equal(startClock(cal, '2025-09-26', 3).deadline, '2025-09-30');
    assert.equal(startClock(cal, '2025-09-26', 5).deadline, '2025-10-10');
    assert.equal(startClock(cal, '2025-09-26', 6).deadline, '2025-10-11');
  });

  it('is provisional when its count meets a year without an official schedule', () => {
    assert.equal(startClock(cal, '2026-12-24', 3).deadline, '2026-12-29');
    assert.equal(startClock(cal, '2026-12-24', 3).provisional, false);
    // 30 and 31 Dec, then 元旦 2027 (statutory, provisional), the weekend, 4–6 Jan.
    const c = startClock(cal, '2026-12-29', 5);
    assert.equal(c.deadline, '2027-01-06');
    assert.equal(c.provisional, true);
  });

  it('pauses and resumes: the working days paused and the days granted push the deadline back', () => {
    // Monday 22 Sep 2025 + 5: 23, 24, 25, 26 and the make-up Sunday 28 Sep.
    const started = startClock(cal, '2025-09-22', 5);
    assert.equal(started.deadline, '2025-09-28');
    const paused = pauseClock(started, '2025-09-24');
    assert.equal(paused.pausedOn, '2025-09-24');
    assert.equal(pauseClock(paused, '2025-09-26').pausedOn, '2025-09-24', 'a paused clock stays paused since the first day');
    assert.equal(pausedSoFar(cal, paused, '2025-09-26'), 2);
    assert.equal(workingDaysTaken(cal, paused, '2025-09-26'), 2, 'while paused, the count stops at the pause');
    // Paused 25, 26, 28, 29, 30 Sep (5); 5 + 2 granted after 28 Sep: 29, 30 Sep, 9, 10, 11 (make-up), 13, 14 Oct.
    const resumed = resumeClock(cal, paused, '2025-09-30', 2);
    assert.deepEqual(resumed, {
      startedOn: '2025-09-22', deadline: '2025-10-14', pausedOn: null, pausedWorkingDays: 5, extendedDays: 2, provisional: false,
    });
    // Taken by Friday 10 Oct: 23–26, 28–30 Sep, 9–10 Oct (9), less the 5 paused.
    assert.equal(workingDaysTaken(cal, resumed, '2025-10-10'), 4);
    assert.equal(workingDaysTaken(cal, resumed, '2025-09-22'), 0);
  });

  it('resumes a running clock by extending it only', () => {
    const resumed = resumeClock(cal, startClock(cal, '2025-09-22', 5), '2025-09-25', 2);
    assert.equal(resumed.deadline, '2025-09-30');
    assert.equal(resumed.pausedWorkingDays, 0);
    assert.equal(resumed.extendedDays, 2);
  });

  it('becomes provisional when the pause or the moved deadline meets a year without a schedule', () => {
    // Monday 21 Dec 2026 + 5: 22–25 and 28 Dec.
    const started = startClock(cal, '2026-12-21', 5);
    assert.deepEqual([started.deadline, started.provisional], ['2026-12-28', false]);
    // Paused 25, 28–31 Dec, 4 and 5 Jan (元旦 off): 7; 28 Dec + 7 = 29–31 Dec, 4–7 Jan.
    const resumed = resumeClock(cal, pauseClock(started, '2026-12-24'), '2027-01-05');
    assert.deepEqual([resumed.deadline, resumed.pausedWorkingDays, resumed.provisional], ['2027-01-07', 7, true]);
    // Once provisional, resuming within a known year keeps the mark.
    assert.equal(resumeClock(cal, { ...started, provisional: true }, '2026-12-22').provisional, true);
  });
});
