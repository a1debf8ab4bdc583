import type { ColumnType, Generated } from 'kysely';
import type { DeputyLevel } from '../../../common/enums.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** One term (届) of a people's congress, with its dates. */
export interface CongressTermTable {
  id: Generated<number>;
  level: DeputyLevel;
  /** The congress's region, as in `deputy_level`; null for the National People's Congress. */
  region_code: string | null;
  /** The region's path; empty for the National People's Congress. */
  region_path: string;
  number: number;
  /** `YYYY-MM-DD` (a `date` column; read back as text). */
  starts_on: string;
  /** Null while it is the running term. */
  ends_on: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** How a deputy's seat in a term began. */
export type SeatJoinedBy = 'recorded' | 'elected' | 're_elected';
/** How it ended; null while it runs. */
export type SeatOutcome = 're_elected' | 'left';

/** A deputy's seat in one term (届) of a congress. */
export interface DeputyTermTable {
  deputy_id: number;
  term_id: number;
  joined_by: SeatJoinedBy;
  outcome: SeatOutcome | null;
  created_at: CreatedAt;
}

export interface TermTables {
  congress_term: CongressTermTable;
  deputy_term: DeputyTermTable;
}
