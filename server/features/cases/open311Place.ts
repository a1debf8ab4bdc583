import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * The station that receives a GeoReport request which names no station, found from its
 * `address_string`. Regions and stations carry no coordinates, so an address is placed by the
 * names of the regions it mentions (county, town …): the region named together with the most of
 * its own ancestors wins (平桂区黄田镇 is the 黄田镇 of 平桂区, not another 黄田镇), the deeper one
 * on a tie. Its station is the most local station covering it, or, when the address names only
 * a county or city, the one station at the top of the stations inside it. Null when no region
 * matches, or when the address fits several stations equally (two counties' 城关镇, a county
 * with many town stations and none of its own).
 */
export async function stationForAddress(db: Kysely<DB>, address: string): Promise<number | null> {
  const text = address.replace(/\s+/g, '');
  if (text.length < 2) return null;
  const named = await db.selectFrom('region').select(['code', 'path'])
    .where(sql<boolean>`char_length(name) >= 2 and strpos(${text}, name) > 0`)
    .limit(200).execute();
  if (!named.length) return null;
  const codes = new Set(named.map((r) => r.code));
  const coverage = await db.selectFrom('station_region as sr').innerJoin('station as s', 's.id', 'sr.station_id')
    .select(['sr.station_id', 'sr.region_path', 'sr.is_home']).where('s.active', '=', true).execute();

  const stationOf = (path: string): number | null => {
    // The most local station whose area covers the region (its home region first, then the lowest id).
    const covering = coverage.filter((c) => path.startsWith(c.region_path))
      .sort((a, b) => b.region_path.length - a.region_path.length || Number(b.is_home) - Number(a.is_home) || a.station_id - b.station_id);
    if (covering.length) return covering[0]!.station_id;
    // A county or city without a station of its own: the station at the top of those inside it, if only one is.
    const inside = coverage.filter((c) => c.region_path.startsWith(path));
    if (!inside.length) return null;
    const top = Math.min(...inside.map((c) => c.region_path.length));
    const stations = new Set(inside.filter((c) => c.region_path.length === top).map((c) => c.station_id));
    return stations.size === 1 ? [...stations][0]! : null;
  };

  const candidates = named.map((r) => {
    const ancestors = r.path.split('.').filter((c) => c && c !== r.code);
    return { path: r.path, score: 1 + ancestors.filter((c) => codes.has(c)).length, depth: ancestors.length, station: stationOf(r.path) };
  }).filter((c) => c.station !== null)
    .sort((a, b) => b.score - a.score || b.depth - a.depth);
  if (!candidates.length) return null;
  const best = candidates.filter((c) => c.score === candidates[0]!.score && c.depth === candidates[0]!.depth);
  const stations = new Set(best.map((c) => c.station));
  return stations.size === 1 ? best[0]!.station : null;
}
