import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODE_ALPHABET, hashQueryKey, newQueryKey, newTrackingCode, normaliseTrackingCode, queryKeyMatches } from './trackingCode.js';

describe('tracking codes', () => {
  it('are nine unambiguous characters in three groups', () => {
    for (let i = 0; i < 200; i++) {
      const code = newTrackingCode();
      assert.match(code, /^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/);
      assert.ok(![...code.replace(/-/g, '')].some((c) => '01OILUV'.includes(c)), code);
      assert.equal(normaliseTrackingCode(code), code);
    }
    assert.equal(CODE_ALPHABET.length, 29);
  });

  it('accept any case, spaces and dashes as typed', () => {
    const code = newTrackingCode();
    assert.equal(normaliseTrackingCode(code.toLowerCase().replace(/-/g, ' ')), code);
    assert.equal(normaliseTrackingCode(code.replace(/-/g, '')), code);
  });

  it('catch every single mistyped character by the check character', () => {
    const code = newTrackingCode().replace(/-/g, '');
    for (let pos = 0; pos < 9; pos++) {
      for (const c of CODE_ALPHABET) {
        if (c === code[pos]) continue;
        const typo = code.slice(0, pos) + c + code.slice(pos + 1);
        assert.equal(normaliseTrackingCode(typo), null, `${typo} accepted`);
      }
    }
  });

  it('refuse wrong lengths and foreign characters', () => {
    assert.equal(normaliseTrackingCode('ABC-DEF'), null);
    assert.equal(normaliseTrackingCode('0OI-L1U-VVV'), null);
    assert.equal(normaliseTrackingCode(''), null);
  });

  it('are unlikely to repeat (8 random characters: 29^8 ≈ 5·10^11)', () => {
    const seen = new Set(Array.from({ length: 5000 }, newTrackingCode));
    assert.equal(seen.size, 5000);
  });
});

describe('query keys', () => {
  it('are 128-bit secrets stored only as hashes', () => {
    const key = newQueryKey();
    assert.equal(Buffer.from(key, 'base64url').length, 16);
    assert.notEqual(newQueryKey(), key);
    const stored = hashQueryKey(key);
    assert.match(stored, /^[0-9a-f]{64}$/);
    assert.equal(queryKeyMatches(key, stored), true);
    assert.equal(queryKeyMatches(`${key}x`, stored), false);
    assert.equal(queryKeyMatches(key, 'abcd'), false);
  });
});
