import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openPGlite } from './engine.js';

describe('PGlite with fsync (LIANXIN_PGLITE_FSYNC)', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-fsync-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs PostgreSQL with fsync on, flushing the WAL with fsync, and the data reopens without it', async () => {
    const synced = await openPGlite(dir, undefined, 8, true);
    try {
      const { rows } = await sql<{ fsync: string; method: string }>`select current_setting('fsync') as fsync, current_setting('wal_sync_method') as method`.execute(synced.db);
      assert.deepEqual(rows, [{ fsync: 'on', method: 'fsync' }]);
      await sql`create table kept (v text)`.execute(synced.db);
      await sql`insert into kept values ('持久')`.execute(synced.db);
    } finally {
      await synced.close();
    }
    const plain = await openPGlite(dir, undefined, 8, false);
    try {
      const { rows } = await sql<{ fsync: string; v: string }>`select current_setting('fsync') as fsync, v from kept`.execute(plain.db);
      assert.deepEqual(rows, [{ fsync: 'off', v: '持久' }]);
    } finally {
      await plain.close();
    }
  });
});
