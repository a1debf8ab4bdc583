/**
 * Hot topics across runs and who may act: a street's staff read the county's topics but do not
 * recompute them; a deliberation topic needs a street or town (a county code is a 400, not a
 * crash); once a deliberation topic is made of a topic's opinions, the next run's topic with the
 * same opinions shows it as taken and refuses a second one, and the run it came from is kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { factories, type County } from '../../testing/factories.js';

const LIGHTS = [
  '村口到小学那段路的路灯坏了一个多月,晚上黑漆漆的。',
  '路灯不亮,晚上孩子放学走路很危险。',
  '主路上好几盏路灯都不亮了,晚上出门只能打手电筒。',
  '反映路灯损坏问题:村里路灯晚上不亮,已经坏了很久没人修。',
  '夜里路灯全黑,老人晚上出门摔倒过,路灯坏了请修一下。',
];
const OTHER = [
  '自来水水压太低,二楼上不去水,早上做饭都没水用。', '我家地势高,自来水白天基本没水,水压不够。', '用水高峰期自来水水压低,水龙头只滴几滴。',
  '菜市场门口占道经营严重,车辆过不去。', '希望增加去县城的公交班次。', '学校门口需要设置减速带。',
];

describe('hot topics: refresh by the county, deliberation regions, actions across runs', () => {
  let t: TestApp;
  let county: County;
  let staff: Client;
  let streetStaff: Client;

  async function lightsTopic(): Promise<number> {
    const list = await staff.get(`/api/hot-topics?regionCode=${county.code}&windowDays=28`);
    const lights = (list.json().items as { id: number; keywords: string[] }[]).find((i) => i.keywords.includes('路灯'));
    assert.ok(lights, list.body);
    return lights.id;
  }
  async function refresh(): Promise<void> {
    const res = await staff.post('/api/hot-topics/refresh', { regionCode: county.code, windowDays: 28 });
    assert.equal(res.statusCode, 200, res.body);
  }

  before(async () => {
    t = await startTestApp();
    const f = factories(t);
    county = await f.county();
    const a = await f.station({ regionCode: county.towns[0]!.code });
    for (const content of [...LIGHTS, ...OTHER]) await f.case({ stationId: a.id, content });
    staff = (await f.signedIn('staff', { regionCode: county.code })).client;
    streetStaff = (await f.signedIn('staff', { regionCode: county.towns[0]!.code })).client;
  });
  after(async () => t?.close());

  it('staff of a street inside the county may not recompute the county\'s topics', async () => {
    const list = await streetStaff.get(`/api/hot-topics?regionCode=${county.code}`);
    assert.equal(list.statusCode, 200, list.body);
    assert.equal(list.json().canRefresh, false);
    assert.equal((await streetStaff.post('/api/hot-topics/refresh', { regionCode: county.code })).statusCode, 404);
    assert.equal((await staff.get(`/api/hot-topics?regionCode=${county.code}`)).json().canRefresh, true);
  });

  it('a deliberation topic is held by a street or town: a county or unknown code is DELIBERATION_REGION_INVALID', async () => {
    await refresh();
    const id = await lightsTopic();
    for (const regionCode of [county.code, '999999999']) {
      const res = await staff.post(`/api/hot-topics/${id}/deliberation`, { regionCode });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'DELIBERATION_REGION_INVALID');
      assert.match(res.json().error.message, /街道或乡镇/);
    }
  });

  it('after a new run the same opinions show the deliberation taken and refuse a second one; the first run is kept', async () => {
    const first = await lightsTopic();
    const made = await staff.post(`/api/hot-topics/${first}/deliberation`, {});
    assert.equal(made.statusCode, 201, made.body);
    await refresh();
    const second = await lightsTopic();
    assert.notEqual(second, first);
    const detail = await staff.get(`/api/hot-topics/${second}`);
    assert.deepEqual(detail.json().actionsTaken.map((x: { kind: string; targetId: number; targetTitle: string | null }) => [x.kind, x.targetId, x.targetTitle !== null]),
      [['deliberation', made.json().deliberationTopicId, true]]);
    const again = await staff.post(`/api/hot-topics/${second}/deliberation`, {});
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error.code, 'HOT_TOPIC_ACTION_DONE');
    for (let i = 0; i < 4; i += 1) await refresh();
    const kept = await staff.get(`/api/hot-topics/${first}`);
    assert.equal(kept.statusCode, 200, 'the run a deliberation topic came from is not pruned');
    assert.equal((await staff.get(`/api/hot-topics/${second}`)).statusCode, 404, 'runs without actions are pruned as before');
  });
});
