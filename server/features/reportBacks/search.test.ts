/**
 * The report-back list's search (?q=) takes the term literally: LIKE's `%` and `_` in it match
 * only themselves, in the title as in the deputy's name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { now } from '../../platform/clock.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

describe('report-back search', () => {
  let t: TestApp;
  let officer: Client;

  before(async () => {
    t = await startTestApp();
    officer = await signIn(t.app, 'huangtian');
    const gonghe = await idOf(t.database.db, 'station', '平桂区黄田镇公和村人大代表联络点');
    const wangId = await idOf(t.database.db, 'deputy', '王惠敏');
    const startsAt = new Date(now().getTime() + 86_400_000).toISOString();
    for (const title of ['入户率100%述职', '入户1000户述职', '述职_甲', '述职乙']) {
      const res = await officer.post('/api/report-backs', { deputyId: wangId, stationId: gonghe, startsAt, title });
      assert.equal(res.statusCode, 201, res.body);
    }
  });
  after(() => t.close());

  const titles = async (q: string) => (await officer.get(`/api/report-backs?limit=100&q=${encodeURIComponent(q)}`))
    .json<{ items: { title: string }[] }>().items.map((i) => i.title).sort();

  it('matches % and _ in the term literally', async () => {
    assert.deepEqual(await titles('100%'), ['入户率100%述职']);
    assert.deepEqual(await titles('述职_'), ['述职_甲']);
    assert.deepEqual(await titles('_'), ['述职_甲']);
    assert.deepEqual(await titles('%'), ['入户率100%述职']);
  });

  it('still finds a plain term anywhere in the title', async () => {
    assert.deepEqual(await titles('1000'), ['入户1000户述职']);
  });
});
