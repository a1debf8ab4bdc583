import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { now } from '../../platform/clock.js';
import { factories, type Factories } from '../../testing/factories.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { loadPlaceRoutingDemo } from './placeDemo.js';

/**
 * Routing by place (属地管理) at the 豫鲁 cross-province station of the demo set (home 台前县打渔陈镇,
 * members 阳谷县十五里园镇 and 梁山县小路口镇): a case about a place on one side is handled by that
 * side — its staff act and supervise, its units take it — while the other side keeps sight of it.
 */
const PLACE = { shiwuliyuan: '371521111', dayuchen: '410927103', xiaolukou: '370832101', taiqianCounty: '410927' } as const;

describe('routing by place at a cross-province station', () => {
  let t: TestApp;
  let make: Factories;
  let c: Record<'admin' | 'taiqian' | 'yanggu' | 'lianjiang' | 'ygClerk' | 'tqClerk' | 'officer' | 'ygDeputy' | 'tqDeputy' | 'ljDeputy', Client>;
  let ids: { yulu: number; tqWater: number; ygWater: number; water: number; roads: number };
  /** The cases registered below: about 十五里园镇 (阳谷), 打渔陈镇 (台前), 小路口镇 (梁山), and one with no place given. */
  const cases = {} as Record<'yanggu' | 'home' | 'liangshan' | 'unplaced', number>;

  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  const act = (who: Client, id: number, action: string, body: Record<string, unknown> = {}) => who.post(`/api/cases/${id}/actions/${action}`, body);
  const errorCode = (res: { json: () => { error: { code: string } } }) => res.json().error.code;
  const queueIds = async (who: Client, query = '') => (ok(await who.get(`/api/cases?limit=200&stationId=${ids.yulu}${query}`)).json().items as { id: number }[]).map((i) => i.id);

  before(async () => {
    t = await startTestApp();
    make = factories(t);
    const db = t.database.db;
    ids = {
      yulu: await idOf(db, 'station', '豫鲁跨省联建人大代表联络站'),
      tqWater: await idOf(db, 'unit', '台前县水利局'),
      ygWater: await idOf(db, 'unit', '阳谷县水利局'),
      water: (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id,
      roads: (await db.selectFrom('case_category').select('id').where('code', '=', 'roads').executeTakeFirstOrThrow()).id,
    };
    const deputy = async (name: string) => (await make.signedIn('deputy', { deputyId: await idOf(db, 'deputy', name) })).client;
    c = {
      admin: await signIn(t.app, 'admin'),
      taiqian: await signIn(t.app, 'taiqian'),
      yanggu: await signIn(t.app, 'yanggu'),
      lianjiang: await signIn(t.app, 'lianjiang'),
      ygClerk: await signIn(t.app, 'ygshuili'),
      tqClerk: (await make.signedIn('unit', { unitId: ids.tqWater })).client,
      officer: (await make.signedIn('officer', { stationIds: [ids.yulu] })).client,
      ygDeputy: await deputy('任建军'),
      tqDeputy: await deputy('马玉芬'),
      ljDeputy: await deputy('林国栋'),
    };
    const registered = ok(await c.taiqian.post('/api/cases', {
      stationId: ids.yulu, channel: 'reception',
      items: [
        { categoryId: ids.water, content: '十五里园镇沿黄村灌溉渠渗漏。', place: '十五里园镇沿黄村', placeRegionCode: PLACE.shiwuliyuan },
        { categoryId: ids.roads, content: '打渔陈镇滩区生产路泥泞。', place: '打渔陈镇', placeRegionCode: PLACE.dayuchen },
        { categoryId: ids.roads, content: '小路口镇渡口道路破损。', place: '小路口镇', placeRegionCode: PLACE.xiaolukou },
        { categoryId: ids.water, content: '站里收到的一件没有写明地点的意见。', place: '' },
      ],
    }), 201).json().items as { id: number }[];
    [cases.yanggu, cases.home, cases.liangshan, cases.unplaced] = registered.map((r) => r.id) as [number, number, number, number];
  });
  after(() => t.close());

  it('records the place and the side it decides; a place outside the station is refused', async () => {
    const a = ok(await c.taiqian.get(`/api/cases/${cases.yanggu}`)).json();
    assert.equal(a.placeRegion.code, PLACE.shiwuliyuan);
    assert.deepEqual({ code: a.side.code, home: a.side.home, canAct: a.side.canAct }, { code: PLACE.shiwuliyuan, home: false, canAct: false });
    const home = ok(await c.taiqian.get(`/api/cases/${cases.home}`)).json();
    assert.deepEqual({ code: home.side.code, home: home.side.home, canAct: home.side.canAct }, { code: PLACE.dayuchen, home: true, canAct: true });
    // No place given: the home side.
    assert.equal(ok(await c.yanggu.get(`/api/cases/${cases.unplaced}`)).json().side.code, PLACE.dayuchen);
    // 台前县 itself is not one of the station's regions (only the town of 打渔陈 is).
    const outside = await c.taiqian.post('/api/cases', {
      stationId: ids.yulu, channel: 'reception', items: [{ categoryId: ids.water, content: '县城的事。', placeRegionCode: PLACE.taiqianCounty }],
    });
    assert.equal(outside.statusCode, 400);
    assert.equal(errorCode(outside), 'CASE_PLACE_OUTSIDE_STATION');
  });

  it('asks only the side of the place in the staff to-do queue, while both sides see every case of the station', async () => {
    const all = Object.values(cases).sort((x, y) => x - y);
    for (const who of [c.taiqian, c.yanggu]) assert.deepEqual((await queueIds(who)).filter((id) => all.includes(id)).sort((x, y) => x - y), all);
    const yangguTodo = await queueIds(c.yanggu, '&todo=case.accept');
    assert.ok(yangguTodo.includes(cases.yanggu));
    for (const id of [cases.home, cases.unplaced, cases.liangshan]) assert.ok(!yangguTodo.includes(id), `case ${id} is not 阳谷's`);
    const taiqianTodo = await queueIds(c.taiqian, '&todo=case.accept');
    for (const id of [cases.home, cases.unplaced]) assert.ok(taiqianTodo.includes(id));
    for (const id of [cases.yanggu, cases.liangshan]) assert.ok(!taiqianTodo.includes(id), `case ${id} is not 台前's`);
    // 廉江 (another cross-province station) and its deputy see none of them; the unit clerks see none before assignment.
    for (const who of [c.lianjiang, c.ljDeputy, c.ygClerk, c.tqClerk]) {
      assert.equal((await who.get(`/api/cases/${cases.yanggu}`)).statusCode, 404);
    }
    // The station's deputies of both sides see the station's cases.
    for (const who of [c.ygDeputy, c.tqDeputy]) ok(await who.get(`/api/cases/${cases.yanggu}`));
  });

  it('lets the side of the place accept, assign to its own units and supervise; the home side reads the timeline', async () => {
    const refused = await act(c.taiqian, cases.yanggu, 'accept');
    assert.equal(refused.statusCode, 403);
    assert.equal(errorCode(refused), 'CASE_ACTION_FORBIDDEN');
    ok(await act(c.yanggu, cases.yanggu, 'accept'));
    // 台前's unit is of the wrong side: 阳谷's staff do not even reach it; the station's officer and the administrator do, and are refused.
    assert.equal(errorCode(await act(c.yanggu, cases.yanggu, 'assign', { unitId: ids.tqWater })), 'VALIDATION_FAILED');
    for (const who of [c.officer, c.admin]) {
      const wrong = await act(who, cases.yanggu, 'assign', { unitId: ids.tqWater });
      assert.equal(wrong.statusCode, 400, wrong.body);
      assert.equal(errorCode(wrong), 'CASE_UNIT_WRONG_SIDE');
    }
    const coWrong = await act(c.yanggu, cases.yanggu, 'assign', { unitId: ids.ygWater, coUnitIds: [ids.tqWater] });
    assert.equal(coWrong.statusCode, 400);
    ok(await act(c.yanggu, cases.yanggu, 'assign', { unitId: ids.ygWater }));
    ok(await act(c.ygClerk, cases.yanggu, 'sign'));
    assert.equal((await c.tqClerk.get(`/api/cases/${cases.yanggu}`)).statusCode, 404);
    // Supervision: 阳谷's staff flag and urge it; 台前's may not.
    ok(await act(c.yanggu, cases.yanggu, 'flag_key'));
    ok(await act(c.yanggu, cases.yanggu, 'urge', { comment: '请加快办理' }));
    for (const action of ['unflag_key', 'urge']) {
      const res = await act(c.taiqian, cases.yanggu, action, { comment: '催一下' });
      assert.equal(res.statusCode, 403, `${action}: ${res.body}`);
    }
    const seen = ok(await c.taiqian.get(`/api/cases/${cases.yanggu}`)).json();
    assert.deepEqual(seen.abilities, []);
    assert.equal(seen.unit.id, ids.ygWater);
    assert.deepEqual(seen.timeline.map((e: { action: string }) => e.action), ['submit', 'accept', 'assign', 'sign', 'flag_key', 'urge']);
    assert.ok(ok(await c.yanggu.get(`/api/cases/${cases.yanggu}`)).json().abilities.includes('unflag_key'));
    // The 阳谷 clerk finds it in the unit's queue.
    assert.ok((ok(await c.ygClerk.get('/api/cases?limit=200')).json().items as { id: number }[]).some((i) => i.id === cases.yanggu));
  });

  it('keeps the home side\'s case with the home side, and the 梁山 case with neither 台前 nor 阳谷', async () => {
    assert.equal((await act(c.yanggu, cases.home, 'accept')).statusCode, 403);
    ok(await act(c.taiqian, cases.home, 'accept'));
    assert.equal(errorCode(await act(c.officer, cases.home, 'assign', { unitId: ids.ygWater })), 'CASE_UNIT_WRONG_SIDE');
    ok(await act(c.taiqian, cases.home, 'assign', { unitId: ids.tqWater }));
    ok(await act(c.tqClerk, cases.home, 'sign'));
    assert.equal((await c.ygClerk.get(`/api/cases/${cases.home}`)).statusCode, 404);
    for (const who of [c.taiqian, c.yanggu]) assert.equal((await act(who, cases.liangshan, 'accept')).statusCode, 403);
    // The station's own officer serves every side: it takes the 梁山 case in.
    ok(await act(c.officer, cases.liangshan, 'accept'));
  });

  it('splits the station\'s statistics by side, equal to a recount', async () => {
    const db = t.database.db;
    const rows = await db.selectFrom('opinion as o').select(['o.place_region_path']).where('o.station_id', '=', ids.yulu).execute();
    const members = await db.selectFrom('station_region').select(['region_code', 'region_path', 'is_home']).where('station_id', '=', ids.yulu).execute();
    const homeCode = members.find((m) => m.is_home)!.region_code;
    const expected = new Map<string, number>();
    for (const r of rows) {
      const side = members.find((m) => !m.is_home && r.place_region_path?.startsWith(m.region_path))?.region_code ?? homeCode;
      expected.set(side, (expected.get(side) ?? 0) + 1);
    }
    for (const who of [c.admin, c.taiqian, c.yanggu]) {
      const groups = ok(await who.get(`/api/statistics/cases/by/side?stationId=${ids.yulu}`)).json() as { key: string; label: string; received: number; assigned: number }[];
      assert.deepEqual(new Map(groups.map((g) => [g.key, g.received])), expected);
      assert.match(groups.find((g) => g.key === PLACE.shiwuliyuan)!.label, /十五里园镇/);
      assert.equal(groups.find((g) => g.key === PLACE.shiwuliyuan)!.assigned, 1);
    }
    assert.equal(expected.get(PLACE.shiwuliyuan), 1);
    assert.equal(expected.get(PLACE.dayuchen), 2);
  });

  it('shows the submitter in full only to the side of the place; the other side reads them masked and may not reveal them', async () => {
    const taiqian = await signIn(t.app, 'taiqian');
    const yanggu = await signIn(t.app, 'yanggu');
    const [home] = ok(await taiqian.post('/api/cases', {
      stationId: ids.yulu, channel: 'reception',
      items: [{ categoryId: ids.roads, content: '打渔陈镇村口路灯不亮。', place: '打渔陈镇', placeRegionCode: PLACE.dayuchen, name: '王春花', phone: '13903930188' }],
    }), 201).json().items as { id: number }[];
    const submitter = async (who: Client) => ok(await who.get(`/api/cases/${home!.id}`)).json().submitter as { name: string; phone: string };
    const own = await submitter(taiqian);
    assert.deepEqual([own.name, own.phone], ['王春花', '13903930188']);
    const other = await submitter(yanggu);
    assert.notEqual(other.name, '王春花');
    assert.notEqual(other.phone, '13903930188');
    const reveal = await yanggu.post(`/api/cases/${home!.id}/contact`);
    assert.ok(reveal.statusCode === 403 || reveal.statusCode === 404, reveal.body);
    assert.ok(!reveal.body.includes('13903930188'));
  });

});

describe('a remote liaison point (异地联络点)', () => {
  let t: TestApp;
  let point: number;
  before(async () => {
    t = await startTestApp();
    point = await idOf(t.database.db, 'station', '八步区信都镇驻佛山异地人大代表联络点');
  });
  after(() => t.close());

  it('is managed by its home congress; the host place\'s staff see it listed, not its deputies or cases', async () => {
    const [babu, foshan, pinggui] = [await signIn(t.app, 'babu'), await signIn(t.app, 'foshan'), await signIn(t.app, 'pinggui')];
    const category = (await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'other').executeTakeFirstOrThrow()).id;
    const [receipt] = (await babu.post('/api/cases', { stationId: point, channel: 'reception', items: [{ categoryId: category, content: '在佛山务工人员的意见。' }] })).json().items;
    const caseId = receipt.id as number;

    const managed = (await babu.get(`/api/stations/${point}`)).json();
    assert.equal(managed.locatedRegion.code, '440600');
    assert.ok(managed.abilities.includes('update'));
    const hosted = await foshan.get(`/api/stations/${point}`);
    assert.equal(hosted.statusCode, 200);
    assert.deepEqual(hosted.json().abilities, []);
    assert.ok((await foshan.get('/api/stations?limit=100')).json().items.some((s: { id: number }) => s.id === point));
    assert.ok((await foshan.get('/api/stations?limit=100&regionCode=440600')).json().items.some((s: { id: number }) => s.id === point));
    assert.equal((await foshan.patch(`/api/stations/${point}`, { version: managed.version, phone: '0757-1' })).statusCode, 404);
    assert.deepEqual((await foshan.get(`/api/deputies?stationId=${point}`)).json().items, []);
    assert.ok((await babu.get(`/api/deputies?stationId=${point}`)).json().items.length >= 2);
    assert.equal((await foshan.get(`/api/cases/${caseId}`)).statusCode, 404);
    assert.equal((await babu.get(`/api/cases/${caseId}`)).statusCode, 200);
    // Staff of neither place do not see it at all.
    assert.equal((await pinggui.get(`/api/stations/${point}`)).statusCode, 404);
    // Its home congress moves it; a location inside the home region is refused.
    assert.equal((await babu.patch(`/api/stations/${point}`, { version: managed.version, locatedRegionCode: '440606' })).statusCode, 200);
    const atHome = await babu.patch(`/api/stations/${point}`, { version: managed.version + 1, locatedRegionCode: '451102114' });
    assert.equal(atHome.statusCode, 400);
    assert.equal(atHome.json().error.code, 'STATION_LOCATED_AT_HOME');
  });

  it('shows on its public page where it stands, and is found under the host place', async () => {
    const anon = new Client(t.app);
    const page = (await anon.get(`/api/public/stations/${point}`)).json();
    assert.match(page.locatedRegion.fullName, /佛山市/);
    assert.match(page.region.fullName, /信都镇/);
    const listed = (await anon.get('/api/public/stations?regionCode=440600&limit=50')).json().items as { id: number }[];
    assert.ok(listed.some((s) => s.id === point));
  });

});

describe('the place-routing demo', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(() => t.close());

  it('has a case of the 豫鲁 station about 十五里园镇 with 阳谷县水利局, which 台前 sees but does not act on', async () => {
    const db = t.database.db;
    await db.transaction().execute((trx) => loadPlaceRoutingDemo(trx, now()));
    const row = await db.selectFrom('opinion as o').innerJoin('unit as u', 'u.id', 'o.assigned_unit_id')
      .select(['o.id', 'o.state', 'u.name']).where('o.place_region_code', '=', PLACE.shiwuliyuan).executeTakeFirstOrThrow();
    assert.deepEqual({ state: row.state, unit: row.name }, { state: 'in_progress', unit: '阳谷县水利局' });
    const taiqian = await signIn(t.app, 'taiqian');
    const seen = (await taiqian.get(`/api/cases/${row.id}`)).json();
    assert.equal(seen.side.canAct, false);
    assert.ok((await (await signIn(t.app, 'ygshuili')).get(`/api/cases/${row.id}`)).statusCode === 200);
    assert.ok((await (await signIn(t.app, 'yanggu')).get(`/api/cases/${row.id}`)).json().abilities.includes('urge'));
  });
});
