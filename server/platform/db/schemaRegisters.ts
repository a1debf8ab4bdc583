import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

/** 先进事迹: one deed of a deputy, recorded at a station. */
export interface DeputyDeedTable {
  id: Generated<number>;
  station_id: number;
  deputy_id: number;
  occurred_on: string;
  title: string;
  description: string;
  recorded_by_account_id: number | null;
  recorded_by_name: string;
  created_at: CreatedAt;
  version: Generated<number>;
  updated_at: UpdatedAt;
}

/** 大事记: one entry of a region's or a station's chronicle. */
export interface ChronicleEntryTable {
  id: Generated<number>;
  station_id: number | null;
  region_code: string;
  region_path: string;
  occurred_on: string;
  title: string;
  body: string;
  recorded_by_account_id: number | null;
  recorded_by_name: string;
  created_at: CreatedAt;
  version: Generated<number>;
  updated_at: UpdatedAt;
}

export interface RegisterTables {
  deputy_deed: DeputyDeedTable;
  chronicle_entry: ChronicleEntryTable;
}
