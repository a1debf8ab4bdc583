/** The statutory clock of handling: calendar months from assignment, a last day on a rest day moved to the next working day. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkingCalendar } from '../../platform/calendar/workingDays.js';
import { addMonths, handlingClock, rehandlingDeadline } from './clock.js';

/** 2025 with its National Day week (1–8 October rest, Sunday 28 September and Saturday 11 October worked). */
const cal = new WorkingCalendar([
  ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({ date: `2025-10-${d}`, kind: 'rest' as const })),
  { date: '2025-09-28', kind: 'workday' }, { date: '2025-10-11', kind: 'workday' },
], [2025]);
const SETTINGS = { reassignWindowDays: 5, coViewDaysBefore: 30, normalMonths: 3, complexMonths: 6, rehandleMonths: 1 };

describe('suggestion clock', () => {
  it('adds calendar months, a day the month lacks becoming its last', () => {
    assert.equal(addMonths('2024-11-30', 3), '2025-02-28');
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2024-08-31', 1), '2024-09-30');
    assert.equal(addMonths('2024-11-15', 15), '2026-02-15');
  });

  it('moves a last day on a holiday or a weekend to the next working day', () => {
    const c = handlingClock(cal, '2025-07-01', SETTINGS, false);
    assert.deepEqual(c, { assignedOn: '2025-07-01', deadlineDate: '2025-10-09', reassignUntil: '2025-07-08', coViewDue: '2025-09-09' });
    assert.equal(handlingClock(cal, '2025-03-15', SETTINGS, false).deadlineDate, '2025-06-16', 'a Sunday becomes the Monday');
  });

  it('gives a complex suggestion 6 months, re-handling 1', () => {
    assert.equal(handlingClock(cal, '2025-03-15', SETTINGS, true).deadlineDate, '2025-09-15');
    assert.equal(rehandlingDeadline(cal, '2025-09-08', SETTINGS), '2025-10-09');
  });

  it('never makes the co-units\' views due before the assignment', () => {
    assert.equal(handlingClock(cal, '2025-07-01', { ...SETTINGS, normalMonths: 1, coViewDaysBefore: 60 }, false).coViewDue, '2025-07-01');
  });
});
