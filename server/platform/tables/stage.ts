/**
 * Checking an uploaded file into the staging tables as it streams in: the header row is
 * mapped, then every data row is checked and written to `import_row`, a chunk at a time, so
 * memory stays flat whatever the file's size. `import_batch.total_rows` grows as chunks land,
 * which is the progress a client polls while the status is `parsing`.
 *
 * The file is parsed in a worker thread with a capped heap (sheetWorker.ts). While it is
 * checked, the batch's `parse_heartbeat_at` is stamped every `heartbeatMs`; the stamp also
 * notices a cancel made on another server. A cancel on this server, or this server stopping,
 * aborts the check at once. A batch left `parsing` with a stale stamp was cut off by a crash and
 * is failed with IMPORT_INTERRUPTED (`failStalledImports`).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ImportFailure, ImportKind } from '../db/schemaImports.js';
import { COLUMNS, isHeaderRow, mapHeaders, type MappedColumn } from './columns.js';
import { IMPORT_STATUSES } from '../../../common/importVocabulary.js';
import { AppError } from '../errors.js';
import type { Actor } from '../access/actor.js';
import type { SheetRow } from './read.js';
import { readSheet } from './sheetWorker.js';
import type { RowChecker } from './rows.js';
import { now, nowMs } from '../clock.js';

const MB = 1024 * 1024;

export const IMPORT_LIMITS = {
  /** The largest file accepted; a 100 000-row roster is about 6 MB as .xlsx, 15 MB as CSV. */
  maxBytes: 50 * MB,
  maxRows: { deputies: 200_000, stations: 5_000, enterprises: 20_000 } satisfies Record<ImportKind, number>,
  /** Rows before the header that may be titles (平桂区第十八届人大代表花名册). */
  maxTitleRows: 10,
  /** Rows checked and written together, or fewer when their text reaches `chunkChars`. */
  chunkRows: 500,
  chunkChars: 4_000_000,
  /** A cell's characters: Excel's own limit. */
  maxCellChars: 32_767,
  /** A row's characters, all its cells together. */
  maxRecordChars: 1_000_000,
  /** Blank rows anywhere in the file (a sheet formatted far below its data has many). */
  maxBlankRows: 10_000,
  /** A workbook's parts unpacked, all together; its shared strings (held while the sheet is read). */
  maxUnpackedBytes: 512 * MB,
  maxSharedStringsBytes: 128 * MB,
  /** The bytes of XML from one tag to the next: a cell's text in UTF-8, entities and all. */
  maxXmlSegmentBytes: 256 * 1024,
  /** Parts of a workbook's zip (a roster has about a dozen). */
  maxZipEntries: 1_000,
  /** The parsing worker's heap in MB (LIANXIN_IMPORT_WORKER_MB). */
  workerMb: 512,
  /** How often a batch being checked is stamped, and how old a stamp shows the check was cut off. */
  heartbeatMs: 5_000,
  staleMs: 60_000,
};

/** Sets the parsing worker's heap from the configuration (LIANXIN_IMPORT_WORKER_MB). */
export function setImportWorkerMb(mb: number): void {
  IMPORT_LIMITS.workerMb = mb;
}

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
  const claimed = await db.updateTable('import_batch').set({ status: 'parsing', parse_heartbeat_at: now() })
    .where('id', '=', batchId).where('kind', '=', kind).where('created_by', '=', actor.accountId).where('status', '=', 'new')
    .returning(['id', 'term_id', 'station_id']).executeTakeFirst();
  if (claimed) return { forRound: claimed.term_id !== null, stationId: claimed.station_id };
  const batch = await db.selectFrom('import_batch').select('status')
    .where('id', '=', batchId).where('kind', '=', kind).where('created_by', '=', actor.accountId).executeTakeFirst();
  if (!batch) throw new AppError('NOT_FOUND');
  throw new AppError('IMPORT_NOT_READY', { status: batch.status, statusLabel: IMPORT_STATUSES.labels[batch.status] });
}

/** The checks running in this process, by batch: a cancel or a stopping server aborts them. */
const running = new Map<number, AbortController>();

/** Stops the check of a batch if it runs in this process (a cancel; another server notices by the stamp). */
export function abortImport(batchId: number): void {
  running.get(batchId)?.abort(new AppError('IMPORT_CANCELLED'));
}

/** Stops every check running in this process: the server is stopping. Each batch fails with IMPORT_INTERRUPTED. */
export function abortAllImports(): void {
  for (const controller of running.values()) controller.abort(new AppError('IMPORT_INTERRUPTED'));
}

/** The batch is still being checked (not cancelled meanwhile); stamps it. */
async function stillParsing(db: Kysely<DB>, batchId: number, set: Record<string, unknown> = {}): Promise<boolean> {
  const result = await db.updateTable('import_batch').set({ ...set, parse_heartbeat_at: now() })
    .where('id', '=', batchId).where('status', '=', 'parsing').executeTakeFirst();
  return result.numUpdatedRows > 0n;
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
  const controller = new AbortController();
  running.set(batchId, controller);
  const heartbeat = setInterval(() => {
    stillParsing(db, batchId).then((parsing) => {
      if (!parsing) controller.abort(new AppError('IMPORT_CANCELLED'));
    }, () => { /* the next beat tries again */ });
  }, IMPORT_LIMITS.heartbeatMs);
  heartbeat.unref();
  let bytes = 0;
  let checker: RowChecker | null = null;
  let titleRows = 0;
  let total = 0;
  let chunk: SheetRow[] = [];
  let chunkChars = 0;

  const flush = async () => {
    if (!checker || chunk.length === 0) return;
    const checked = await checker.check(chunk);
    chunk = [];
    chunkChars = 0;
    const errorRows = checked.filter((c) => c.errors.length).length;
    const errorCount = checked.reduce((n, c) => n + c.errors.length, 0);
    await db.insertInto('import_row').values(checked.map((c) => ({
      batch_id: batchId, row_no: c.rowNo, data: JSON.stringify(c.data), errors: c.errors.length ? JSON.stringify(c.errors) : null,
    }))).execute();
    total += checked.length;
    const updated = await db.updateTable('import_batch').set((eb) => ({
      total_rows: total,
      error_rows: eb('error_rows', '+', errorRows),
      error_count: eb('error_count', '+', errorCount),
      bytes_received: bytes,
      parse_heartbeat_at: now(),
    })).where('id', '=', batchId).where('status', '=', 'parsing').executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new AppError('IMPORT_CANCELLED');
  };

  try {
    const rows = readSheet(file, {
      maxBytes: IMPORT_LIMITS.maxBytes, onBytes: (n) => { bytes = n; }, signal: controller.signal, workerMb: IMPORT_LIMITS.workerMb,
      limits: {
        maxCellChars: IMPORT_LIMITS.maxCellChars, maxRecordChars: IMPORT_LIMITS.maxRecordChars, maxBlankRows: IMPORT_LIMITS.maxBlankRows,
        xlsx: {
          maxUnpackedBytes: IMPORT_LIMITS.maxUnpackedBytes, maxSharedStringsBytes: IMPORT_LIMITS.maxSharedStringsBytes,
          maxXmlSegmentBytes: IMPORT_LIMITS.maxXmlSegmentBytes, maxEntries: IMPORT_LIMITS.maxZipEntries, maxCellChars: IMPORT_LIMITS.maxCellChars,
        },
      },
    });
    for await (const batch of rows) {
      for (const row of batch) {
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
        for (const cell of row.cells) chunkChars += cell.length;
        if (chunk.length >= IMPORT_LIMITS.chunkRows || chunkChars >= IMPORT_LIMITS.chunkChars) await flush();
      }
    }
    if (!checker) throw requiredHeaders(kind);
    await flush();
    if (total === 0) throw new AppError('IMPORT_FILE_EMPTY');
    if (!await stillParsing(db, batchId, { status: 'ready', parsed_at: now(), bytes_received: bytes })) throw new AppError('IMPORT_CANCELLED');
  } catch (err) {
    const failure: ImportFailure = err instanceof AppError ? { code: err.code, details: err.details } : { code: 'INTERNAL' };
    await db.deleteFrom('import_row').where('batch_id', '=', batchId).execute();
    // A batch cancelled meanwhile keeps its own failure.
    await db.updateTable('import_batch')
      .set({ status: 'failed', failure: JSON.stringify(failure), bytes_received: bytes, total_rows: 0, error_rows: 0, error_count: 0 })
      .where('id', '=', batchId).where('status', '=', 'parsing').execute();
    throw err;
  } finally {
    clearInterval(heartbeat);
    running.delete(batchId);
  }
}

/**
 * Fails the batches left `parsing` whose stamp is older than `staleMs` (or, with `ids`, those
 * of them): the server checking them crashed or was killed. Their staged rows are dropped; the
 * file can be uploaded again in a new batch. Returns how many.
 */
export async function failStalledImports(db: Kysely<DB>, ids?: number[]): Promise<number> {
  if (ids?.length === 0) return 0;
  const cutoff = new Date(nowMs() - IMPORT_LIMITS.staleMs);
  let q = db.updateTable('import_batch')
    .set({ status: 'failed', failure: JSON.stringify({ code: 'IMPORT_INTERRUPTED' } satisfies ImportFailure), total_rows: 0, error_rows: 0, error_count: 0 })
    .where('status', '=', 'parsing')
    .where((eb) => eb.or([eb('parse_heartbeat_at', '<', cutoff), eb.and([eb('parse_heartbeat_at', 'is', null), eb('created_at', '<', cutoff)])]));
  if (ids) q = q.where('id', 'in', ids);
  const failed = await q.returning('id').execute();
  if (failed.length) await db.deleteFrom('import_row').where('batch_id', 'in', failed.map((b) => b.id)).execute();
  return failed.length;
}
