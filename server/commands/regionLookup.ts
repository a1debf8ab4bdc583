import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError, invalidFields } from '../errors.js';

export interface RegionRef { code: string; path: string }

/** Looks up region codes named in an input; an unknown one fails on the field that named it. */
export async function requireRegions(trx: Transaction<DB>, codes: { path: string; code: string }[]): Promise<Map<string, RegionRef>> {
  if (codes.length === 0) return new Map();
  const rows = await trx.selectFrom('region').select(['code', 'path']).where('code', 'in', codes.map((c) => c.code)).execute();
  const found = new Map(rows.map((r) => [r.code, r]));
  const missing = codes.filter((c) => !found.has(c.code));
  if (missing.length) throw invalidFields(missing.map((m) => ({ path: m.path, code: 'UNKNOWN_REFERENCE' })));
  return found;
}

export async function requireRegion(trx: Transaction<DB>, field: string, code: string): Promise<RegionRef> {
  const found = await requireRegions(trx, [{ path: field, code }]);
  const region = found.get(code);
  if (!region) throw new AppError('REGION_NOT_FOUND', { code });
  return region;
}
