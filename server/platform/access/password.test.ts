import assert from 'node:assert/strict';
import { scryptSync } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  dummyPasswordHash, hashPassword, isStrongPassword, PASSWORD_MIN_LENGTH, passwordClasses, verifyPassword,
} from './password.js';

const HASH_FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function parts(stored: string) {
  const m = HASH_FORMAT.exec(stored);
  assert.ok(m, `hash has the format scrypt$N$r$p$salt$key: ${stored}`);
  return {
    N: Number(m[1]), r: Number(m[2]), p: Number(m[3]),
    salt: Buffer.from(m[4]!, 'base64'), key: Buffer.from(m[5]!, 'base64'),
    saltB64: m[4]!, keyB64: m[5]!,
  };
}

/** Replaces field `index` (0 = scheme … 5 = key) of a stored hash. */
function withField(stored: string, index: number, value: string): string {
  const f = stored.split('$');
  f[index] = value;
  return f.join('$');
}

/** Flips one bit of the base64 field `index`, keeping it valid base64 of the same length. */
function flipByte(stored: string, index: number): string {
  const f = stored.split('$');
  const buf = Buffer.from(f[index]!, 'base64');
  buf[0] = buf[0]! ^ 0x01;
  f[index] = buf.toString('base64');
  return f.join('$');
}

describe('password policy', () => {
  it('requires at least 10 characters', () => {
    assert.equal(PASSWORD_MIN_LENGTH, 10);
    assert.equal(isStrongPassword('Abcdefgh1'), false, '9 characters, 3 classes');
    assert.equal(isStrongPassword('Abcdefgh12'), true, '10 characters, 3 classes');
    assert.equal(isStrongPassword('Ab1!'), false, '4 classes but far too short');
    assert.equal(isStrongPassword(''), false);
  });

  it('counts the four character classes', () => {
    assert.equal(passwordClasses(''), 0);
    assert.equal(passwordClasses('abc'), 1);
    assert.equal(passwordClasses('ABC'), 1);
    assert.equal(passwordClasses('123'), 1);
    assert.equal(passwordClasses('!@#'), 1);
    assert.equal(passwordClasses(' '), 1, 'a space is a symbol');
    assert.equal(passwordClasses('aB'), 2);
    assert.equal(passwordClasses('aB3'), 3);
    assert.equal(passwordClasses('aB3$'), 4);
    assert.equal(passwordClasses('aaaaBBBB3333'), 3, 'repeats of a class count once');
  });

  it('requires at least three of the four classes', () => {
    assert.equal(isStrongPassword('abcdefghij'), false, 'lower only');
    assert.equal(isStrongPassword('ABCDEFGHIJ'), false, 'upper only');
    assert.equal(isStrongPassword('1234567890'), false, 'digits only');
    assert.equal(isStrongPassword('abcdefghi1'), false, 'lower + digit');
    assert.equal(isStrongPassword('abcdeFGHIJ'), false, 'lower + upper');
    assert.equal(isStrongPassword('abcdefghi!'), false, 'lower + symbol');
    assert.equal(isStrongPassword('ABCDEFGHI1'), false, 'upper + digit');
    assert.equal(isStrongPassword('abcdefgh1!'), true, 'lower + digit + symbol');
    assert.equal(isStrongPassword('ABCDEFGH1!'), true, 'upper + digit + symbol');
    assert.equal(isStrongPassword('abcdEFGH1x'), true, 'lower + upper + digit');
    assert.equal(isStrongPassword('abcdEFGH!x'), true, 'lower + upper + symbol');
    assert.equal(isStrongPassword('aB3$aB3$aB'), true, 'all four');
  });

  it('counts length in characters (code points), not UTF-16 units', () => {
    // Each emoji is one character but two UTF-16 code units.
    assert.equal('😀'.length, 2);
    assert.equal(isStrongPassword(`Aa1${'😀'.repeat(6)}`), false, '9 characters (15 UTF-16 units)');
    assert.equal(isStrongPassword(`Aa1${'😀'.repeat(7)}`), true, '10 characters');
  });

  it('treats non-ASCII characters as symbols', () => {
    assert.equal(passwordClasses('密码'), 1);
    assert.equal(passwordClasses('ÄÖÜ'), 1, 'non-ASCII letters are not upper case in the policy');
    assert.equal(isStrongPassword('连心桥密码连心桥Ab'), true, 'CJK + upper + lower, 10 characters');
    assert.equal(isStrongPassword('连心桥密码连心桥密码'), false, '10 characters, one class');
    assert.equal(isStrongPassword('连心桥密码连心桥a1'), true);
    assert.equal(isStrongPassword('连心桥密码连心a1'), false, '9 characters');
  });

  it('rejects passwords longer than 200', () => {
    assert.equal(isStrongPassword(`Aa1${'x'.repeat(197)}`), true, '200 characters');
    assert.equal(isStrongPassword(`Aa1${'x'.repeat(198)}`), false, '201 characters');
  });
});

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hashPassword('Correct-Horse-9');
    assert.equal(await verifyPassword('Correct-Horse-9', stored), true);
    assert.equal(await verifyPassword('Correct-Horse-8', stored), false);
    assert.equal(await verifyPassword('correct-horse-9', stored), false, 'case matters');
    assert.equal(await verifyPassword('Correct-Horse-9 ', stored), false, 'trailing space matters');
    assert.equal(await verifyPassword('', stored), false);
  });

  it('stores scrypt$N$r$p$salt$key with memory-hard parameters', async () => {
    const stored = await hashPassword('Correct-Horse-9');
    const h = parts(stored);
    assert.ok(h.N >= 2 ** 15, `N = ${h.N} is at least 2^15`);
    assert.equal(h.N & (h.N - 1), 0, 'N is a power of two');
    assert.ok(h.r >= 8, `r = ${h.r}`);
    assert.ok(h.p >= 1, `p = ${h.p}`);
    assert.ok(128 * h.N * h.r >= 32 * 1024 * 1024, 'at least 32 MiB per hash');
    assert.equal(h.salt.length, 16, '128-bit salt');
    assert.equal(h.key.length, 32, '256-bit key');
    assert.ok(!stored.includes('Correct-Horse-9'));
  });

  it('is really scrypt over the stored salt and parameters', async () => {
    const stored = await hashPassword('Correct-Horse-9');
    const h = parts(stored);
    const key = scryptSync('Correct-Horse-9', h.salt, 32, { N: h.N, r: h.r, p: h.p, maxmem: 256 * h.N * h.r });
    assert.equal(key.toString('base64'), h.keyB64);
  });

  it('salts every hash: the same password hashes differently each time', async () => {
    const a = await hashPassword('Correct-Horse-9');
    const b = await hashPassword('Correct-Horse-9');
    assert.notEqual(a, b);
    assert.notEqual(parts(a).saltB64, parts(b).saltB64);
    assert.notEqual(parts(a).keyB64, parts(b).keyB64);
    assert.equal(await verifyPassword('Correct-Horse-9', a), true);
    assert.equal(await verifyPassword('Correct-Horse-9', b), true);
  });

  it('honours the parameters stored with the hash (so they can rise later)', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('Legacy-Pass-1', salt, 32, { N: 1024, r: 8, p: 1 });
    const legacy = `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    assert.equal(await verifyPassword('Legacy-Pass-1', legacy), true);
    assert.equal(await verifyPassword('Legacy-Pass-2', legacy), false);
  });

  it('normalises to NFC, so composed and decomposed accents match', async () => {
    const composed = 'Caf\u00e9-Secret-1';
    const decomposed = 'Cafe\u0301-Secret-1';
    assert.notEqual(composed, decomposed);
    const stored = await hashPassword(composed);
    assert.equal(await verifyPassword(decomposed, stored), true);
    assert.equal(await verifyPassword('Cafe-Secret-1', stored), false);
  });

  it('hashes and verifies unicode passwords', async () => {
    const stored = await hashPassword('连心桥密码Ab1😀');
    assert.equal(await verifyPassword('连心桥密码Ab1😀', stored), true);
    assert.equal(await verifyPassword('连心桥密码Ab1😁', stored), false);
  });
});

describe('tampered and malformed stored hashes', () => {
  const password = 'Correct-Horse-9';
  let stored: Promise<string> | null = null;
  const good = () => (stored ??= hashPassword(password));

  it('fails when the key or the salt is altered', async () => {
    const s = await good();
    assert.equal(await verifyPassword(password, flipByte(s, 5)), false, 'key altered');
    assert.equal(await verifyPassword(password, flipByte(s, 4)), false, 'salt altered');
  });

  it('fails when the parameters are altered', async () => {
    const s = await good();
    assert.equal(await verifyPassword(password, withField(s, 1, String(2 ** 14))), false, 'N lowered');
    assert.equal(await verifyPassword(password, withField(s, 2, '4')), false, 'r lowered');
    assert.equal(await verifyPassword(password, withField(s, 3, '2')), false, 'p raised');
  });

  it('fails when the key belongs to another password', async () => {
    const s = await good();
    const other = await hashPassword('Another-Pass-7');
    assert.equal(await verifyPassword(password, withField(s, 5, parts(other).keyB64)), false);
  });

  it('fails for another scheme or missing fields', async () => {
    const s = await good();
    assert.equal(await verifyPassword(password, withField(s, 0, 'bcrypt')), false);
    assert.equal(await verifyPassword(password, withField(s, 0, 'SCRYPT')), false);
    assert.equal(await verifyPassword(password, ''), false);
    assert.equal(await verifyPassword(password, 'scrypt'), false);
    assert.equal(await verifyPassword(password, s.split('$').slice(0, 5).join('$')), false, 'no key');
    assert.equal(await verifyPassword(password, withField(s, 5, '')), false, 'empty key');
    assert.equal(await verifyPassword(password, withField(s, 4, '')), false, 'empty salt');
    assert.equal(await verifyPassword(password, withField(s, 1, '')), false, 'empty N');
    assert.equal(await verifyPassword(password, password), false, 'a plain-text password is not a hash');
  });

  it('fails (rather than matching everything) when the key decodes to zero bytes', async () => {
    const s = await good();
    assert.equal(await verifyPassword('any password at all', withField(s, 5, '=')), false);
  });

  it('compares the full-length key, not a truncated one', async () => {
    const s = await good();
    const truncated = withField(s, 5, parts(s).key.subarray(0, 3).toString('base64'));
    assert.equal(await verifyPassword(password, truncated), false);
  });

  it('returns false (does not throw) for non-numeric or invalid parameters', async () => {
    const s = await good();
    assert.equal(await verifyPassword(password, withField(s, 1, 'abc')), false, 'N not a number');
    assert.equal(await verifyPassword(password, withField(s, 1, '1000')), false, 'N not a power of two');
    assert.equal(await verifyPassword(password, withField(s, 2, '0')), false, 'r = 0');
  });
});

describe('dummyPasswordHash', () => {
  it('is a well-formed hash with the same parameters as real ones', async () => {
    const dummy = parts(await dummyPasswordHash());
    const real = parts(await hashPassword('Correct-Horse-9'));
    assert.equal(dummy.N, real.N, 'same cost, so verifying against it takes as long');
    assert.equal(dummy.r, real.r);
    assert.equal(dummy.p, real.p);
    assert.equal(dummy.key.length, real.key.length);
  });

  it('is computed once and reused', async () => {
    const a = dummyPasswordHash();
    const b = dummyPasswordHash();
    assert.equal(a, b, 'the same promise');
    assert.equal(await a, await b);
  });

  it('matches no likely password', async () => {
    const dummy = await dummyPasswordHash();
    for (const guess of ['', 'password', 'Admin@12345', 'Lianxin2024!', 'undefined', 'null']) {
      assert.equal(await verifyPassword(guess, dummy), false, guess);
    }
  });
});
