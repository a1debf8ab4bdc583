import type { ColumnType, Generated } from 'kysely';
import type { FormerField, FormerOpinionState, FormerRole } from '../../../common/formerDeputies.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** See migrations/0034_former_deputies.ts for what each table holds. */
export interface FormerDeputyProfileTable {
  deputy_id: number;
  station_id: number;
  card_number: string;
  card_issued_on: string;
  fields: ColumnType<FormerField[], FormerField[] | undefined, FormerField[]>;
  roles: ColumnType<FormerRole[], FormerRole[] | undefined, FormerRole[]>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface FormerDeputyOpinionTable {
  id: Generated<number>;
  former_deputy_id: number;
  station_id: number;
  collected_on: string;
  content: string;
  place: Generated<string>;
  submitter_name: string | null;
  submitter_phone: string | null;
  state: Generated<FormerOpinionState>;
  answer: Nullable<string>;
  carrier_deputy_id: Nullable<number>;
  case_id: Nullable<number>;
  carried_at: Nullable<Date>;
  created_by_account_id: number | null;
  created_at: Timestamp;
}

export interface FormerDeputyTables {
  former_deputy_profile: FormerDeputyProfileTable;
  former_deputy_opinion: FormerDeputyOpinionTable;
}
