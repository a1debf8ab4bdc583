/**
 * Names in a file → records, as the importer may use them. A file names the same region or
 * station on thousands of rows, so each distinct name is looked up once, a chunk of rows at a
 * time, and remembered for the rest of the file.
 */
import { sql, type Kysely } from 'kysely';
import type { RegionLevel } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref, stationVisible, subtreePattern } from '../../platform/access/scope.js';
import { pathCodes } from '../../platform/regions/regionPath.js';

export type Found<T> = { ok: T } | { error: 'UNKNOWN' | 'AMBIGUOUS' };

export interface RegionHit { code: string; name: string; fullName: string; path: string; level: RegionLevel }

/** Lists of values, a few hundred at a time, so no statement grows without bound. */
function chunks<T>(list: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Regions the importer may place records in (their subtree; everything for an administrator),
 * found by code, full name (广西壮族自治区贺州市平桂区黄田镇), name (黄田镇) or the end of the
 * full name (平桂区黄田镇), in that order of preference. A name shared by two regions of the
 * subtree is ambiguous.
 */
export class RegionLookup {
  private readonly found = new Map<string, Found<RegionHit>>();
  private readonly levels = new Map<string, { code: string; name: string; level: RegionLevel }>();

  constructor(private readonly db: Kysely<DB>, private readonly actor: Actor) {}

  private get scopePattern(): string {
    return subtreePattern(this.actor);
  }

  async prepare(values: Iterable<string>): Promise<void> {
    const wanted = [...new Set(values)].filter((v) => v && !this.found.has(v));
    for (const part of chunks(wanted, 200)) {
      const rows = await sql<{ value: string; code: string; name: string; full_name: string; path: string; level: RegionLevel; rank: number }>`
        select v.value, r.code, r.name, r.full_name, r.path, r.level,
          case when r.code = v.value then 0 when r.full_name = v.value then 1 when r.name = v.value then 2 else 3 end as rank
        from (values ${sql.join(part.map((v) => sql`(${v}::text)`))}) as v(value)
        join region r on r.code = v.value or r.full_name = v.value or r.name = v.value
          or (length(v.value) >= 3 and right(r.full_name, length(v.value)) = v.value)
        where r.path like ${this.scopePattern}`.execute(this.db);
      for (const value of part) {
        const hits = rows.rows.filter((r) => r.value === value);
        const best = Math.min(...hits.map((h) => h.rank));
        const top = hits.filter((h) => h.rank === best);
        this.found.set(value, top.length === 0 ? { error: 'UNKNOWN' }
          : top.length > 1 ? { error: 'AMBIGUOUS' }
            : { ok: { code: top[0]!.code, name: top[0]!.name, fullName: top[0]!.full_name, path: top[0]!.path, level: top[0]!.level } });
      }
    }
  }

  get(value: string): Found<RegionHit> {
    return this.found.get(value) ?? { error: 'UNKNOWN' };
  }

  /** Makes the ancestors of these regions known to `ancestor`. */
  async prepareAncestors(paths: Iterable<string>): Promise<void> {
    const codes = [...new Set([...paths].flatMap(pathCodes))].filter((c) => !this.levels.has(c));
    for (const part of chunks(codes)) {
      const rows = await this.db.selectFrom('region').select(['code', 'name', 'level']).where('code', 'in', part).execute();
      for (const r of rows) this.levels.set(r.code, r);
    }
  }

  /** The region of the given level at or above a region (its congress for that level). */
  ancestor(path: string, level: RegionLevel): { code: string; name: string } | null {
    for (const code of pathCodes(path)) {
      const r = this.levels.get(code);
      if (r?.level === level) return r;
    }
    return null;
  }
}

export interface StationHit { id: number; name: string; active: boolean; homeRegionCode: string }

/**
 * Stations the importer can see, by exact name. When two share a name the active one is
 * meant; two active ones are ambiguous. A name found only on deactivated stations is found,
 * marked inactive, so the row can say so.
 */
export class StationLookup {
  private readonly found = new Map<string, Found<StationHit>>();

  constructor(private readonly db: Kysely<DB>, private readonly actor: Actor) {}

  async prepare(names: Iterable<string>): Promise<void> {
    const wanted = [...new Set(names)].filter((n) => n && !this.found.has(n));
    for (const part of chunks(wanted)) {
      const rows = await this.db.selectFrom('station as s')
        .select(['s.id', 's.name', 's.active', 's.home_region_code'])
        .where('s.name', 'in', part)
        .where(stationVisible(this.actor, ref('s.id')))
        .execute();
      for (const name of part) {
        const hits = rows.filter((r) => r.name === name);
        const active = hits.filter((h) => h.active);
        const pick = active.length ? active : hits;
        const hit = pick[0];
        this.found.set(name, !hit ? { error: 'UNKNOWN' } : pick.length > 1 ? { error: 'AMBIGUOUS' }
          : { ok: { id: hit.id, name: hit.name, active: hit.active, homeRegionCode: hit.home_region_code } });
      }
    }
  }

  get(name: string): Found<StationHit> {
    return this.found.get(name) ?? { error: 'UNKNOWN' };
  }
}
