import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { congressRegionFits } from './congress.js';

describe('congressRegionFits', () => {
  it('pairs each deputy level with the region level of its congress', () => {
    assert.equal(congressRegionFits('national', null), true);
    assert.equal(congressRegionFits('national', 'province'), false);
    assert.equal(congressRegionFits('provincial', 'province'), true);
    assert.equal(congressRegionFits('city', 'city'), true);
    assert.equal(congressRegionFits('county', 'county'), true);
    assert.equal(congressRegionFits('county', 'province'), false);
    assert.equal(congressRegionFits('township', 'town'), true);
    assert.equal(congressRegionFits('township', 'county'), false);
    assert.equal(congressRegionFits('township', null), false);
  });
});
