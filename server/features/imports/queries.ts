import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { ImportKind } from '../../platform/db/schemaImports.js';
import { AppError, type Lang } from '../../platform/errors.js';
import { decodeCursor, isIdCursor, toPage } from '../../platform/paging.js';
import type { Actor } from '../../platform/access/actor.js';
import { failStalledImports } from '../../platform/tables/stage.js';
import { presentBatch, presentRowErrors, type ImportBatchView } from './presenter.js';

/**
 * A batch of the caller's own: someone else's answers 404 like a missing one. A batch still
 * `parsing` whose check was cut off by a crash (its stamp gone stale) is failed first, so a
 * client polling it learns so within a minute.
 */
export async function getImportBatch(db: Kysely<DB>, actor: Actor, kind: ImportKind, id: number, lang: Lang): Promise<ImportBatchView> {
  const read = () => db.selectFrom('import_batch').selectAll()
    .where('id', '=', id).where('kind', '=', kind).where('created_by', '=', actor.accountId).executeTakeFirst();
  let batch = await read();
  if (!batch) throw new AppError('NOT_FOUND');
  if (batch.status === 'parsing' && await failStalledImports(db, [id])) batch = (await read())!;
  return presentBatch(batch, lang);
}

/** A page of a batch's staged rows in sheet order, or only those with errors. */
export async function listImportRows(
  db: Kysely<DB>, actor: Actor, kind: ImportKind, id: number, lang: Lang,
  f: { errors?: boolean; limit: number; cursor?: string },
) {
  await getImportBatch(db, actor, kind, id, lang);
  const after = decodeCursor(f.cursor, isIdCursor);
  let q = db.selectFrom('import_row').select(['row_no', 'data', 'errors'])
    .where('batch_id', '=', id).orderBy('row_no').limit(f.limit + 1);
  if (f.errors) q = q.where('errors', 'is not', null);
  if (after !== null) q = q.where('row_no', '>', after);
  const rows = await q.execute();
  return toPage(rows, f.limit, (r) => r.row_no, (r) => ({
    row: r.row_no, data: r.data, errors: presentRowErrors(r.errors ?? [], lang),
  }));
}
