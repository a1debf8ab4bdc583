import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { ref, stationVisible } from '../../platform/access/scope.js';

/**
 * Which activities an account reaches, inside the SQL (rows of `activity as a`):
 * - staff: activities in their subtree, and those of stations they see (cross-province);
 * - officers: their stations' activities; deputies: their stations' and those they took part in;
 * - unit clerks: activities their unit was invited to.
 */
export function activityVisible(actor: Actor): RawBuilder<SqlBool> {
  switch (actor.role) {
    case 'admin':
      return sql<SqlBool>`true`;
    case 'staff':
      return sql<SqlBool>`(a.region_path like ${`${actor.scopePath}%`} or (a.station_id is not null and ${stationVisible(actor, ref('a.station_id'))}))`;
    case 'officer':
      return sql<SqlBool>`(a.station_id is not null and ${stationVisible(actor, ref('a.station_id'))})`;
    case 'deputy':
      return sql<SqlBool>`((a.station_id is not null and ${stationVisible(actor, ref('a.station_id'))})
        or exists (select 1 from activity_participant p where p.activity_id = a.id and p.deputy_id = ${actor.deputyId}))`;
    case 'unit':
      return sql<SqlBool>`exists (select 1 from activity_unit u where u.activity_id = a.id and u.unit_id = ${actor.unitId})`;
    default:
      return sql<SqlBool>`false`;
  }
}

/**
 * Who may change an activity: administrators, staff who reach it, the officers of its station,
 * and the deputy who recorded it.
 */
export function activityEditable(actor: Actor): RawBuilder<SqlBool> {
  switch (actor.role) {
    case 'admin':
    case 'staff':
    case 'officer':
      return activityVisible(actor);
    case 'deputy':
      return sql<SqlBool>`a.created_by_account_id = ${actor.accountId}`;
    default:
      return sql<SqlBool>`false`;
  }
}
