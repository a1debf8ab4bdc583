import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords: at least 10 characters drawn from at least three of the four classes
 * (upper case, lower case, digits, symbols), hashed with scrypt — memory-hard, built into Node.
 */
export const PASSWORD_MIN_LENGTH = 10;

export function passwordClasses(password: string): number {
  let classes = 0;
  if (/[A-Z]/.test(password)) classes++;
  if (/[a-z]/.test(password)) classes++;
  if (/[0-9]/.test(password)) classes++;
  if (/[^A-Za-z0-9]/.test(password)) classes++;
  return classes;
}

export function isStrongPassword(password: string): boolean {
  return [...password].length >= PASSWORD_MIN_LENGTH && passwordClasses(password) >= 3 && password.length <= 200;
}

/** N = 2^15, r = 8: 32 MiB of memory per hash. Stored with the parameters so they can rise later. */
const PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, keylen, { ...opts, maxmem: 128 * opts.N! * opts.r! * 2 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Parameters a stored hash may carry: powers of two up to 2^20, small r and p (bounds the memory a hash can ask for). */
function acceptableParams(N: number, r: number, p: number): boolean {
  return Number.isInteger(N) && N >= 2 && N <= 1 << 20 && (N & (N - 1)) === 0
    && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltB64 || !keyB64) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!/^\d+$/.test(n) || !/^\d+$/.test(r) || !/^\d+$/.test(p) || !acceptableParams(params.N, params.r, params.p)) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const salt = Buffer.from(saltB64, 'base64');
  // Every hash we write has a full-length key; a shorter one is damaged, never a match.
  if (expected.length !== KEY_LENGTH || salt.length === 0) return false;
  const key = await scrypt(password, salt, KEY_LENGTH, params);
  return timingSafeEqual(key, expected);
}

/** A hash nobody's password matches, verified against when the username is unknown so timing tells nothing. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}
