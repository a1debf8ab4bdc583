import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { idOf, signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

/**
 * A known year at 平桂区西湾街道's station, built through the real commands: its rota of
 * Monday reception days, activities, and four opinions taken through the case workflow.
 */
describe('考核评价: station assessment from a known year', () => {
  let t: TestApp;
  let staff: Client;
  let officer: Client;
  let clerk: Client;
  let yicheng: Client;
  const ids = { xiwan: 0, huangtian: 0, luo: 0, water: 0, category: 0 };
  let rotaDays = 0;

  before(async () => {
    t = await startTestApp();
    [staff, officer, clerk, yicheng] = await Promise.all([signIn(t.app, 'pinggui'), signIn(t.app, 'huangtian'), signIn(t.app, 'shuiliju'), signIn(t.app, 'yicheng')]);
    const db = t.database.db;
    Object.assign(ids, {
      xiwan: await idOf(db, 'station', '平桂区西湾街道人大代表联络站'),
      huangtian: await idOf(db, 'station', '平桂区黄田镇人大代表联络站'),
      luo: await idOf(db, 'deputy', '罗建国'),
      water: await idOf(db, 'unit', '贺州市平桂区水利局'),
      category: (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id,
    });

    // The rota of the first quarter of 2025: every Monday but public holidays. Six days are held, one cancelled.
    const made = await staff.post(`/api/stations/${ids.xiwan}/rota`, { from: '2025-01-01', to: '2025-03-31' });
    assert.equal(made.statusCode, 201, made.body);
    rotaDays = made.json().added;
    const days = (await staff.get(`/api/stations/${ids.xiwan}/rota?from=2025-01-01&to=2025-03-31`)).json().days as { id: number; date: string }[];
    for (const day of days.slice(0, 6)) {
      const res = await staff.post('/api/activities', {
        kind: 'reception', title: '接待日', stationId: ids.xiwan, startsAt: `${day.date}T09:00:00+08:00`, rotaSlotId: day.id,
        participants: [{ deputyId: ids.luo, attendance: 'present' }],
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    assert.equal((await staff.post(`/api/rota/${days[6]!.id}/cancel`, { reason: '台风' })).statusCode, 200);
    for (const startsAt of ['2025-04-10T09:00:00+08:00', '2025-05-12T09:00:00+08:00', '2025-06-18T09:00:00+08:00']) {
      assert.equal((await staff.post('/api/activities', { kind: 'visit', title: '走访', stationId: ids.xiwan, startsAt })).statusCode, 201);
    }

    // Four opinions received in May 2025: two replied on time (one rated satisfied, one not), one answered on the spot and rated basically satisfied, one declined.
    const registered = await staff.post('/api/cases', {
      stationId: ids.xiwan, channel: 'reception', receivedAt: '2025-05-10T10:00:00+08:00',
      items: ['路面积水', '自来水停水', '垃圾清运', '邻里噪音'].map((content) => ({ categoryId: ids.category, content })),
    });
    assert.equal(registered.statusCode, 201, registered.body);
    const cases = registered.json().items as { id: number; trackingCode: string; queryKey: string }[];
    const act = async (client: Client, id: number, action: string, body: Record<string, unknown> = {}) => {
      const res = await client.post(`/api/cases/${id}/actions/${action}`, body);
      assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    };
    const rate = async (c: { trackingCode: string; queryKey: string }, rating: string) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/public/opinions/${c.trackingCode}/rating?key=${c.queryKey}`, payload: { rating } });
      assert.equal(res.statusCode, 200, res.body);
    };
    for (const [c, rating] of [[cases[0]!, 'satisfied'], [cases[1]!, 'unsatisfied']] as const) {
      await act(staff, c.id, 'accept');
      await act(staff, c.id, 'assign', { unitId: ids.water });
      await act(clerk, c.id, 'sign');
      await act(clerk, c.id, 'reply', { comment: '已处理。' });
      await act(staff, c.id, 'approve_reply');
      await act(staff, c.id, 'answer', { comment: '已处理完毕。', mode: 'agreed_time' });
      await rate(c, rating);
    }
    await act(staff, cases[2]!.id, 'answer_on_spot', { comment: '已当场协调。' });
    await rate(cases[2]!, 'basically_satisfied');
    await act(staff, cases[3]!.id, 'decline', { comment: '属民事纠纷,已引导调解' });
  });
  after(() => t.close());

  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  const fieldCodes = (res: { json(): { error: { fields?: { path: string; code: string }[] } } }) => (res.json().error.fields ?? []).map((f) => `${f.path}:${f.code}`);
  type Indicator = { key: string; value: number | null; score: number | null };
  const xiwan2025 = async (client: Client) => ok(await client.get(`/api/assessments?year=2025&stationId=${ids.xiwan}`)).json().items[0];

  it('measures the year\'s indicators from the rota, the activities, the cases and the checklist', async () => {
    const a = await xiwan2025(staff);
    const value = (key: string) => (a.indicators as Indicator[]).find((i) => i.key === key)!;
    assert.equal(value('activities').value, 9, 'six reception days and three visits');
    assert.deepEqual(a.receptionDays, { held: 6, due: rotaDays - 1 }, 'the cancelled day is not due');
    assert.equal(value('receptionRate').value, 6 / (rotaDays - 1));
    assert.equal(value('opinions').value, 4);
    assert.equal(value('onTimeRate').value, 1);
    assert.equal(value('satisfactionRate').value, 2 / 3, 'satisfied and basically satisfied out of three rated');
    assert.equal(value('checklist').value, 3 / 15, '有场所、有牌子、有代表');
    // The nationwide default: activities 20 (target 24), reception 20 (0.9), opinions 15 (30), on time 15 (0.95), satisfaction 15 (0.9), checklist 15 (1).
    const expected = [20 * 9 / 24, 20 * Math.min(1, 6 / (rotaDays - 1) / 0.9), 15 * 4 / 30, 15, 15 * (2 / 3) / 0.9, 15 * 0.2].map((x) => Math.round(x * 100) / 100);
    assert.deepEqual((a.indicators as Indicator[]).map((i) => i.score), expected);
    assert.equal(a.score, Math.round(expected.reduce((n, x) => n + x, 0) * 10) / 10);
    assert.equal(a.grade, a.score >= 85 ? 'first' : a.score >= 70 ? 'second' : 'third');
    assert.equal(a.scheme.region, null, '平桂区 has no scheme of its own');
    assert.deepEqual(a.abilities, ['confirm']);
    assert.equal(a.confirmed, null);
  });

  it('reads schemes in the rankings\' scope: another region\'s answer 404 like a missing record', async () => {
    for (const [client, region] of [[yicheng, '451103'], [staff, '420684'], [officer, '420684']] as const) {
      const schemes = await client.get(`/api/assessments/schemes?regionCode=${region}&year=2025`);
      const rankingThere = await client.get(`/api/points/ranking?year=2025&regionCode=${region}`);
      assert.equal(schemes.statusCode, 404, schemes.body);
      assert.equal(schemes.body, rankingThere.body);
    }
    ok(await officer.get('/api/assessments/schemes?regionCode=451103&year=2025'));
    ok(await yicheng.get('/api/assessments/schemes?year=2025'));
  });

  it('grades by the thresholds of the scheme in force, inherited from the nearest region', async () => {
    const before = await xiwan2025(staff);
    const inherited = ok(await yicheng.get('/api/assessments/schemes?regionCode=420684109&year=2025')).json();
    assert.equal(inherited.versions.find((v: { id: number }) => v.id === inherited.inForceId).region.code, '420684', '雷河镇 takes 宜城市\'s scheme');

    // 平桂区 adopts a scheme of its own for 2025 with lower thresholds: the same facts reach 一类.
    const scheme = { regionCode: '451103', fromYear: 2025, indicators: before.indicators.map((i: Indicator & { weight: number; target: number }) => ({ key: i.key, weight: i.weight, target: i.target })), grades: { first: Math.floor(before.score), second: 40 } };
    ok(await staff.post('/api/assessments/schemes', scheme), 201);
    const after = await xiwan2025(staff);
    assert.equal(after.score, before.score);
    assert.equal(after.grade, 'first');
    assert.equal(after.scheme.region.code, '451103');
    const strict = ok(await staff.post('/api/assessments/schemes', { ...scheme, fromYear: 2026, grades: { first: 99, second: before.score + 0.1 } }), 201).json();
    assert.equal(strict.inForceId, strict.versions[0].id);
    assert.equal((await xiwan2025(staff)).grade, 'first', 'a scheme from 2026 on leaves 2025 alone');

    assert.deepEqual(fieldCodes(await staff.post('/api/assessments/schemes', { ...scheme, fromYear: 2027, indicators: scheme.indicators.slice(1) })), ['indicators:WEIGHTS_NOT_100']);
    assert.deepEqual(fieldCodes(await staff.post('/api/assessments/schemes', { ...scheme, fromYear: 2027, grades: { first: 60, second: 70 } })), ['grades:GRADE_THRESHOLDS_ORDER']);
    assert.deepEqual(fieldCodes(await staff.post('/api/assessments/schemes', { ...scheme, regionCode: '420684' })), ['regionCode:NOT_IN_SCOPE']);
    assert.equal((await staff.post('/api/assessments/schemes', scheme)).statusCode, 409, 'replacing a scheme needs the version read');
  });

  it('confirms a snapshot that sets the station\'s grade through an audited station update; a later fact shows the change without rewriting it', async () => {
    const db = t.database.db;
    const stationBefore = await db.selectFrom('station').select(['grade', 'version']).where('id', '=', ids.xiwan).executeTakeFirstOrThrow();
    assert.equal(stationBefore.grade, 'third');
    const confirmed = ok(await staff.post(`/api/assessments/stations/${ids.xiwan}/confirm`, { year: 2025, applyGrade: true })).json();
    assert.equal(confirmed.confirmed.grade, 'first');
    assert.equal(confirmed.confirmed.gradeApplied, true);
    assert.equal(confirmed.confirmed.confirmedBy, '平桂区人大常委会 韦工');
    assert.equal(confirmed.station.grade, 'first');
    const stationAfter = await db.selectFrom('station').select(['grade', 'version']).where('id', '=', ids.xiwan).executeTakeFirstOrThrow();
    assert.deepEqual(stationAfter, { grade: 'first', version: stationBefore.version + 1 });
    const audit = await db.selectFrom('audit_log').select(['action', 'entity_type', 'before', 'after']).orderBy('id', 'desc').limit(2).execute();
    assert.deepEqual(audit.map((a) => a.action).reverse(), ['station.update', 'assessment.confirm']);
    assert.equal((audit[1]!.before as { grade: string }).grade, 'third');

    // A visit recorded late for 2025 moves today's score; the confirmed one stays.
    ok(await staff.post('/api/activities', { kind: 'visit', title: '补记走访', stationId: ids.xiwan, startsAt: '2025-11-20T09:00:00+08:00' }), 201);
    const later = await xiwan2025(staff);
    assert.equal(later.confirmed.score, confirmed.confirmed.score);
    assert.ok(later.score > confirmed.confirmed.score);
    assert.equal(later.changedSince, true);

    assert.equal((await staff.post(`/api/assessments/stations/${ids.xiwan}/confirm`, { year: 2025 })).statusCode, 409, 'confirming again needs the version');
    ok(await staff.post(`/api/assessments/stations/${ids.xiwan}/confirm`, { year: 2025, version: later.confirmed.version }));
    assert.equal((await xiwan2025(staff)).changedSince, false);
    assert.deepEqual(fieldCodes(await staff.post(`/api/assessments/stations/${ids.xiwan}/confirm`, { year: 2099 })), ['year:YEAR_IN_FUTURE']);
  });

  it('lets officers read their stations\' assessments and nobody confirm beyond their reach', async () => {
    const mine = ok(await officer.get('/api/assessments?year=2025')).json().items.map((a: { station: { name: string } }) => a.station.name);
    assert.deepEqual(mine, ['平桂区黄田镇人大代表联络站', '平桂区黄田镇公和村人大代表联络点']);
    assert.equal((await officer.post(`/api/assessments/stations/${ids.huangtian}/confirm`, { year: 2025 })).statusCode, 403);
    assert.equal((await yicheng.post(`/api/assessments/stations/${ids.xiwan}/confirm`, { year: 2025 })).statusCode, 404);
    assert.equal((await yicheng.get(`/api/assessments?year=2025&stationId=${ids.xiwan}`)).json().items.length, 0);
    assert.equal((await clerk.get('/api/assessments')).statusCode, 403);
    const page = ok(await staff.get('/api/assessments?year=2025&regionCode=451103&limit=2')).json();
    assert.equal(page.items.length, 2);
    const rest = ok(await staff.get(`/api/assessments?year=2025&regionCode=451103&limit=2&cursor=${page.nextCursor}`)).json();
    assert.ok(rest.items.every((a: { station: { id: number } }) => a.station.id > page.items[1].station.id));
  });
});
