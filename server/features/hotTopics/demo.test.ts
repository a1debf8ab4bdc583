/**
 * The demo's hot topics of 平桂区, loaded on whatever day the clock says: the rising issues heard at
 * several stations in the last two weeks are on the dashboard of the county's staff, and the
 * officer of 黄田镇 sees the street-light topic of his stations.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { loadDemoHotTopics } from './demo.js';

interface Item { id: number; label: string; keywords: string[]; count: number; rising: boolean; stationCount: number }

describe('the demo hot topics of 平桂区', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await t.database.db.transaction().execute((trx) => loadDemoHotTopics(trx));
  });
  after(() => t.close());

  it('shows rising topics across stations on the dashboard, in every window', async () => {
    const staff = await signIn(t.app, 'pinggui');
    for (const days of [28, 56, 84]) {
      const res = await staff.get(`/api/hot-topics?regionCode=451103&windowDays=${days}`);
      assert.equal(res.statusCode, 200);
      const items = res.json<{ items: Item[] }>().items;
      const rising = items.filter((i) => i.rising);
      assert.ok(rising.length >= 4, JSON.stringify(items.map((i) => [i.label, i.count, i.rising])));
      const lights = items.find((i) => i.keywords.includes('路灯'));
      assert.ok(lights && lights.rising && lights.count >= 7 && lights.stationCount >= 2, JSON.stringify(lights));
      assert.ok(items.some((i) => i.keywords.includes('污水') && i.rising && i.stationCount >= 2));
    }
    const officer = await signIn(t.app, 'huangtian');
    const seen = (await officer.get('/api/hot-topics?regionCode=451103')).json<{ items: Item[] }>().items;
    assert.ok(seen.some((i) => i.keywords.includes('路灯')));
  });
});
