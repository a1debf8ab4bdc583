import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { AnyActor } from './actor.js';
import { regionManageable, roleOf, stationVisible } from './scope.js';

/**
 * Whether the actor reads the rules a region sets for the stations below it (point rules,
 * assessment schemes), the scope of the rankings those rules make: the nationwide default (`''`)
 * for every reader; a region they manage (as a region's ranking); and a region at or above the
 * home of a station they see (as that station's ranking, which those rules decide, a shared
 * station's included). Any other region answers 404 like a missing record, as its ranking does.
 */
export async function requireRegionRulesReadable(db: Kysely<DB>, actor: AnyActor, path: string): Promise<void> {
  if (path === '' && roleOf(actor) !== null) return;
  if (regionManageable(actor, path)) return;
  const station = await db.selectFrom('station_region as h').select('h.station_id')
    .where('h.is_home', '=', true).where('h.region_path', 'like', `${path}%`)
    .where(stationVisible(actor, sql.ref('h.station_id'))).limit(1).executeTakeFirst();
  if (!station) throw new AppError('NOT_FOUND');
}
