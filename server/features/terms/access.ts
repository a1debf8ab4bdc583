import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';

type Ref = RawBuilder<unknown>;

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
export function termVisible(actor: Actor, path: Ref): RawBuilder<SqlBool> {
  const near = (anchor: Ref) => sql<SqlBool>`(${anchor} like ${path} || '%' or ${path} like ${anchor} || '%')`;
  switch (actor.role) {
    case 'admin':
      return sql<SqlBool>`true`;
    case 'staff':
      return near(sql`${actor.scopePath!}`);
    case 'officer':
      return sql<SqlBool>`exists (select 1 from account_station acs join station_region sr on sr.station_id = acs.station_id
        where acs.account_id = ${actor.accountId} and ${near(sql.ref('sr.region_path'))})`;
    case 'deputy':
      return sql<SqlBool>`exists (select d.region_path as anchor from deputy d where d.id = ${actor.deputyId}
          and ${near(sql.ref('d.region_path'))}
        union all select sr.region_path from deputy_station ds join station_region sr on sr.station_id = ds.station_id
          where ds.deputy_id = ${actor.deputyId} and ${near(sql.ref('sr.region_path'))})`;
    default:
      return sql<SqlBool>`false`;
  }
}

/**
 * Whose terms an account records and corrects: administrators every congress, the NPC
 * included; staff the congresses of their own region and the regions below it.
 */
export function termManageable(actor: Actor, path: Ref): RawBuilder<SqlBool> {
  if (actor.role === 'admin') return sql<SqlBool>`true`;
  if (actor.role === 'staff') return sql<SqlBool>`(${path} <> '' and ${path} like ${`${actor.scopePath}%`})`;
  return sql<SqlBool>`false`;
}
