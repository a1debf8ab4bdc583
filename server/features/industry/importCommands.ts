/**
 * Committing a checked enterprise list: every staged row becomes a member enterprise of the
 * batch's contact point, in one transaction (the imports feature's). A code that became a member
 * since the preview makes the rows stale: nothing is written and the preview shows why.
 */
import { AuditAppender, recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { ImportBatch } from '../../platform/db/schemaImports.js';
import { AppError } from '../../platform/errors.js';
import { StaleImportError } from '../deputies/index.js';
import { requirePoint } from './commands.js';
import type { EnterpriseRowData } from './importRows.js';

export async function commitEnterpriseImport(ctx: WriteContext, batch: ImportBatch): Promise<number> {
  if (batch.station_id === null) throw new AppError('NOT_FOUND');
  await requirePoint(ctx.trx, ctx.actor, batch.station_id, 'manage');
  await recordAudit(ctx, {
    action: 'industry.enterprise_import', entityType: 'import_batch', entityId: batch.id,
    after: { batchId: batch.id, stationId: batch.station_id, filename: batch.filename, rows: batch.total_rows },
  });
  const staged = await ctx.trx.selectFrom('import_row').select(['row_no', 'data']).where('batch_id', '=', batch.id).orderBy('row_no').execute();
  const rows = staged.map((s) => ({ rowNo: s.row_no, d: s.data as unknown as EnterpriseRowData }));
  if (rows.length === 0) return 0;
  const header = batch.columns.find((c) => c.field === 'creditCode')?.header ?? '统一社会信用代码';
  const taken = new Map<string, { id: number; name: string }>();
  const codes = rows.map((r) => r.d.creditCode);
  for (let i = 0; i < codes.length; i += 500) {
    const found = await ctx.trx.selectFrom('industry_enterprise').select(['id', 'name', 'credit_code'])
      .where('station_id', '=', batch.station_id).where('credit_code', 'in', codes.slice(i, i + 500)).execute();
    for (const e of found) taken.set(e.credit_code, { id: e.id, name: e.name });
  }
  const stale = rows.filter((r) => taken.has(r.d.creditCode)).map((r) => ({
    rowNo: r.rowNo, errors: [{ column: header, code: 'DUPLICATE_EXISTING', value: r.d.creditCode, details: taken.get(r.d.creditCode)! }],
  }));
  if (stale.length) throw new StaleImportError(stale);
  const audit = new AuditAppender(ctx);
  for (let i = 0; i < rows.length; i += 1000) {
    const slice = rows.slice(i, i + 1000);
    const created = await ctx.trx.insertInto('industry_enterprise').values(slice.map(({ d }) => ({
      station_id: batch.station_id!, name: d.name, credit_code: d.creditCode, industry: d.industry, address: d.address,
      contact_name: d.contactName, contact_phone: d.contactPhone, created_by_account_id: ctx.actor.accountId || null,
    }))).returning(['id', 'name', 'credit_code', 'industry']).execute();
    await audit.append(created.map((e) => ({
      action: 'industry.enterprise_create', entityType: 'industry_enterprise', entityId: e.id,
      after: { stationId: batch.station_id, name: e.name, creditCode: e.credit_code, industry: e.industry },
    })));
  }
  return rows.length;
}
