/**
 * What anyone may read about stations and deputies, without signing in: the directory a
 * villager browses by region, and the target named on a QR link. Only active stations and
 * public facts (names, addresses, opening hours, the deputies who receive there); never a
 * deputy's phone, a station's checklist or anything about cases.
 */
import { sql, type Kysely } from 'kysely';
import { DEPUTY_LEVELS, STATION_TYPES, type DeputyLevel, type StationType } from '../../../common/enums.js';
import type { DB, ReceptionSchedule } from '../../platform/db/schema.js';
import { containsPattern, prefixPattern } from '../../platform/db/sql.js';
import { pathCodes } from '../../platform/regions/regionPath.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import { regionPathOf } from '../../platform/regions/filters.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { nextReceptionDay } from '../activities/index.js';
import { locationOf } from '../stations/index.js';

/** The current deputies who receive at a station, as `[{ id, name }]`. */
const stationDeputies = sql<{ id: number; name: string }[]>`coalesce((
  select json_agg(json_build_object('id', d.id, 'name', d.name) order by ds.role, d.id)
  from deputy_station ds join deputy d on d.id = ds.deputy_id
  where ds.station_id = s.id and d.active and d.status = 'current'), '[]'::json)`;

/**
 * Active stations with what the public sees of them. `active` is written into the statement, as
 * is a page's size below: sent as values, a plan made once for every request guesses a share of
 * all stations (a tenth for the page) and comes out dearer than planning again, which PostgreSQL
 * then does at every request.
 */
function activeStations(db: Kysely<DB>) {
  return db.selectFrom('station as s')
    .innerJoin('region as hr', 'hr.code', 's.home_region_code')
    .leftJoin('region as lr', 'lr.code', 's.located_region_code')
    .where('s.active', '=', sql.lit(true))
    .select([
      's.id', 's.name', 's.type', 's.address', 's.phone', 's.opening_hours', 's.reception_schedule', 's.latitude', 's.longitude',
      'hr.code as region_code', 'hr.full_name as region_full_name', stationDeputies.as('deputies'),
      's.located_region_code', 'lr.full_name as located_full_name',
    ]);
}

type StationRow = {
  id: number; name: string; type: StationType; address: string; phone: string | null; opening_hours: string;
  reception_schedule: ReceptionSchedule; latitude: number | null; longitude: number | null; region_code: string; region_full_name: string; deputies: { id: number; name: string }[];
  located_region_code: string | null; located_full_name: string | null;
};

function present(r: StationRow) {
  return {
    id: r.id, name: r.name, type: r.type, typeLabel: STATION_TYPES.labels[r.type], address: r.address, phone: r.phone,
    openingHours: r.opening_hours, receptionSchedule: r.reception_schedule, location: locationOf(r),
    region: { code: r.region_code, fullName: r.region_full_name }, deputies: r.deputies,
    locatedRegion: r.located_region_code ? { code: r.located_region_code, fullName: r.located_full_name ?? '' } : null,
  };
}

/** Active stations serving somewhere inside `regionCode`, by name words, paged by id. */
export async function listPublicStations(db: Kysely<DB>, f: { regionCode?: string; q?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = activeStations(db).orderBy('s.id').limit(sql.lit(Math.trunc(f.limit) + 1));
  if (f.regionCode) {
    const path = await regionPathOf(db, f.regionCode);
    // A remote liaison point is found where it stands too (信都镇's point under 佛山).
    q = q.where(sql<boolean>`(exists (select 1 from station_region m where m.station_id = s.id and m.region_path like ${prefixPattern(path)})
      or s.located_region_path like ${prefixPattern(path)})`);
  }
  if (f.q) q = q.where('s.name', 'like', containsPattern(f.q));
  if (after !== null) q = q.where('s.id', '>', after);
  return toPage(await q.execute() as StationRow[], f.limit, (r) => r.id, present);
}

/** A station's own page: its public facts and its next reception day (from the rota: the deputies on duty). */
export async function getPublicStation(db: Kysely<DB>, id: number, now = clockNow()) {
  const row = await activeStations(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const station = present(row as StationRow);
  const next = await nextReceptionDay(db, { id, schedule: station.receptionSchedule }, shanghaiDate(now));
  return { ...station, nextReception: next && { date: next.date, hours: next.hours, deputies: next.deputies } };
}

/**
 * The regions one level below `parentCode` (the provinces when absent) that hold at least one
 * active station, with how many: the steps of the directory's drill-down. `trail` is the way
 * down to `parentCode`, province first, so a linked page can show where it is.
 */
export async function publicStationRegions(db: Kysely<DB>, parentCode: string | undefined) {
  let q = db.selectFrom('region as r')
    .innerJoin('station_region as m', (j) => j.on(sql<boolean>`m.region_path like r.path || '%'`))
    .innerJoin('station as s', (j) => j.onRef('s.id', '=', 'm.station_id').on('s.active', '=', true))
    .select(['r.code', 'r.name', 'r.level', sql<number>`count(distinct s.id)`.as('stations')])
    .groupBy(['r.code', 'r.name', 'r.level'])
    .orderBy('r.code');
  let trail: { code: string; name: string }[] = [];
  if (parentCode) {
    const codes = pathCodes(await regionPathOf(db, parentCode)); // 400 REGION_NOT_FOUND for an unknown code
    const names = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
    trail = codes.map((code) => ({ code, name: names.find((n) => n.code === code)?.name ?? code }));
    q = q.where('r.parent_code', '=', parentCode);
  } else {
    q = q.where('r.parent_code', 'is', null);
  }
  const regions = (await q.execute()).map((r) => ({ code: r.code, name: r.name, level: r.level, stations: Number(r.stations) }));
  return { trail, regions };
}

/**
 * A deputy as a QR card names them: name, levels and the active stations where they receive.
 * Any deputy still on the lists, as submissions addressed to a deputy accept them.
 */
export async function getPublicDeputy(db: Kysely<DB>, id: number) {
  const deputy = await db.selectFrom('deputy').select(['id', 'name']).where('id', '=', id).where('active', '=', true).executeTakeFirst();
  if (!deputy) throw new AppError('NOT_FOUND');
  const [levels, stations] = await Promise.all([
    db.selectFrom('deputy_level').select('level').distinct().where('deputy_id', '=', id).execute(),
    db.selectFrom('deputy_station as ds').innerJoin('station as s', 's.id', 'ds.station_id')
      .select(['s.id', 's.name', 's.address']).where('ds.deputy_id', '=', id).where('s.active', '=', true).orderBy('s.id').execute(),
  ]);
  const order = DEPUTY_LEVELS.keys;
  return {
    id: deputy.id, name: deputy.name,
    levels: levels.map((l) => l.level as DeputyLevel).sort((a, b) => order.indexOf(a) - order.indexOf(b))
      .map((level) => ({ level, label: DEPUTY_LEVELS.labels[level] })),
    stations,
  };
}
