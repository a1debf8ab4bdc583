import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { byRole, stationOperable, stationVisible, within, type Filter, type Ref } from '../../platform/access/scope.js';

/**
 * Cross-province stations (跨省联建站). Who reads: everyone who sees the station (staff of any
 * member side's region, its officers, its deputies). Who writes:
 * - the agreement, its parties and files, the rota, the cadence: the host (the staff whose
 *   subtree holds the station's home region, and the station's officers);
 * - joint meetings and the joint governance list: the host, and the staff of the side that holds
 *   the chair this quarter (轮值), by today's rota row. Other sides read only.
 * Unit clerks reach none of it; the public reads the published governance list (no personal data).
 */
export const abilities = {
  /** Reading a cross-province station's agreements, rota, meetings, cadence, governance list and calendar. */
  'cross_province.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Writing them, as far as the SQL rules (host, or this quarter's chair side) allow. */
  'cross_province.write': ['admin', 'staff', 'officer'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { crossProvince: typeof abilities }
}

/** A cross-province station the actor sees. */
export function crossStationVisible(actor: AnyActor, stationId: Ref, type: Ref): Filter {
  return sql<SqlBool>`(${type} = 'cross_province' and ${stationVisible(actor, stationId)})`;
}

/** The host: administrators, the staff above the station's home region, the station's officers. */
export function hostOperable(actor: AnyActor, stationId: Ref, homePath: Ref): Filter {
  return stationOperable(actor, stationId, homePath);
}

/** The staff of the side holding the chair on `day` (their subtree holds the chair's region). */
export function chairSide(actor: AnyActor, stationId: Ref, day: string): Filter {
  return byRole(actor, {
    staff: (a) => sql<SqlBool>`exists (select 1 from cross_province_chair cpc where cpc.station_id = ${stationId}
      and cpc.starts_on <= ${day} and cpc.ends_on >= ${day} and ${within(sql.ref('cpc.region_path'), a.scopePath!)})`,
  });
}

/** Who keeps the governance list and convenes meetings on `day`: the host or the chair's side. */
export function chairOrHost(actor: AnyActor, stationId: Ref, homePath: Ref, day: string): Filter {
  return sql<SqlBool>`(${hostOperable(actor, stationId, homePath)} or ${chairSide(actor, stationId, day)})`;
}
