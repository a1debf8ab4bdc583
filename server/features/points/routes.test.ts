import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { today } from '../../platform/clock.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { idOf, signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

/** Each test works in a year of its own, so the facts of one never reach another's totals. */
describe('履职积分: rules, ledger, rankings, corrections and stars', () => {
  let t: TestApp;
  let staff: Client;
  let officer: Client;
  let deputy: Client;
  let yicheng: Client;
  let admin: Client;
  let clerk: Client;
  const ids = { huangtian: 0, court: 0, liangjun: 0, weixiulan: 0, huangzhiqiang: 0, chenmeiling: 0, zhong: 0, deng: 0, water: 0, category: 0 };

  before(async () => {
    t = await startTestApp();
    [staff, officer, deputy, yicheng, admin, clerk] = await Promise.all([
      signIn(t.app, 'pinggui'), signIn(t.app, 'huangtian'), signIn(t.app, 'liangjun'), signIn(t.app, 'yicheng'), signIn(t.app, 'admin'), signIn(t.app, 'shuiliju'),
    ]);
    const db = t.database.db;
    Object.assign(ids, {
      huangtian: await idOf(db, 'station', '平桂区黄田镇人大代表联络站'),
      court: await idOf(db, 'station', '平桂区公会镇代表法庭联络室'),
      liangjun: await idOf(db, 'deputy', '梁俊华'),
      weixiulan: await idOf(db, 'deputy', '韦秀兰'),
      huangzhiqiang: await idOf(db, 'deputy', '黄志强'),
      chenmeiling: await idOf(db, 'deputy', '陈美玲'),
      zhong: await idOf(db, 'deputy', '钟立新'),
      deng: await idOf(db, 'deputy', '邓丽娟'),
      water: await idOf(db, 'unit', '贺州市平桂区水利局'),
      category: (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id,
    });
  });
  after(() => t.close());

  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  const fieldCodes = (res: { json(): { error: { fields?: { path: string; code: string }[] } } }) => (res.json().error.fields ?? []).map((f) => `${f.path}:${f.code}`);
  type Row = { rank: number; deputy: { id: number; name: string }; points: number };
  const ranking = async (client: Client, query: string) => ok(await client.get(`/api/points/ranking?${query}`)).json().rows as Row[];
  const table = (rows: Row[]) => rows.map((r) => [r.rank, r.deputy.name, r.points]);
  const ledger = async (client: Client, deputyId: number, year: number) => ok(await client.get(`/api/points/deputies/${deputyId}?year=${year}`)).json();

  it('prices attendance, organising and shared suggestions by the region\'s rules; a correction after the fact follows, and ties share a rank', async () => {
    // 2023: 平桂区's own rules (since 2022-08-01): reception 2, absent −2, leave 0, organiser 1, 3 per suggestion.
    const activity = ok(await deputy.post('/api/activities', {
      kind: 'reception', title: '三月接待日', stationId: ids.huangtian, startsAt: '2023-03-08T09:00:00+08:00', suggestionsMade: 2,
      participants: [
        { deputyId: ids.weixiulan, attendance: 'present' }, { deputyId: ids.huangzhiqiang, attendance: 'absent' }, { deputyId: ids.chenmeiling, attendance: 'leave' },
      ],
    }), 201).json();

    const mine = await ledger(deputy, ids.liangjun, 2023);
    assert.equal(mine.total, 6, 'present 2 + organiser 1 + half of 2 × 3 suggestions');
    assert.deepEqual(mine.entries.map((e: { source: string; points: number }) => [e.source, e.points]).sort(), [['activity_suggestion', 3], ['attendance', 2], ['organiser', 1]]);
    const attended = mine.entries.find((e: { source: string }) => e.source === 'attendance');
    assert.equal(attended.ref.link, `/activities/${activity.id}`);
    assert.equal(attended.rule.key, 'present.reception');
    assert.equal(attended.rule.label.zh, '出席:接待选民');
    assert.equal(attended.rule.effectiveFrom, '2022-08-01');
    assert.equal(attended.rule.regionName, '广西壮族自治区贺州市平桂区', 'the town inherits its district\'s rules');

    assert.deepEqual(table(await ranking(officer, `year=2023&stationId=${ids.huangtian}`)), [
      [1, '梁俊华', 6], [2, '韦秀兰', 5], [3, '陈美玲', 0], [4, '黄志强', -2],
    ]);

    // Staff learn that 黄志强 did come: the attendance is corrected, and the points follow.
    ok(await staff.request('PUT', `/api/activities/${activity.id}`, {
      kind: 'reception', title: '三月接待日', stationId: ids.huangtian, startsAt: '2023-03-08T09:00:00+08:00', suggestionsMade: 2, version: activity.version,
      participants: [
        { deputyId: ids.liangjun, attendance: 'present' }, { deputyId: ids.weixiulan, attendance: 'present' },
        { deputyId: ids.huangzhiqiang, attendance: 'present' }, { deputyId: ids.chenmeiling, attendance: 'leave' },
      ],
    }));
    assert.deepEqual(table(await ranking(officer, `year=2023&stationId=${ids.huangtian}`)), [
      [1, '梁俊华', 5], [2, '韦秀兰', 4], [2, '黄志强', 4], [4, '陈美玲', 0],
    ], 'the suggestions are now shared by three; equal totals share rank 2 and rank 3 is skipped');
    assert.equal((await ledger(deputy, ids.liangjun, 2023)).total, 5);
    // The ranking (grouped in the database) and the ledgers (fact by fact) agree.
    for (const row of await ranking(staff, 'year=2023&regionCode=451103')) assert.equal((await ledger(staff, row.deputy.id, 2023)).total, row.points, row.deputy.name);
  });

  it('keeps confirmed stars as recorded after a late correction, shows that totals changed, and lets staff change them with the version', async () => {
    const before = ok(await staff.get('/api/points/stars?year=2022&regionCode=451103&top=2')).json();
    assert.equal(before.confirmed, null);
    assert.deepEqual(before.proposal, []);

    // 2022-09: two deputies of 公会镇's court earn points; a third is recorded absent.
    const activity = ok(await staff.post('/api/activities', {
      kind: 'mediation', title: '林地纠纷调解', stationId: ids.court, startsAt: '2022-09-20T14:30:00+08:00',
      participants: [{ deputyId: ids.zhong, attendance: 'present' }, { deputyId: ids.deng, attendance: 'present' }],
    }), 201).json();
    ok(await staff.post('/api/points/bonuses', { deputyId: ids.zhong, stationId: ids.court, date: '2022-10-01', points: 10, reason: '先进事迹:调解跨村林地纠纷' }), 201);

    const proposed = ok(await staff.get('/api/points/stars?year=2022&regionCode=451103&top=1')).json();
    assert.deepEqual(proposed.proposal.map((r: Row) => [r.rank, r.deputy.name, r.points]), [[1, '钟立新', 12]]);
    assert.deepEqual(proposed.abilities, ['confirm']);

    // Staff confirm a list of their own: the proposal plus 邓丽娟.
    const confirmed = ok(await staff.post('/api/points/stars', { year: 2022, regionCode: '451103', top: 1, deputyIds: [ids.zhong, ids.deng], note: '2022 年度履职之星' })).json();
    assert.equal(confirmed.confirmed.confirmedBy, '平桂区人大常委会 韦工');
    assert.deepEqual(confirmed.confirmed.stars.map((s: { deputy: { name: string }; rank: number; points: number }) => [s.deputy.name, s.rank, s.points]), [['钟立新', 1, 12], ['邓丽娟', 2, 2]]);
    assert.equal(confirmed.changedSince, false);
    assert.equal(confirmed.proposalDiffers, true, 'staff changed the proposal');

    // Later, 邓丽娟's presence turns out to be a mistake: she was absent.
    ok(await staff.request('PUT', `/api/activities/${activity.id}`, {
      kind: 'mediation', title: '林地纠纷调解', stationId: ids.court, startsAt: '2022-09-20T14:30:00+08:00', version: activity.version,
      participants: [{ deputyId: ids.zhong, attendance: 'present' }, { deputyId: ids.deng, attendance: 'absent' }],
    }));
    const later = ok(await staff.get('/api/points/stars?year=2022&regionCode=451103&top=1')).json();
    assert.deepEqual(later.confirmed.stars.map((s: { deputy: { name: string }; points: number; pointsNow: number }) => [s.deputy.name, s.points, s.pointsNow]),
      [['钟立新', 12, 12], ['邓丽娟', 2, -2]], 'the record keeps 2; today she has −2 (absent under 平桂区\'s rules)');
    assert.equal(later.changedSince, true);

    // Changing the award needs the version read; a stale one is refused.
    const changed = ok(await staff.post('/api/points/stars', { year: 2022, regionCode: '451103', top: 1, deputyIds: [ids.zhong], version: later.confirmed.version })).json();
    assert.deepEqual(changed.confirmed.stars.map((s: { deputy: { name: string } }) => s.deputy.name), ['钟立新']);
    // A star's ledger of that year names the award as recorded; one no longer named, none.
    assert.deepEqual((await ledger(staff, ids.zhong, 2022)).stars, [{ region: { code: '451103', fullName: '广西壮族自治区贺州市平桂区' }, rank: 1, points: 12 }]);
    assert.deepEqual((await ledger(staff, ids.deng, 2022)).stars, []);
    assert.equal((await staff.post('/api/points/stars', { year: 2022, regionCode: '451103', deputyIds: [ids.zhong], version: later.confirmed.version })).statusCode, 409);
    const stranger = await staff.post('/api/points/stars', { year: 2022, regionCode: '451103', deputyIds: [await idOf(t.database.db, 'deputy', '王建华')], version: changed.confirmed.version });
    assert.deepEqual(fieldCodes(stranger), ['deputyIds.0:NOT_RANKED']);
    assert.deepEqual(fieldCodes(await staff.post('/api/points/stars', { year: 2099, regionCode: '451103', deputyIds: [ids.zhong] })), ['year:YEAR_IN_FUTURE']);

    // The station's officer reads the award but gets no proposal; another county's staff do not reach it.
    const seen = ok(await officer.get('/api/points/stars?year=2022&regionCode=451103')).json();
    assert.equal(seen.proposal, null);
    assert.equal(seen.confirmed.stars.length, 1);
    assert.deepEqual(seen.abilities, []);
    assert.equal((await yicheng.get('/api/points/stars?year=2022&regionCode=451103')).statusCode, 404);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'point_star_award').orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['points.stars.confirm', 'points.stars.change']);
  });

  it('reads rules in the rankings\' scope: another region\'s answer 404 exactly as its ranking does', async () => {
    for (const [client, region] of [[yicheng, '451103'], [staff, '420684'], [officer, '420684'], [deputy, '420684']] as const) {
      const rules = await client.get(`/api/points/rules?regionCode=${region}`);
      const rankingThere = await client.get(`/api/points/ranking?year=2025&regionCode=${region}`);
      assert.equal(rules.statusCode, 404, rules.body);
      assert.equal(rules.body, rankingThere.body, 'out of reach answers like a missing record, the ranking\'s answer');
    }
    // Those of the stations one sees, and the regions above them (inherited), stay readable; the nationwide default by all.
    for (const client of [staff, officer, deputy]) ok(await client.get('/api/points/rules?regionCode=451103'));
    ok(await officer.get('/api/points/rules?regionCode=451100'));
    ok(await yicheng.get('/api/points/rules'));
  });

  it('applies a rule changed mid-year from its date on, and inherits the nearest region\'s rules', async () => {
    const inherited = ok(await staff.get('/api/points/rules?regionCode=451103104')).json();
    const inForce = inherited.versions.find((v: { id: number }) => v.id === inherited.inForceId);
    assert.equal(inForce.region.code, '451103', '公会镇 has no rules of its own: 平桂区\'s apply');
    assert.equal(inForce.inherited, true);
    assert.ok(inherited.versions.some((v: { region: unknown }) => v.region === null), 'the nationwide default is in the chain');
    // 黄田镇's officer reads the rules that bear on their stations (平桂区's, inherited), not 公会镇's, and changes none.
    const own = ok(await officer.get('/api/points/rules?regionCode=451103')).json();
    assert.equal(own.inForceId, inherited.inForceId);
    assert.deepEqual(own.abilities, [], 'an officer reads the rules but may not change them');
    const elsewhere = ok(await yicheng.get('/api/points/rules?regionCode=420684')).json();
    assert.equal(elsewhere.versions.find((v: { id: number }) => v.id === elsewhere.inForceId).region, null, '宜城市 keeps the nationwide default');

    // 公会镇 sets its own rules from 2024-07-01: mediation is worth 6 there from that day on.
    const rules = structuredClone(inForce.rules);
    rules.present.mediation = 6;
    const saved = ok(await staff.post('/api/points/rules', { regionCode: '451103104', effectiveFrom: '2024-07-01', rules, note: '调解工作加码' }), 201).json();
    assert.equal(saved.versions[0].effectiveFrom, '2024-07-01');
    for (const startsAt of ['2024-06-28T09:00:00+08:00', '2024-07-02T09:00:00+08:00']) {
      ok(await staff.post('/api/activities', { kind: 'mediation', title: '调解', stationId: ids.court, startsAt, participants: [{ deputyId: ids.deng, attendance: 'present' }] }), 201);
    }
    const deng = await ledger(staff, ids.deng, 2024);
    assert.deepEqual(deng.entries.map((e: { date: string; points: number; rule: { effectiveFrom: string } }) => [e.date, e.points, e.rule.effectiveFrom]),
      [['2024-07-02', 6, '2024-07-01'], ['2024-06-28', 2, '2022-08-01']]);
    assert.equal(deng.total, 8);

    // The same day again replaces that version, with the version read.
    rules.present.mediation = 4;
    assert.equal((await staff.post('/api/points/rules', { regionCode: '451103104', effectiveFrom: '2024-07-01', rules })).statusCode, 409);
    ok(await staff.post('/api/points/rules', { regionCode: '451103104', effectiveFrom: '2024-07-01', rules, version: saved.versions[0].version }), 201);
    assert.equal((await ledger(staff, ids.deng, 2024)).total, 6);
    assert.deepEqual(fieldCodes(await staff.post('/api/points/rules', { regionCode: null, effectiveFrom: '2024-01-01', rules })), ['regionCode:NOT_IN_SCOPE']);
    assert.deepEqual(fieldCodes(await staff.post('/api/points/rules', { regionCode: '420684', effectiveFrom: '2024-01-01', rules })), ['regionCode:NOT_IN_SCOPE']);
    const bad = await staff.post('/api/points/rules', { regionCode: '451103104', effectiveFrom: '2024-02-30', rules: { ...rules, absent: 0.001 } });
    assert.equal(bad.statusCode, 400);
    // The rule once called `suggestion` is `activitySuggestion`: the old name is refused with its own code, alone or beside the new one.
    const { activitySuggestion, ...rest } = rules;
    for (const renamed of [{ ...rest, suggestion: activitySuggestion }, { ...rules, suggestion: activitySuggestion }]) {
      const res = await staff.post('/api/points/rules', { regionCode: '451103104', effectiveFrom: '2024-09-01', rules: renamed });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'POINT_RULE_KEY_RENAMED');
      assert.match(res.json().error.message, /suggestion.*activitySuggestion/);
    }
    assert.equal(inForce.rules.activitySuggestion, 3, '平桂区\'s stored rules read under the new name');
    assert.equal('suggestion' in inForce.rules, false);
    ok(await admin.post('/api/points/rules', { regionCode: null, effectiveFrom: '2030-01-01', rules }), 201);
  });

  it('starts every year from zero and keeps the years before', async () => {
    // Last year and the one before: the ledger lists the last ten years by the server's clock.
    const year = Number(today().slice(0, 4)) - 1;
    for (const startsAt of [`${year - 1}-12-31T23:30:00+08:00`, `${year}-01-01T00:30:00+08:00`]) {
      ok(await staff.post('/api/activities', { kind: 'visit', title: '跨年走访', stationId: ids.huangtian, startsAt, participants: [{ deputyId: ids.weixiulan, attendance: 'present' }] }), 201);
    }
    const earlier = await ledger(staff, ids.weixiulan, year - 1);
    const last = await ledger(staff, ids.weixiulan, year);
    assert.deepEqual([earlier.total, last.total], [2, 2], 'a visit is worth 2; each in its Beijing-time year');
    assert.deepEqual(last.entries.map((e: { date: string }) => e.date), [`${year}-01-01`]);
    const years = new Map(last.years.map((y: { year: number; points: number }) => [y.year, y.points]));
    assert.equal(years.get(year), 2);
    assert.equal(years.get(year - 1), 2, 'the year before stays on record');
    assert.deepEqual(table(await ranking(staff, `year=${year}&stationId=${ids.huangtian}`)).find((r) => r[1] === '韦秀兰'), [1, '韦秀兰', 2]);
  });

  it('credits a deputy\'s cases: collected, answered, and rated — following a re-rating', async () => {
    const year = Number(shanghaiDate(new Date()).slice(0, 4));
    const startTotal = (await ledger(deputy, ids.liangjun, year)).total;
    const { items } = ok(await deputy.post('/api/cases', {
      stationId: ids.huangtian, channel: 'visit',
      items: [{ categoryId: ids.category, content: '屯里自来水压力不足' }, { categoryId: ids.category, content: '重复反映' }, { categoryId: ids.category, content: '路灯不亮' }],
    }), 201).json() as { items: { id: number; trackingCode: string; queryKey: string }[] };
    const act = async (client: Client, id: number, action: string, body: Record<string, unknown> = {}) => ok(await client.post(`/api/cases/${id}/actions/${action}`, body));
    const rate = async (c: { trackingCode: string; queryKey: string }, rating: string) =>
      ok(await t.app.inject({ method: 'POST', url: `/api/public/opinions/${c.trackingCode}/rating?key=${c.queryKey}`, payload: { rating } }));
    const [first, second] = items as [typeof items[number], typeof items[number]];
    await act(deputy, first.id, 'answer_on_spot', { comment: '已联系水厂,明日检修。' });
    await rate(first, 'unsatisfied');
    await act(officer, second.id, 'decline', { comment: '与前一件重复' });

    const points = async () => (await ledger(deputy, ids.liangjun, year)).total - startTotal;
    assert.equal(await points(), 3, 'two collected (the declined one earns nothing) + one answered; an unsatisfied rating earns nothing');

    // Re-handled and answered again, the constituent is satisfied: the rating's points follow.
    await act(staff, first.id, 'assign', { unitId: ids.water });
    await act(clerk, first.id, 'sign');
    await act(clerk, first.id, 'reply', { comment: '已更换加压泵。' });
    await act(officer, first.id, 'approve_reply');
    await act(deputy, first.id, 'answer', { comment: '加压泵已更换。', mode: 'agreed_time' });
    await rate(first, 'satisfied');
    assert.equal(await points(), 5);
    const rated = (await ledger(deputy, ids.liangjun, year)).entries.find((e: { source: string; ref: { id: number } }) => e.source === 'case_rated' && e.ref.id === first.id);
    assert.equal(rated.note.zh, '满意');
    assert.equal(rated.ref.link, `/cases/${first.id}`);
  });

  it('adds and withdraws bonuses with their reason, within the writer\'s reach', async () => {
    const added = ok(await staff.post('/api/points/bonuses', { deputyId: ids.weixiulan, date: '2021-05-04', points: 10, reason: '先进事迹:带头调处邻里纠纷' }), 201).json();
    assert.equal(added.region.code, '451103', 'without a station, the staff\'s region');
    assert.deepEqual(added.abilities, ['void']);
    const entry = (await ledger(staff, ids.weixiulan, 2021)).entries.find((e: { source: string }) => e.source === 'bonus');
    assert.deepEqual([entry.points, entry.ref.title, entry.rule], [10, '先进事迹:带头调处邻里纠纷', null]);
    assert.equal(ok(await deputy.get('/api/points/bonuses?year=2021')).json().items.length, 0, 'a deputy lists their own bonuses only');

    const voided = ok(await staff.post(`/api/points/bonuses/${added.id}/void`, { reason: '录入错误' })).json();
    assert.equal(voided.voided.reason, '录入错误');
    assert.equal((await ledger(staff, ids.weixiulan, 2021)).total, 0);
    const again = await staff.post(`/api/points/bonuses/${added.id}/void`, { reason: '再撤' });
    assert.deepEqual([again.statusCode, again.json().error.code], [409, 'BONUS_ALREADY_VOIDED']);
    assert.equal((await yicheng.post(`/api/points/bonuses/${added.id}/void`, { reason: 'x' })).statusCode, 404);

    assert.deepEqual(fieldCodes(await yicheng.post('/api/points/bonuses', { deputyId: ids.weixiulan, date: '2021-05-04', points: 5, reason: 'x' })), ['deputyId:UNKNOWN_REFERENCE']);
    assert.deepEqual(fieldCodes(await staff.post('/api/points/bonuses', { deputyId: ids.weixiulan, date: '2099-01-01', points: 5, reason: 'x' })), ['date:DATE_IN_FUTURE']);
    assert.equal((await officer.post('/api/points/bonuses', { deputyId: ids.weixiulan, date: '2021-05-04', points: 5, reason: 'x' })).statusCode, 403);
  });

  it('keeps each reader to their reach', async () => {
    assert.equal((await yicheng.get('/api/points/ranking?year=2023&regionCode=451103')).statusCode, 404);
    assert.equal((await deputy.get('/api/points/ranking?year=2023&regionCode=451103')).statusCode, 404, 'a deputy ranks within their stations');
    assert.equal((await deputy.get(`/api/points/deputies/${ids.weixiulan}?year=2023`)).statusCode, 404, 'a deputy reads their own ledger only');
    const own = ok(await deputy.get('/api/points/ranking?year=2023')).json();
    assert.deepEqual(own.scope.station, { id: ids.huangtian, name: '平桂区黄田镇人大代表联络站' }, 'by default their first station');
    const region = ok(await staff.get('/api/points/ranking?year=2023')).json();
    assert.equal(region.scope.region.code, '451103');
    assert.ok(region.rows.some((r: Row) => r.deputy.name === '钟立新' && r.points === 0), 'every current deputy of the district\'s stations is listed');
    assert.equal((await clerk.get('/api/points/ranking')).statusCode, 403);
    // An officer reads a deputy's ledger as far as their stations reach.
    const seen = await ledger(officer, ids.weixiulan, 2023);
    assert.equal(seen.total, 4);
  });
});
