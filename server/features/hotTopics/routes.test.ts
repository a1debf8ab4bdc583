/**
 * Hot topics through the API on a fresh county: opinions about two issues at two stations (and
 * some unrelated ones) are grouped by a refresh; the county's staff see both topics, the officer
 * of one station only the topics with his station's opinions, a staff member of another county
 * nothing (404); the representative opinions carry no name or phone and their phone-like digits
 * are masked; a deputy starts a draft suggestion; staff link a topic's opinions to a consultation
 * (GET/POST /api/consultations/:id/cases) and make a deliberation-day topic of one; the actions
 * are recorded on the topic.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import { startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { factories, type County, type Station } from '../../testing/factories.js';

const LIGHTS = [
  '村口到小学那段路的路灯坏了一个多月,晚上黑漆漆的,请联系13812345678的村干部尽快修。',
  '路灯不亮,晚上孩子放学走路很危险。',
  '主路上好几盏路灯都不亮了,晚上出门只能打手电筒。',
  '反映路灯损坏问题:村里路灯晚上不亮,已经坏了很久没人修。',
  '夜里路灯全黑,老人晚上出门摔倒过,路灯坏了请修一下。',
  '新装的太阳能路灯才半年就不亮了,晚上路上一片黑。',
];
const WATER = [
  '自来水水压太低,二楼上不去水,早上做饭都没水用。',
  '我家地势高,自来水白天基本没水,水压不够。',
  '用水高峰期自来水水压低,水龙头只滴几滴。',
  '自来水经常停水又不通知,水压也不稳定。',
  '希望水厂给自来水加压,高处农户长期水压不足。',
];
const OTHER = ['菜市场门口占道经营严重,车辆过不去。', '希望增加去县城的公交班次。', '学校门口需要设置减速带。'];

describe('hot topics through the API', () => {
  let t: TestApp;
  let county: County;
  let a: Station;
  let b: Station;
  let staff: Client;
  let officerB: Client;
  let outsider: Client;
  let deputyA: Client;
  let lightsId: number;
  let waterId: number;

  before(async () => {
    t = await startTestApp();
    const f = factories(t);
    county = await f.county();
    a = await f.station({ regionCode: county.towns[0]!.code });
    b = await f.station({ regionCode: county.towns[1]!.code });
    const cats = await t.database.db.selectFrom('case_category').select(['id', 'code']).execute();
    const cat = (code: string) => cats.find((c) => c.code === code)!.id;
    for (const [i, content] of LIGHTS.entries()) await f.case({ stationId: i % 2 ? b.id : a.id, content, categoryId: cat('livelihood') });
    for (const [i, content] of WATER.entries()) await f.case({ stationId: i < 2 ? a.id : a.id, content, categoryId: cat('water') });
    for (const content of OTHER) await f.case({ stationId: b.id, content });
    staff = (await f.signedIn('staff', { regionCode: county.code })).client;
    officerB = (await f.signedIn('officer', { stationIds: [b.id] })).client;
    outsider = (await f.signedIn('staff')).client;
    const dep = await f.deputy({ stations: [{ id: a.id }] });
    deputyA = (await f.signedIn('deputy', { deputyId: dep.id })).client;
  });
  after(async () => t?.close());

  it('a refresh groups the opinions into topics; staff of the county see them with counts, weeks and stations', async () => {
    const empty = await staff.get(`/api/hot-topics?regionCode=${county.code}`);
    assert.equal(empty.statusCode, 200);
    assert.equal(empty.json().run, null);
    assert.equal(empty.json().canRefresh, true);
    const res = await staff.post('/api/hot-topics/refresh', { regionCode: county.code, windowDays: 28 });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().run.opinionCount, LIGHTS.length + WATER.length + OTHER.length);
    const list = await staff.get(`/api/hot-topics?regionCode=${county.code}&windowDays=28`);
    assert.equal(list.statusCode, 200);
    const items = list.json().items as { id: number; label: string; keywords: string[]; count: number; weekly: { count: number }[]; stations: { id: number; count: number }[]; rising: boolean }[];
    const lights = items.find((i) => i.keywords.includes('路灯'));
    const water = items.find((i) => i.keywords.some((k) => k.includes('水压') || k.includes('来水')));
    assert.ok(lights && water, JSON.stringify(items));
    assert.equal(lights.count, LIGHTS.length);
    assert.equal(water.count, WATER.length);
    assert.deepEqual(lights.stations.map((s) => s.id).sort(), [a.id, b.id].sort());
    assert.equal(lights.weekly.reduce((s, w) => s + w.count, 0), LIGHTS.length);
    assert.equal(lights.rising, true);
    assert.match(lights.label, /路灯/);
    const samples = (list.json().items as { id: number; samples: { content: string }[] }[]).find((i) => i.id === lights.id)!.samples;
    assert.equal(samples.length, 2);
    assert.doesNotMatch(list.body, /13812345678/);
    lightsId = lights.id;
    waterId = water.id;
  });

  it('the detail masks phone-like digits and never shows a name or a phone', async () => {
    const res = await staff.get(`/api/hot-topics/${lightsId}`);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.visibleCount, LIGHTS.length);
    const text = JSON.stringify(body.opinions);
    assert.doesNotMatch(text, /13812345678/);
    assert.match(text, /138\*\*\*\*5678/);
    assert.ok(body.opinions.every((o: Record<string, unknown>) => !('name' in o) && !('phone' in o)));
    assert.deepEqual(body.actions, ['deliberation'], 'no consultation to give it to yet');
  });

  it('an officer sees only the topics with opinions of his stations, and only those opinions; another county sees nothing', async () => {
    const list = await officerB.get(`/api/hot-topics?regionCode=${county.code}&windowDays=28`);
    assert.equal(list.statusCode, 200);
    const ids = (list.json().items as { id: number }[]).map((i) => i.id);
    assert.ok(ids.includes(lightsId));
    assert.ok(!ids.includes(waterId));
    assert.equal(list.json().canRefresh, false);
    const detail = await officerB.get(`/api/hot-topics/${lightsId}`);
    assert.equal(detail.json().visibleCount, LIGHTS.filter((_, i) => i % 2).length);
    assert.equal((await officerB.get(`/api/hot-topics/${waterId}`)).statusCode, 404);
    assert.equal((await officerB.post('/api/hot-topics/refresh', { regionCode: county.code })).statusCode, 403);
    assert.equal((await outsider.get(`/api/hot-topics/${lightsId}`)).statusCode, 404);
    assert.equal((await outsider.get(`/api/hot-topics?regionCode=${county.code}`)).statusCode, 404);
    assert.equal((await outsider.post('/api/hot-topics/refresh', { regionCode: county.code })).statusCode, 404);
    assert.equal((await staff.post('/api/hot-topics/refresh', { regionCode: county.towns[0]!.code })).json().error.code, 'HOT_TOPIC_REGION_NOT_COUNTY');
  });

  it('a deputy starts a draft suggestion from a topic; the action is recorded', async () => {
    const res = await deputyA.post(`/api/hot-topics/${waterId}/suggestion`);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().caseIds.length, WATER.length);
    assert.match(res.json().url, /^\/my-suggestions\/new\?caseIds=[\d,]+&hotTopicId=\d+$/);
    assert.equal((await staff.post(`/api/hot-topics/${waterId}/suggestion`)).statusCode, 403);
    const detail = await staff.get(`/api/hot-topics/${waterId}`);
    assert.deepEqual(detail.json().actionsTaken.map((x: { kind: string }) => x.kind), ['suggestion']);
  });

  it('staff link a topic\'s opinions to a consultation as input; the links are listed masked with their hot topic', async () => {
    const created = await staff.post('/api/consultations', {
      title: '关于农村路灯建设管理的意见征询', background: '', questions: ['路灯由谁维护?'], opensOn: addDays(today(), -1), closesOn: addDays(today(), 20),
      congress: { level: 'county', regionCode: county.code }, stationIds: [a.id, b.id],
    });
    assert.equal(created.statusCode, 201, created.body);
    const consultationId = created.json().id as number;
    const res = await staff.post(`/api/hot-topics/${lightsId}/consultation`, { consultationId });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().linked, LIGHTS.length);
    const again = await staff.post(`/api/consultations/${consultationId}/cases`, { caseIds: [(await staff.get(`/api/hot-topics/${lightsId}`)).json().opinions[0].caseId] });
    assert.equal(again.statusCode, 201);
    assert.equal(again.json().linked, 0);
    const foreign = await factories(t).case();
    const refused = await staff.post(`/api/consultations/${consultationId}/cases`, { caseIds: [foreign.id] });
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(refused.json().error.fields.map((x: { path: string; code: string }) => [x.path, x.code]), [['caseIds.0', 'UNKNOWN_REFERENCE']]);
    const listed = await staff.get(`/api/consultations/${consultationId}/cases`);
    assert.equal(listed.statusCode, 200);
    assert.equal(listed.json().total, LIGHTS.length);
    assert.equal(listed.json().canLink, true);
    assert.ok(listed.json().items.every((x: { hotTopic: { id: number } | null }) => x.hotTopic?.id === lightsId));
    assert.doesNotMatch(listed.body, /13812345678/);
    assert.equal((await officerB.post(`/api/consultations/${consultationId}/cases`, { caseIds: [foreign.id] })).statusCode, 403);
    const detail = await staff.get(`/api/hot-topics/${lightsId}`);
    assert.deepEqual(detail.json().actionsTaken.map((x: { kind: string; targetId: number }) => [x.kind, x.targetId]), [['consultation', consultationId]]);
    assert.deepEqual(detail.json().actions, ['deliberation', 'consultation']);
  });
  it('staff make a deliberation-day topic of a hot topic: its opinions go with it, once per street or town', async () => {
    const res = await staff.post(`/api/hot-topics/${lightsId}/deliberation`, {});
    assert.equal(res.statusCode, 201, res.body);
    const topic = await staff.get(`/api/deliberations/topics/${res.json().deliberationTopicId}`);
    assert.equal(topic.statusCode, 200, topic.body);
    assert.equal(topic.json().hotTopicId, lightsId);
    assert.equal(topic.json().source, 'hot_topic');
    assert.equal(topic.json().regionCode, county.towns[0]!.code);
    assert.equal(topic.json().cases.length, LIGHTS.length);
    const again = await staff.post(`/api/hot-topics/${lightsId}/deliberation`, {});
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'HOT_TOPIC_ACTION_DONE');
    assert.equal((await officerB.post(`/api/hot-topics/${lightsId}/deliberation`, {})).statusCode, 403);
    const detail = await staff.get(`/api/hot-topics/${lightsId}`);
    assert.deepEqual(detail.json().actionsTaken.map((x: { kind: string }) => x.kind), ['consultation', 'deliberation']);
  });
});
