import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../testing/harness.js';
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
});
