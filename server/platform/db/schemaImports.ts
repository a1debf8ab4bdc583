import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export type ImportKind = 'deputies' | 'stations' | 'enterprises';
export type ImportStatus = 'new' | 'parsing' | 'ready' | 'failed' | 'committed';

/** A column of the uploaded file's header row and the field it was taken for (null: ignored). */
export interface ImportColumn { index: number; header: string; field: string | null; ignored?: 'unknown' | 'duplicate' }

/** A problem with one cell of a row: the column as the file names it, a stable code, the value found. */
export interface ImportRowError { column: string; code: string; value?: string; details?: Record<string, unknown> }

/** A problem with the file as a whole; the batch is then `failed`. */
export interface ImportFailure { code: string; details?: Record<string, unknown> }

export interface ImportBatchTable {
  id: Generated<number>;
  kind: ImportKind;
  filename: string;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  columns: ColumnType<ImportColumn[], string | undefined, string>;
  failure: Json<ImportFailure> | null;
  bytes_received: ColumnType<number, number | undefined, number>;
  total_rows: ColumnType<number, number | undefined, number>;
  error_rows: ColumnType<number, number | undefined, number>;
  error_count: ColumnType<number, number | undefined, number>;
  created_count: ColumnType<number, number | undefined, number>;
  created_by: number;
  /** For a roster of an election round: the term the round closes (the rows become the next term's deputies). */
  term_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** For member enterprises: the industry contact point they join (0031). */
  station_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** While `parsing`: when the server checking the file last showed it was alive (0043). */
  parse_heartbeat_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  parsed_at: Timestamp | null;
  committed_at: Timestamp | null;
}

export interface ImportRowTable {
  batch_id: number;
  row_no: number;
  data: Json<Record<string, unknown>>;
  errors: Json<ImportRowError[]> | null;
}

export interface ImportTables {
  import_batch: ImportBatchTable;
  import_row: ImportRowTable;
}

export type ImportBatch = Selectable<ImportBatchTable>;
