import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { byRole, near, TRUE, type Filter, type Ref } from '../../platform/access/scope.js';

/** Terms (届) and election rounds (换届). A role not listed gets 403. */
export const abilities = {
  /** Terms of the congresses at, above and below where one works (termVisible). */
  'term.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Recording and correcting terms: staff those of the congresses of their subtree, administrators every one. */
  'term.manage': ['admin', 'staff'],
  /** The election round (换届) of a congress one manages the terms of, and its coverage (编组进站). */
  'term.round': ['admin', 'staff'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { terms: typeof abilities }
}

/**
 * Whose congresses' terms an account reads, inside the SQL (`path` is the congress region's
 * path, empty for the National People's Congress). A congress concerns the places below it and
 * the places of the congresses below it, so each account sees the congresses at, above and
 * below where it works:
 * - staff: their subtree and the regions above it (the NPC, whose path is empty, included);
 * - officers: at, above or below any region of their stations;
 * - deputies: the same for their own region and their stations' regions, which holds the
 *   congresses they sit in;
 * - unit clerks: none.
 */
export function termVisible(actor: AnyActor, path: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (s) => near(sql`${s.scopePath!}`, path),
    officer: (o) => sql<SqlBool>`exists (select 1 from account_station acs join station_region sr on sr.station_id = acs.station_id
        where acs.account_id = ${o.accountId} and ${near(sql.ref('sr.region_path'), path)})`,
    deputy: (d) => sql<SqlBool>`exists (select d.region_path as anchor from deputy d where d.id = ${d.deputyId}
          and ${near(sql.ref('d.region_path'), path)}
        union all select sr.region_path from deputy_station ds join station_region sr on sr.station_id = ds.station_id
          where ds.deputy_id = ${d.deputyId} and ${near(sql.ref('sr.region_path'), path)})`,
  });
}

/**
 * Whose terms an account records and corrects: administrators every congress, the NPC
 * included; staff the congresses of their own region and the regions below it.
 */
export function termManageable(actor: AnyActor, path: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (s) => sql<SqlBool>`(${path} <> '' and ${path} like ${`${s.scopePath}%`})`,
  });
}
