import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { byRole, stationOperable, stationVisible, type Filter, type Ref } from '../../platform/access/scope.js';

/** Mediation rooms: which records by `mediationVisible`, who records them by `mediationOperable`, whose parties unmasked by `partiesVisible`. */
export const abilities = {
  /** Reading the mediations of the stations in reach, the room's statistics and the agreement. */
  'mediation.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Recording a mediation, its sessions, its outcome, its agreement and the room's yearly figures. */
  'mediation.manage': ['admin', 'staff', 'officer'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { mediation: typeof abilities }
}

/** A mediation is read by whoever sees its station (deputies: those of the station). */
export function mediationVisible(actor: AnyActor, stationId: Ref): Filter {
  return stationVisible(actor, stationId);
}

/** Who records at the station: administrators, staff whose subtree holds its home region, its officers. */
export function mediationOperable(actor: AnyActor, stationId: Ref): Filter {
  const home = sql`(select h.region_path from station_region h where h.station_id = ${stationId} and h.is_home)`;
  return byRole(actor, {
    admin: (a) => stationOperable(a, stationId, home),
    staff: (a) => stationOperable(a, stationId, home),
    officer: (a) => stationOperable(a, stationId, home),
  });
}

/**
 * Who handles the record and so reads the parties' names and phones: those who record at the
 * station, and the deputies present at one of its sessions. Other deputies of the station read
 * them masked and may reveal them (audited).
 */
export function partiesVisible(actor: AnyActor, mediationId: Ref, stationId: Ref): Filter {
  return byRole(actor, {
    admin: (a) => mediationOperable(a, stationId),
    staff: (a) => mediationOperable(a, stationId),
    officer: (a) => mediationOperable(a, stationId),
    deputy: (a) => sql<SqlBool>`exists (select 1 from mediation_session ms join mediation_session_deputy md on md.session_id = ms.id
      where ms.mediation_id = ${mediationId} and md.deputy_id = ${a.deputyId})`,
  });
}

