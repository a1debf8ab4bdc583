import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { Actor, AnyActor } from '../../platform/access/actor.js';
import { atVisibleStation, byRole, columns, forRole, hasRole, TRUE, within, type Filter, type Ref } from '../../platform/access/scope.js';

/** 履职积分. A role not listed gets 403. */
export const abilities = {
  /** Rankings of the regions and stations in reach; a deputy reads their own ledger only (pointFactVisible, ledgerReadable). */
  'points.read': ['admin', 'staff', 'officer', 'deputy'],
  /** Rule versions, bonuses and 履职之星 of the regions one manages. */
  'points.manage': ['admin', 'staff'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { points: typeof abilities }
}

/** The columns of a point fact (or a bonus) the point filters read: whose, at which station, placed in which region. */
export interface PointFactColumns { deputyId: Ref; stationId: Ref; placePath: Ref }

/** The point fact columns of the row known by `alias` (`deputy_id`, `station_id`, `place_path`). */
export function pointFactColumns(alias: string): PointFactColumns {
  return columns(alias, { deputyId: 'deputy_id', stationId: 'station_id', placePath: 'place_path' });
}

/**
 * Which point facts an account reaches, inside the SQL (`placePath` is the region the fact
 * happened in):
 * - staff: facts placed in their subtree, and those at stations they see (cross-province);
 * - officers: facts at their stations;
 * - deputies: all of their own, and those at their stations (for their stations' rankings);
 * - unit clerks: none.
 */
export function pointFactVisible(actor: AnyActor, f: PointFactColumns): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (s) => sql<SqlBool>`(${within(f.placePath, s.scopePath!)} or ${atVisibleStation(s, f.stationId)})`,
    officer: (o) => atVisibleStation(o, f.stationId),
    deputy: (d) => sql<SqlBool>`(${f.deputyId} = ${d.deputyId} or ${atVisibleStation(d, f.stationId)})`,
  });
}

/** The bonus columns of the `point_bonus` row known by `alias` (its region's path is its place). */
export function bonusColumns(alias: string): PointFactColumns {
  return columns(alias, { deputyId: 'deputy_id', stationId: 'station_id', placePath: 'region_path' });
}

/**
 * Bonuses and deductions an account reaches: like any point fact, by their region and station,
 * except that a deputy sees only their own (not those of fellow deputies at their stations).
 */
export function bonusVisible(actor: AnyActor, b: PointFactColumns): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (s) => sql<SqlBool>`(${within(b.placePath, s.scopePath!)} or ${atVisibleStation(s, b.stationId)})`,
    officer: (o) => atVisibleStation(o, b.stationId),
    deputy: (d) => sql<SqlBool>`${b.deputyId} = ${d.deputyId}`,
  });
}

/** Whose ledger an account reads (besides reaching the deputy at all): a deputy only their own. */
export function ledgerReadable(actor: Actor, deputyId: number): boolean {
  return !(hasRole(actor, 'deputy') && actor.deputyId !== deputyId);
}

/**
 * The ranking an account sees without asking for one: staff their own region's, administrators
 * all of them (`'all'`), anyone else that of their first station (`null`).
 */
export function defaultRanking(actor: Actor): { regionCode: string } | 'all' | null {
  return forRole<{ regionCode: string } | 'all' | null>(actor, {
    admin: () => 'all',
    staff: (s) => (s.regionCode ? { regionCode: s.regionCode } : null),
  }, null);
}

/**
 * Who may read a region's 履职之星 besides those who manage its points: the officers and
 * deputies of a station inside it (the award is announced to them), when they have one.
 */
export function starsReadableByStation(actor: Actor): boolean {
  return hasRole(actor, 'officer', 'deputy');
}
