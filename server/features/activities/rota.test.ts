import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignTurns, receptionDates, rotaStatus } from './rota.js';
import { WorkingCalendar } from '../../platform/calendar/workingDays.js';

// 2026: 10-01…10-07 National Day rest days; 10-10 (Saturday) a worked day.
const calendar = new WorkingCalendar([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'rest' as const })),
  { date: '2026-10-10', kind: 'workday' as const },
], [2026]);

describe('reception rota', () => {
  it('takes the named weekdays and days of the month, and leaves public holidays out', () => {
    // Every Wednesday, and 逢五 (5th, 15th, 25th).
    const dates = receptionDates({ weekdays: [3], monthDays: [5, 15, 25] }, '2026-09-28', '2026-10-31', calendar);
    assert.deepEqual(dates, ['2026-09-30', '2026-10-14', '2026-10-15', '2026-10-21', '2026-10-25', '2026-10-28']);
  });

  it('keeps an ordinary weekend day the schedule names', () => {
    assert.deepEqual(receptionDates({ weekdays: [6], monthDays: [] }, '2026-10-01', '2026-10-17', calendar), ['2026-10-10', '2026-10-17']);
    assert.deepEqual(receptionDates({ weekdays: [6], monthDays: [] }, '2026-10-01', '2026-10-04', calendar), [], 'the holiday Saturday is off');
  });

  it('gives every deputy a turn in order, and continues after the last one on duty', () => {
    const dates = ['d1', 'd2', 'd3', 'd4'];
    assert.deepEqual(assignTurns(dates, [7, 8, 9], 1).map((t) => t.deputyIds), [[7], [8], [9], [7]]);
    assert.deepEqual(assignTurns(dates, [7, 8, 9], 2).map((t) => t.deputyIds), [[7, 8], [9, 7], [8, 9], [7, 8]]);
    assert.deepEqual(assignTurns(dates.slice(0, 2), [7, 8, 9], 1, 8).map((t) => t.deputyIds), [[9], [7]]);
    assert.deepEqual(assignTurns(dates.slice(0, 1), [7], 3).map((t) => t.deputyIds), [[7]], 'never the same deputy twice a day');
    assert.deepEqual(assignTurns(dates, [], 1), []);
  });

  it('calls a day held, missed, scheduled or cancelled', () => {
    assert.equal(rotaStatus({ onDate: '2026-10-14', activityId: 5, cancelled: false }, '2026-10-20'), 'held');
    assert.equal(rotaStatus({ onDate: '2026-10-14', activityId: null, cancelled: false }, '2026-10-20'), 'missed');
    assert.equal(rotaStatus({ onDate: '2026-10-20', activityId: null, cancelled: false }, '2026-10-20'), 'scheduled');
    assert.equal(rotaStatus({ onDate: '2026-10-14', activityId: null, cancelled: true }, '2026-10-20'), 'cancelled');
  });
});
