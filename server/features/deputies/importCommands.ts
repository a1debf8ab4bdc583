/**
 * Committing a checked roster: every staged row becomes a deputy, in one transaction.
 *
 * `createDeputy` costs about fifteen statements a deputy (its lookups, three tables, an audit
 * record with its lock and snapshot), which is minutes for a county's 100 000-row roster. So
 * the rows go in a thousand at a time, through the same rules set-wise: the region must still
 * be one the importer manages, each station one they can see and still active (locked against
 * deactivation until commit), nobody registered since the preview may be the same person. The
 * rows written are those `createDeputy` writes: the deputy, its levels, its memberships and a
 * `deputy.create` audit record with the same snapshot (checked by a test against the command).
 */
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { AuditAppender, recordAudit, type WriteContext } from '../../platform/audit/audit.js';
import type { ImportBatch, ImportRowError } from '../../platform/db/schemaImports.js';
import { regionManageable, deputyVisible, ref, stationVisible } from '../../platform/access/scope.js';
import { personKeys, type DeputyRowData } from './importRows.js';
import { AppError } from '../../platform/errors.js';
import { now as clockNow } from '../../platform/clock.js';

const CHUNK = 1000;

/** Rows that were fine at the preview and are not any more; the transaction is rolled back. */
export class StaleImportError extends Error {
  constructor(readonly rows: { rowNo: number; errors: ImportRowError[] }[]) {
    super(`${rows.length} import rows no longer valid`);
  }
}

/** Inserts in slices, keeping each statement under PostgreSQL's 65 535 parameters. */
async function insertSliced<T>(rows: T[], size: number, insert: (slice: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function commitDeputyImport(ctx: WriteContext, batch: ImportBatch): Promise<number> {
  const { trx } = ctx;
  // The import's own record first: it takes the audit chain's lock for the rest of the transaction.
  await recordAudit(ctx, {
    action: 'deputy.import', entityType: 'import_batch', entityId: batch.id,
    after: { batchId: batch.id, filename: batch.filename, rows: batch.total_rows },
  });
  const audit = new AuditAppender(ctx);
  const stations = new Map<number, 'ok' | 'STATION_UNKNOWN' | 'STATION_INACTIVE'>();
  const regionPaths = new Map<string, string | null>();
  const created = new Set<number>();
  const stale: { rowNo: number; errors: ImportRowError[] }[] = [];
  let after = 0;
  const header = (field: string, fallback: string) => batch.columns.find((c) => c.field === field)?.header ?? fallback;

  for (;;) {
    // PGlite answers within the same turn of the event loop: without this pause a long commit
    // would keep the server from answering anything else, even requests that need no database.
    await setImmediatePromise();
    const staged = await trx.selectFrom('import_row').select(['row_no', 'data'])
      .where('batch_id', '=', batch.id).where('row_no', '>', after).orderBy('row_no').limit(CHUNK).execute();
    if (staged.length === 0) break;
    after = staged.at(-1)!.row_no;
    const rows = staged.map((s) => ({ rowNo: s.row_no, d: s.data as unknown as DeputyRowData }));

    // Regions: still within the importer's subtree (an account can be re-scoped meanwhile).
    const codes = [...new Set(rows.flatMap(({ d }) => [d.region!.code, ...d.levels.flatMap((l) => (l.regionCode ? [l.regionCode] : []))]))]
      .filter((c) => !regionPaths.has(c));
    if (codes.length) {
      const found = await trx.selectFrom('region').select(['code', 'path']).where('code', 'in', codes).execute();
      for (const c of codes) regionPaths.set(c, found.find((f) => f.code === c)?.path ?? null);
    }
    // Stations: still visible and active, and kept so until commit (`for share` holds off a deactivation).
    const ids = [...new Set(rows.flatMap(({ d }) => d.stations.map((s) => s.id)))].filter((id) => !stations.has(id));
    if (ids.length) {
      const found = await trx.selectFrom('station as s').select(['s.id', 's.active'])
        .where('s.id', 'in', ids).where(stationVisible(ctx.actor, ref('s.id'))).forShare().execute();
      for (const id of ids) {
        const s = found.find((f) => f.id === id);
        stations.set(id, !s ? 'STATION_UNKNOWN' : s.active ? 'ok' : 'STATION_INACTIVE');
      }
    }
    // The same person registered by someone else since the preview.
    const names = [...new Set(rows.map(({ d }) => d.name))];
    const existing = new Map<string, { id: number; name: string }>();
    const found = await trx.selectFrom('deputy as d').select(['d.id', 'd.name', 'd.phone', 'd.birth_year'])
      .where('d.name', 'in', names).where(deputyVisible(ctx.actor, ref('d.id'), ref('d.region_path'))).execute();
    for (const d of found) {
      if (created.has(d.id)) continue;
      for (const key of personKeys({ name: d.name, phone: d.phone, birthYear: d.birth_year })) existing.set(key, { id: d.id, name: d.name });
    }

    for (const { rowNo, d } of rows) {
      const errors: ImportRowError[] = [];
      const path = regionPaths.get(d.region!.code);
      if (!path || !regionManageable(ctx.actor, path)) errors.push({ column: header('region', '所属区划'), code: 'REGION_UNKNOWN', value: d.region!.name });
      for (const l of d.levels) {
        if (l.regionCode && !regionPaths.get(l.regionCode)) errors.push({ column: header('levels', '代表层级'), code: 'REGION_UNKNOWN', value: l.regionCode });
      }
      for (const s of d.stations) {
        const state = stations.get(s.id);
        if (state !== 'ok') errors.push({ column: header('stations', '所在联络站'), code: state ?? 'STATION_UNKNOWN', value: s.name });
      }
      const dup = personKeys(d).map((k) => existing.get(k)).find(Boolean);
      if (dup) errors.push({ column: header('name', '姓名'), code: 'DUPLICATE_EXISTING', value: d.name, details: { id: dup.id, name: dup.name } });
      if (errors.length) stale.push({ rowNo, errors });
    }
    // Once anything is stale nothing will be kept: check the rest, write no more.
    if (stale.length) continue;

    const now = clockNow();
    const inserted = await trx.insertInto('deputy').values(rows.map(({ d }) => ({
      name: d.name, name_pinyin: d.namePinyin, name_initials: d.nameInitials, gender: d.gender!, ethnicity: d.ethnicity,
      party: d.party, birth_year: d.birthYear, phone: d.phone, status: d.status, special_liaison: false,
      region_code: d.region!.code, region_path: regionPaths.get(d.region!.code)!, constituency: d.constituency,
      profession_tags: d.professionTags, occupation: d.occupation, grid_cell: d.gridCell, updated_at: now,
    }))).returningAll().execute();
    // PostgreSQL returns the rows of a multi-row VALUES insert in order; make sure before linking.
    if (inserted.length !== rows.length || inserted.some((row, i) => row.name !== rows[i]!.d.name || row.phone !== rows[i]!.d.phone)) {
      throw new AppError('INTERNAL', { reason: 'insert order' });
    }
    inserted.forEach((row) => created.add(row.id));

    const levels = rows.flatMap(({ d }, i) => d.levels.map((l) => ({ deputy_id: inserted[i]!.id, level: l.level, term: l.term, region_code: l.regionCode })));
    await insertSliced(levels, 5000, (slice) => trx.insertInto('deputy_level').values(slice).execute());
    const members = rows.flatMap(({ d }, i) => d.stations.map((s) => ({ deputy_id: inserted[i]!.id, station_id: s.id, role: s.role })));
    await insertSliced(members, 5000, (slice) => trx.insertInto('deputy_station').values(slice).execute());

    // The snapshot createDeputy records: the row, then levels by level and stations by id.
    await audit.append(rows.map(({ d }, i) => {
      const row = inserted[i]!;
      return {
        action: 'deputy.create', entityType: 'deputy', entityId: row.id,
        after: {
          ...row,
          levels: d.levels.map((l) => ({ level: l.level, term: l.term, region_code: l.regionCode }))
            .sort((a, b) => (a.level < b.level ? -1 : a.level > b.level ? 1 : 0)),
          stations: d.stations.map((s) => ({ station_id: s.id, role: s.role })).sort((a, b) => a.station_id - b.station_id),
        },
      };
    }));
  }
  if (stale.length) throw new StaleImportError(stale);
  return created.size;
}
