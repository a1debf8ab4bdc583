/** The campaign progress and burn-down on a 10-day campaign of 4 enterprises. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { campaignProgress } from './progress.js';
import { organisationGaps } from './organisation.js';

describe('campaign progress', () => {
  const c = { target: 4, startsOn: '2030-03-01', endsOn: '2030-03-10' };

  it('counts distinct enterprises and the days elapsed, and burns down day by day', () => {
    const p = campaignProgress(c, ['2030-03-02', '2030-03-02', '2030-03-05'].slice(1), '2030-03-05');
    assert.equal(p.periodDays, 10);
    assert.equal(p.daysElapsed, 5);
    assert.equal(p.visited, 2);
    assert.equal(p.visitedPercent, 50);
    assert.equal(p.elapsedPercent, 50);
    assert.deepEqual(p.burnDown.map((d) => d.remaining), [4, 3, 3, 3, 2, null, null, null, null, null]);
    assert.equal(p.burnDown[0]!.ideal, 3.6);
    assert.equal(p.burnDown[9]!.ideal, 0);
    assert.equal(p.onTrack, true);
  });

  it('is behind the line when visits lag', () => {
    const p = campaignProgress(c, ['2030-03-09'], '2030-03-08');
    assert.equal(p.onTrack, false);
    assert.equal(p.visited, 1);
    assert.equal(p.burnDown[7]!.remaining, 4);
  });

  it('before the start nothing has elapsed; after the end everything has', () => {
    assert.equal(campaignProgress(c, [], '2030-02-01').daysElapsed, 0);
    assert.equal(campaignProgress(c, [], '2030-02-01').burnDown.every((d) => d.remaining === null), true);
    const done = campaignProgress(c, ['2030-03-01', '2030-03-02', '2030-03-03', '2030-03-04', '2030-03-04'], '2031-01-01');
    assert.equal(done.daysElapsed, 10);
    assert.equal(done.visitedPercent, 100);
    assert.equal(done.burnDown.at(-1)!.remaining, 0);
  });
});

describe('1+2+5+N organisation', () => {
  it('flags what is missing', () => {
    assert.deepEqual(organisationGaps({ lead: 1, convener: 2, resident: 5 }), []);
    assert.deepEqual(organisationGaps({ lead: 0, convener: 1, resident: 4 }), ['lead_missing', 'conveners_short', 'residents_short']);
    assert.deepEqual(organisationGaps({ lead: 1, convener: 2, resident: 9 }), []);
  });
});
