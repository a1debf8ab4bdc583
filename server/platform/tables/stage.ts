/**
 * Checking an uploaded file into the staging tables as it streams in: the header row is
 * mapped, then every data row is checked and written to `import_row`, a chunk at a time, so
 * memory stays flat whatever the file's size. `import_batch.total_rows` grows as chunks land,
 * which is the progress a client polls while the status is `parsing`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ImportFailure, ImportKind } from '../db/schemaImports.js';
import { COLUMNS, isHeaderRow, mapHeaders, type MappedColumn } from './columns.js';
import { IMPORT_STATUSES } from '../../../common/importVocabulary.js';
import { AppError } from '../errors.js';
import type { Actor } from '../access/actor.js';
import { readSheet, type SheetRow } from './read.js';
import type { RowChecker } from './rows.js';
import { now } from '../clock.js';

export const IMPORT_LIMITS = {
  /** The largest file accepted; a 100 000-row roster is about 6 MB as .xlsx, 15 MB as CSV. */
  maxBytes: 50 * 1024 * 1024,
  maxRows: { deputies: 200_000, stations: 5_000, enterprises: 20_000 } satisfies Record<ImportKind, number>,
  /** Rows before the header that may be titles (平桂区第十八届人大代表花名册). */
  maxTitleRows: 10,
  /** Rows checked and written together. */
  chunkRows: 500,
};

/**
 * Makes the checker of one kind of file, once its header is mapped. The feature that owns the
 * records supplies it (`stationId`: the station the batch is for, when its kind needs one; `forRound`: the batch belongs to an election round, whose rows may match
 * records that exist already).
 */
export type RowCheckerFactory = (db: Kysely<DB>, actor: Actor, columns: MappedColumn[], options: { forRound: boolean; stationId: number | null }) => RowChecker;

function requiredHeaders(kind: ImportKind, missing?: string[]): AppError {
  const columns = missing ?? COLUMNS[kind].filter((c) => c.required).map((c) => c.header);
  return new AppError('IMPORT_COLUMNS_MISSING', { columns: columns.join('、'), missing: columns });
}

/** Moves a batch from `new` to `parsing`: one file per batch, from its own creator only. */
async function claim(db: Kysely<DB>, actor: Actor, kind: ImportKind, batchId: number): Promise<{ forRound: boolean; stationId: number | null }> {
  const claimed = await db.updateTable('import_batch').set({ status: 'parsing' })
    .where('id', '=', batchId).where('kind', '=', kind).where('created_by', '=', actor.accountId).where('status', '=', 'new')
    .returning(['id', 'term_id', 'station_id']).executeTakeFirst();
  if (claimed) return { forRound: claimed.term_id !== null, stationId: claimed.station_id };
  const batch = await db.selectFrom('import_batch').select('status')
    .where('id', '=', batchId).where('kind', '=', kind).where('created_by', '=', actor.accountId).executeTakeFirst();
  if (!batch) throw new AppError('NOT_FOUND');
  throw new AppError('IMPORT_NOT_READY', { status: batch.status, statusLabel: IMPORT_STATUSES.labels[batch.status] });
}

/**
 * Reads the file of a new batch and stages its rows. A problem with the file as a whole
 * (unreadable, too large, a required column missing, no rows) fails the batch, drops what was
 * staged and is thrown; problems in rows are staged with the rows for the preview.
 */
export async function stageImport(
  db: Kysely<DB>, actor: Actor, kind: ImportKind, batchId: number, file: AsyncIterable<Buffer | string>, checkerFor: RowCheckerFactory,
): Promise<void> {
  const { forRound, stationId } = await claim(db, actor, kind, batchId);
  let bytes = 0;
  let checker: RowChecker | null = null;
  let titleRows = 0;
  let total = 0;
  let chunk: SheetRow[] = [];

  const flush = async () => {
    if (!checker || chunk.length === 0) return;
    const checked = await checker.check(chunk);
    chunk = [];
    const errorRows = checked.filter((c) => c.errors.length).length;
    const errorCount = checked.reduce((n, c) => n + c.errors.length, 0);
    await db.insertInto('import_row').values(checked.map((c) => ({
      batch_id: batchId, row_no: c.rowNo, data: JSON.stringify(c.data), errors: c.errors.length ? JSON.stringify(c.errors) : null,
    }))).execute();
    total += checked.length;
    await db.updateTable('import_batch').set((eb) => ({
      total_rows: total,
      error_rows: eb('error_rows', '+', errorRows),
      error_count: eb('error_count', '+', errorCount),
      bytes_received: bytes,
    })).where('id', '=', batchId).execute();
  };

  try {
    for await (const row of readSheet(file, { maxBytes: IMPORT_LIMITS.maxBytes, onBytes: (n) => { bytes = n; } })) {
      if (row.cells.every((c) => !c)) continue;
      if (!checker) {
        if (isHeaderRow(kind, row.cells)) {
          const mapping = mapHeaders(kind, row.cells);
          if (mapping.missing.length) throw requiredHeaders(kind, mapping.missing);
          await db.updateTable('import_batch').set({ columns: JSON.stringify(mapping.columns) }).where('id', '=', batchId).execute();
          checker = checkerFor(db, actor, mapping.columns, { forRound, stationId });
        } else if (++titleRows >= IMPORT_LIMITS.maxTitleRows) {
          throw requiredHeaders(kind);
        }
        continue;
      }
      if (total + chunk.length >= IMPORT_LIMITS.maxRows[kind]) throw new AppError('IMPORT_TOO_MANY_ROWS', { max: IMPORT_LIMITS.maxRows[kind] });
      chunk.push(row);
      if (chunk.length >= IMPORT_LIMITS.chunkRows) await flush();
    }
    if (!checker) throw requiredHeaders(kind);
    await flush();
    if (total === 0) throw new AppError('IMPORT_FILE_EMPTY');
    await db.updateTable('import_batch').set({ status: 'ready', parsed_at: now(), bytes_received: bytes })
      .where('id', '=', batchId).execute();
  } catch (err) {
    const failure: ImportFailure = err instanceof AppError ? { code: err.code, details: err.details } : { code: 'INTERNAL' };
    await db.deleteFrom('import_row').where('batch_id', '=', batchId).execute();
    await db.updateTable('import_batch')
      .set({ status: 'failed', failure: JSON.stringify(failure), bytes_received: bytes, total_rows: 0, error_rows: 0, error_count: 0 })
      .where('id', '=', batchId).execute();
    throw err;
  }
}
