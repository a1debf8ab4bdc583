import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { halfYearAfter, month, quarter, rotaOf, week } from './periods.js';

describe('cross-province periods', () => {
  it('finds weeks (Monday to Sunday), months and quarters, forwards and back', () => {
    assert.deepEqual(week('2026-12-05'), { start: '2026-11-30', end: '2026-12-06' });
    assert.deepEqual(week('2026-11-30', -1), { start: '2026-11-23', end: '2026-11-29' });
    assert.deepEqual(month('2026-03-31', -1), { start: '2026-02-01', end: '2026-02-28' });
    assert.deepEqual(quarter('2026-12-05'), { start: '2026-10-01', end: '2026-12-31' });
    assert.deepEqual(quarter('2026-02-10', -1), { start: '2025-10-01', end: '2025-12-31' });
    assert.equal(halfYearAfter('2026-08-31'), '2027-02-28');
    assert.equal(halfYearAfter('2026-03-15'), '2026-09-15');
  });

  it('rotates the chair through the parties in order, from the one after the last chair; late joiners take turns once joined', () => {
    const parties = [
      { regionCode: 'A', joinedOn: '2024-08-01' }, { regionCode: 'B', joinedOn: '2024-08-01' }, { regionCode: 'C', joinedOn: '2024-08-01' },
      { regionCode: 'D', joinedOn: '2026-05-01' }, { regionCode: 'E', joinedOn: '2026-05-01' },
    ];
    // D and E join in May: they take turns from the third quarter on.
    assert.deepEqual(rotaOf(2026, parties, null).map((r) => r.party.regionCode), ['A', 'B', 'C', 'D']);
    assert.deepEqual(rotaOf(2026, parties, 'B').map((r) => r.party.regionCode), ['C', 'A', 'B', 'C']);
    assert.deepEqual(rotaOf(2027, parties, 'D').map((r) => r.party.regionCode), ['E', 'A', 'B', 'C']);
    assert.deepEqual(rotaOf(2027, parties, null)[0]!.period, { start: '2027-01-01', end: '2027-03-31' });
  });
});
