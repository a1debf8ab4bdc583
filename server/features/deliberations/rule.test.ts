import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkingCalendar } from '../../platform/calendar/workingDays.js';
import { heldOn, monthsAfter, noticeOn, ruleDate, weightedScore } from './rule.js';

describe('the deliberation-day rule', () => {
  it('names the fourth Thursday, the last one, and a fifth the month lacks as its last', () => {
    assert.equal(ruleDate(2026, 12, { weekday: 4, nth: 4 }), '2026-12-24');
    assert.equal(ruleDate(2027, 1, { weekday: 4, nth: 4 }), '2027-01-28');
    assert.equal(ruleDate(2026, 12, { weekday: 4, nth: -1 }), '2026-12-31');
    assert.equal(ruleDate(2027, 2, { weekday: 4, nth: 5 }), '2027-02-25');
    assert.equal(ruleDate(2026, 10, { weekday: 1, nth: 1 }), '2026-10-05');
  });

  it('moves a rule date on a holiday to the next working day (a makeup Saturday counts) and gives the notice day', () => {
    const cal = new WorkingCalendar([
      { date: '2030-01-24', kind: 'rest' }, { date: '2030-01-25', kind: 'rest' }, { date: '2030-01-26', kind: 'workday' },
    ], [2030]);
    const date = ruleDate(2030, 1, { weekday: 4, nth: 4 });
    assert.equal(date, '2030-01-24');
    assert.equal(heldOn(cal, date), '2030-01-26');
    assert.equal(heldOn(cal, '2030-02-28'), '2030-02-28');
    assert.equal(noticeOn('2030-01-26', 3), '2030-01-23');
  });

  it('counts months across the year end', () => {
    assert.deepEqual(monthsAfter('2026-11-30', 2), { year: 2027, month: 1 });
    assert.deepEqual(monthsAfter('2026-01-15', -1), { year: 2025, month: 12 });
  });

  it('weighs the scores by the region\'s weights', () => {
    assert.equal(weightedScore({ importance: 5, urgency: 3, impact: 4 }, { importance: 40, urgency: 30, impact: 30 }), 4.1);
    assert.equal(weightedScore({ importance: 5, urgency: 1, impact: 1 }, { importance: 0, urgency: 50, impact: 50 }), 1);
  });
});
