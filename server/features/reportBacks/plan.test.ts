/** The yearly report-back period: the calendar year within the term, a late-begun term's short first year joined to the next. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { yearlyPeriod } from './plan.js';

describe('the yearly report-back period', () => {
  it('is the calendar year, from the term\'s start in its first year', () => {
    assert.deepEqual(yearlyPeriod('2021-01-15', '2023-05-01'), { from: '2023-01-01', to: '2023-12-31' });
    assert.deepEqual(yearlyPeriod('2026-03-10', '2026-11-20'), { from: '2026-03-10', to: '2026-12-31' });
    assert.deepEqual(yearlyPeriod('2026-06-30', '2026-12-31'), { from: '2026-06-30', to: '2026-12-31' });
  });

  it('joins the short first year of a term begun after June to the next year', () => {
    assert.deepEqual(yearlyPeriod('2026-07-01', '2026-11-20'), { from: '2026-07-01', to: '2027-12-31' });
    assert.deepEqual(yearlyPeriod('2026-11-05', '2027-03-01'), { from: '2026-11-05', to: '2027-12-31' });
    assert.deepEqual(yearlyPeriod('2026-11-05', '2028-02-01'), { from: '2028-01-01', to: '2028-12-31' });
  });
});
