import { maskPhone } from '../text/phone.js';

/**
 * The audit log is append-only and hash-chained: what goes into it stays for ever, and cannot
 * be wiped when a deputy's term ends or a constituent asks. So no raw telephone number goes in.
 * Every string under a key naming a phone or mobile number (`phone`, `contact_phone`,
 * `submitterPhone`, `mobile` …), at any depth of a snapshot, is stored masked as the lists mask
 * it (`139****1001`): enough to tell two numbers apart in a history, not enough to call anyone.
 * One rule for every feature's snapshots (deputies, accounts, constituents of cases and views,
 * enterprise contacts, stations), applied before the record is hashed.
 */
const PHONE_KEY = /phone|mobile/i;

/** A `JSON.stringify` replacer masking telephone numbers. */
export function maskPhonesInSnapshot(key: string, value: unknown): unknown {
  if (!PHONE_KEY.test(key)) return value;
  if (typeof value === 'string') return maskPhone(value);
  if (Array.isArray(value)) return value.map((v: unknown) => (typeof v === 'string' ? maskPhone(v) : v));
  return value;
}
