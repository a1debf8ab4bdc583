import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { FileStore, ListedFile } from './store.js';

/**
 * Every column that names a stored file by its content hash. A table that keeps files adds its
 * column here, or the sweep would take its files for orphans.
 */
export const FILE_REFERENCES: readonly { table: string; column: string }[] = [
  { table: 'opinion_photo', column: 'sha256' },
  { table: 'activity_file', column: 'sha256' },
  { table: 'opinion_reply_attachment', column: 'sha256' },
  { table: 'suggestion_attachment', column: 'sha256' },
  { table: 'livelihood_photo', column: 'sha256' },
  { table: 'budget_report_file', column: 'sha256' },
  { table: 'consultation_document', column: 'sha256' },
  { table: 'cross_province_file', column: 'sha256' },
  { table: 'mediation', column: 'agreement_sha256' },
];

/** How old an unreferenced file must be before the sweep removes it. */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;

/** The hashes among `hashes` that some row names. */
async function referenced(db: Kysely<DB> | Transaction<DB>, hashes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const { table, column } of FILE_REFERENCES) {
    const rows = await sql<{ h: string }>`select distinct ${sql.ref(column)} as h from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(hashes)})`.execute(db);
    for (const r of rows.rows) found.add(r.h);
  }
  return found;
}

/**
 * Removes stored files that no row names and that were last stored more than a day ago. A file is
 * written before the row that names it commits, and storing existing content again refreshes its
 * time, so a file can be an orphan only when its transaction rolled back (or a row was deleted).
 * Ages are the files' own times against the machine's clock, not the domain clock.
 */
export async function sweepUnreferencedFiles(db: Kysely<DB> | Transaction<DB>, store: FileStore, wallNow: Date): Promise<number> {
  const cutoff = wallNow.getTime() - ORPHAN_GRACE_MS;
  let removed = 0;
  let batch: ListedFile[] = [];
  const flush = async () => {
    const keep = await referenced(db, batch.map((f) => f.sha256));
    for (const f of batch) {
      if (!keep.has(f.sha256)) {
        await store.delete(f.sha256);
        removed++;
      }
    }
    batch = [];
  };
  for await (const f of store.list()) {
    if (f.modifiedAt.getTime() >= cutoff) continue;
    batch.push(f);
    if (batch.length >= 500) await flush();
  }
  if (batch.length) await flush();
  return removed;
}
