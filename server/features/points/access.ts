import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { ref, stationVisible } from '../../platform/access/scope.js';

/**
 * Which point facts an account reaches, inside the SQL (rows `f` with `deputy_id`, `station_id`
 * and `place_path`, the region the fact happened in):
 * - staff: facts placed in their subtree, and those at stations they see (cross-province);
 * - officers: facts at their stations;
 * - deputies: all of their own, and those at their stations (for their stations' rankings);
 * - unit clerks: none.
 */
export function pointFactVisible(actor: Actor): RawBuilder<SqlBool> {
  const atVisibleStation = sql<SqlBool>`(f.station_id is not null and ${stationVisible(actor, ref('f.station_id'))})`;
  switch (actor.role) {
    case 'admin':
      return sql<SqlBool>`true`;
    case 'staff':
      return sql<SqlBool>`(f.place_path like ${`${actor.scopePath}%`} or ${atVisibleStation})`;
    case 'officer':
      return atVisibleStation;
    case 'deputy':
      return sql<SqlBool>`(f.deputy_id = ${actor.deputyId} or ${atVisibleStation})`;
    default:
      return sql<SqlBool>`false`;
  }
}
