import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCalendar } from '../calendar/index.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex');

describe('the case workflow through the API', () => {
  let t: TestApp;
  let officer: Client;
  let deputy: Client;
  let clerk: Client;
  let pinggui: Client;
  let ids: { deputy: number; station: number; water: number; housing: number; category: number; other: number };

  before(async () => {
    t = await startTestApp();
    officer = await signIn(t.app, 'huangtian');
    deputy = await signIn(t.app, 'liangjun');
    clerk = await signIn(t.app, 'shuiliju');
    pinggui = await signIn(t.app, 'pinggui');
    const db = t.database.db;
    const one = (table: 'deputy' | 'station' | 'unit', name: string) => idOf(db, table, name);
    ids = {
      deputy: await one('deputy', '梁俊华'),
      station: await one('station', '平桂区黄田镇人大代表联络站'),
      water: await one('unit', '贺州市平桂区水利局'),
      housing: await one('unit', '贺州市平桂区住房和城乡建设局'),
      category: (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id,
      other: (await db.selectFrom('case_category').select('id').where('code', '=', 'other').executeTakeFirstOrThrow()).id,
    };
  });
  after(() => t.close());

  const submit = async (body: Record<string, unknown> = {}, headers: Record<string, string> = {}, remoteAddress = '203.0.113.7') => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/public/opinions', remoteAddress, headers,
      payload: { deputyId: ids.deputy, categoryId: ids.category, content: '我们屯还没有通自来水', place: '黄田镇公和村', name: '梁大哥', phone: '13977410000', channel: 'qr', ...body },
    });
    return res;
  };
  const track = (code: string, key: string) => t.app.inject({ method: 'GET', url: `/api/public/opinions/${code}?key=${key}` });
  const act = (client: Client, id: number, action: string, body: Record<string, unknown> = {}) => client.post(`/api/cases/${id}/actions/${action}`, body);
  /** The case as the actor sees it after the action. */
  const acted = async (client: Client, id: number, action: string, body: Record<string, unknown> = {}) => {
    const res = await act(client, id, action, body);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().case;
  };
  const caseId = async (code: string) => (await t.database.db.selectFrom('opinion').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow()).id;
  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };

  it('takes a QR submission through assignment, signing, reply, review, answer and a satisfied rating', async () => {
    const created = ok(await submit({ photos: [{ data: PNG.toString('base64') }] }), 201);
    const { trackingCode, queryKey } = created.json();
    assert.match(trackingCode, /^[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    const id = await caseId(trackingCode);

    const first = ok(await track(trackingCode, queryKey)).json();
    assert.equal(first.state, 'submitted');
    assert.equal(first.station, '平桂区黄田镇人大代表联络站');

    ok(await act(officer, id, 'accept'));
    const assigned = await acted(officer, id, 'assign', { unitId: ids.water });
    assert.equal(assigned.state, 'assigned');
    assert.equal(assigned.deadlineDays, 3);
    assert.equal(assigned.unit.name, '贺州市平桂区水利局');

    const signed = await acted(clerk, id, 'sign');
    assert.equal(signed.state, 'in_progress');
    const calendar = await loadCalendar(t.database.db);
    assert.equal(signed.deadlineDate, calendar.addWorkingDays(shanghaiDate(new Date()), 3));
    assert.equal(signed.signedLate, false);

    ok(await act(clerk, id, 'reply', { comment: '已安排施工队,下周铺设入户管道。' }));
    ok(await act(officer, id, 'approve_reply'));
    const answered = await acted(deputy, id, 'answer', { comment: '水利局已安排施工,下周通水。', mode: 'agreed_time' });
    assert.equal(answered.state, 'answered');
    assert.equal(answered.repliedOnTime, true);

    const publicView = ok(await track(trackingCode, queryKey)).json();
    assert.equal(publicView.canRate, true);
    assert.deepEqual(publicView.answers.map((a: { text: string; mode: string }) => [a.text, a.mode]), [['水利局已安排施工,下周通水。', 'agreed_time']]);
    assert.ok(publicView.timeline.some((e: { action: string; note: string }) => e.action === 'assign' && e.note === '贺州市平桂区水利局'));
    const raw = JSON.stringify(publicView);
    assert.ok(!raw.includes('梁大哥') && !raw.includes('13977410000') && !raw.includes('已安排施工队'), 'no personal data, no internal reply');

    const rated = ok(await t.app.inject({ method: 'POST', url: `/api/public/opinions/${trackingCode}/rating?key=${queryKey}`, payload: { rating: 'satisfied' } })).json();
    assert.equal(rated.state, 'closed');
    assert.equal(rated.rating, 'satisfied');
    assert.equal(rated.canRate, false);

    const detail = ok(await officer.get(`/api/cases/${id}`)).json();
    assert.deepEqual(detail.timeline.map((e: { action: string }) => e.action), ['submit', 'accept', 'assign', 'sign', 'reply', 'approve_reply', 'answer', 'rate']);
    assert.equal(detail.photos.length, 1);
    const photo = await officer.get(detail.photos[0].url);
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/png');
    assert.deepEqual(photo.rawPayload, PNG);
  });

  it('tells the station\'s head deputy of a case written to the station, and not the other deputies there', async () => {
    const unreadFor = async (client: Client, code: string) => ((await client.get('/api/notifications?unread=true&limit=200')).json().items as { body: string; title: string }[])
      .filter((n) => n.body.startsWith(code)).map((n) => n.title);
    const { trackingCode } = ok(await submit({ deputyId: undefined, stationId: ids.station }, {}, '203.0.113.31'), 201).json();
    const id = await caseId(trackingCode);
    assert.deepEqual(await unreadFor(deputy, trackingCode), ['收到新的群众意见'], '梁俊华 heads the station');
    ok(await act(officer, id, 'accept'));
    ok(await act(officer, id, 'assign', { unitId: ids.water }));
    ok(await act(clerk, id, 'sign'));
    ok(await act(clerk, id, 'reply', { comment: '已处理' }));
    ok(await act(officer, id, 'approve_reply'));
    assert.deepEqual(await unreadFor(deputy, trackingCode), ['办复已审核,请向群众反馈', '收到新的群众意见']);
    const db = t.database.db;
    const resident = await db.selectFrom('deputy_station as ds').innerJoin('deputy as d', 'd.id', 'ds.deputy_id')
      .innerJoin('notification as n', (j) => j.on('n.case_id', '=', id))
      .innerJoin('account as a', (j) => j.onRef('a.id', '=', 'n.account_id').onRef('a.deputy_id', '=', 'd.id'))
      .select('d.name').where('ds.station_id', '=', ids.station).where('ds.role', '!=', 'head').execute();
    assert.deepEqual(resident, [], 'only the head hears of it');
  });

  it('tells a new case\'s station officers and the deputy it is addressed to, never the account that registered it', async () => {
    const db = t.database.db;
    const told = async (code: string) => (await db.selectFrom('notification as n').innerJoin('opinion as o', 'o.id', 'n.case_id')
      .select('n.account_id').where('o.tracking_code', '=', code).where('n.kind', '=', 'case.submit').orderBy('n.account_id').execute()).map((r) => r.account_id);
    const officers = (await db.selectFrom('account_station as acs').innerJoin('account as a', 'a.id', 'acs.account_id')
      .select('a.id').where('acs.station_id', '=', ids.station).where('a.active', '=', true).execute()).map((r) => r.id);
    const accountOf = async (deputyId: number) => (await db.selectFrom('account').select('id').where('deputy_id', '=', deputyId).executeTakeFirstOrThrow()).id;
    // A deputy of the station who does not head it, given an account.
    const member = (await db.selectFrom('deputy_station').select('deputy_id').where('station_id', '=', ids.station).where('role', '!=', 'head')
      .where('deputy_id', 'not in', db.selectFrom('account').select('deputy_id').where('deputy_id', 'is not', null)).orderBy('deputy_id').executeTakeFirstOrThrow()).deputy_id;
    const admin = await signIn(t.app, 'admin');
    ok(await admin.post('/api/accounts', { username: 'tellme', displayName: '成员代表', role: 'deputy', deputyId: member, password: 'Deputy#Member2026' }), 201);
    const memberAccount = await accountOf(member);
    const head = await accountOf(ids.deputy);
    const sorted = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
    // From the public, to the member: the officers and the member, not the head.
    const toMember = ok(await submit({ deputyId: member }, {}, '203.0.113.32'), 201).json().trackingCode;
    assert.deepEqual(await told(toMember), sorted([...officers, memberAccount]));
    // From the public, to the station: the officers and the head.
    const toStation = ok(await submit({ deputyId: undefined, stationId: ids.station }, {}, '203.0.113.33'), 201).json().trackingCode;
    assert.deepEqual(await told(toStation), sorted([...officers, head]));
    // Registered by an officer at a reception: everyone but that officer.
    const me = (await db.selectFrom('account').select('id').where('username', '=', 'huangtian').executeTakeFirstOrThrow()).id;
    const registered = ok(await officer.post('/api/cases', { stationId: ids.station, deputyId: member, channel: 'reception', items: [{ categoryId: ids.category, content: '村口路灯不亮' }] }), 201).json();
    assert.deepEqual(await told(registered.items[0].trackingCode), sorted([...officers, memberAccount]).filter((id) => id !== me));
  });

  it('sorts the queue by the nearest deadline, cases without one last, paging by key without gaps', async () => {
    for (const ip of ['203.0.113.41', '203.0.113.42']) ok(await submit({}, {}, ip), 201);
    const all = ok(await pinggui.get('/api/cases?sort=deadline&limit=200')).json().items as { id: number; deadlineAt: string | null }[];
    assert.ok(all.some((c) => c.deadlineAt) && all.some((c) => !c.deadlineAt), 'both kinds present');
    const keys = all.map((c) => (c.deadlineAt ? Date.parse(c.deadlineAt) : Infinity));
    assert.deepEqual(keys, [...keys].sort((a, b) => a - b));
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = ok(await pinggui.get(`/api/cases?sort=deadline&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      paged.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(paged, all.map((c) => c.id));
    const mixed = await pinggui.get(`/api/cases?sort=deadline&cursor=${Buffer.from('42').toString('base64url')}`);
    assert.equal(mixed.statusCode, 400, 'a newest-first cursor does not page the deadline order');
  });

  it('hides the case behind its key: a wrong key answers exactly like an unknown code', async () => {
    const { trackingCode } = ok(await submit({}, {}, '203.0.113.8'), 201).json();
    const wrong = await track(trackingCode, 'not-the-key');
    const unknown = await track('222-222-222', 'not-the-key');
    assert.equal(wrong.statusCode, 404);
    assert.equal(wrong.body, unknown.body);
  });

  it('sends an unsatisfied answer back for re-handling and a second answer', async () => {
    const { trackingCode, queryKey } = ok(await submit({ content: '路灯坏了三个月' }, {}, '203.0.113.9'), 201).json();
    const id = await caseId(trackingCode);
    ok(await act(officer, id, 'accept'));
    ok(await act(officer, id, 'assign', { unitId: ids.water }));
    ok(await act(clerk, id, 'sign'));
    ok(await act(clerk, id, 'reply', { comment: '已报修' }));
    ok(await act(officer, id, 'approve_reply'));
    ok(await act(deputy, id, 'answer', { comment: '已报修' }));
    const unhappy = ok(await t.app.inject({ method: 'POST', url: `/api/public/opinions/${trackingCode}/rating?key=${queryKey}`, payload: { rating: 'unsatisfied', comment: '还是不亮' } })).json();
    assert.equal(unhappy.state, 'rehandling');
    ok(await act(officer, id, 'assign', { unitId: ids.water }));
    ok(await act(clerk, id, 'sign'));
    ok(await act(clerk, id, 'reply', { comment: '已更换灯具' }));
    ok(await act(officer, id, 'approve_reply'));
    const second = await acted(deputy, id, 'answer', { comment: '路灯已全部更换' });
    assert.equal(second.round, 2);
    assert.equal(second.answerMode, 'after_rehandling');
    const view = ok(await track(trackingCode, queryKey)).json();
    assert.equal(view.answers.length, 2);
    const final = ok(await t.app.inject({ method: 'POST', url: `/api/public/opinions/${trackingCode}/rating`, headers: { 'x-query-key': queryKey }, payload: { rating: 'unsatisfied' } })).json();
    assert.equal(final.state, 'closed', 'a second unsatisfied rating closes the case, counted as unsatisfied');
  });

  it('lets a unit return a wrongly assigned case, and staff reassign it', async () => {
    const { trackingCode } = ok(await submit({ content: '危房改造补助没有到位' }, {}, '203.0.113.10'), 201).json();
    const id = await caseId(trackingCode);
    ok(await act(officer, id, 'accept'));
    ok(await act(officer, id, 'assign', { unitId: ids.water }));
    const noReason = await act(clerk, id, 'return', {});
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().error.fields[0].code, 'REQUIRED');
    const returned = ok(await act(clerk, id, 'return', { comment: '属住建局职责' })).json();
    assert.deepEqual([returned.from, returned.to, returned.case], ['assigned', 'returned', null], 'the unit no longer reaches it');
    assert.equal((await officer.get(`/api/cases/${id}`)).json().unit, null);
    assert.equal((await clerk.get(`/api/cases/${id}`)).statusCode, 404, 'the returning unit no longer reaches it');
    ok(await act(pinggui, id, 'assign', { unitId: ids.housing }));
  });

  it('refuses a return after the 1-working-day window', async () => {
    const { trackingCode } = ok(await submit({ content: '返回期限测试' }, {}, '203.0.113.31'), 201).json();
    const id = await caseId(trackingCode);
    ok(await act(officer, id, 'accept'));
    const assigned = await acted(officer, id, 'assign', { unitId: ids.water });
    const calendar = await loadCalendar(t.database.db);
    assert.equal(
      (await t.database.db.selectFrom('opinion').select('return_until').where('id', '=', id).executeTakeFirstOrThrow()).return_until,
      calendar.addWorkingDays(shanghaiDate(new Date()), 1),
    );
    assert.equal(assigned.state, 'assigned');
    await t.database.db.updateTable('opinion').set({ return_until: '2026-01-05' }).where('id', '=', id).execute();
    const late = await act(clerk, id, 'return', { comment: '不是我们的' });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().error.code, 'RETURN_WINDOW_PASSED');
    assert.equal((await officer.get(`/api/cases/${id}`)).json().state, 'assigned', 'nothing changed');
  });

  it('grants an extension on top of the days spent waiting for the decision, and sends back a weak reply', async () => {
    const { trackingCode } = ok(await submit({ content: '河堤有裂缝' }, {}, '203.0.113.11'), 201).json();
    const id = await caseId(trackingCode);
    ok(await act(officer, id, 'accept'));
    ok(await act(officer, id, 'assign', { unitId: ids.water }));
    const signed = await acted(clerk, id, 'sign');
    ok(await act(clerk, id, 'request_extension', { days: 2, comment: '需要专家勘察' }));
    assert.equal((await act(officer, id, 'grant_extension')).statusCode, 403, 'an officer cannot decide on extensions');
    const granted = await acted(pinggui, id, 'grant_extension');
    const calendar = await loadCalendar(t.database.db);
    assert.equal(granted.deadlineDate, calendar.addWorkingDays(signed.deadlineDate, 2));
    ok(await act(clerk, id, 'reply', { comment: '已处理' }));
    const back = await acted(officer, id, 'send_back_reply', { comment: '请说明处理结果和时间' });
    assert.equal(back.state, 'in_progress');
  });

  it('refuses an action the state does not allow with 409, and a role that may not take it with 403', async () => {
    const { trackingCode } = ok(await submit({}, {}, '203.0.113.12'), 201).json();
    const id = await caseId(trackingCode);
    const early = await act(officer, id, 'approve_reply');
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().error.code, 'CASE_TRANSITION_INVALID');
    assert.match(early.json().error.message, /审核通过/);
    const urge = await act(officer, id, 'urge', { comment: '快' });
    assert.equal(urge.statusCode, 403);
    ok(await act(officer, id, 'accept'));
    ok(await act(officer, id, 'assign', { unitId: ids.water }));
    const tooLong = await act(officer, id, 'assign', { unitId: ids.water, deadlineDays: 9 });
    assert.equal(tooLong.statusCode, 409, 'already assigned');
  });

  it('answers on the spot, escalates beyond the town, merges duplicates with a shared answer', async () => {
    const spot = ok(await submit({ content: '低保怎么申请' }, {}, '203.0.113.13'), 201).json();
    const spotId = await caseId(spot.trackingCode);
    const answered = await acted(deputy, spotId, 'answer_on_spot', { comment: '带身份证和户口本到镇民政办申请。' });
    assert.equal(answered.state, 'answered');
    assert.equal(answered.answerMode, 'on_spot');

    const big = ok(await submit({ content: '跨区县道路需要拓宽' }, {}, '203.0.113.14'), 201).json();
    const bigId = await caseId(big.trackingCode);
    const escalated = await acted(pinggui, bigId, 'escalate', { comment: '超出区级职权,报市人大' });
    assert.equal(escalated.state, 'escalated');
    assert.equal(escalated.region.code, '451103', 'from the town to the county congress');
    const again = await acted(pinggui, bigId, 'escalate', { comment: '跨区县,报市人大' });
    assert.equal(again.region.code, '451100', 'and on to the city, keeping its history');
    assert.equal(again.timeline.filter((e: { action: string }) => e.action === 'escalate').length, 2);

    const a = ok(await submit({ content: '村口垃圾没人清运' }, {}, '203.0.113.15'), 201).json();
    const b = ok(await submit({ content: '村口的垃圾堆很久了' }, {}, '203.0.113.16'), 201).json();
    const [aId, bId] = [await caseId(a.trackingCode), await caseId(b.trackingCode)];
    ok(await act(officer, bId, 'merge', { intoId: aId }));
    ok(await act(deputy, aId, 'answer_on_spot', { comment: '已通知保洁公司每日清运。' }));
    const bView = ok(await track(b.trackingCode, b.queryKey)).json();
    assert.equal(bView.state, 'merged');
    assert.equal(bView.mergedInto, true);
    assert.deepEqual(bView.answers.map((x: { text: string }) => x.text), ['已通知保洁公司每日清运。']);
  });

  it('keeps the submitter\'s name and phone from other units, other stations\' deputies and co-units', async () => {
    const { trackingCode } = ok(await submit({}, {}, '203.0.113.17'), 201).json();
    const id = await caseId(trackingCode);
    ok(await act(officer, id, 'accept'));
    ok(await act(officer, id, 'assign', { unitId: ids.water, coUnitIds: [ids.housing] }));
    const admin = await signIn(t.app, 'admin');
    const housing = await admin.post('/api/accounts', { username: 'zhujian', displayName: '住建局办事员', role: 'unit', unitId: ids.housing, password: 'Housing#Clerk2026' });
    assert.equal(housing.statusCode, 201);
    await t.database.db.updateTable('account').set({ must_change_password: false }).where('username', '=', 'zhujian').execute();
    const coClerk = await signIn(t.app, 'zhujian', 'Housing#Clerk2026');

    const lead = ok(await clerk.get(`/api/cases/${id}`)).json();
    assert.deepEqual(lead.submitter, { name: '梁大哥', phone: '13977410000', masked: false });
    const co = ok(await coClerk.get(`/api/cases/${id}`)).json();
    assert.deepEqual(co.submitter, { name: '梁**', phone: '139****0000', masked: true });
    assert.equal((await act(coClerk, id, 'sign')).statusCode, 403, 'a co-unit reads but does not sign');

    const otherDeputy = await admin.post('/api/accounts', { username: 'zhongls', displayName: '钟代表', role: 'deputy', deputyId: await idOf(t.database.db, 'deputy', '钟立新'), password: 'Deputy#Court2026' });
    assert.equal(otherDeputy.statusCode, 201);
    await t.database.db.updateTable('account').set({ must_change_password: false }).where('username', '=', 'zhongls').execute();
    const court = await signIn(t.app, 'zhongls', 'Deputy#Court2026');
    assert.equal((await court.get(`/api/cases/${id}`)).statusCode, 404);
    assert.ok(!(await court.get('/api/cases?limit=200')).json().items.some((c: { id: number }) => c.id === id));

    const yicheng = await signIn(t.app, 'yicheng');
    assert.equal((await yicheng.get(`/api/cases/${id}`)).statusCode, 404);
  });

  it('shows a cross-province station\'s case to the staff of every member side, following changes of the members', async () => {
    const yulu = await idOf(t.database.db, 'station', '豫鲁跨省联建人大代表联络站');
    const { trackingCode } = ok(await submit({ deputyId: undefined, stationId: yulu, content: '跨省河道清淤' }, {}, '203.0.113.30'), 201).json();
    const id = await caseId(trackingCode);
    const [taiqian, yanggu, lianjiang] = [await signIn(t.app, 'taiqian'), await signIn(t.app, 'yanggu'), await signIn(t.app, 'lianjiang')];
    assert.equal((await taiqian.get(`/api/cases/${id}`)).statusCode, 200);
    assert.equal((await yanggu.get(`/api/cases/${id}`)).statusCode, 200, 'the 山东 member side sees it');
    assert.equal((await lianjiang.get(`/api/cases/${id}`)).statusCode, 404);
    const station = (await taiqian.get(`/api/stations/${yulu}`)).json();
    ok(await taiqian.patch(`/api/stations/${yulu}`, { version: station.version, memberRegionCodes: ['370832101'] }));
    assert.equal((await yanggu.get(`/api/cases/${id}`)).statusCode, 404, '阳谷 left the station, and its cases');
  });

  it('leaves an escalated case to the congress above: the station below reads it but no longer acts on it', async () => {
    const { trackingCode } = ok(await submit({ content: '需上报的问题' }, {}, '203.0.113.40'), 201).json();
    const id = await caseId(trackingCode);
    await acted(officer, id, 'escalate', { comment: '超出镇级职权' });
    assert.equal((await act(officer, id, 'escalate', { comment: '再报' })).statusCode, 403);
    assert.equal((await act(deputy, id, 'accept')).statusCode, 403);
    assert.equal((await officer.get(`/api/cases/${id}`)).statusCode, 200, 'still readable below');
    const accepted = await acted(pinggui, id, 'accept');
    assert.equal(accepted.state, 'accepted');
  });

  it('drops a deputy\'s reach to a case, and the submitter\'s contact, when they leave the station', async () => {
    const { trackingCode } = ok(await submit({ content: '代表离站测试' }, {}, '203.0.113.41'), 201).json();
    const id = await caseId(trackingCode);
    assert.equal((await deputy.get(`/api/cases/${id}`)).json().submitter.masked, false);
    await t.database.db.deleteFrom('deputy_station').where('deputy_id', '=', ids.deputy).where('station_id', '=', ids.station).execute();
    try {
      assert.equal((await deputy.get(`/api/cases/${id}`)).statusCode, 404);
      assert.equal((await act(deputy, id, 'accept')).statusCode, 404);
    } finally {
      await t.database.db.insertInto('deputy_station').values({ deputy_id: ids.deputy, station_id: ids.station, role: 'head' }).execute();
    }
  });

  it('keeps a case overdue when the unit asks for an extension after the deadline', async () => {
    const { trackingCode } = ok(await submit({ content: '超期后申请延期' }, {}, '203.0.113.42'), 201).json();
    const id = await caseId(trackingCode);
    await acted(officer, id, 'accept');
    await acted(officer, id, 'assign', { unitId: ids.water });
    await acted(clerk, id, 'sign');
    await t.database.db.updateTable('opinion').set({ deadline_at: new Date(Date.now() - 3600_000) }).where('id', '=', id).execute();
    const overdue = () => clerk.get('/api/cases?overdue=true&limit=200').then((r) => r.json().items.some((c: { id: number }) => c.id === id));
    assert.equal(await overdue(), true);
    await acted(clerk, id, 'request_extension', { days: 2, comment: '来不及了' });
    assert.equal(await overdue(), true, 'asking late does not clear the overdue');
  });

  it('points cases merged into a case that is merged in turn at the last one, so all share its answer', async () => {
    const [a, b, c] = [
      ok(await submit({ content: '并单链 A' }, {}, '203.0.113.43'), 201).json(),
      ok(await submit({ content: '并单链 B' }, {}, '203.0.113.44'), 201).json(),
      ok(await submit({ content: '并单链 C' }, {}, '203.0.113.45'), 201).json(),
    ];
    const [aId, bId, cId] = [await caseId(a.trackingCode), await caseId(b.trackingCode), await caseId(c.trackingCode)];
    await acted(officer, aId, 'merge', { intoId: bId });
    await acted(officer, bId, 'merge', { intoId: cId });
    await acted(deputy, cId, 'answer_on_spot', { comment: '三件一并答复。' });
    const view = ok(await track(a.trackingCode, a.queryKey)).json();
    assert.deepEqual(view.answers.map((x: { text: string }) => x.text), ['三件一并答复。']);
    const d = ok(await submit({ content: '并单自身' }, {}, '203.0.113.47'), 201).json();
    const dId = await caseId(d.trackingCode);
    const self = await act(officer, dId, 'merge', { intoId: dId });
    assert.equal(self.statusCode, 400);
    assert.equal(self.json().error.fields[0].code, 'CASE_MERGE_TARGET');
  });

  it('answers out-of-range ids and unstorable text with a 400, not a 500', async () => {
    const big = await submit({ deputyId: undefined, stationId: 99_999_999_999 }, {}, '203.0.113.46');
    assert.equal(big.statusCode, 400);
    const nul = await submit({ content: '含有\u0000的文字' }, {}, '203.0.113.46');
    assert.equal(nul.statusCode, 400);
    assert.equal(nul.json().error.code, 'BAD_REQUEST');
    assert.equal((await officer.get('/api/cases?stationId=99999999999')).statusCode, 400);
  });

  it('answers a retried submission with the first receipt, and refuses the key for another submission', async () => {
    const headers = { 'idempotency-key': 'retry-0001-abcdef' };
    const first = ok(await submit({ content: '重复提交测试' }, headers, '203.0.113.18'), 201).json();
    const again = ok(await submit({ content: '重复提交测试' }, headers, '203.0.113.18'), 201).json();
    assert.deepEqual(again, first);
    const stored = JSON.stringify(await t.database.db.selectFrom('idempotency').selectAll().execute());
    assert.ok(!stored.includes(first.queryKey) && !stored.includes('retry-0001-abcdef'), 'neither the query key nor the client key is stored');
    const count = await t.database.db.selectFrom('opinion').select((eb) => eb.fn.countAll().as('n')).where('content', '=', '重复提交测试').executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
    const other = await submit({ content: '另一条内容' }, headers, '203.0.113.18');
    assert.equal(other.statusCode, 422);
    assert.equal(other.json().error.code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('checks photos by content and validates the phone, writing nothing on bad input', async () => {
    const before = await t.database.db.selectFrom('opinion').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const fake = await submit({ photos: [{ data: Buffer.from('<svg onload=alert(1)>').toString('base64') }] }, {}, '203.0.113.19');
    assert.equal(fake.statusCode, 400);
    assert.deepEqual(fake.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['photos.0', 'PHOTO_TYPE']]);
    const phone = await submit({ phone: '1234' }, {}, '203.0.113.19');
    assert.equal(phone.json().error.fields[0].code, 'PHONE_INVALID');
    const empty = await submit({ content: '   ' }, {}, '203.0.113.19');
    assert.equal(empty.statusCode, 400);
    const nowhere = await submit({ deputyId: 999999 }, {}, '203.0.113.19');
    assert.equal(nowhere.statusCode, 404);
    const afterCount = await t.database.db.selectFrom('opinion').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });

  it('rate-limits public submissions per client address with a clear 429', async () => {
    let last;
    for (let i = 0; i < 12; i++) {
      last = await submit({ content: `第${i}条` }, {}, '198.51.100.1');
      if (last.statusCode === 429) break;
    }
    assert.equal(last!.statusCode, 429);
    assert.equal(last!.json().error.code, 'RATE_LIMITED');
  });

  it('registers a reception day\'s opinions as one batch, all or nothing', async () => {
    const items = [
      { categoryId: ids.category, content: '自来水压力不足', name: '韦大姐', phone: '13800001111' },
      { categoryId: ids.other, content: '希望村里建个篮球场' },
    ];
    const res = ok(await officer.post('/api/cases', { stationId: ids.station, deputyId: ids.deputy, channel: 'reception', items }), 201).json();
    assert.equal(res.items.length, 2);
    const list = ok(await officer.get('/api/cases?state=submitted&limit=200')).json();
    assert.ok(res.items.every((r: { id: number }) => list.items.some((c: { id: number; channel: string }) => c.id === r.id && c.channel === 'reception')));
    const bad = await officer.post('/api/cases', { stationId: ids.station, channel: 'reception', items: [items[0], { ...items[1], categoryId: 9999 }] });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['items.1.categoryId', 'CATEGORY_UNKNOWN']]);
    assert.equal((await t.database.db.selectFrom('opinion').select('id').where('content', '=', '自来水压力不足').execute()).length, 1);
  });
});
