import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commonAncestorPath, isWithin, pathCodes, regionPath } from './regionPath.js';

// Province 45 › city 4511 › counties 451102, 451103 › towns of 451103; plus a town in province 44.
const PROVINCE = '45.';
const CITY = '45.4511.';
const COUNTY = '45.4511.451103.';
const TOWN = '45.4511.451103.451103101.';
const TOWN_2 = '45.4511.451103.451103102.';
const SIBLING_COUNTY = '45.4511.451102.';
const PREFIX_TRAP_COUNTY = '45.4511.4511031.'; // its code starts with 451103 but it is not inside 451103
const OTHER_PROVINCE_TOWN = '44.4401.440103.440103001.';

describe('regionPath', () => {
  it('joins the ancestor codes, each followed by a dot', () => {
    assert.equal(regionPath(['45', '4511', '451103', '451103101']), TOWN);
    assert.equal(regionPath(['45']), PROVINCE);
    assert.equal(regionPath([]), '');
  });
});

describe('pathCodes', () => {
  it('splits a path into its codes', () => {
    assert.deepEqual(pathCodes(TOWN), ['45', '4511', '451103', '451103101']);
    assert.deepEqual(pathCodes(PROVINCE), ['45']);
    assert.deepEqual(pathCodes(''), []);
  });

  it('is the inverse of regionPath', () => {
    for (const p of [PROVINCE, CITY, COUNTY, TOWN, OTHER_PROVINCE_TOWN]) {
      assert.equal(regionPath(pathCodes(p)), p);
    }
    const codes = ['45', '4511', '451103'];
    assert.deepEqual(pathCodes(regionPath(codes)), codes);
  });
});

describe('isWithin', () => {
  it('puts a town inside its county, city and province', () => {
    assert.equal(isWithin(TOWN, COUNTY), true);
    assert.equal(isWithin(TOWN, CITY), true);
    assert.equal(isWithin(TOWN, PROVINCE), true);
  });

  it('counts a region as within itself', () => {
    assert.equal(isWithin(COUNTY, COUNTY), true);
  });

  it('does not put an ancestor inside its descendant', () => {
    assert.equal(isWithin(COUNTY, TOWN), false);
    assert.equal(isWithin(PROVINCE, COUNTY), false);
  });

  it('keeps siblings apart', () => {
    assert.equal(isWithin(TOWN, SIBLING_COUNTY), false);
    assert.equal(isWithin(TOWN_2, TOWN), false);
    assert.equal(isWithin(OTHER_PROVINCE_TOWN, PROVINCE), false);
  });

  it('is safe against codes that are string prefixes of each other (paths end with a dot)', () => {
    assert.equal(PREFIX_TRAP_COUNTY.startsWith(COUNTY.slice(0, -1)), true, 'the trap is real without the dot');
    assert.equal(isWithin(PREFIX_TRAP_COUNTY, COUNTY), false);
    assert.equal(isWithin(`${PREFIX_TRAP_COUNTY}4511031001.`, COUNTY), false);
    assert.equal(isWithin(COUNTY, PREFIX_TRAP_COUNTY), false);
    assert.equal(isWithin('45.', '4.'), false);
    assert.equal(isWithin(regionPath(['4', '45']), '45.'), false);
  });

  it('treats the empty path (the whole country) as containing everything', () => {
    assert.equal(isWithin(TOWN, ''), true);
    assert.equal(isWithin(OTHER_PROVINCE_TOWN, ''), true);
    assert.equal(isWithin('', COUNTY), false);
  });
});

describe('commonAncestorPath', () => {
  it('finds the county of two towns in the same county', () => {
    assert.equal(commonAncestorPath([TOWN, TOWN_2]), COUNTY);
  });

  it('finds the city of regions in sibling counties', () => {
    assert.equal(commonAncestorPath([TOWN, SIBLING_COUNTY]), CITY);
  });

  it('compares whole codes, not characters', () => {
    assert.equal(commonAncestorPath([COUNTY, PREFIX_TRAP_COUNTY]), CITY);
    assert.equal(commonAncestorPath([TOWN, PREFIX_TRAP_COUNTY]), CITY);
  });

  it('gives a region itself when it is alone or repeated', () => {
    assert.equal(commonAncestorPath([TOWN]), TOWN);
    assert.equal(commonAncestorPath([TOWN, TOWN, TOWN]), TOWN);
  });

  it('gives the ancestor when one path contains the others', () => {
    assert.equal(commonAncestorPath([COUNTY, TOWN, TOWN_2]), COUNTY);
    assert.equal(commonAncestorPath([TOWN, COUNTY]), COUNTY, 'order does not matter');
  });

  it("gives '' for different provinces or no paths", () => {
    assert.equal(commonAncestorPath([TOWN, OTHER_PROVINCE_TOWN]), '');
    assert.equal(commonAncestorPath([TOWN, TOWN_2, OTHER_PROVINCE_TOWN]), '');
    assert.equal(commonAncestorPath([]), '');
  });

  it('returns a path every input lies within', () => {
    const inputs = [TOWN, TOWN_2, SIBLING_COUNTY];
    const common = commonAncestorPath(inputs);
    for (const p of inputs) assert.equal(isWithin(p, common), true, p);
  });
});
