import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { idOf, signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex').toString('base64');
const PDF = Buffer.from('%PDF-1.4\n% 调研报告\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');

describe('activities, campaigns and the reception rota', () => {
  let t: TestApp;
  let staff: Client;
  let officer: Client;
  let deputy: Client;
  let clerk: Client;
  let yicheng: Client;
  const ids = { huangtian: 0, gonghe: 0, leihe: 0, liangjun: 0, weixiulan: 0, huangzhiqiang: 0, wang: 0, water: 0, housing: 0 };

  before(async () => {
    t = await startTestApp();
    [staff, officer, deputy, clerk, yicheng] = await Promise.all([
      signIn(t.app, 'pinggui'), signIn(t.app, 'huangtian'), signIn(t.app, 'liangjun'), signIn(t.app, 'shuiliju'), signIn(t.app, 'yicheng'),
    ]);
    const db = t.database.db;
    Object.assign(ids, {
      huangtian: await idOf(db, 'station', '平桂区黄田镇人大代表联络站'),
      gonghe: await idOf(db, 'station', '平桂区黄田镇公和村人大代表联络点'),
      leihe: await idOf(db, 'station', '宜城市雷河镇人大代表中心联络站'),
      liangjun: await idOf(db, 'deputy', '梁俊华'),
      weixiulan: await idOf(db, 'deputy', '韦秀兰'),
      huangzhiqiang: await idOf(db, 'deputy', '黄志强'),
      wang: await idOf(db, 'deputy', '王建华'),
      water: await idOf(db, 'unit', '贺州市平桂区水利局'),
      housing: await idOf(db, 'unit', '贺州市平桂区住房和城乡建设局'),
    });
  });
  after(() => t.close());

  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  const fieldCodes = (res: { json(): { error: { fields?: { path: string; code: string }[] } } }) => (res.json().error.fields ?? []).map((f) => `${f.path}:${f.code}`);
  const visit = (over: Record<string, unknown> = {}) => ({
    kind: 'visit', title: '走访公和村困难群众', stationId: ids.huangtian, startsAt: '2026-11-10T09:00:00+08:00', place: '公和村', ...over,
  });

  it('lets a deputy log a visit with a photo from the phone, counting them present', async () => {
    const created = ok(await deputy.post('/api/activities', visit({ photos: [{ data: PNG }], summary: '了解到三户人家饮水困难' })), 201).json();
    assert.deepEqual(created.participants.map((p: { name: string; attendance: string }) => [p.name, p.attendance]), [['梁俊华', 'present']]);
    assert.equal(created.kindLabel.zh, '走访选民');
    assert.equal(created.photos.length, 1);
    const photo = ok(await deputy.get(created.photos[0].url));
    assert.equal(photo.headers['content-type'], 'image/png');
    assert.deepEqual(created.abilities, ['update']);
    // The station's officer and the district staff see it; another county's staff and an uninvited unit do not.
    assert.deepEqual(ok(await officer.get(`/api/activities/${created.id}`)).json().abilities, ['update']);
    ok(await staff.get(`/api/activities/${created.id}`));
    assert.equal((await yicheng.get(`/api/activities/${created.id}`)).statusCode, 404);
    assert.equal((await clerk.get(`/api/activities/${created.id}`)).statusCode, 404);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'activity').where('entity_id', '=', String(created.id)).execute();
    assert.deepEqual(audit.map((a) => a.action), ['activity.create']);
  });

  it('records attendance and invited units; an invited unit reads it, without the constituents\' opinions', async () => {
    const created = ok(await staff.post('/api/activities', {
      kind: 'joint_meeting', title: '饮水安全联席会议', stationId: ids.huangtian, startsAt: '2026-11-12T14:30:00+08:00',
      participants: [{ deputyId: ids.liangjun, attendance: 'present' }, { deputyId: ids.weixiulan, attendance: 'leave' }, { deputyId: ids.huangzhiqiang, attendance: 'absent' }],
      unitIds: [ids.water], suggestionsMade: 3,
    }), 201).json();
    assert.deepEqual(created.participants.map((p: { attendance: string }) => p.attendance), ['present', 'leave', 'absent']);
    ok(await staff.post('/api/cases', {
      stationId: ids.huangtian, channel: 'reception', activityId: created.id,
      items: [{ categoryId: 2, content: '会上群众反映水压低' }, { categoryId: 2, content: '会上群众反映水质浑浊' }],
    }), 201);
    const seen = ok(await staff.get(`/api/activities/${created.id}`)).json();
    assert.equal(seen.opinions.length, 2);
    const byUnit = ok(await clerk.get(`/api/activities/${created.id}`)).json();
    assert.equal(byUnit.title, '饮水安全联席会议');
    assert.deepEqual(byUnit.opinions, [], 'the unit was invited to the meeting, not to the constituents\' cases');
    assert.deepEqual(byUnit.abilities, []);
    const listed = ok(await staff.get(`/api/activities?stationId=${ids.huangtian}&kind=joint_meeting`)).json().items;
    assert.equal(listed.length, 1);
    assert.deepEqual([listed[0].participants, listed[0].present, listed[0].opinions, listed[0].suggestionsMade], [3, 1, 2, 3]);
    const mine = ok(await deputy.get(`/api/activities?deputyId=${ids.weixiulan}`)).json().items.map((a: { id: number }) => a.id);
    assert.deepEqual(mine, [created.id]);
  });

  it('refuses what it cannot record, and writes nothing', async () => {
    const before = Number((await t.database.db.selectFrom('activity').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const outside = await deputy.post('/api/activities', visit({ stationId: ids.leihe }));
    assert.deepEqual(fieldCodes(outside), ['stationId:UNKNOWN_REFERENCE']);
    const strangers = await staff.post('/api/activities', visit({ participants: [{ deputyId: ids.wang, attendance: 'present' }], unitIds: [999_999] }));
    assert.deepEqual(fieldCodes(strangers), ['participants.0.deputyId:UNKNOWN_REFERENCE', 'unitIds.0:UNKNOWN_REFERENCE']);
    const backwards = await staff.post('/api/activities', visit({ endsAt: '2026-11-10T08:00:00+08:00' }));
    assert.deepEqual(fieldCodes(backwards), ['endsAt:ENDS_BEFORE_START']);
    const badFiles = await staff.post('/api/activities', visit({ photos: [{ data: PDF }], reports: [{ data: PNG, filename: 'x.pdf' }] }));
    assert.deepEqual(fieldCodes(badFiles), ['photos.0:PHOTO_TYPE', 'reports.0:REPORT_TYPE']);
    const noStation = await officer.post('/api/activities', visit({ stationId: null }));
    assert.deepEqual(fieldCodes(noStation), ['stationId:REQUIRED']);
    assert.equal((await clerk.post('/api/activities', visit())).statusCode, 403);
    const after = Number((await t.database.db.selectFrom('activity').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(after, before);
  });

  it('takes reports, and lets only its author among the deputies change an activity', async () => {
    const created = ok(await deputy.post('/api/activities', visit({ kind: 'research', title: '产业调研', reports: [{ data: PDF, filename: '调研报告.pdf' }] })), 201).json();
    assert.equal(created.reports[0].filename, '调研报告.pdf');
    const file = ok(await staff.get(created.reports[0].url));
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.match(String(file.headers['content-disposition']), /attachment; .*filename\*=UTF-8''%E8%B0%83/);
    const edited = ok(await deputy.request('PUT', `/api/activities/${created.id}`, { ...visit({ kind: 'research', title: '产业调研(补记)' }), version: created.version })).json();
    assert.equal(edited.title, '产业调研(补记)');
    assert.equal(edited.reports.length, 1, 'files stay');
    const stale = await deputy.request('PUT', `/api/activities/${created.id}`, { ...visit({ kind: 'research' }), version: created.version });
    assert.equal(stale.statusCode, 409);
    const colleague = await signIn(t.app, 'liangjun');
    assert.equal((await colleague.request('PUT', `/api/activities/${created.id}`, { ...visit(), version: edited.version })).statusCode, 200, 'the same deputy on another device');
    const added = ok(await officer.post(`/api/activities/${created.id}/files`, { photos: [{ data: PNG }, { data: PNG }] })).json();
    assert.equal(added.photos.length, 2);
    const tooMany = await officer.post(`/api/activities/${created.id}/files`, { photos: Array.from({ length: 8 }, () => ({ data: PNG })) });
    assert.deepEqual(fieldCodes(tooMany), ['photos:TOO_MANY_ACTIVITY_PHOTOS']);
  });

  it('counts a campaign\'s activities, stations, deputies present, opinions and suggestions', async () => {
    const campaign = ok(await staff.post('/api/campaigns', {
      name: '产业协同发展·代表在行动', regionCode: '451103', startsOn: '2026-11-01', endsOn: '2026-12-31',
    }), 201).json();
    assert.deepEqual(campaign.abilities, ['update']);
    const a1 = ok(await staff.post('/api/activities', visit({ kind: 'theme', title: '走进产业园', campaignId: campaign.id, suggestionsMade: 2,
      participants: [{ deputyId: ids.liangjun, attendance: 'present' }, { deputyId: ids.weixiulan, attendance: 'absent' }] })), 201).json();
    ok(await officer.post('/api/activities', visit({ kind: 'theme', title: '企业座谈', stationId: ids.gonghe, campaignId: campaign.id, suggestionsMade: 1,
      participants: [{ deputyId: ids.liangjun, attendance: 'present' }, { deputyId: ids.huangzhiqiang, attendance: 'present' }] })), 201);
    ok(await staff.post('/api/cases', { stationId: ids.huangtian, channel: 'visit', activityId: a1.id, items: [{ categoryId: 9, content: '企业反映用工难' }] }), 201);
    const figures = ok(await deputy.get(`/api/campaigns/${campaign.id}`)).json().figures;
    assert.deepEqual(figures, { activities: 2, stations: 2, deputies: 2, opinions: 1, suggestions: 3 });
    assert.deepEqual(ok(await deputy.get(`/api/campaigns/${campaign.id}`)).json().abilities, []);
    assert.equal((await yicheng.get(`/api/campaigns/${campaign.id}`)).statusCode, 404);
    const outside = await staff.post('/api/campaigns', { name: '越界', regionCode: '420684', startsOn: '2026-11-01', endsOn: '2026-11-30' });
    assert.deepEqual(fieldCodes(outside), ['regionCode:NOT_IN_SCOPE']);
    assert.ok(ok(await officer.get('/api/campaigns')).json().some((c: { id: number }) => c.id === campaign.id), 'the stations of the district see it');
  });

  it('makes a rota from the station\'s schedule, deputies taking turns, and tells held, missed and cancelled days apart', async () => {
    // 黄田镇 receives every Wednesday; November 2026 has four, none a holiday.
    const made = ok(await officer.post(`/api/stations/${ids.huangtian}/rota`, { from: '2026-11-01', to: '2026-11-30' }), 201).json();
    assert.equal(made.added, 4);
    const again = ok(await officer.post(`/api/stations/${ids.huangtian}/rota`, { from: '2026-11-01', to: '2026-12-09' }), 201).json();
    assert.equal(again.added, 2, 'only the days it lacked');
    const rota = ok(await deputy.get(`/api/stations/${ids.huangtian}/rota?from=2026-11-01&to=2026-12-31`)).json();
    assert.deepEqual(rota.days.map((d: { date: string }) => d.date), ['2026-11-04', '2026-11-11', '2026-11-18', '2026-11-25', '2026-12-02', '2026-12-09']);
    const turns = rota.days.map((d: { deputies: { name: string }[] }) => d.deputies.map((x) => x.name).join());
    // Heads first (梁俊华), then the liaison (韦秀兰), then the residents; the rota continues where it stopped.
    assert.deepEqual(turns.slice(0, 2), ['梁俊华', '韦秀兰']);
    assert.equal(new Set(turns.slice(0, 4)).size, 4, 'four different deputies on four days');
    assert.deepEqual(rota.abilities, []);

    const [first, second, third] = rota.days as { id: number; date: string; deputies: { id: number }[] }[];
    const held = ok(await deputy.post('/api/activities', visit({ kind: 'reception', title: '接待日', startsAt: `${first!.date}T09:00:00+08:00`, rotaSlotId: first!.id })), 201).json();
    assert.deepEqual(held.rotaSlot, { id: first!.id, date: first!.date });
    const twice = await deputy.post('/api/activities', visit({ kind: 'reception', title: '重复', rotaSlotId: first!.id }));
    assert.deepEqual(fieldCodes(twice), ['rotaSlotId:ROTA_SLOT_UNAVAILABLE']);
    const wrongKind = await deputy.post('/api/activities', visit({ kind: 'visit', rotaSlotId: second!.id }));
    assert.deepEqual(fieldCodes(wrongKind), ['kind:ROTA_NEEDS_RECEPTION']);

    ok(await officer.post(`/api/rota/${second!.id}/swap`, { fromDeputyId: second!.deputies[0]!.id, toDeputyId: ids.huangzhiqiang }));
    assert.equal((await officer.post(`/api/rota/${second!.id}/swap`, { fromDeputyId: ids.liangjun, toDeputyId: ids.huangzhiqiang })).statusCode, 400);
    ok(await officer.post(`/api/rota/${third!.id}/cancel`, { reason: '台风停止接待' }));
    assert.equal((await officer.post(`/api/rota/${third!.id}/cancel`, { reason: '再取消' })).statusCode, 409);
    assert.equal((await deputy.post(`/api/rota/${third!.id}/cancel`, { reason: 'x' })).statusCode, 403);

    // On 2026-11-20, the 4th was held, the 11th was missed, the 18th cancelled, the 25th still to come.
    const { stationRota } = await import('./rotaQueries.js');
    const { loadActor } = await import('../../platform/access/actors.js');
    const staffActor = await loadActor(t.database.db, (await t.database.db.selectFrom('account').select('id').where('username', '=', 'pinggui').executeTakeFirstOrThrow()).id);
    const on20th = await stationRota(t.database.db, staffActor, ids.huangtian, '2026-11-01', '2026-11-30', new Date('2026-11-20T12:00:00+08:00'));
    assert.deepEqual(on20th.days.map((d) => d.status), ['held', 'missed', 'cancelled', 'scheduled']);
    assert.deepEqual(on20th.summary, { scheduled: 1, held: 1, missed: 1, cancelled: 1 });
    assert.equal(on20th.days[1]!.deputies[0]!.name, '黄志强');
    assert.ok(on20th.days[1]!.deputies[0]!.replaces, 'the swap names whose turn it was');
  });

  it('shows a deputy their own turns, and refuses a period without a schedule or too long', async () => {
    const today = shanghaiDate(new Date());
    ok(await staff.post(`/api/stations/${ids.gonghe}/rota`, { from: today, to: addDays(today, 40), deputyIds: [ids.liangjun] }), 201);
    const mine = ok(await deputy.get('/api/rota/mine')).json() as { station: { name: string }; date: string }[];
    assert.ok(mine.some((d) => d.station.name === '平桂区黄田镇公和村人大代表联络点' && d.date >= today));
    const tooLong = await staff.post(`/api/stations/${ids.gonghe}/rota`, { from: '2026-01-01', to: '2027-06-30' });
    assert.deepEqual(fieldCodes(tooLong), ['to:PERIOD_TOO_LONG']);
    const stranger = await staff.post(`/api/stations/${ids.gonghe}/rota`, { from: today, to: today, deputyIds: [ids.wang] });
    assert.deepEqual(fieldCodes(stranger), ['deputyIds.0:NOT_STATION_DEPUTY']);
    assert.equal((await yicheng.post(`/api/stations/${ids.gonghe}/rota`, { from: today, to: today })).statusCode, 404);
  });
});
