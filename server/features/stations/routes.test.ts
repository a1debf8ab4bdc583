import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STATION_CHECKLIST } from '../../../common/enums.js';
import { factories, type County, type Factories, type SignedIn } from '../../testing/factories.js';
import { signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

describe('stations', () => {
  let t: TestApp;
  let make: Factories;
  let admin: Client;
  let county: County;
  let staff: SignedIn;
  let pinggui: Client;
  before(async () => {
    t = await startTestApp();
    make = factories(t);
    admin = await signIn(t.app, 'admin');
    county = await make.county();
    staff = await make.signedIn('staff', { regionCode: county.code });
    pinggui = staff.client;
  });
  after(() => t.close());

  const [town, nextTown] = [() => county.towns[0]!, () => county.towns[1]!];
  const counts = async () => ({
    stations: Number((await t.database.db.selectFrom('station').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });

  it('creates a station with its schedule and checklist, and audits it in the same transaction', async () => {
    const res = await pinggui.post('/api/stations', {
      name: '沙田镇人大代表联络站', type: 'station', tier: 'town_center', homeRegionCode: nextTown().code,
      address: '沙田镇政府', receptionSchedule: { weekdays: [5, 3, 3], monthDays: [24, 4, 14], hours: '09:00-12:00' },
      checklist: { has_venue: true, roster: true }, grade: 'second',
    });
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json();
    assert.equal(s.homeRegion.fullName, nextTown().fullName);
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
    assert.equal(audit[0]!.actor_name, staff.displayName);
    assert.equal((audit[0]!.after as { name: string }).name, '沙田镇人大代表联络站');
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
    const elsewhere = await make.county();
    const before = await counts();
    const outside = await pinggui.post('/api/stations', { name: '越界站', type: 'station', tier: 'town_center', homeRegionCode: elsewhere.towns[0]!.code });
    assert.equal(outside.statusCode, 400);
    assert.deepEqual(outside.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['homeRegionCode', 'NOT_IN_SCOPE']]);
    const unknown = await pinggui.post('/api/stations', { name: '半途站', type: 'station', tier: 'town_center', homeRegionCode: town().code, memberRegionCodes: [nextTown().code, '999999'] });
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(unknown.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['memberRegionCodes.1', 'UNKNOWN_REFERENCE']]);
    assert.deepEqual(await counts(), before, 'no station and no audit record half-written');
  });

  it('shows a cross-province station to the staff of every member region, and lets only the home side manage it', async () => {
    // Home in one province, member towns in another (as 豫鲁 or 粤桂 in the demo).
    const homeCounty = await make.county();
    const memberCounty = await make.county({ notIn: `${homeCounty.code.slice(0, 2)}0000` });
    const [homeTown, memberA, memberB] = [homeCounty.towns[0]!, memberCounty.towns[0]!, memberCounty.towns[1]!];
    const yulu = (await make.station({ type: 'cross_province', regionCode: homeTown.code, memberRegionCodes: [memberA.code, memberB.code] })).id;
    const taiqian = (await make.signedIn('staff', { regionCode: homeCounty.code })).client;
    const yanggu = (await make.signedIn('staff', { regionCode: memberCounty.code })).client;
    const lianjiang = (await make.signedIn('staff')).client;
    const home = await taiqian.get(`/api/stations/${yulu}`);
    assert.equal(home.statusCode, 200);
    assert.deepEqual(home.json().memberRegions.map((r: { name: string }) => r.name), [homeTown.name, memberA.name, memberB.name]);
    assert.deepEqual(home.json().abilities.sort(), ['deactivate', 'update', 'updateOperational']);
    const member = await yanggu.get(`/api/stations/${yulu}`);
    assert.equal(member.statusCode, 200);
    assert.deepEqual(member.json().abilities, []);
    const list = await yanggu.get('/api/stations');
    assert.deepEqual(list.json().items.map((s: { id: number }) => s.id), [yulu]);
    assert.equal((await lianjiang.get(`/api/stations/${yulu}`)).statusCode, 404);
    const patch = await yanggu.patch(`/api/stations/${yulu}`, { version: member.json().version, description: '阳谷县改' });
    assert.equal(patch.statusCode, 403);
    // The staff of a town it does not reach, in the member side's county, do not see it either.
    const neighbour = (await make.signedIn('staff', { regionCode: memberCounty.towns[2]!.code })).client;
    assert.equal((await neighbour.get(`/api/stations/${yulu}`)).statusCode, 404);
  });

  it('filters by region subtree, type, tier and name, and pages by key', async () => {
    const area = await make.county();
    const areaStaff = (await make.signedIn('staff', { regionCode: area.code })).client;
    const center = await make.station({ regionCode: area.towns[0]!.code, name: '雷河镇人大代表中心联络站' });
    const court = await make.station({ regionCode: area.towns[0]!.code, type: 'judicial', name: '公会镇代表法庭联络室' });
    const point = await make.station({ regionCode: area.towns[1]!.code, tier: 'village_point', parentId: center.id, name: '雷河镇某村联络点' });
    const byRegion = await admin.get(`/api/stations?regionCode=${area.towns[1]!.code}&limit=50`);
    assert.deepEqual(byRegion.json().items.map((s: { name: string }) => s.name), [point.name]);
    const judicial = await areaStaff.get('/api/stations?type=judicial');
    assert.deepEqual(judicial.json().items.map((s: { name: string }) => s.name), [court.name]);
    const points = await areaStaff.get('/api/stations?tier=village_point');
    assert.deepEqual(points.json().items.map((s: { id: number }) => s.id), [point.id]);
    assert.ok(points.json().items.every((s: { tier: string }) => s.tier === 'village_point'));
    const named = await areaStaff.get(`/api/stations?q=${encodeURIComponent('雷河')}`);
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
    const allButOne = Object.fromEntries(STATION_CHECKLIST.keys.map((k) => [k, k !== 'merit_register']));
    const huangtian = (await make.station({ regionCode: town().code, checklist: allButOne })).id;
    const officer = (await make.signedIn('officer', { stationIds: [huangtian] })).client;
    const current = (await officer.get(`/api/stations/${huangtian}`)).json();
    assert.deepEqual(current.abilities, ['updateOperational']);
    const ok = await officer.patch(`/api/stations/${huangtian}`, { version: current.version, openingHours: '工作日 08:00-18:00', checklist: { ...current.checklist, merit_register: true } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().openingHours, '工作日 08:00-18:00');
    assert.equal(ok.json().checklistDone, 15);
    const rename = await officer.patch(`/api/stations/${huangtian}`, { version: ok.json().version, name: '改名站' });
    assert.equal(rename.statusCode, 403);
    assert.deepEqual(rename.json().error.details.fields, ['name']);
    const other = (await make.station({ regionCode: town().code })).id;
    assert.equal((await officer.patch(`/api/stations/${other}`, { version: 1, openingHours: 'x' })).statusCode, 404);
  });

  it('refuses a stale version with 409 and keeps the newer data', async () => {
    const id = (await make.station({ regionCode: town().code })).id;
    const { version } = (await pinggui.get(`/api/stations/${id}`)).json();
    assert.equal((await pinggui.patch(`/api/stations/${id}`, { version, address: '新地址' })).statusCode, 200);
    const stale = await pinggui.patch(`/api/stations/${id}`, { version, address: '旧地址' });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'CONFLICT');
    assert.equal((await pinggui.get(`/api/stations/${id}`)).json().address, '新地址');
  });

  it('moves member regions and refuses a parent that would make a cycle', async () => {
    const parent = (await make.station({ regionCode: town().code })).id;
    const child = (await make.station({ regionCode: town().code, tier: 'village_point', parentId: parent })).id;
    const p = (await pinggui.get(`/api/stations/${parent}`)).json();
    const cycle = await pinggui.patch(`/api/stations/${parent}`, { version: p.version, parentId: child });
    assert.equal(cycle.statusCode, 400);
    assert.equal(cycle.json().error.code, 'STATION_PARENT_CYCLE');
    const self = await pinggui.patch(`/api/stations/${parent}`, { version: p.version, parentId: parent });
    assert.equal(self.json().error.code, 'STATION_PARENT_CYCLE');
    const moved = await pinggui.patch(`/api/stations/${parent}`, { version: p.version, memberRegionCodes: [nextTown().code] });
    assert.equal(moved.statusCode, 200);
    assert.deepEqual(moved.json().memberRegions.map((r: { code: string; isHome: boolean }) => [r.code, r.isHome]), [[town().code, true], [nextTown().code, false]]);
  });

  it('deactivates instead of deleting, hides inactive stations from the default list, and reactivates', async () => {
    const id = (await make.station({ regionCode: county.code, type: 'industry', tier: 'city_featured' })).id;
    for (let i = 0; i < 3; i++) await make.deputy({ stations: [{ id }] });
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
