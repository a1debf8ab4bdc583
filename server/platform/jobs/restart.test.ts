import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openPGlite, openPostgres, type Database } from '../db/engine.js';
import { migrateToLatest } from '../db/migrate.js';
import { adminQuery, createPostgresDatabase } from '../../testing/database.js';
import { enqueueJob } from './queue.js';
import { registerJobHandler } from './registry.js';
import { runDueJobs } from './runner.js';

const ran: number[] = [];
registerJobHandler('test.restart', async ({ job }) => { ran.push(job.id); });

/** A durable database that can be closed and opened again: a PGlite data directory, or a PostgreSQL database. */
async function durableDatabase(): Promise<{ open(): Promise<Database>; dispose(): Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const name = `lianxin_test_${process.pid}_restart_${randomBytes(3).toString('hex')}`;
    const url = await createPostgresDatabase(databaseUrl, name);
    return { open: () => openPostgres(url), dispose: () => adminQuery(databaseUrl, `drop database if exists "${name}" with (force)`) };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-jobs-'));
  return { open: () => openPGlite(dir), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

describe('durable jobs', () => {
  it('keeps enqueued jobs across a restart and runs them afterwards', async () => {
    const store = await durableDatabase();
    try {
      const runAt = new Date('2031-05-01T00:00:00Z');
      let database = await store.open();
      await migrateToLatest(database.db);
      const job = await database.db.transaction().execute((trx) => enqueueJob(trx, { kind: 'test.restart', runAt, dedupeKey: 'restart:1' }));
      await database.close();

      database = await store.open();
      try {
        assert.deepEqual(await migrateToLatest(database.db), [], 'nothing left to migrate');
        assert.equal((await runDueJobs(database.db, { workerId: 'before-due', now: new Date(runAt.getTime() - 1), kinds: ['test.restart'] })).done, 0);
        assert.deepEqual(await runDueJobs(database.db, { workerId: 'after-restart', now: runAt, kinds: ['test.restart'] }), { done: 1, retry: 0, failed: 0, lost: 0 });
        const row = await database.db.selectFrom('job').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
        assert.equal(row.done_at?.toISOString(), runAt.toISOString());
        assert.deepEqual(ran, [job.id]);
      } finally {
        await database.close();
      }
    } finally {
      await store.dispose();
    }
  });
});
