import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { byRole, TRUE, within, type Filter, type Ref } from '../../platform/access/scope.js';

/** Deliberation days (逢四议事): which days and topics by `regionVisible`, which items by `itemVisible`. */
export const abilities = {
  /** Reading days, topics and action items in reach (units: the days they are invited to or hold items of, and their items). */
  'deliberation.read': ['admin', 'staff', 'officer', 'deputy', 'unit'],
  /** The street's congress office: the rule, the days, scoring and choosing topics, the notice, the record, the action plan, its review and publication. */
  'deliberation.manage': ['admin', 'staff'],
  /** Proposing a topic: staff, and deputies for the streets and towns they belong to. */
  'deliberation.propose': ['admin', 'staff', 'deputy'],
  /** A unit's clerk signs for and answers the action items of their unit. */
  'deliberation.handle': ['unit'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { deliberations: typeof abilities }
}

/**
 * The streets and towns (by their region path) whose deliberation days and topics an account
 * reaches, inside the SQL: administrators all; staff their subtree; officers the regions their
 * stations serve (a station's home and member regions); deputies the region they were elected
 * in and the regions their stations serve.
 */
export function regionVisible(actor: AnyActor, regionPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(regionPath, a.scopePath!),
    officer: (a) => sql<SqlBool>`exists (select 1 from account_station acs join station_region sr on sr.station_id = acs.station_id
      where acs.account_id = ${a.accountId} and sr.region_path like ${regionPath} || '%')`,
    deputy: (a) => sql<SqlBool>`(exists (select 1 from deputy dlv_dep where dlv_dep.id = ${a.deputyId} and dlv_dep.region_path like ${regionPath} || '%')
      or exists (select 1 from deputy_station ds join station_region sr on sr.station_id = ds.station_id
      where ds.deputy_id = ${a.deputyId} and sr.region_path like ${regionPath} || '%'))`,
  });
}

/** Who runs a region's deliberation days: administrators and the staff of a region at or above it. */
export function regionManageable(actor: AnyActor, regionPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(regionPath, a.scopePath!),
  });
}

/** Days in reach: their region's, and for a unit those it is invited to or holds an action item of. */
export function dayVisible(actor: AnyActor, dayId: Ref, regionPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => regionVisible(a, regionPath),
    officer: (a) => regionVisible(a, regionPath),
    deputy: (a) => regionVisible(a, regionPath),
    unit: (a) => sql<SqlBool>`(exists (select 1 from deliberation_day_unit du where du.day_id = ${dayId} and du.unit_id = ${a.unitId})
      or exists (select 1 from deliberation_item di where di.day_id = ${dayId} and di.unit_id = ${a.unitId}))`,
  });
}

/** Action items in reach: a unit's own; everyone else's by the day's region. */
export function itemVisible(actor: AnyActor, unitId: Ref, regionPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => regionVisible(a, regionPath),
    officer: (a) => regionVisible(a, regionPath),
    deputy: (a) => regionVisible(a, regionPath),
    unit: (a) => sql<SqlBool>`${unitId} = ${a.unitId}`,
  });
}
