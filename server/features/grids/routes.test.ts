/**
 * Grids through the API: cells with their deputies and grid workers, the coverage of a town, a
 * whistle that becomes a case of channel `whistle` at the cell's station and is accepted by the
 * station, what a grid worker may and may not see, and a cross-border team's joint patrol.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

const HUANGTIAN = '451103101';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex').toString('base64');

describe('grids', () => {
  let t: TestApp;
  let staff: Client;
  let officer: Client;
  let worker: Client;
  let deputy: Client;
  let unit: Client;
  before(async () => {
    t = await startTestApp();
    staff = await signIn(t.app, 'pinggui');
    officer = await signIn(t.app, 'huangtian');
    worker = await signIn(t.app, 'wangge');
    deputy = await signIn(t.app, 'liangjun');
    unit = await signIn(t.app, 'shuiliju');
  });
  after(() => t.close());

  const created = <T>(res: { statusCode: number; body: string; json: <U>() => U }, status = 201): T => {
    assert.equal(res.statusCode, status, res.body);
    return res.json<T>();
  };

  it('shows the demo cells: 梁俊华 in 公和村第 1 网格, the worker on both, deputies in no grid flagged', async () => {
    const mine = created<{ items: { name: string; village: string; whistleCount: number }[] }>(await worker.get('/api/grids/cells'), 200).items;
    assert.deepEqual(mine.map((c) => `${c.village}${c.name}`), ['公和村公和村第 1 网格', '公和村公和村第 2 网格']);
    const cov = created<{ towns: { regionName: string; villages: { village: string; cells: { name: string; deputies: { name: string }[]; workers: { name: string }[] }[] }[] }[]; notInGrid: { name: string }[]; deputyCount: number; inGridCount: number }>(
      await staff.get(`/api/grids/coverage?regionCode=${HUANGTIAN}`), 200);
    const cell1 = cov.towns[0]!.villages[0]!.cells[0]!;
    assert.deepEqual(cell1.deputies.map((d) => d.name), ['梁俊华']);
    assert.equal(cell1.workers.length, 1);
    assert.ok(cov.notInGrid.some((d) => d.name === '韦秀兰'));
    assert.ok(!cov.notInGrid.some((d) => d.name === '梁俊华'));
    assert.equal(cov.deputyCount - cov.notInGrid.length, cov.inGridCount);
    // Coverage is for the region's congress staff; another county's staff see no 黄田镇.
    assert.equal((await worker.get(`/api/grids/coverage?regionCode=${HUANGTIAN}`)).statusCode, 403);
    assert.equal((await (await signIn(t.app, 'yicheng')).get(`/api/grids/coverage?regionCode=${HUANGTIAN}`)).statusCode, 404);
  });

  it('a whistle becomes a case of channel whistle at the station, accepted there, followed by the worker', async () => {
    const db = t.database.db;
    const cellId = (await db.selectFrom('grid_cell').select('id').where('name', '=', '公和村第 2 网格').executeTakeFirstOrThrow()).id;
    const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
    const bad = await worker.post('/api/grids/whistles', { cellId, categoryId, content: '五组水管爆了' });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json<{ error: { code: string } }>().error.code, 'GRID_LOCATION_REQUIRED');
    const w = created<{ id: number; trackingCode: string; state: string; timeline: { label: { zh: string }; comment: string | null }[] }>(
      await worker.post('/api/grids/whistles', { cellId, categoryId, content: '五组水管爆了,路面全是水', location: { lat: 24.46, lng: 111.58 }, photos: [{ data: PNG }] }));
    assert.equal(w.state, 'submitted');
    assert.ok(w.timeline.some((e) => e.label.zh === '网格员吹哨' && e.comment?.includes('公和村第 2 网格')));
    const row = await db.selectFrom('opinion').select(['channel', 'station_id']).where('id', '=', w.id).executeTakeFirstOrThrow();
    assert.equal(row.channel, 'whistle');
    assert.equal(row.station_id, await idOf(db, 'station', '平桂区黄田镇公和村人大代表联络点'));
    assert.equal((await db.selectFrom('opinion_photo').select('id').where('opinion_id', '=', w.id).execute()).length, 1);
    // The station's officer sees it in the queue filtered by channel, and accepts it.
    const queue = created<{ items: { id: number; channel: string }[] }>(await officer.get('/api/cases?channel=whistle'), 200).items;
    assert.ok(queue.some((c) => c.id === w.id && c.channel === 'whistle'));
    created(await officer.post(`/api/cases/${w.id}/actions/accept`, { comment: '已受理' }), 200);
    const followed = created<{ state: string; timeline: { comment: string | null }[] }>(await worker.get(`/api/grids/whistles/${w.id}`), 200);
    assert.equal(followed.state, 'accepted');
    const list = created<{ items: { id: number; state: string }[] }>(await worker.get('/api/grids/whistles'), 200).items;
    assert.ok(list.some((i) => i.id === w.id && i.state === 'accepted'));
    // The worker reaches no case through the case routes.
    assert.equal((await worker.get(`/api/cases/${w.id}`)).statusCode, 403);
    // Only a grid worker blows the whistle: staff cannot register a case under that channel.
    const stationId = row.station_id!;
    const forged = await officer.post('/api/cases', { stationId, channel: 'whistle', items: [{ content: '代为吹哨', categoryId }] });
    assert.equal(forged.statusCode, 400, forged.body);
    assert.equal(forged.json<{ error: { code: string } }>().error.code, 'VALIDATION_FAILED');
  });

  it('a grid worker sees only their own cells and whistles', async () => {
    const db = t.database.db;
    const other = (await db.selectFrom('account').select('id').where('username', '=', 'tqwangge').executeTakeFirstOrThrow()).id;
    const otherCell = (await db.selectFrom('grid_cell_worker').select('cell_id').where('account_id', '=', other).executeTakeFirstOrThrow()).cell_id;
    const otherWorker = await signIn(t.app, 'tqwangge');
    const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'environment').executeTakeFirstOrThrow()).id;
    const theirs = created<{ id: number }>(await otherWorker.post('/api/grids/whistles', { cellId: otherCell, categoryId, content: '河边有人倾倒垃圾', place: '金堤河边' }));
    assert.equal((await worker.get(`/api/grids/whistles/${theirs.id}`)).statusCode, 404);
    assert.ok(!created<{ items: { id: number }[] }>(await worker.get('/api/grids/whistles'), 200).items.some((i) => i.id === theirs.id));
    assert.equal((await worker.get(`/api/grids/cells/${otherCell}`)).statusCode, 404);
    // Nor may they whistle for another's cell.
    assert.equal((await worker.post('/api/grids/whistles', { cellId: otherCell, categoryId, content: '冒名', place: '金堤河边' })).statusCode, 404);
    // Other roles: no whistling; a unit no cells.
    assert.equal((await officer.post('/api/grids/whistles', { cellId: otherCell, categoryId, content: 'x', place: 'x' })).statusCode, 403);
    assert.equal((await unit.get('/api/grids/cells')).statusCode, 403);
    assert.ok(created<{ items: unknown[] }>(await deputy.get('/api/grids/cells'), 200).items.length >= 2);
  });

  it('staff create and change a cell; bad references are refused whole', async () => {
    const db = t.database.db;
    const gonghe = await idOf(db, 'station', '平桂区黄田镇公和村人大代表联络点');
    const wei = await idOf(db, 'deputy', '韦秀兰');
    const cell = created<{ id: number; version: number; deputies: { name: string }[] }>(await staff.post('/api/grids/cells', {
      name: '公和村第 3 网格', regionCode: HUANGTIAN, village: '公和村', stationId: gonghe, boundary: '七、八组', deputyIds: [wei],
    }));
    assert.deepEqual(cell.deputies.map((d) => d.name), ['韦秀兰']);
    assert.equal((await staff.post('/api/grids/cells', { name: '公和村第 3 网格', regionCode: HUANGTIAN, village: '公和村', stationId: gonghe })).statusCode, 409);
    const wang = await idOf(db, 'deputy', '王建华');
    const outside = await staff.request('PUT', `/api/grids/cells/${cell.id}`, { name: '公和村第 3 网格', regionCode: HUANGTIAN, village: '公和村', stationId: gonghe, deputyIds: [wang], version: cell.version });
    assert.equal(outside.json<{ error: { code: string } }>().error.code, 'GRID_DEPUTY_INVALID');
    const yulu = await idOf(db, 'station', '豫鲁跨省联建人大代表联络站');
    const wrongStation = await staff.post('/api/grids/cells', { name: '外站', regionCode: HUANGTIAN, village: '公和村', stationId: yulu });
    assert.equal(wrongStation.json<{ error: { code: string } }>().error.code, 'GRID_STATION_INVALID');
    const changed = created<{ deputies: unknown[]; version: number }>(await staff.request('PUT', `/api/grids/cells/${cell.id}`, {
      name: '公和村第 3 网格', regionCode: HUANGTIAN, village: '公和村', stationId: gonghe, deputyIds: [], version: cell.version,
    }), 200);
    assert.equal(changed.deputies.length, 0);
    assert.equal(changed.version, cell.version + 1);
    assert.equal((await officer.post('/api/grids/cells', { name: 'x', regionCode: HUANGTIAN, village: '公和村', stationId: gonghe })).statusCode, 403);
  });

  it('a whistle from a cell on the other side of a cross-province station is handled by that side (属地管理)', async () => {
    const db = t.database.db;
    const yg = (await db.selectFrom('account').select('id').where('username', '=', 'ygwangge').executeTakeFirstOrThrow()).id;
    const cell = await db.selectFrom('grid_cell as c').innerJoin('grid_cell_worker as w', 'w.cell_id', 'c.id')
      .select(['c.id', 'c.region_path']).where('w.account_id', '=', yg).executeTakeFirstOrThrow();
    const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'environment').executeTakeFirstOrThrow()).id;
    const w = created<{ id: number }>(await (await signIn(t.app, 'ygwangge')).post('/api/grids/whistles', { cellId: cell.id, categoryId, content: '金堤河十五里园段有人夜间采砂', place: '金堤河十五里园段' }));
    const row = await db.selectFrom('opinion').select(['place_region_path', 'side_path']).where('id', '=', w.id).executeTakeFirstOrThrow();
    assert.equal(row.place_region_path, cell.region_path);
    assert.equal(row.side_path, cell.region_path);
    const home = await (await signIn(t.app, 'taiqian')).post(`/api/cases/${w.id}/actions/accept`, { comment: '受理' });
    assert.equal(home.statusCode, 403, home.body);
    assert.equal(home.json<{ error: { code: string } }>().error.code, 'CASE_ACTION_FORBIDDEN');
    created(await (await signIn(t.app, 'yanggu')).post(`/api/cases/${w.id}/actions/accept`, { comment: '阳谷受理' }), 200);
  });

  it('a cross-border team of both sides logs a joint patrol as an activity of the station', async () => {
    const taiqian = await signIn(t.app, 'taiqian');
    const yanggu = await signIn(t.app, 'yanggu');
    const teams = created<{ items: { id: number; name: string; members: { id: number; side: string }[]; patrols: { activityId: number }[] }[] }>(await taiqian.get('/api/grids/teams'), 200).items;
    const team = teams.find((x) => x.name === '豫鲁跨界服务小组')!;
    assert.equal(team.members.length, 2);
    assert.ok(team.members.some((m) => m.side.includes('台前县')) && team.members.some((m) => m.side.includes('阳谷县')));
    assert.equal(team.patrols.length, 1);
    assert.ok(created<{ items: { name: string }[] }>(await yanggu.get('/api/grids/teams'), 200).items.some((x) => x.name === '豫鲁跨界服务小组'));
    assert.equal(created<{ items: unknown[] }>(await staff.get('/api/grids/teams'), 200).items.length, 0);
    const patrol = created<{ activityId: number }>(await taiqian.post(`/api/grids/teams/${team.id}/patrols`, {
      title: '汛前联合巡查', startsAt: '2026-06-01T09:00:00+08:00', place: '金堤河', memberAccountIds: team.members.map((m) => m.id),
    }));
    const activity = created<{ kind: string; title: string }>(await taiqian.get(`/api/activities/${patrol.activityId}`), 200);
    assert.equal(activity.title, '汛前联合巡查');
    const stranger = (await t.database.db.selectFrom('account').select('id').where('username', '=', 'wangge').executeTakeFirstOrThrow()).id;
    const bad = await taiqian.post(`/api/grids/teams/${team.id}/patrols`, { title: 'x', startsAt: '2026-06-01T09:00:00+08:00', memberAccountIds: [stranger] });
    assert.equal(bad.json<{ error: { code: string } }>().error.code, 'GRID_PATROL_MEMBER_INVALID');
    assert.equal((await staff.post(`/api/grids/teams/${team.id}/patrols`, { title: 'x', startsAt: '2026-06-01T09:00:00+08:00', memberAccountIds: [stranger] })).statusCode, 404);
    // A member sees their team; the 黄田镇 worker does not.
    assert.equal(created<{ items: unknown[] }>(await (await signIn(t.app, 'ygwangge')).get('/api/grids/teams'), 200).items.length, 1);
    assert.equal(created<{ items: unknown[] }>(await worker.get('/api/grids/teams'), 200).items.length, 0);
  });
});
