import { sql, type Kysely } from 'kysely';
import type { StationTier, StationType } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import { containsPattern, prefixPattern } from '../../platform/db/sql.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref, stationListed, stationManageable, stationOperable } from '../../platform/access/scope.js';
import { activeCondition, regionPathOf, type ActiveFilter } from '../../platform/regions/filters.js';
import { checklistCounts, presentStation, type StationView } from './presenter.js';

function withHome(db: Kysely<DB>) {
  return db.selectFrom('station as s')
    .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
    .innerJoin('region as hr', 'hr.code', 'h.region_code');
}

const deputyCount = sql<number>`(select count(*) from deputy_station ds where ds.station_id = s.id)`;

/** One station as the actor may see it, with what the actor may do to it; 404 outside the scope. */
export async function getStation(db: Kysely<DB>, actor: Actor, id: number): Promise<StationView> {
  const row = await withHome(db)
    .leftJoin('region as lr', 'lr.code', 's.located_region_code')
    .selectAll('s')
    .select([
      stationManageable(actor, ref('h.region_path')).as('can_manage'),
      stationOperable(actor, ref('s.id'), ref('h.region_path')).as('can_operate'),
      deputyCount.as('deputy_count'),
      'lr.name as located_name', 'lr.full_name as located_full_name',
    ])
    .where('s.id', '=', id)
    .where(stationListed(actor, ref('s.id'), ref('s.located_region_path')))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const [regions, parent] = await Promise.all([
    db.selectFrom('station_region as sr').innerJoin('region as r', 'r.code', 'sr.region_code')
      .select(['r.code', 'r.name', 'r.full_name', 'sr.is_home'])
      .where('sr.station_id', '=', id).orderBy('sr.is_home', 'desc').orderBy('r.path').execute(),
    row.parent_id === null ? undefined
      : db.selectFrom('station').select(['id', 'name']).where('id', '=', row.parent_id).executeTakeFirst(),
  ]);
  const abilities: StationView['abilities'] = [];
  if (row.can_manage) abilities.push('update', 'deactivate');
  if (row.can_operate) abilities.push('updateOperational');
  const located = row.located_region_code ? { code: row.located_region_code, name: row.located_name ?? '', full_name: row.located_full_name ?? '' } : null;
  return presentStation(row, { parent: parent ?? null, regions, located, deputyCount: Number(row.deputy_count), abilities });
}

export interface StationFilters {
  regionCode?: string;
  type?: StationType;
  tier?: StationTier;
  parentId?: number;
  active?: ActiveFilter;
  q?: string;
  limit: number;
  cursor?: string;
}

export async function listStations(db: Kysely<DB>, actor: Actor, f: StationFilters) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = withHome(db)
    .leftJoin('region as lr', 'lr.code', 's.located_region_code')
    .select([
      's.id', 's.name', 's.type', 's.tier', 's.address', 's.grade', 's.stars', 's.active', 's.checklist',
      'hr.code as home_code', 'hr.name as home_name', 'hr.full_name as home_full_name',
      's.located_region_code', 'lr.name as located_name', 'lr.full_name as located_full_name',
      deputyCount.as('deputy_count'),
      sql<number>`(select count(*) from station_region m where m.station_id = s.id)`.as('region_count'),
    ])
    .where(stationListed(actor, ref('s.id'), ref('s.located_region_path')))
    .orderBy('s.id')
    .limit(f.limit + 1);
  if (f.regionCode) {
    const path = await regionPathOf(db, f.regionCode);
    q = q.where(sql<boolean>`(exists (select 1 from station_region f where f.station_id = s.id and f.region_path like ${prefixPattern(path)})
      or s.located_region_path like ${prefixPattern(path)})`);
  }
  if (f.type) q = q.where('s.type', '=', f.type);
  if (f.tier) q = q.where('s.tier', '=', f.tier);
  if (f.parentId) q = q.where('s.parent_id', '=', f.parentId);
  const active = activeCondition(f.active);
  if (active !== null) q = q.where('s.active', '=', active);
  if (f.q) q = q.where('s.name', 'like', containsPattern(f.q));
  if (after !== null) q = q.where('s.id', '>', after);
  const rows = await q.execute();
  return toPage(rows, f.limit, (r) => r.id, (r) => ({
    id: r.id, name: r.name, type: r.type, tier: r.tier, address: r.address, grade: r.grade, stars: r.stars, active: r.active,
    homeRegion: { code: r.home_code, name: r.home_name, fullName: r.home_full_name },
    locatedRegion: r.located_region_code ? { code: r.located_region_code, name: r.located_name ?? '', fullName: r.located_full_name ?? '' } : null,
    deputyCount: Number(r.deputy_count),
    memberRegionCount: Number(r.region_count),
    ...checklistCounts(r.checklist),
  }));
}
