import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { fileStore, FsFileStore } from '../files/index.js';
import { runDueJobs } from './runner.js';

describe('daily maintenance', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(() => t.close());

  it('forgets idempotency keys after a day and plans the next run', async () => {
    const db = t.database.db;
    const station = await db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow();
    const category = await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow();
    const res = await t.app.inject({
      method: 'POST', url: '/api/public/opinions', headers: { 'idempotency-key': 'maintenance-test-1' },
      payload: { stationId: station.id, categoryId: category.id, content: '维护测试' },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((await db.selectFrom('idempotency').select('key').execute()).length, 1);
    await runDueJobs(db, { workerId: 'test', now: new Date(Date.now() + 2 * 86_400_000 + 3600_000) });
    assert.equal((await db.selectFrom('idempotency').select('key').execute()).length, 0);
    const pending = await db.selectFrom('job').select(['run_at']).where('kind', '=', 'maintenance.daily').where('done_at', 'is', null).execute();
    assert.equal(pending.length, 1, 'the next run is planned');
    assert.ok(pending[0]!.run_at.getTime() > Date.now() + 2 * 86_400_000);
  });

  it('clears the staged rows of imports left uncommitted for a week, and says so to their creator', async () => {
    const db = t.database.db;
    const clerk = await db.selectFrom('account').select('id').where('username', '=', 'pinggui').executeTakeFirstOrThrow();
    const now = Date.now();
    const batch = async (status: 'ready' | 'parsing' | 'committed', daysAgo: number) => {
      const { id } = await db.insertInto('import_batch')
        .values({ kind: 'deputies', filename: `${status}-${daysAgo}.xlsx`, status, total_rows: 2, created_by: clerk.id, created_at: new Date(now - daysAgo * 86_400_000) })
        .returning('id').executeTakeFirstOrThrow();
      await db.insertInto('import_row').values([1, 2].map((n) => ({ batch_id: id, row_no: n + 1, data: JSON.stringify({ n }), errors: null }))).execute();
      return id;
    };
    const left = await batch('ready', 8);
    const cutOff = await batch('parsing', 9);
    const recent = await batch('ready', 1);
    const done = await batch('committed', 30);
    // The previous test's run planned the next one; four days on it is due.
    await runDueJobs(t.database.db, { workerId: 'test', now: new Date(now + 4 * 86_400_000) });

    const rowsOf = async (id: number) => (await db.selectFrom('import_row').select('row_no').where('batch_id', '=', id).execute()).length;
    for (const id of [left, cutOff]) {
      const b = await db.selectFrom('import_batch').select(['status', 'failure', 'total_rows']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(b.status, 'failed');
      assert.deepEqual(b.failure, { code: 'IMPORT_EXPIRED', details: { days: 7 } });
      assert.equal(await rowsOf(id), 0);
    }
    // Still within its week (the job ran four days on, so this one is five days old): kept.
    assert.equal((await db.selectFrom('import_batch').select('status').where('id', '=', recent).executeTakeFirstOrThrow()).status, 'ready');
    assert.equal(await rowsOf(recent), 2);
    assert.equal((await db.selectFrom('import_batch').select('status').where('id', '=', done).executeTakeFirstOrThrow()).status, 'committed');

    // The creator sees why, in their language.
    const res = await (await signIn(t.app, 'pinggui')).get(`/api/imports/deputies/${left}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().failure.code, 'IMPORT_EXPIRED');
    assert.match(res.json().failure.message, /超过 7 天未提交/);
    const commit = await (await signIn(t.app, 'pinggui')).post(`/api/imports/deputies/${left}/commit`);
    assert.equal(commit.statusCode, 410, commit.body);
    assert.equal(commit.json().error.code, 'IMPORT_EXPIRED');
  });

  it('removes what a crash left half-written in the file store a day on, and keeps a file being written', async () => {
    const store = fileStore();
    assert.ok(store instanceof FsFileStore, 'the tests store files on disk');
    const tmp = path.join(store.dir, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const [inFlight, stale] = ['in-flight', 'stale'].map((n) => path.join(tmp, `maintenance-${process.pid}.${n}`)) as [string, string];
    writeFileSync(inFlight, 'being written');
    writeFileSync(stale, 'half');
    // Two days older than the file being written, by the file system's clock.
    const old = new Date(statSync(inFlight).mtimeMs - 2 * 86_400_000);
    utimesSync(stale, old, old);
    // The run planned by the one before is due eight days on.
    await runDueJobs(t.database.db, { workerId: 'test', now: new Date(Date.now() + 8 * 86_400_000) });
    assert.equal(existsSync(stale), false);
    assert.equal(existsSync(inFlight), true);
    rmSync(inFlight);
  });
});
