import type { Transaction } from 'kysely';
import type { RegionLevel } from '../../../common/enums.js';
import type { WriteContext } from '../audit/audit.js';
import type { DB } from '../db/schema.js';
import { invalidFields } from '../errors.js';
import { regionManageable } from '../access/scope.js';

export interface RegionRef { code: string; path: string; level: RegionLevel }

/** Looks up region codes named in an input; an unknown one fails on the field that named it. */
export async function requireRegions(trx: Transaction<DB>, codes: { path: string; code: string }[]): Promise<Map<string, RegionRef>> {
  if (codes.length === 0) return new Map();
  const rows = await trx.selectFrom('region').select(['code', 'path', 'level']).where('code', 'in', codes.map((c) => c.code)).execute();
  const found = new Map(rows.map((r) => [r.code, r]));
  const missing = codes.filter((c) => !found.has(c.code));
  if (missing.length) throw invalidFields(missing.map((m) => ({ path: m.path, code: 'UNKNOWN_REFERENCE' })));
  return found;
}


/** A region the actor may place a record in (field `regionCode`); answers its path. */
export async function requireManageableRegion(ctx: WriteContext, code: string): Promise<string> {
  const region = (await requireRegions(ctx.trx, [{ path: 'regionCode', code }])).get(code)!;
  if (!regionManageable(ctx.actor, region.path)) throw invalidFields([{ path: 'regionCode', code: 'NOT_IN_SCOPE' }]);
  return region.path;
}
