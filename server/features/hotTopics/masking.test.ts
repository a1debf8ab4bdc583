/**
 * A constituent who signs an opinion with their own name ("我是李秀英,…") is not named by the hot
 * topics: the name is masked (李**) in the text and the place, in the topic's detail, its opinions
 * page, the list's samples and the consultation's linked cases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import { startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { factories, type County } from '../../testing/factories.js';

const LIGHTS = [
  '我是李秀英,公和村路灯不亮一个多月了,晚上出门很危险,李秀英家门口最黑。',
  '路灯不亮,晚上孩子放学走路很危险。',
  '主路上好几盏路灯都不亮了,晚上出门只能打手电筒。',
  '反映路灯损坏问题:村里路灯晚上不亮,已经坏了很久没人修。',
];
const OTHER = [
  '自来水水压太低,二楼上不去水,早上做饭都没水用。', '我家地势高,自来水白天基本没水,水压不够。', '用水高峰期自来水水压低,水龙头只滴几滴。',
  '菜市场门口占道经营严重,车辆过不去。', '希望增加去县城的公交班次。', '学校门口需要设置减速带。',
];

describe('hot topics mask the submitter\'s name inside an opinion', () => {
  let t: TestApp;
  let county: County;
  let staff: Client;
  let topicId: number;
  let stationId: number;

  before(async () => {
    t = await startTestApp();
    const f = factories(t);
    county = await f.county();
    const a = await f.station({ regionCode: county.towns[0]!.code });
    stationId = a.id;
    for (const [i, content] of LIGHTS.entries()) {
      const c = await f.case({ stationId: a.id, content });
      if (i === 0) await t.database.db.updateTable('opinion').set({ submitter_name: '李秀英', place: '李秀英家门口' }).where('id', '=', c.id).execute();
    }
    for (const content of OTHER) await f.case({ stationId: a.id, content });
    staff = (await f.signedIn('staff', { regionCode: county.code })).client;
    assert.equal((await staff.post('/api/hot-topics/refresh', { regionCode: county.code, windowDays: 28 })).statusCode, 200);
    const list = await staff.get(`/api/hot-topics?regionCode=${county.code}&windowDays=28`);
    const lights = (list.json().items as { id: number; keywords: string[] }[]).find((i) => i.keywords.includes('路灯'));
    assert.ok(lights, list.body);
    topicId = lights.id;
  });
  after(async () => t?.close());

  it('the detail, the opinions page and the list show 李** where the opinion names its sender', async () => {
    for (const url of [`/api/hot-topics/${topicId}`, `/api/hot-topics/${topicId}/opinions`, `/api/hot-topics?regionCode=${county.code}&windowDays=28`]) {
      const res = await staff.get(url);
      assert.equal(res.statusCode, 200, res.body);
      assert.doesNotMatch(res.body, /李秀英/, url);
    }
    const page = (await staff.get(`/api/hot-topics/${topicId}/opinions`)).json().items as { content: string; place: string }[];
    const signed = page.find((o) => o.content.includes('公和村'))!;
    assert.equal(signed.content, '我是李**,公和村路灯不亮一个多月了,晚上出门很危险,李**家门口最黑。');
    assert.equal(signed.place, '李**家门口');
  });

  it('the consultation\'s linked cases mask it too', async () => {
    const created = await staff.post('/api/consultations', {
      title: '关于农村路灯管理的意见征询', background: '', questions: ['路灯由谁维护?'], opensOn: addDays(today(), -1), closesOn: addDays(today(), 20),
      congress: { level: 'county', regionCode: county.code }, stationIds: [stationId],
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as number;
    assert.equal((await staff.post(`/api/hot-topics/${topicId}/consultation`, { consultationId: id })).statusCode, 201);
    const listed = await staff.get(`/api/consultations/${id}/cases`);
    assert.equal(listed.statusCode, 200);
    assert.doesNotMatch(listed.body, /李秀英/);
    assert.match(listed.body, /我是李\*\*,公和村/);
  });
});
