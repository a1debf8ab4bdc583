import { sql, type SqlBool } from 'kysely';
import type { AbilityTable } from '../../platform/access/abilities.js';
import type { AnyActor } from '../../platform/access/actor.js';
import { byRole, stationVisible, TRUE, within, type Filter, type Ref } from '../../platform/access/scope.js';

/** Grids (网格): cells, their deputies and grid workers, whistles (吹哨) and cross-border service teams. */
export const abilities = {
  /** Reading cells in reach: staff their subtree, officers their stations' cells, deputies the cells they are in or their stations', grid workers their own cells. */
  'grid.read': ['admin', 'staff', 'officer', 'deputy', 'grid'],
  /** Creating and changing cells, attaching deputies and grid workers, forming teams: the congress staff of the region. */
  'grid.manage': ['admin', 'staff'],
  /** The coverage view of a town or county: every cell with its deputies and workers, and the deputies in no grid. */
  'grid.coverage': ['admin', 'staff'],
  /** Blowing the whistle for one of their cells and following their own whistles. */
  'grid.whistle': ['grid'],
  /** Reading cross-border service teams and their patrols. */
  'grid.team_read': ['admin', 'staff', 'officer', 'grid'],
  /** Logging a team's joint patrol (an activity of the team's station). */
  'grid.patrol': ['admin', 'staff', 'officer'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { grids: typeof abilities }
}

export interface CellRefs { id: Ref; regionPath: Ref; stationId: Ref }

/** Cells in reach, inside the SQL. */
export function cellVisible(actor: AnyActor, c: CellRefs): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(c.regionPath, a.scopePath!),
    officer: (a) => sql<SqlBool>`exists (select 1 from account_station acs where acs.station_id = ${c.stationId} and acs.account_id = ${a.accountId})`,
    deputy: (a) => sql<SqlBool>`(exists (select 1 from grid_cell_deputy gcd where gcd.cell_id = ${c.id} and gcd.deputy_id = ${a.deputyId})
      or exists (select 1 from deputy_station ds where ds.station_id = ${c.stationId} and ds.deputy_id = ${a.deputyId}))`,
    grid: (a) => sql<SqlBool>`exists (select 1 from grid_cell_worker gcw where gcw.cell_id = ${c.id} and gcw.account_id = ${a.accountId})`,
  });
}

/** Cells the actor may change: administrators all, staff those of their subtree. */
export function cellManageable(actor: AnyActor, regionPath: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => within(regionPath, a.scopePath!),
  });
}

/** Teams in reach: by their station; a grid worker only the teams they are a member of. */
export function teamVisible(actor: AnyActor, teamId: Ref, stationId: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => stationVisible(a, stationId),
    officer: (a) => stationVisible(a, stationId),
    grid: (a) => sql<SqlBool>`exists (select 1 from grid_team_member gtm where gtm.team_id = ${teamId} and gtm.account_id = ${a.accountId})`,
  });
}

/** Teams the actor may form or change: administrators, and staff who see the team's station. */
export function teamManageable(actor: AnyActor, stationId: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => stationVisible(a, stationId),
  });
}

/** Teams whose patrols the actor may log: those of a station they see (administrators, staff, officers). */
export function patrolLoggable(actor: AnyActor, stationId: Ref): Filter {
  return byRole(actor, {
    admin: () => TRUE,
    staff: (a) => stationVisible(a, stationId),
    officer: (a) => stationVisible(a, stationId),
  });
}
