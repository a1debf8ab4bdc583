import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { byRole, stationOperable, type Filter, type Ref } from '../../platform/access/scope.js';

/** Former deputies at the 代表之家: the roster and cards by `deputyVisible`, opinions by their station. */
export const abilities = {
  /** Reading the roster, the cards, the opinions collected and the deeds. */
  'formerDeputy.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Putting a former deputy on the roster (card, fields, roles), registering and answering what they collected. */
  'formerDeputy.manage': ['admin', 'staff', 'officer'],
  /** Carrying (转交) an opinion a former deputy collected: a current deputy themself, or the station for them. */
  'formerDeputy.carry': ['admin', 'staff', 'officer', 'deputy'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { formerDeputies: typeof abilities }
}

const homeOf = (stationId: Ref) => sql`(select h.region_path from station_region h where h.station_id = ${stationId} and h.is_home)`;

/** Who runs the station: administrators, staff whose subtree holds its home region, its officers. */
export function stationRun(actor: AnyActor, stationId: Ref): Filter {
  return byRole(actor, {
    admin: (a) => stationOperable(a, stationId, homeOf(stationId)),
    staff: (a) => stationOperable(a, stationId, homeOf(stationId)),
    officer: (a) => stationOperable(a, stationId, homeOf(stationId)),
  });
}

/**
 * Who reads the constituent's name and phone on an opinion a former deputy collected: those who
 * run its station, and the deputy who carried it. Other readers see them masked.
 */
export function submitterVisible(actor: AnyActor, stationId: Ref, carrierId: Ref): Filter {
  return byRole(actor, {
    admin: (a) => stationRun(a, stationId),
    staff: (a) => stationRun(a, stationId),
    officer: (a) => stationRun(a, stationId),
    deputy: (a) => sql<SqlBool>`coalesce(${carrierId} = ${a.deputyId}, false)`,
  });
}
