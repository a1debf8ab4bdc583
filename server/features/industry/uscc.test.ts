/** The credit-code check (GB 32100-2015) on published codes and on codes one character off. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCreditCode, isCreditCode, normaliseCreditCode, withCheckCharacter } from './uscc.js';

// Codes printed on business licences and in the standard's own example (91350100M000100Y43).
const PUBLISHED = ['91350100M000100Y43', '91110108551385082Q', '91440300708461136T', '91110000802100433B', '914403001922038216', '9144030071526726XG'];

describe('unified social credit code', () => {
  it('accepts published codes', () => {
    for (const code of PUBLISHED) assert.equal(checkCreditCode(code), null, code);
  });

  it('refuses a code with any one character changed (the check character catches it)', () => {
    for (const code of PUBLISHED) {
      for (let i = 0; i < 18; i += 1) {
        const swapped = code[i] === '1' ? '2' : '1';
        const changed = code.slice(0, i) + swapped + code.slice(i + 1);
        assert.notEqual(checkCreditCode(changed), null, changed);
      }
    }
  });

  it('refuses two neighbouring characters swapped', () => {
    assert.equal(checkCreditCode('91110108553185082Q'), 'check');
  });

  it('says why a code is refused', () => {
    assert.equal(checkCreditCode('91350100M000100Y4'), 'length');
    assert.equal(checkCreditCode('91350100M000100Y431'), 'length');
    assert.equal(checkCreditCode('91350100M000100I43'), 'character');
    assert.equal(checkCreditCode('91350100M000100O43'), 'character');
    assert.equal(checkCreditCode('91350100M000100S43'), 'character');
    assert.equal(checkCreditCode('Z1350100M000100Y43'), 'character');
    assert.equal(checkCreditCode('01350100M000100Y43'), 'authority');
    assert.equal(checkCreditCode('913501A0M000100Y43'), 'division');
    assert.equal(checkCreditCode('91350100M000100Y44'), 'check');
  });

  it('computes the check character, 31 counting as 0', () => {
    for (const code of PUBLISHED) assert.equal(withCheckCharacter(code.slice(0, 17)), code);
    // Enough random bodies reach every check character, 0 included.
    const seen = new Set<string>();
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let n = 7;
    for (let i = 0; i < 3000; i += 1) {
      let body = '93441623';
      for (let j = 0; j < 9; j += 1) { n = (n * 1103515245 + 12345) % 2147483648; body += chars[n % 31]; }
      const code = withCheckCharacter(body);
      assert.ok(isCreditCode(code));
      seen.add(code[17]!);
    }
    assert.equal(seen.size, 31);
    assert.throws(() => withCheckCharacter('9135010'));
    assert.throws(() => withCheckCharacter('91350100M000100I4'));
  });

  it('normalises what is typed or pasted', () => {
    assert.equal(normaliseCreditCode(' 9135 0100m000100y43 '), '91350100M000100Y43');
    assert.equal(normaliseCreditCode('９１３５０１００Ｍ０００１００Ｙ４３'), '91350100M000100Y43');
  });
});
