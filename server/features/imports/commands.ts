import { sql, type Kysely, type Transaction } from 'kysely';
import { IMPORT_STATUSES } from '../../../common/importVocabulary.js';
import type { DB } from '../../platform/db/schema.js';
import type { ImportKind } from '../../platform/db/schemaImports.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/access/actor.js';
import { commitDeputyImport, StaleImportError } from '../deputies/index.js';
import { requireRoundTerm } from '../terms/index.js';
import { commitStationImport } from '../stations/index.js';
import { commitEnterpriseImport, requirePoint } from '../industry/index.js';
import { now } from '../../platform/clock.js';
import { abortImport, failStalledImports } from '../../platform/tables/stage.js';

/**
 * A new import, waiting for its file. The staging tables are a scratch pad of their creator:
 * nothing in the registers changes, and nothing is audited, until the commit.
 */
export async function createImportBatch(
  db: Kysely<DB>, actor: Actor, kind: ImportKind, filename: string, termId: number | null = null, stationId: number | null = null,
): Promise<number> {
  if (termId !== null) await requireRoundTerm(db, actor, termId);
  // Member enterprises join one industry contact point, which the importer must run.
  if (kind === 'enterprises') await db.transaction().execute((trx) => requirePoint(trx, actor, stationId ?? 0, 'manage'));
  const { id } = await db.insertInto('import_batch')
    .values({ kind, filename, created_by: actor.accountId, term_id: termId, station_id: kind === 'enterprises' ? stationId : null }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** How long an uncommitted import keeps its staged rows. */
export const IMPORT_KEEP_DAYS = 7;

/**
 * Daily housekeeping: an import not committed within `IMPORT_KEEP_DAYS` of its creation —
 * checked and left, or cut off mid-upload by a restart — loses its staged rows and fails with
 * `IMPORT_EXPIRED`, which its creator is told on coming back to it (the batch and a commit say so). The batch itself stays, with its
 * file name and counts. Returns how many batches expired.
 */
export async function expireImports(trx: Transaction<DB>, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - IMPORT_KEEP_DAYS * 24 * 3600 * 1000);
  const expired = await trx.updateTable('import_batch')
    .set({ status: 'failed', failure: JSON.stringify({ code: 'IMPORT_EXPIRED', details: { days: IMPORT_KEEP_DAYS } }) })
    .where('status', 'in', ['new', 'parsing', 'ready']).where('created_at', '<', cutoff)
    .returning('id').execute();
  if (expired.length) await trx.deleteFrom('import_row').where('batch_id', 'in', expired.map((b) => b.id)).execute();
  return expired.length;
}

/**
 * Cancels an import not yet committed: one being checked stops at once (the parsing worker is
 * terminated; on another server, at its next stamp), and one waiting or checked is dropped. The
 * batch fails with IMPORT_CANCELLED and loses its staged rows. Nothing is audited: the staging
 * tables are their creator's scratch pad.
 */
export async function cancelImport(db: Kysely<DB>, actor: Actor, kind: ImportKind, batchId: number): Promise<void> {
  const cancelled = await db.transaction().execute(async (trx) => {
    const batch = await trx.updateTable('import_batch')
      .set({ status: 'failed', failure: JSON.stringify({ code: 'IMPORT_CANCELLED' }), total_rows: 0, error_rows: 0, error_count: 0 })
      .where('id', '=', batchId).where('kind', '=', kind).where('created_by', '=', actor.accountId).where('status', 'in', ['new', 'parsing', 'ready'])
      .returning('id').executeTakeFirst();
    if (batch) await trx.deleteFrom('import_row').where('batch_id', '=', batchId).execute();
    return batch !== undefined;
  });
  if (cancelled) {
    abortImport(batchId);
    return;
  }
  const batch = await db.selectFrom('import_batch').select('status')
    .where('id', '=', batchId).where('kind', '=', kind).where('created_by', '=', actor.accountId).executeTakeFirst();
  if (!batch) throw new AppError('NOT_FOUND');
  throw new AppError('IMPORT_NOT_READY', { status: batch.status, statusLabel: IMPORT_STATUSES.labels[batch.status] });
}

/** Daily housekeeping too: imports whose check was cut off by a crash and not yet noticed. */
export async function failInterruptedImports(trx: Transaction<DB>): Promise<number> {
  return failStalledImports(trx);
}

/** Writes the problems the commit found into the staged rows, so the preview shows them. */
async function recordStaleRows(db: Kysely<DB>, batchId: number, stale: StaleImportError['rows']): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < stale.length; i += 1000) {
      const part = stale.slice(i, i + 1000);
      await sql`update import_row r set errors = v.errors::jsonb
        from (values ${sql.join(part.map((s) => sql`(${s.rowNo}::int, ${JSON.stringify(s.errors)})`))}) as v(row_no, errors)
        where r.batch_id = ${batchId} and r.row_no = v.row_no`.execute(trx);
    }
    await sql`update import_batch b set
        error_rows = (select count(*) from import_row r where r.batch_id = b.id and r.errors is not null),
        error_count = (select coalesce(sum(jsonb_array_length(r.errors)), 0) from import_row r where r.batch_id = b.id and r.errors is not null)
      where b.id = ${batchId}`.execute(trx);
  });
}

/**
 * Commits a ready batch without errors, all or nothing: one transaction creates every record,
 * with the audit records, and marks the batch committed. If anything fails nothing is written;
 * rows found no longer valid (a station deactivated since the preview) get their errors in
 * the preview and the batch stays `ready` with errors, so it cannot be committed as it is.
 */
export async function commitImport(db: Kysely<DB>, actor: Actor, ip: string | null, kind: ImportKind, batchId: number): Promise<number> {
  try {
    return await db.transaction().execute(async (trx) => {
      const batch = await trx.selectFrom('import_batch').selectAll()
        .where('id', '=', batchId).where('kind', '=', kind).where('created_by', '=', actor.accountId)
        .forUpdate().executeTakeFirst();
      if (!batch) throw new AppError('NOT_FOUND');
      if (batch.failure?.code === 'IMPORT_EXPIRED') throw new AppError('IMPORT_EXPIRED', batch.failure.details);
      if (batch.status !== 'ready') throw new AppError('IMPORT_NOT_READY', { status: batch.status, statusLabel: IMPORT_STATUSES.labels[batch.status] });
      if (batch.error_rows > 0) throw new AppError('IMPORT_HAS_ERRORS', { errorRows: batch.error_rows });
      if (batch.term_id !== null) throw new AppError('IMPORT_FOR_ROUND', { termId: batch.term_id });
      const ctx = { trx, actor, ip };
      const created = kind === 'deputies' ? await commitDeputyImport(ctx, batch)
        : kind === 'enterprises' ? await commitEnterpriseImport(ctx, batch) : await commitStationImport(ctx, batch);
      // The staged rows have served; the batch keeps its counts and the audit log the records.
      await trx.deleteFrom('import_row').where('batch_id', '=', batchId).execute();
      await trx.updateTable('import_batch').set({ status: 'committed', committed_at: now(), created_count: created })
        .where('id', '=', batchId).execute();
      return created;
    });
  } catch (err) {
    if (!(err instanceof StaleImportError)) throw err;
    await recordStaleRows(db, batchId, err.rows);
    throw new AppError('IMPORT_STALE', { errorRows: err.rows.length });
  }
}
