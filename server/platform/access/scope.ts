import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { isWithin } from '../regions/regionPath.js';
import type { Actor } from './actor.js';

/**
 * Region-scope filters, applied inside the SQL of every read and write. Each takes the actor
 * and a reference to the id (or path) column of the row being filtered and yields a boolean
 * SQL expression. Paths contain only digits and dots, so they are safe in LIKE patterns.
 */
type Ref = RawBuilder<unknown>;
const TRUE = sql<SqlBool>`true`;
const FALSE = sql<SqlBool>`false`;

function within(pathRef: Ref, scopePath: string) {
  return sql<SqlBool>`${pathRef} like ${`${scopePath}%`}`;
}

export function ref(column: string): Ref {
  return sql.ref(column);
}

/** Stations the actor may see: staff see every station with any member region in their subtree. */
export function stationVisible(actor: Actor, stationId: Ref): RawBuilder<SqlBool> {
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'staff':
      return sql<SqlBool>`exists (select 1 from station_region sr
        where sr.station_id = ${stationId} and ${within(sql.ref('sr.region_path'), actor.scopePath!)})`;
    case 'officer':
      return sql<SqlBool>`exists (select 1 from account_station acs
        where acs.station_id = ${stationId} and acs.account_id = ${actor.accountId})`;
    case 'deputy':
      return sql<SqlBool>`exists (select 1 from deputy_station ds
        where ds.station_id = ${stationId} and ds.deputy_id = ${actor.deputyId})`;
    default:
      return FALSE;
  }
}

/** Stations the actor may edit wholly: admin, or staff whose subtree holds the station's home region. */
export function stationManageable(actor: Actor, homePath: Ref): RawBuilder<SqlBool> {
  if (actor.role === 'admin') return TRUE;
  if (actor.role === 'staff') return within(homePath, actor.scopePath!);
  return FALSE;
}

/** Stations whose day-to-day fields the actor may edit: the manageable ones plus an officer's own. */
export function stationOperable(actor: Actor, stationId: Ref, homePath: Ref): RawBuilder<SqlBool> {
  if (actor.role === 'officer') return stationVisible(actor, stationId);
  return stationManageable(actor, homePath);
}

export function deputyVisible(actor: Actor, deputyId: Ref, deputyPath: Ref): RawBuilder<SqlBool> {
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'staff':
      return sql<SqlBool>`(${within(deputyPath, actor.scopePath!)} or exists (
        select 1 from deputy_station ds join station_region sr on sr.station_id = ds.station_id
        where ds.deputy_id = ${deputyId} and ${within(sql.ref('sr.region_path'), actor.scopePath!)}))`;
    case 'officer':
      return sql<SqlBool>`exists (select 1 from deputy_station ds join account_station acs on acs.station_id = ds.station_id
        where ds.deputy_id = ${deputyId} and acs.account_id = ${actor.accountId})`;
    case 'deputy':
      return sql<SqlBool>`(${deputyId} = ${actor.deputyId} or exists (
        select 1 from deputy_station ds join deputy_station mine on mine.station_id = ds.station_id
        where ds.deputy_id = ${deputyId} and mine.deputy_id = ${actor.deputyId}))`;
    default:
      return FALSE;
  }
}

/**
 * Who may read a deputy's phone number unmasked: administrators, the staff and officers who
 * can see the deputy, and the deputy themself. Fellow deputies see it masked.
 */
export function deputyContactVisible(actor: Actor, deputyId: Ref, deputyPath: Ref): RawBuilder<SqlBool> {
  if (actor.role === 'deputy') return sql<SqlBool>`${deputyId} = ${actor.deputyId}`;
  return deputyVisible(actor, deputyId, deputyPath);
}

export function deputyManageable(actor: Actor, deputyPath: Ref): RawBuilder<SqlBool> {
  if (actor.role === 'admin') return TRUE;
  if (actor.role === 'staff') return within(deputyPath, actor.scopePath!);
  return FALSE;
}

/**
 * Handling units an actor may see: staff see units in their subtree and in the regions above
 * it (a town sends cases to the county's bureaus); officers and deputies see the units above,
 * at or below their stations' regions; a unit clerk sees their own unit.
 */
export function unitVisible(actor: Actor, unitId: Ref, unitPath: Ref): RawBuilder<SqlBool> {
  switch (actor.role) {
    case 'admin':
      return TRUE;
    case 'staff':
      return sql<SqlBool>`(${within(unitPath, actor.scopePath!)} or ${actor.scopePath!} like ${unitPath} || '%')`;
    case 'officer':
      return sql<SqlBool>`exists (select 1 from account_station acs join station_region sr on sr.station_id = acs.station_id
        where acs.account_id = ${actor.accountId}
          and (sr.region_path like ${unitPath} || '%' or ${unitPath} like sr.region_path || '%'))`;
    case 'deputy':
      return sql<SqlBool>`exists (select 1 from deputy_station ds join station_region sr on sr.station_id = ds.station_id
        where ds.deputy_id = ${actor.deputyId}
          and (sr.region_path like ${unitPath} || '%' or ${unitPath} like sr.region_path || '%'))`;
    case 'unit':
      return sql<SqlBool>`${unitId} = ${actor.unitId}`;
    default:
      return FALSE;
  }
}

export function unitManageable(actor: Actor, unitPath: Ref): RawBuilder<SqlBool> {
  if (actor.role === 'admin') return TRUE;
  if (actor.role === 'staff') return within(unitPath, actor.scopePath!);
  return FALSE;
}

/**
 * Accounts an actor may see and manage: administrators all; staff the non-admin accounts
 * anchored in their subtree, except staff accounts of their own region (their peers).
 */
export function accountManageable(actor: Actor, role: Ref, anchorPath: Ref): RawBuilder<SqlBool> {
  if (actor.role === 'admin') return TRUE;
  if (actor.role === 'staff') {
    return sql<SqlBool>`(${role} <> 'admin' and ${anchorPath} <> '' and ${within(anchorPath, actor.scopePath!)}
      and not (${role} = 'staff' and ${anchorPath} = ${actor.scopePath!}))`;
  }
  return FALSE;
}

/** A region path the actor may place things in (a new station's home, a deputy's or unit's region). */
export function regionManageable(actor: Actor, path: string): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'staff') return isWithin(path, actor.scopePath!);
  return false;
}
