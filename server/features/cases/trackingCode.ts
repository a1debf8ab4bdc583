import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Tracking codes a villager can read out over the phone: nine characters in three groups
 * (`7KM-4QX-2HB`), from an alphabet without look-alikes (no 0/O, 1/I/L, U/V), the last one a
 * check character that catches any single mistyped character and most swaps.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
const N = CODE_ALPHABET.length;

function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * CODE_ALPHABET.indexOf(body[i]!);
  return CODE_ALPHABET[sum % N]!;
}

export function newTrackingCode(): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += CODE_ALPHABET[randomInt(N)];
  return format(body + checkChar(body));
}

/** Where intake takes each new case's code from: `newTrackingCode`, replaced only by tests that make codes collide. */
export const trackingCodes = { next: newTrackingCode };

function format(raw: string): string {
  return `${raw.slice(0, 3)}-${raw.slice(3, 6)}-${raw.slice(6, 9)}`;
}

/** Canonical form of a code as typed (any case, spaces or dashes), or null when it cannot be one. */
export function normaliseTrackingCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== 9 || [...raw].some((c) => !CODE_ALPHABET.includes(c))) return null;
  if (checkChar(raw.slice(0, 8)) !== raw[8]) return null;
  return format(raw);
}

/** The secret that, with the code, opens a case's public page: 128 random bits; only its hash is stored. */
export function newQueryKey(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The query key of a submission made with an Idempotency-Key: derived from that key (which only
 * the client holds; the database keeps its hash) and a stored salt, so a retry gets the same
 * query key back without the query key itself being stored anywhere.
 */
export function deriveQueryKey(idempotencyKey: string, salt: string): string {
  return createHmac('sha256', salt).update(idempotencyKey).digest().subarray(0, 16).toString('base64url');
}

export function newSalt(): string {
  return randomBytes(16).toString('base64url');
}

export function hashQueryKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function queryKeyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashQueryKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A case's id in public listings (Open311): 128 random bits in hex, unrelated to its tracking code. */
export function newPublicId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The query PIN: six digits (10^6 values), typed on a phone's number pad. It opens the case with
 * the tracking code, within the look-up's attempt limits (see lookup.ts for the arithmetic).
 */
export const PIN_DIGITS = 6;
const PIN_SPACE = 10 ** PIN_DIGITS;

export function newPin(): string {
  return String(randomInt(PIN_SPACE)).padStart(PIN_DIGITS, '0');
}

/** The PIN of a submission made with an Idempotency-Key, derived like its query key so a retry gets it back. */
export function derivePin(idempotencyKey: string, salt: string): string {
  const n = createHmac('sha256', salt).update(`pin:${idempotencyKey}`).digest().readUInt32BE(0);
  return String(n % PIN_SPACE).padStart(PIN_DIGITS, '0');
}

/** The PIN as typed (spaces and dashes ignored), or null when it cannot be one. */
export function normalisePin(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${PIN_DIGITS}}$`).test(digits) ? digits : null;
}

/** The stored form of a PIN: bound to its case's tracking code, so equal PINs hash apart. */
export function hashPin(trackingCode: string, pin: string): string {
  return createHash('sha256').update(`${trackingCode}:${pin}`).digest('hex');
}

export function pinMatches(trackingCode: string, pin: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashPin(trackingCode, pin), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
