/**
 * Correcting and deleting the hand-kept entries of 先进事迹 and 大事记: the version a change
 * names, the reach of the writer (404 outside it, as for a missing entry), the station's own
 * deputies, and the audit record each write leaves, a deletion's carrying what the entry held.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { idOf, signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

describe('correcting and deleting register entries', () => {
  let t: TestApp;
  let admin: Client;
  let staff: Client;
  let officer: Client;
  let deputy: Client;
  let yicheng: Client;
  const ids = { huangtian: 0, gonghe: 0, leihe: 0, liangjun: 0, weixiulan: 0, chen: 0, wang: 0 };

  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  const fieldCodes = (res: { json(): { error: { fields?: { path: string; code: string }[] } } }) => (res.json().error.fields ?? []).map((f) => `${f.path}:${f.code}`);
  const remove = (client: Client, url: string, version: number) => client.request('DELETE', `${url}?version=${version}`);
  const auditOf = (action: string, entityId: number) => t.database.db.selectFrom('audit_log').selectAll()
    .where('action', '=', action).where('entity_id', '=', String(entityId)).orderBy('id').execute();

  before(async () => {
    t = await startTestApp();
    [admin, staff, officer, deputy, yicheng] = await Promise.all([
      signIn(t.app, 'admin'), signIn(t.app, 'pinggui'), signIn(t.app, 'huangtian'), signIn(t.app, 'liangjun'), signIn(t.app, 'yicheng'),
    ]);
    const db = t.database.db;
    Object.assign(ids, {
      huangtian: await idOf(db, 'station', '平桂区黄田镇人大代表联络站'), gonghe: await idOf(db, 'station', '平桂区黄田镇公和村人大代表联络点'),
      leihe: await idOf(db, 'station', '宜城市雷河镇人大代表中心联络站'),
      liangjun: await idOf(db, 'deputy', '梁俊华'), weixiulan: await idOf(db, 'deputy', '韦秀兰'), chen: await idOf(db, 'deputy', '陈美玲'),
      wang: await idOf(db, 'deputy', '王建华'),
    });
  });
  after(() => t?.close());

  const newDeed = async (client: Client, body: Record<string, unknown> = {}) => ok(await client.post('/api/deeds', {
    stationId: ids.huangtian, deputyId: ids.weixiulan, occurredOn: '2026-05-04', title: '调解邻里纠纷', description: '上门三次', ...body,
  }), 201).json<{ id: number; version: number }>();
  const newEntry = async (client: Client, body: Record<string, unknown>) => ok(await client.post('/api/chronicle', {
    occurredOn: '2026-05-06', title: '召开代表座谈会', ...body,
  }), 201).json<{ id: number; version: number }>();

  it('corrects a deed with the version read, and answers 409 on a stale one', async () => {
    const deed = await newDeed(officer);
    assert.equal(deed.version, 1);
    const changed = ok(await officer.patch(`/api/deeds/${deed.id}`, { version: 1, title: '调解邻里宅基地纠纷', deputyId: ids.chen })).json();
    assert.deepEqual([changed.title, changed.deputy.name, changed.description, changed.version], ['调解邻里宅基地纠纷', '陈美玲', '上门三次', 2]);
    assert.ok(changed.updatedAt >= changed.createdAt);
    assert.equal(changed.recordedBy, '黄田镇联络站 联络员 蒙工', 'the recorder stays the one who recorded it');

    const stale = await staff.patch(`/api/deeds/${deed.id}`, { version: 1, title: '旧版本的修改' });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'CONFLICT');
    assert.equal(stale.json().error.details.currentVersion, 2);
    const listed = ok(await deputy.get(`/api/deeds?stationId=${ids.huangtian}&from=2026-05-01&to=2026-05-31`)).json().items as { id: number; title: string; version: number }[];
    const read = listed.find((d) => d.id === deed.id)!;
    assert.deepEqual([read.title, read.version], ['调解邻里宅基地纠纷', 2], 'nothing written by the stale change');

    const [audit] = await auditOf('deed.update', deed.id);
    assert.equal(audit!.entity_type, 'deputy_deed');
    assert.deepEqual([(audit!.before as { title: string; version: number }).title, (audit!.before as { version: number }).version], ['调解邻里纠纷', 1]);
    assert.deepEqual([(audit!.after as { title: string }).title, (audit!.after as { deputy_id: number }).deputy_id, (audit!.after as { version: number }).version], ['调解邻里宅基地纠纷', ids.chen, 2]);
  });

  it('checks a new station or deputy as recording does: the station\'s own deputies, at a station the writer sees', async () => {
    const deed = await newDeed(staff);
    // 韦秀兰 sits at 黄田镇, not at 公和村.
    assert.deepEqual(fieldCodes(await staff.patch(`/api/deeds/${deed.id}`, { version: 1, stationId: ids.gonghe })), ['deputyId:NOT_STATION_DEPUTY']);
    assert.deepEqual(fieldCodes(await staff.patch(`/api/deeds/${deed.id}`, { version: 1, deputyId: ids.wang })), ['deputyId:NOT_STATION_DEPUTY']);
    assert.deepEqual(fieldCodes(await staff.patch(`/api/deeds/${deed.id}`, { version: 1, stationId: ids.leihe, deputyId: ids.wang })), ['stationId:UNKNOWN_REFERENCE']);
    const moved = ok(await staff.patch(`/api/deeds/${deed.id}`, { version: 1, stationId: ids.gonghe, deputyId: ids.liangjun })).json();
    assert.deepEqual([moved.station.id, moved.deputy.id, moved.version], [ids.gonghe, ids.liangjun, 2]);
    // A text correction does not ask again whether the deputy still sits at the station.
    ok(await staff.patch(`/api/deeds/${deed.id}`, { version: 2, description: '补充说明' }));
    assert.equal((await staff.patch(`/api/deeds/${deed.id}`, { version: 3, title: '' })).statusCode, 400);
  });

  it('deletes a deed with the version read; the audit record keeps what it held', async () => {
    const deed = await newDeed(officer, { title: '带头捐资修路' });
    assert.equal((await remove(officer, `/api/deeds/${deed.id}`, 7)).statusCode, 409);
    assert.equal((await officer.request('DELETE', `/api/deeds/${deed.id}`)).statusCode, 400, 'the version is required');
    const res = await remove(officer, `/api/deeds/${deed.id}`, 1);
    assert.equal(res.statusCode, 204, res.body);
    assert.equal(res.body, '');
    assert.equal((await officer.get(`/api/deeds?stationId=${ids.huangtian}&from=2026-05-01&to=2026-05-31`)).json().items.some((d: { id: number }) => d.id === deed.id), false);
    assert.equal((await remove(officer, `/api/deeds/${deed.id}`, 1)).statusCode, 404, 'gone');
    const [audit] = await auditOf('deed.delete', deed.id);
    assert.equal(audit!.after, null);
    assert.deepEqual([(audit!.before as { title: string }).title, (audit!.before as { station_id: number }).station_id, (audit!.before as { recorded_by_name: string }).recorded_by_name],
      ['带头捐资修路', ids.huangtian, '黄田镇联络站 联络员 蒙工']);
    assert.equal(await t.database.db.selectFrom('deputy_deed').select('id').where('id', '=', deed.id).executeTakeFirst(), undefined);
  });

  it('answers 404 for a deed out of the writer\'s reach, exactly as for a missing one, and 403 to deputies', async () => {
    const deed = await newDeed(officer);
    for (const attempt of [
      (id: number) => yicheng.patch(`/api/deeds/${id}`, { version: 1, title: '越界修改' }),
      (id: number) => remove(yicheng, `/api/deeds/${id}`, 1),
    ]) {
      const outside = await attempt(deed.id);
      assert.equal(outside.statusCode, 404);
      assert.equal(outside.body, (await attempt(999999)).body);
    }
    const leihe = await newDeed(admin, { stationId: ids.leihe, deputyId: ids.wang });
    assert.equal((await officer.patch(`/api/deeds/${leihe.id}`, { version: 1, title: '越界修改' })).statusCode, 404);
    assert.equal((await staff.request('DELETE', `/api/deeds/${leihe.id}?version=1`)).statusCode, 404);
    assert.equal((await deputy.patch(`/api/deeds/${deed.id}`, { version: 1, title: '自夸' })).statusCode, 403);
    assert.equal((await remove(deputy, `/api/deeds/${deed.id}`, 1)).statusCode, 403);
    ok(await admin.patch(`/api/deeds/${leihe.id}`, { version: 1, title: '雷河镇代表事迹' }));
    assert.equal((await auditOf('deed.update', leihe.id)).length, 1, 'only the administrator\'s change');
  });

  it('corrects and deletes chronicle entries of a station and of a region, each within its writer\'s reach', async () => {
    const station = await newEntry(officer, { stationId: ids.huangtian });
    const changed = ok(await officer.patch(`/api/chronicle/${station.id}`, { version: 1, body: '到会代表 12 名', occurredOn: '2026-05-07' })).json();
    assert.deepEqual([changed.body, changed.occurredOn, changed.title, changed.version, changed.station.id], ['到会代表 12 名', '2026-05-07', '召开代表座谈会', 2, ids.huangtian]);
    assert.equal((await officer.patch(`/api/chronicle/${station.id}`, { version: 1, title: '旧' })).json().error.details.currentVersion, 2);

    // A region's entry is its managers': staff of the district, not the station's officer.
    const region = await newEntry(staff, { regionCode: '451103', title: '区人大常委会视察联络站' });
    assert.equal((await officer.patch(`/api/chronicle/${region.id}`, { version: 1, title: '越界' })).statusCode, 404);
    assert.equal((await remove(officer, `/api/chronicle/${region.id}`, 1)).statusCode, 404);
    assert.equal((await yicheng.patch(`/api/chronicle/${region.id}`, { version: 1, title: '越界' })).body,
      (await yicheng.patch('/api/chronicle/999999', { version: 1, title: '越界' })).body, 'like a missing entry');
    const yichengEntry = await newEntry(yicheng, { regionCode: '420684' });
    assert.equal((await staff.patch(`/api/chronicle/${yichengEntry.id}`, { version: 1, title: '越界' })).statusCode, 404);
    assert.equal((await remove(staff, `/api/chronicle/${station.id}`, 1)).statusCode, 409);

    // Naming a place moves the entry there, under the rules of recording.
    assert.deepEqual(fieldCodes(await officer.patch(`/api/chronicle/${station.id}`, { version: 2, regionCode: '451103' })), ['regionCode:NOT_IN_SCOPE']);
    assert.deepEqual(fieldCodes(await staff.patch(`/api/chronicle/${station.id}`, { version: 2, stationId: ids.huangtian, regionCode: '451103' })), ['regionCode:PLACE_REQUIRED']);
    assert.deepEqual(fieldCodes(await staff.patch(`/api/chronicle/${station.id}`, { version: 2, stationId: ids.leihe })), ['stationId:UNKNOWN_REFERENCE']);
    const moved = ok(await staff.patch(`/api/chronicle/${station.id}`, { version: 2, regionCode: '451103' })).json();
    assert.deepEqual([moved.station, moved.region.code, moved.version], [null, '451103', 3]);
    assert.equal((await officer.patch(`/api/chronicle/${station.id}`, { version: 3, title: '已不在本站' })).statusCode, 404, 'now a region\'s entry');

    assert.equal((await remove(staff, `/api/chronicle/${region.id}`, 1)).statusCode, 204);
    const [deleted] = await auditOf('chronicle.delete', region.id);
    assert.deepEqual([(deleted!.before as { title: string }).title, (deleted!.before as { region_code: string }).region_code, deleted!.after], ['区人大常委会视察联络站', '451103', null]);
    const updates = await auditOf('chronicle.update', station.id);
    assert.deepEqual(updates.map((a) => [(a.before as { version: number }).version, (a.after as { version: number }).version]), [[1, 2], [2, 3]]);
    assert.equal((updates[1]!.after as { station_id: number | null }).station_id, null);
    const listed = ok(await staff.get('/api/chronicle?regionCode=451103&from=2026-05-01&to=2026-05-31')).json().items as { id: number }[];
    assert.deepEqual(listed.map((e) => e.id), [station.id], 'the deleted entry is gone, the moved one listed');
  });
});
