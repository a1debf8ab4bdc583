import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { CaseActor } from './workflow.js';
import { isWithin } from '../../platform/regions/regionPath.js';
import type { Actor } from '../../platform/access/actor.js';
import { ref, stationVisible } from '../../platform/access/scope.js';

/**
 * Which cases an account reaches, inside the SQL (rows of `opinion as o`):
 * - staff: cases their congress handles (its region inside their subtree — escalated ones
 *   arrive this way) and cases of stations they see;
 * - officers: the cases of their stations; deputies: cases addressed to them or to their stations;
 * - unit clerks: cases assigned to their unit as lead or co-unit.
 */
export function caseVisible(actor: Actor): RawBuilder<SqlBool> {
  const o = (c: string) => sql.ref(`o.${c}`);
  switch (actor.role) {
    case 'admin':
      return sql<SqlBool>`true`;
    case 'staff':
      // Equivalent to: region_path inside the subtree, or a station with a member region inside it.
      return sql<SqlBool>`${o('scope_paths')} @> array[${actor.scopePath}]::text[]`;
    case 'officer':
      return stationVisible(actor, ref('o.station_id'));
    case 'deputy':
      // Cases of the stations the deputy is in now (a case addressed to them is at one of them).
      return sql<SqlBool>`${o('station_id')} = any(array(select ds.station_id from deputy_station ds where ds.deputy_id = ${actor.deputyId}))`;
    case 'unit':
      return sql<SqlBool>`(${o('assigned_unit_id')} = ${actor.unitId} or ${o('co_unit_ids')} @> array[${actor.unitId}]::integer[])`;
    default:
      return sql<SqlBool>`false`;
  }
}

/**
 * Who may read the submitter's name and phone: the people who handle the case — staff in
 * scope, the station's officers, the deputy it is addressed to (or handed over to), the lead unit. Other deputies
 * of the station and co-units see them masked; nobody else sees the case at all.
 */
export function caseContactVisible(actor: Actor): RawBuilder<SqlBool> {
  switch (actor.role) {
    case 'deputy':
      return sql<SqlBool>`(coalesce(o.holder_deputy_id, o.deputy_id) = ${actor.deputyId} and ${caseVisible(actor)})`;
    case 'unit':
      return sql<SqlBool>`(o.assigned_unit_id = ${actor.unitId})`;
    default:
      return caseVisible(actor);
  }
}

/**
 * The workflow actor an account acts as on a case it can see. A unit clerk acts as the unit
 * only for the lead unit; co-units read, but do not sign or reply. An escalated case waits for
 * the congress it was escalated to: only its staff (and administrators) act on it; the station
 * below keeps reading it.
 */
export function caseActorOf(actor: Actor, c: { assigned_unit_id: number | null; state: string; region_path: string }): CaseActor | null {
  if (actor.role === 'unit') return c.assigned_unit_id === actor.unitId ? 'unit' : null;
  if (c.state === 'escalated') {
    if (actor.role === 'admin') return 'admin';
    return actor.role === 'staff' && isWithin(c.region_path, actor.scopePath!) ? 'staff' : null;
  }
  return actor.role;
}

/**
 * Whether a reader reaches few enough cases that sorting them beats walking the primary key:
 * everyone but administrators and province-wide staff.
 */
export function narrowCaseScope(actor: Actor): boolean {
  if (actor.role === 'admin') return false;
  if (actor.role === 'staff') return (actor.scopePath ?? '').split('.').filter(Boolean).length > 1;
  return true;
}
