/**
 * Committing a checked station list: each row goes through `createStation`, so every rule and
 * audit record of a station created by hand applies. A list is at most a few thousand rows,
 * which the command handles in seconds. Parents named by an earlier row get that row's new id.
 */
import { recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { ImportBatch, ImportRowError } from '../../platform/db/schemaImports.js';
import { AppError } from '../../platform/errors.js';
import type { StationRowData } from './importRows.js';
import { ref, stationVisible } from '../../platform/access/scope.js';
import { createStation } from './commands.js';
import { StaleImportError } from '../deputies/index.js';

/** A command's field error, as the row error the preview would have shown. */
function rowError(batch: ImportBatch, field: { path: string; code: string }, d: StationRowData): ImportRowError | null {
  const header = (f: string, fallback: string) => batch.columns.find((c) => c.field === f)?.header ?? fallback;
  if (field.path === 'homeRegionCode') return { column: header('region', '所在区划'), code: 'REGION_UNKNOWN', value: d.region?.name ?? '' };
  if (field.path === 'parentId') return { column: header('parent', '上级站点'), code: 'PARENT_UNKNOWN', value: d.parent?.name ?? '' };
  return null;
}

export async function commitStationImport(ctx: WriteContext, batch: ImportBatch): Promise<number> {
  const { trx } = ctx;
  await recordAudit(ctx, {
    action: 'station.import', entityType: 'import_batch', entityId: batch.id,
    after: { batchId: batch.id, filename: batch.filename, rows: batch.total_rows },
  });
  const staged = await trx.selectFrom('import_row').select(['row_no', 'data']).where('batch_id', '=', batch.id).orderBy('row_no').execute();
  const rows = staged.map((s) => ({ rowNo: s.row_no, d: s.data as unknown as StationRowData }));

  // A station of the same name and place that someone created since the preview.
  const names = [...new Set(rows.map(({ d }) => d.name))];
  const existing = new Set<string>();
  for (let i = 0; i < names.length; i += 500) {
    const found = await trx.selectFrom('station as s').select(['s.name', 's.home_region_code'])
      .where('s.name', 'in', names.slice(i, i + 500)).where(stationVisible(ctx.actor, ref('s.id'))).execute();
    for (const s of found) existing.add(`${s.name}\u0000${s.home_region_code}`);
  }
  const column = batch.columns.find((c) => c.field === 'name')?.header ?? '站点名称';
  const stale = rows.filter(({ d }) => existing.has(`${d.name}\u0000${d.region!.code}`))
    .map(({ rowNo, d }) => ({ rowNo, errors: [{ column, code: 'DUPLICATE_EXISTING', value: d.name, details: { name: d.name } }] }));
  if (stale.length) throw new StaleImportError(stale);

  const createdByRow = new Map<number, number>();
  for (const { rowNo, d } of rows) {
    const parentId = d.parent ? (d.parent.row !== null ? createdByRow.get(d.parent.row)! : d.parent.id) : null;
    try {
      const id = await createStation(ctx, {
        name: d.name, type: d.type!, tier: d.tier!, parentId, homeRegionCode: d.region!.code, memberRegionCodes: [],
        address: d.address, phone: d.phone, openingHours: d.openingHours,
        receptionSchedule: { weekdays: [], monthDays: [], hours: '', note: '' }, checklist: {},
        grade: null, stars: null, description: d.description,
      });
      createdByRow.set(rowNo, id);
    } catch (err) {
      // The command refused a row the preview passed: the world changed in between.
      const errors = err instanceof AppError && err.code === 'VALIDATION_FAILED'
        ? (err.fields ?? []).map((f) => rowError(batch, f, d)) : [];
      if (errors.length && errors.every((e) => e !== null)) throw new StaleImportError([{ rowNo, errors: errors as ImportRowError[] }]);
      throw err;
    }
  }
  return createdByRow.size;
}
