import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** See migrations/0032_grids.ts for what each table holds. */
export interface GridCellTable {
  id: Generated<number>;
  name: string;
  /** The town (regions end at the town); the village or community is `village`. */
  region_code: string;
  region_path: string;
  village: string;
  /** The station a whistle from the cell goes to. */
  station_id: number;
  boundary: Generated<string>;
  center_lat: number | null;
  center_lng: number | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Timestamp>;
  updated_at: Timestamp;
}

export interface GridCellDeputyTable { cell_id: number; deputy_id: number }
export interface GridCellWorkerTable { cell_id: number; account_id: number }

export interface GridWhistleTable {
  opinion_id: number;
  cell_id: number;
  account_id: number;
  lat: number | null;
  lng: number | null;
  created_at: Timestamp;
}

export interface GridTeamTable {
  id: Generated<number>;
  station_id: number;
  name: string;
  description: Generated<string>;
  created_at: Generated<Timestamp>;
}

export interface GridTeamMemberTable { team_id: number; account_id: number }

export interface GridPatrolTable {
  id: Generated<number>;
  team_id: number;
  activity_id: number;
  created_at: Generated<Timestamp>;
}

export interface GridPatrolMemberTable { patrol_id: number; account_id: number }

export interface GridTables {
  grid_cell: GridCellTable;
  grid_cell_deputy: GridCellDeputyTable;
  grid_cell_worker: GridCellWorkerTable;
  grid_whistle: GridWhistleTable;
  grid_team: GridTeamTable;
  grid_team_member: GridTeamMemberTable;
  grid_patrol: GridPatrolTable;
  grid_patrol_member: GridPatrolMemberTable;
}
