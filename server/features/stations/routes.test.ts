import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { idOf, signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

describe('stations', () => {
  let t: TestApp;
  let admin: Client;
  let pinggui: Client;
  before(async () => {
    t = await startTestApp();
    admin = await signIn(t.app, 'admin');
    pinggui = await signIn(t.app, 'pinggui');
  });
  after(() => t.close());

  const stationId = (name: string) => idOf(t.database.db, 'station', name);
  const counts = async () => ({
    stations: Number((await t.database.db.selectFrom('station').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  it('creates a station with its schedule and checklist, and audits it in the same transaction', async () => {
    const res = await pinggui.post('/api/stations', {
      name: '平桂区沙田镇人大代表联络站', type: 'station', tier: 'town_center', homeRegionCode: '451103103',
      address: '沙田镇政府', receptionSchedule: { weekdays: [5, 3, 3], monthDays: [24, 4, 14], hours: '09:00-12:00' },
      checklist: { has_venue: true, roster: true }, grade: 'second',
    });
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json();
    assert.equal(s.homeRegion.fullName, '广西壮族自治区贺州市平桂区沙田镇');
    assert.deepEqual(s.receptionSchedule, { weekdays: [3, 5], monthDays: [4, 14, 24], hours: '09:00-12:00', note: '' });
    assert.equal(s.checklist.has_venue, true);
    assert.equal(s.checklist.merit_register, false);
    assert.equal(s.checklistDone, 2);
    assert.equal(s.checklistTotal, 15);
    assert.deepEqual(s.abilities.sort(), ['deactivate', 'update', 'updateOperational']);
    assert.equal(s.version, 1);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'station').where('entity_id', '=', String(s.id)).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, 'station.create');
    assert.equal(audit[0]!.actor_name, '平桂区人大常委会 韦工');
    assert.equal((audit[0]!.after as { name: string }).name, '平桂区沙田镇人大代表联络站');
  });

  it('names each bad field, in Chinese by default and in English on request', async () => {
    const body = { name: '', type: 'castle', tier: 'town_center', homeRegionCode: '12', stars: 9 };
    const zh = await pinggui.post('/api/stations', body);
    assert.equal(zh.statusCode, 400);
    const { error } = zh.json();
    assert.equal(error.code, 'VALIDATION_FAILED');
    const paths = error.fields.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(paths, ['body.homeRegionCode', 'body.name', 'body.stars', 'body.type']);
    const regionField = error.fields.find((f: { path: string }) => f.path === 'body.homeRegionCode');
    assert.equal(regionField.code, 'REGION_CODE_INVALID');
    assert.equal(regionField.message, '行政区划代码格式不正确');
    const en = await pinggui.request('POST', '/api/stations', body, { 'accept-language': 'en' });
    assert.equal(en.json().error.fields.find((f: { path: string }) => f.path === 'body.homeRegionCode').message, 'Malformed region code');
  });

  it('refuses a home region outside the staff scope, and an unknown member region, writing nothing', async () => {
    const before = await counts();
    const outside = await pinggui.post('/api/stations', { name: '越界站', type: 'station', tier: 'town_center', homeRegionCode: '420684109' });
    assert.equal(outside.statusCode, 400);
    assert.deepEqual(outside.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['homeRegionCode', 'NOT_IN_SCOPE']]);
    const unknown = await pinggui.post('/api/stations', { name: '半途站', type: 'station', tier: 'town_center', homeRegionCode: '451103101', memberRegionCodes: ['451103103', '999999'] });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['memberRegionCodes.1', 'UNKNOWN_REFERENCE']]);
    assert.deepEqual(await counts(), before, 'no station and no audit record half-written');
  });

  it('shows a cross-province station to the staff of every member region, and lets only the home side manage it', async () => {
    const yulu = await stationId('豫鲁跨省联建人大代表联络站');
    const taiqian = await signIn(t.app, 'taiqian');
    const yanggu = await signIn(t.app, 'yanggu');
    const lianjiang = await signIn(t.app, 'lianjiang');
    const home = await taiqian.get(`/api/stations/${yulu}`);
    assert.equal(home.statusCode, 200);
    assert.deepEqual(home.json().memberRegions.map((r: { name: string }) => r.name), ['打渔陈镇', '小路口镇', '十五里园镇']);
    assert.deepEqual(home.json().abilities.sort(), ['deactivate', 'update', 'updateOperational']);
    const member = await yanggu.get(`/api/stations/${yulu}`);
    assert.equal(member.statusCode, 200);
    assert.deepEqual(member.json().abilities, []);
    const list = await yanggu.get('/api/stations');
    assert.deepEqual(list.json().items.map((s: { id: number }) => s.id), [yulu]);
    assert.equal((await lianjiang.get(`/api/stations/${yulu}`)).statusCode, 404);
    const patch = await yanggu.patch(`/api/stations/${yulu}`, { version: member.json().version, description: '阳谷县改' });
    assert.equal(patch.statusCode, 403);
    // The 粤桂 station crosses into 广西: 平桂区 staff (广西贺州) do not see it, 廉江 staff do.
    const yuegui = await stationId('廉江市石角镇粤桂省际人大代表联络站');
    assert.equal((await lianjiang.get(`/api/stations/${yuegui}`)).statusCode, 200);
    assert.equal((await pinggui.get(`/api/stations/${yuegui}`)).statusCode, 404);
  });

  it('filters by region subtree, type, tier and name, and pages by key', async () => {
    const byRegion = await admin.get('/api/stations?regionCode=371521&limit=50');
    assert.deepEqual(byRegion.json().items.map((s: { name: string }) => s.name), ['豫鲁跨省联建人大代表联络站']);
    const judicial = await admin.get('/api/stations?type=judicial');
    assert.deepEqual(judicial.json().items.map((s: { name: string }) => s.name), ['平桂区公会镇代表法庭联络室']);
    const points = await pinggui.get('/api/stations?tier=village_point');
    assert.ok(points.json().items.every((s: { tier: string }) => s.tier === 'village_point'));
    const named = await admin.get(`/api/stations?q=${encodeURIComponent('雷河')}`);
    assert.equal(named.json().items.length, 2);
    const all = (await admin.get('/api/stations?limit=200')).json().items.map((s: { id: number }) => s.id);
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(`/api/stations?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200);
      const page = res.json();
      assert.ok(page.items.length <= 3);
      paged.push(...page.items.map((s: { id: number }) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(paged, all);
    assert.ok(all.length >= 11);
    const bad = await admin.get('/api/stations?cursor=not-a-cursor');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].code, 'CURSOR_INVALID');
  });

  it('lets a station officer edit the day-to-day fields of their own station only', async () => {
    const officer = await signIn(t.app, 'huangtian');
    const huangtian = await stationId('平桂区黄田镇人大代表联络站');
    const current = (await officer.get(`/api/stations/${huangtian}`)).json();
    assert.deepEqual(current.abilities, ['updateOperational']);
    const ok = await officer.patch(`/api/stations/${huangtian}`, { version: current.version, openingHours: '工作日 08:00-18:00', checklist: { ...current.checklist, merit_register: true } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().openingHours, '工作日 08:00-18:00');
    assert.equal(ok.json().checklistDone, 15);
    const rename = await officer.patch(`/api/stations/${huangtian}`, { version: ok.json().version, name: '改名站' });
    assert.equal(rename.statusCode, 403);
    assert.deepEqual(rename.json().error.details.fields, ['name']);
    const other = await stationId('平桂区西湾街道人大代表联络站');
    assert.equal((await officer.patch(`/api/stations/${other}`, { version: 1, openingHours: 'x' })).statusCode, 404);
  });

  it('refuses a stale version with 409 and keeps the newer data', async () => {
    const id = await stationId('平桂区西湾街道人大代表联络站');
    const { version } = (await pinggui.get(`/api/stations/${id}`)).json();
    assert.equal((await pinggui.patch(`/api/stations/${id}`, { version, address: '新地址' })).statusCode, 200);
    const stale = await pinggui.patch(`/api/stations/${id}`, { version, address: '旧地址' });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'CONFLICT');
    assert.equal((await pinggui.get(`/api/stations/${id}`)).json().address, '新地址');
  });

  it('moves member regions and refuses a parent that would make a cycle', async () => {
    const parent = await stationId('平桂区黄田镇人大代表联络站');
    const child = await stationId('平桂区黄田镇公和村人大代表联络点');
    const p = (await pinggui.get(`/api/stations/${parent}`)).json();
    const cycle = await pinggui.patch(`/api/stations/${parent}`, { version: p.version, parentId: child });
    assert.equal(cycle.statusCode, 400);
    assert.equal(cycle.json().error.code, 'STATION_PARENT_CYCLE');
    const self = await pinggui.patch(`/api/stations/${parent}`, { version: p.version, parentId: parent });
    assert.equal(self.json().error.code, 'STATION_PARENT_CYCLE');
    const moved = await pinggui.patch(`/api/stations/${parent}`, { version: p.version, memberRegionCodes: ['451103103'] });
    assert.equal(moved.statusCode, 200);
    assert.deepEqual(moved.json().memberRegions.map((r: { code: string; isHome: boolean }) => [r.code, r.isHome]), [['451103101', true], ['451103103', false]]);
  });

  it('deactivates instead of deleting, hides inactive stations from the default list, and reactivates', async () => {
    const id = await stationId('平桂区黄金珠宝产业代表联络站');
    const res = await pinggui.post(`/api/stations/${id}/deactivate`, { reason: '产业园搬迁' });
    assert.equal(res.statusCode, 200);
    const detail = (await pinggui.get(`/api/stations/${id}`)).json();
    assert.equal(detail.active, false);
    assert.equal(detail.deputyCount, 3, 'memberships kept');
    const active = (await pinggui.get('/api/stations?limit=200')).json().items.map((s: { id: number }) => s.id);
    assert.ok(!active.includes(id));
    const inactive = (await pinggui.get('/api/stations?active=false')).json().items.map((s: { id: number }) => s.id);
    assert.deepEqual(inactive, [id]);
    assert.equal((await pinggui.post(`/api/stations/${id}/reactivate`)).statusCode, 200);
    assert.equal((await pinggui.get(`/api/stations/${id}`)).json().active, true);
    const actions = (await t.database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'station').where('entity_id', '=', String(id)).orderBy('id').execute());
    assert.deepEqual(actions.map((a) => a.action).slice(-2), ['station.deactivate', 'station.reactivate']);
    assert.equal((actions.at(-2)!.after as { reason: string }).reason, '产业园搬迁');
  });
});
