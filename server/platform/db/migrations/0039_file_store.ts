import { sql, type Kysely } from 'kysely';
import { fileStore } from '../../files/index.js';

/**
 * Uploaded files' bytes leave the database for the file store (platform/files: DATA_DIR/files or
 * an S3-compatible bucket). Each table keeps the file's metadata and its SHA-256, which is now the
 * key to its bytes; the bytea columns go. The store is the process's (main.ts chooses it from the
 * configuration before migrating), so the bytes land where the server will look for them.
 *
 * Every row's bytes are stored (and their hash recomputed from them) before the column is
 * dropped, in batches so that memory stays small. `down` reads the bytes back into bytea columns;
 * it deletes nothing from the store, which other copies of the database may still use.
 */
const TABLES = [
  { table: 'opinion_photo', bytes: 'bytes', hash: 'sha256', size: 'size', mime: 'mime', nullable: false },
  { table: 'activity_file', bytes: 'bytes', hash: 'sha256', size: 'size', mime: 'mime', nullable: false },
  { table: 'opinion_reply_attachment', bytes: 'bytes', hash: 'sha256', size: 'size', mime: 'mime', nullable: false },
  { table: 'suggestion_attachment', bytes: 'bytes', hash: 'sha256', size: 'size', mime: 'mime', nullable: false },
  { table: 'livelihood_photo', bytes: 'bytes', hash: 'sha256', size: 'size', mime: 'mime', nullable: false },
  { table: 'budget_report_file', bytes: 'bytes', hash: 'sha256', size: 'size', mime: 'mime', nullable: false },
  { table: 'consultation_document', bytes: 'bytes', hash: 'sha256', size: 'size', mime: 'mime', nullable: false },
  { table: 'cross_province_file', bytes: 'bytes', hash: 'sha256', size: 'size', mime: 'mime', nullable: false },
  { table: 'mediation', bytes: 'agreement_bytes', hash: 'agreement_sha256', size: 'agreement_size', mime: 'agreement_mime', nullable: true },
] as const;

/** Rows per batch: up to 10 MB each. */
const BATCH = 16;

type Row = { id: number | string; bytes: Uint8Array | null; hash: string | null; mime: string | null };

export async function up(db: Kysely<unknown>): Promise<void> {
  const store = fileStore();
  for (const t of TABLES) {
    let last: number | string = 0;
    for (;;) {
      const { rows } = await sql<Row>`select id, ${sql.ref(t.bytes)} as bytes, ${sql.ref(t.hash)} as hash, ${sql.ref(t.mime)} as mime
        from ${sql.table(t.table)} where id > ${last} and ${sql.ref(t.bytes)} is not null order by id limit ${BATCH}`.execute(db);
      if (!rows.length) break;
      for (const r of rows) {
        const stored = await store.put(r.bytes!, r.mime ?? 'application/octet-stream');
        if (stored.sha256 !== r.hash) {
          await sql`update ${sql.table(t.table)} set ${sql.ref(t.hash)} = ${stored.sha256}, ${sql.ref(t.size)} = ${stored.size} where id = ${r.id}`.execute(db);
        }
      }
      last = rows.at(-1)!.id;
    }
    if (t.table === 'mediation') {
      await sql`alter table mediation drop constraint mediation_check1`.execute(db);
    }
    await sql`alter table ${sql.table(t.table)} drop column ${sql.ref(t.bytes)}`.execute(db);
    await sql.raw(`alter table ${t.table} add constraint ${t.table}_file_hash_check check (${t.hash} ~ '^[0-9a-f]{64}$')`).execute(db);
    await sql.raw(`create index ${t.table}_file_hash_idx on ${t.table} (${t.hash})${t.nullable ? ` where ${t.hash} is not null` : ''}`).execute(db);
  }
  await sql`alter table mediation add constraint mediation_agreement_file_check check ((agreement_sha256 is null) = (agreement_name is null))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const store = fileStore();
  await sql`alter table mediation drop constraint mediation_agreement_file_check`.execute(db);
  for (const t of [...TABLES].reverse()) {
    await sql.raw(`drop index ${t.table}_file_hash_idx`).execute(db);
    await sql.raw(`alter table ${t.table} drop constraint ${t.table}_file_hash_check`).execute(db);
    await sql.raw(`alter table ${t.table} add column ${t.bytes} bytea`).execute(db);
    let last: number | string = 0;
    for (;;) {
      const { rows } = await sql<{ id: number | string; hash: string }>`select id, ${sql.ref(t.hash)} as hash
        from ${sql.table(t.table)} where id > ${last} and ${sql.ref(t.hash)} is not null order by id limit ${BATCH}`.execute(db);
      if (!rows.length) break;
      for (const r of rows) {
        await sql`update ${sql.table(t.table)} set ${sql.ref(t.bytes)} = ${await store.get(r.hash)} where id = ${r.id}`.execute(db);
      }
      last = rows.at(-1)!.id;
    }
    if (t.nullable) {
      await sql`alter table mediation add constraint mediation_check1 check ((agreement_bytes is null) = (agreement_name is null))`.execute(db);
    } else {
      await sql.raw(`alter table ${t.table} alter column ${t.bytes} set not null`).execute(db);
    }
  }
}
