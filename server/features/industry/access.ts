import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { byRole, stationOperable, stationVisible, type Filter, type Ref } from '../../platform/access/scope.js';

/**
 * Industry contact points (产业(行业)联系点). Who reaches a point is the station's own scope:
 * staff whose subtree holds one of its regions, its officers, its deputies. Who runs it (the
 * enterprises, the organisation, the campaigns, the contacts unmasked) is `stationOperable`:
 * administrators, staff of its home region, its officers. Deputies of the point read it and
 * log the visits they make.
 */
export const abilities = {
  'industry.read': ['admin', 'staff', 'officer', 'deputy'],
  'industry.manage': ['admin', 'staff', 'officer'],
  /** Logging a visit of a campaign and turning what it found into a case or a suggestion. */
  'industry.visit': ['admin', 'staff', 'officer', 'deputy'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { industry: typeof abilities }
}

/** An industry contact point the actor reaches (the station's visibility, and its type). */
export function pointVisible(actor: AnyActor, stationId: Ref): Filter {
  return sql<SqlBool>`(exists (select 1 from station ist where ist.id = ${stationId} and ist.type = 'industry') and ${stationVisible(actor, stationId)})`;
}

/** A contact point the actor runs: its enterprises, organisation and campaigns, and its contacts unmasked. */
export function pointOperable(actor: AnyActor, stationId: Ref): Filter {
  const home = sql.ref('ish.region_path');
  return sql<SqlBool>`exists (select 1 from station ist join station_region ish on ish.station_id = ist.id and ish.is_home
    where ist.id = ${stationId} and ist.type = 'industry' and ${stationOperable(actor, stationId, home)})`;
}

/** Who logs visits at a point: those who run it, and its deputies. */
export function pointVisitable(actor: AnyActor, stationId: Ref): Filter {
  return byRole(actor, {
    admin: (a) => pointOperable(a, stationId),
    staff: (a) => pointOperable(a, stationId),
    officer: (a) => pointOperable(a, stationId),
    deputy: (a) => pointVisible(a, stationId),
  });
}
