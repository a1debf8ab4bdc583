/**
 * What a register covers: one station, or a region with every station in it. A station must be
 * one the reader sees; a region must lie inside a staff member's subtree (administrators: any).
 * Anything else answers 404 like a station that does not exist. The filters below narrow the
 * records to the place; the readers' own scope filters are always applied on top of them.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref, regionManageable, stationVisible } from '../../platform/access/scope.js';

export type Place =
  | { kind: 'station'; id: number; name: string; regionCode: string; regionPath: string }
  | { kind: 'region'; code: string; name: string; path: string };

export async function resolvePlace(db: Kysely<DB>, actor: Actor, q: { stationId?: number | undefined; regionCode?: string | undefined }): Promise<Place> {
  if ((q.stationId === undefined) === (q.regionCode === undefined)) {
    throw invalidFields([{ path: q.stationId === undefined ? 'stationId' : 'regionCode', code: 'PLACE_REQUIRED' }]);
  }
  if (q.stationId !== undefined) {
    const station = await db.selectFrom('station as s')
      .innerJoin('station_region as h', (j) => j.onRef('h.station_id', '=', 's.id').on('h.is_home', '=', true))
      .select(['s.id', 's.name', 'h.region_code', 'h.region_path'])
      .where('s.id', '=', q.stationId).where(stationVisible(actor, ref('s.id')))
      .executeTakeFirst();
    if (!station) throw new AppError('NOT_FOUND');
    return { kind: 'station', id: station.id, name: station.name, regionCode: station.region_code, regionPath: station.region_path };
  }
  const region = await db.selectFrom('region').select(['code', 'path', 'full_name']).where('code', '=', q.regionCode!).executeTakeFirst();
  if (!region || !regionManageable(actor, region.path)) throw new AppError('NOT_FOUND');
  return { kind: 'region', code: region.code, name: region.full_name, path: region.path };
}

/** Stations at the place: the station itself, or every station with a home or member region inside the region. */
export function stationAt(place: Place, stationId: RawBuilder<unknown>): RawBuilder<SqlBool> {
  if (place.kind === 'station') return sql<SqlBool>`${stationId} = ${place.id}`;
  return sql<SqlBool>`exists (select 1 from station_region pr where pr.station_id = ${stationId} and pr.region_path like ${`${place.path}%`})`;
}

/** Activities (`a`) at the place: held at its stations, or, for a region, held anywhere inside it. */
export function activityAt(place: Place): RawBuilder<SqlBool> {
  if (place.kind === 'station') return sql<SqlBool>`a.station_id = ${place.id}`;
  return sql<SqlBool>`(a.region_path like ${`${place.path}%`} or (a.station_id is not null and ${stationAt(place, ref('a.station_id'))}))`;
}

/** Cases (`o`) at the place: the station's, or those whose congress or station lies inside the region. */
export function caseAt(place: Place): RawBuilder<SqlBool> {
  if (place.kind === 'station') return sql<SqlBool>`o.station_id = ${place.id}`;
  return sql<SqlBool>`o.scope_paths @> array[${place.path}]::text[]`;
}

/** Chronicle entries (`ce`) of the place: the station's own, or every entry made in or for the region. */
export function chronicleAt(place: Place): RawBuilder<SqlBool> {
  if (place.kind === 'station') return sql<SqlBool>`ce.station_id = ${place.id}`;
  return sql<SqlBool>`(ce.region_path like ${`${place.path}%`} or (ce.station_id is not null and ${stationAt(place, ref('ce.station_id'))}))`;
}
