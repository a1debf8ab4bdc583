/**
 * Deliberation days through the API: from scored topics to a published result and an item sent
 * back on a constituent's feedback; the day moved off a holiday by the calendar; who reaches what.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../platform/calendar/workingDays.js';
import { now, resetClock, setClock, today } from '../../platform/clock.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { monthsAfter, ruleDate } from './rule.js';

const HUANGTIAN = '451103101';
const XIWAN = '451103001';

describe('deliberation days', () => {
  let t: TestApp;
  let staff: Client;
  let unit: Client;
  let deputy: Client;
  let otherStaff: Client;
  before(async () => {
    t = await startTestApp();
    staff = await signIn(t.app, 'pinggui');
    unit = await signIn(t.app, 'shuiliju');
    deputy = await signIn(t.app, 'liangjun');
    otherStaff = await signIn(t.app, 'yicheng');
  });
  after(async () => { resetClock(); await t.close(); });

  it('goes from scored topics to a published result, and sends an item back on unsatisfied feedback', async () => {
    const db = t.database.db;
    const gen = await staff.post('/api/deliberations/days/generate', { regionCode: HUANGTIAN, months: 2 });
    assert.equal(gen.statusCode, 200, gen.body);
    const days = gen.json<{ items: { id: number; heldOn: string; state: string }[] }>().items;
    assert.ok(days.length >= 1);
    const day = days[0]!;
    // Three topics: a deputy's, a staff one scored at once, one from a case; the ranking by weighted score.
    const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
    const submitted = await new Client(t.app).post('/api/public/opinions', { categoryId, content: '我是黎秀英,公和村水压不足,电话13907740000', name: '黎秀英', deputyId: await idOf(db, 'deputy', '梁俊华') });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const caseId = (await db.selectFrom('opinion').select('id').where('tracking_code', '=', submitted.json<{ trackingCode: string }>().trackingCode).executeTakeFirstOrThrow()).id;
    const mk = async (c: Client, body: Record<string, unknown>) => {
      const res = await c.post('/api/deliberations/topics', { regionCode: HUANGTIAN, ...body });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: number }>().id;
    };
    const byDeputy = await mk(deputy, { title: '公和村道路积水', description: '雨天积水严重,联系人张三 138-0013-8000' });
    const byStaff = await mk(staff, { title: '镇区停车难', scores: { importance: 3, urgency: 2, impact: 3 } });
    const fromCase = await mk(staff, { title: '饮水水压不足 电话 138 0013 8000', caseIds: [caseId] });
    assert.equal((await deputy.post('/api/deliberations/topics', { regionCode: HUANGTIAN, title: '打分', scores: { importance: 5, urgency: 5, impact: 5 } })).statusCode, 403);
    // A topic from a hot topic names one of the county's hot topics, not any number.
    const madeUp = await staff.post('/api/deliberations/topics', { regionCode: HUANGTIAN, title: '凭空', source: 'hot_topic', hotTopicId: 999_999 });
    assert.equal(madeUp.statusCode, 400, madeUp.body);
    assert.deepEqual((madeUp.json<{ error: { fields?: { path: string; code: string }[] } }>().error.fields ?? []).map((f) => `${f.path}:${f.code}`), ['hotTopicId:UNKNOWN_REFERENCE']);
    for (const [id, s] of [[byDeputy, { importance: 5, urgency: 4, impact: 4 }], [fromCase, { importance: 4, urgency: 5, impact: 5 }]] as const) {
      const res = await staff.request('PUT', `/api/deliberations/topics/${id}/scores`, s);
      assert.equal(res.statusCode, 200, res.body);
    }
    const ranked = (await staff.get(`/api/deliberations/topics?regionCode=${HUANGTIAN}`)).json<{ items: { id: number; rank: number | null; score: number | null; source: string }[] }>().items;
    assert.deepEqual(ranked.map((r) => r.id), [fromCase, byDeputy, byStaff]);
    assert.deepEqual(ranked.map((r) => r.rank), [1, 2, 3]);
    assert.equal(ranked[0]!.score, 4.6);
    assert.equal(ranked[0]!.source, 'case');
    const note = await db.selectFrom('opinion_event').select('action').where('opinion_id', '=', caseId).where('action', '=', 'deliberation_included').executeTakeFirst();
    assert.ok(note, 'the case carries a public note');
    // The topic's opinion shows without its sender's name or phone.
    const excerpt = (await staff.get(`/api/deliberations/topics/${fromCase}`)).json<{ cases: { title: string }[] }>().cases[0]!.title;
    assert.ok(!excerpt.includes('黎秀英') && !excerpt.includes('13907740000'), excerpt);
    assert.match(excerpt, /黎\*\*/);

    // Choosing: three is more than the rule's two; the top two are taken.
    assert.equal((await staff.post(`/api/deliberations/days/${day.id}/topics`, { topicIds: [fromCase, byDeputy, byStaff] })).json<{ error: { code: string } }>().error.code, 'DELIBERATION_TOPIC_COUNT');
    const water = await idOf(db, 'unit', '贺州市平桂区水利局');
    const dayRow = await staff.get(`/api/deliberations/days/${day.id}`);
    assert.equal((await staff.request('PUT', `/api/deliberations/days/${day.id}`, { place: '黄田镇人大代表联络站', startTime: '09:30', unitIds: [water], version: dayRow.json<{ version: number }>().version })).statusCode, 200);
    const chosen = await staff.post(`/api/deliberations/days/${day.id}/topics`, { topicIds: [fromCase, byDeputy] });
    assert.equal(chosen.statusCode, 200, chosen.body);
    // The notice: to the deputies (梁俊华 is one of 黄田镇's) and the invited unit's clerk.
    const noticed = await staff.post(`/api/deliberations/days/${day.id}/notice`);
    assert.equal(noticed.statusCode, 200, noticed.body);
    assert.equal(noticed.json<{ state: string }>().state, 'noticed');
    for (const c of [deputy, unit]) {
      const inbox = (await c.get('/api/notifications?limit=50')).json<{ items: { kind?: string; title: string; body?: string }[] }>().items;
      const notice = inbox.find((n) => n.title.startsWith('逢四议事通知'));
      assert.ok(notice, 'told of the day');
      if (notice.body !== undefined) {
        assert.match(notice.body, /议题2:饮水水压不足 电话 138\*\*\*\*8000/);
        assert.match(notice.body, /联系人张三 138\*\*\*\*8000/);
        assert.doesNotMatch(notice.body, /0013/);
      }
    }
    // The meeting, the action plan of two items.
    const liang = await idOf(db, 'deputy', '梁俊华');
    // Minutes of a meeting still ahead are refused; the rest of the day's life runs from its noon.
    const ahead = new Date(now().getTime() + 3_600_000).toISOString();
    const early = await staff.post(`/api/deliberations/days/${day.id}/record`, {
      startsAt: ahead, endsAt: null, place: '黄田镇人大代表联络站', participants: [{ deputyId: liang, attendance: 'present' }], unitIds: [], minutes: '未举行', decisions: ['无'],
    });
    assert.equal(early.json<{ error: { code: string } }>().error.code, 'DELIBERATION_MEETING_NOT_HELD');
    assert.equal((await staff.get(`/api/deliberations/days/${day.id}`)).json<{ state: string }>().state, 'noticed', 'nothing written');
    setClock(`${day.heldOn}T12:00:00+08:00`);
    staff = await signIn(t.app, 'pinggui');
    unit = await signIn(t.app, 'shuiliju');
    const rec = await staff.post(`/api/deliberations/days/${day.id}/record`, {
      startsAt: `${day.heldOn}T09:30:00+08:00`, endsAt: `${day.heldOn}T11:30:00+08:00`, place: '黄田镇人大代表联络站',
      participants: [{ deputyId: liang, attendance: 'present' }], unitIds: [water], minutes: '听取水利局汇报,代表逐一发言。', decisions: ['水利局一个月内完成管网排查', '镇政府疏通排水沟'],
    });
    assert.equal(rec.statusCode, 200, rec.body);
    const record = rec.json<{ state: string; record: { activityId: number; participants: unknown[] } }>();
    assert.equal(record.state, 'held');
    assert.equal((await db.selectFrom('activity').select('kind').where('id', '=', record.record.activityId).executeTakeFirstOrThrow()).kind, 'deliberation');
    assert.equal((await staff.post(`/api/deliberations/days/${day.id}/publish`, { summary: '结果' })).json<{ error: { code: string } }>().error.code, 'DELIBERATION_NO_ITEMS');
    const item = await staff.post(`/api/deliberations/days/${day.id}/items`, { topicId: fromCase, title: '管网排查', body: '排查公和村片区管网', unitId: water, workingDays: 10 });
    assert.equal(item.statusCode, 201, item.body);
    const itemId = item.json<{ id: number }>().id;
    // The unit's clerk: to-do, sign, answer; the office approves.
    assert.equal((await unit.get('/api/todo')).json<{ items?: unknown }>() !== null, true);
    const act = async (c: Client, action: string, comment?: string) => c.post(`/api/deliberations/items/${itemId}/actions`, { action, comment });
    assert.equal((await act(staff, 'sign')).statusCode, 403, 'only the unit signs');
    assert.equal((await act(unit, 'answer', '已排查')).json<{ error: { code: string } }>().error.code, 'DELIBERATION_ITEM_ACTION_INVALID');
    const signed = await act(unit, 'sign');
    assert.equal(signed.statusCode, 200, signed.body);
    assert.ok(signed.json<{ dueOn: string }>().dueOn > today());
    assert.equal((await act(unit, 'answer')).json<{ error: { code: string } }>().error.code, 'DELIBERATION_COMMENT_REQUIRED');
    assert.equal((await act(unit, 'answer', '已完成管网排查,更换阀门 3 处。咨询座机0774-5123456')).statusCode, 200);
    assert.equal((await act(staff, 'approve')).json<{ state: string }>().state, 'approved');
    const published = await staff.post(`/api/deliberations/days/${day.id}/publish`, { summary: '两项议定事项已交办。' });
    assert.equal(published.statusCode, 200, published.body);

    // The public page, and a constituent's unsatisfied feedback (no account).
    const anon = new Client(t.app);
    const list = (await anon.get('/api/public/deliberations')).json<{ items: { id: number; topics: string[] }[] }>().items;
    assert.deepEqual(list.find((d) => d.id === day.id)?.topics, ['公和村道路积水', '饮水水压不足 电话 138****8000']);
    const page = (await anon.get(`/api/public/deliberations/${day.id}`)).json<{ items: { answer: string | null }[]; decisions: string[]; topics: { title: string; description: string }[] }>();
    assert.equal(page.items[0]!.answer, '已完成管网排查,更换阀门 3 处。咨询座机077****3456');
    assert.deepEqual(page.topics.map((x) => x.title), ['公和村道路积水', '饮水水压不足 电话 138****8000']);
    assert.equal(page.topics[0]!.description, '雨天积水严重,联系人张三 138****8000');
    assert.equal(page.decisions.length, 2);
    assert.equal((await anon.post(`/api/public/deliberations/${day.id}/feedback`, { rating: 'unsatisfied' })).statusCode, 400, 'a reason with 不满意');
    assert.equal((await anon.post(`/api/public/deliberations/${day.id}/feedback`, { rating: 'unsatisfied', comment: '水压还是不足', itemId })).statusCode, 201);
    const fb = (await staff.get(`/api/deliberations/days/${day.id}/feedback`)).json<{ items: { id: number }[]; counts: { unsatisfied: number; undecided: number } }>();
    assert.equal(fb.counts.undecided, 1);
    const decided = await staff.post(`/api/deliberations/feedback/${fb.items[0]!.id}/decide`, { decision: 'reopen', comment: '群众反映水压仍不足,请重新办理' });
    assert.equal(decided.statusCode, 200, decided.body);
    const reopened = (await unit.get(`/api/deliberations/items/${itemId}`)).json<{ state: string; reopenCount: number; actions: string[]; timeline: { action: string }[] }>();
    assert.equal(reopened.state, 'signed');
    assert.equal(reopened.reopenCount, 1);
    assert.deepEqual(reopened.actions, ['answer']);
    assert.deepEqual(reopened.timeline.map((e) => e.action), ['assign', 'sign', 'answer', 'approve', 'reopen']);
    assert.equal((await staff.post(`/api/deliberations/feedback/${fb.items[0]!.id}/decide`, { decision: 'dismiss', comment: '再次' })).json<{ error: { code: string } }>().error.code, 'DELIBERATION_FEEDBACK_DECIDED');
    const audits = await db.selectFrom('audit_log').select('action').where('action', 'like', 'deliberation%').execute();
    for (const a of ['deliberation.choose', 'deliberation.notice', 'deliberation.record', 'deliberation.publish', 'deliberation.feedback', 'deliberation.feedback_decide', 'deliberation_item.reopen']) {
      assert.ok(audits.some((r) => r.action === a), `audited: ${a}`);
    }
    resetClock();
    staff = await signIn(t.app, 'pinggui');
    unit = await signIn(t.app, 'shuiliju');
  });

  it('moves a day on a holiday to the next working day', async () => {
    const db = t.database.db;
    const { year, month } = monthsAfter(today(), 2);
    const date = ruleDate(year, month, { weekday: 4, nth: 4 });
    await db.insertInto('holiday_year').values({ year, source: 'test', updated_at: new Date(0) }).onConflict((oc) => oc.column('year').doNothing()).execute();
    await db.insertInto('holiday').values({ date, year, kind: 'rest', name: '测试假日' }).onConflict((oc) => oc.column('date').doUpdateSet({ kind: 'rest' })).execute();
    const res = await staff.post('/api/deliberations/days/generate', { regionCode: XIWAN, months: 3 });
    assert.equal(res.statusCode, 200, res.body);
    const moved = res.json<{ items: { heldOn: string; movedFrom: string | null; noticeOn: string }[] }>().items.find((d) => d.movedFrom === date);
    assert.ok(moved, 'the holiday day is moved');
    assert.equal(moved.heldOn, addDays(date, 1));
    assert.equal(moved.noticeOn, addDays(moved.heldOn, -3));
    // Generating again adds nothing.
    assert.equal((await staff.post('/api/deliberations/days/generate', { regionCode: XIWAN, months: 3 })).json<{ created: number }>().created, 0);
  });

  it('answers bad input with field codes and readable messages, never zod\'s own', async () => {
    type Fields = { error: { code: string; fields: { path: string; code: string; message: string }[] } };
    const empty = (await staff.post('/api/deliberations/topics', { regionCode: HUANGTIAN, title: '   ' })).json<Fields>();
    assert.equal(empty.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(empty.error.fields.map((f) => [f.path.replace(/^body\./, ''), f.code, f.message]), [['title', 'REQUIRED', '此项必填']]);
    const days = (await staff.get(`/api/deliberations/days?regionCode=${HUANGTIAN}`)).json<{ items: { id: number }[] }>().items;
    const rating = (await new Client(t.app).post(`/api/public/deliberations/${days[0]!.id}/feedback`, { rating: 'great' })).json<Fields>();
    assert.deepEqual(rating.error.fields.map((f) => [f.path.replace(/^body\./, ''), f.code, f.message]), [['rating', 'OPTION_INVALID', '请从给出的选项中选择']]);
    const item = (await staff.post(`/api/deliberations/days/${days[0]!.id}/items`, { title: '', unitId: 1, workingDays: 0 })).json<Fields>();
    assert.deepEqual(item.error.fields.map((f) => [f.path.replace(/^body\./, ''), f.code]).sort(), [['title', 'REQUIRED'], ['workingDays', 'WORKING_DAYS_RANGE']]);
    const scores = (await staff.request('PUT', '/api/deliberations/topics/1/scores', { importance: 6, urgency: 0, impact: 3 }, { 'accept-language': 'en' })).json<Fields>();
    assert.deepEqual(scores.error.fields.map((f) => [f.path.replace(/^body\./, ''), f.code, f.message]), [['importance', 'SCORE_RANGE', 'A score is a whole number from 1 to 5'], ['urgency', 'SCORE_RANGE', 'A score is a whole number from 1 to 5']]);
  });

  it('keeps each street to those who reach it', async () => {
    const days = (await staff.get(`/api/deliberations/days?regionCode=${XIWAN}`)).json<{ items: { id: number }[] }>().items;
    const id = days[0]!.id;
    assert.equal((await otherStaff.get(`/api/deliberations/days/${id}`)).statusCode, 404);
    assert.equal((await deputy.get(`/api/deliberations/days/${id}`)).statusCode, 404, 'a deputy of 黄田镇 does not reach 西湾街道');
    assert.equal((await deputy.get(`/api/deliberations/days?regionCode=${XIWAN}`)).json<{ items: unknown[] }>().items.length, 0);
    assert.equal((await otherStaff.get(`/api/deliberations/days?regionCode=${XIWAN}`)).json<{ items: unknown[] }>().items.length, 0);
    assert.equal((await otherStaff.post('/api/deliberations/days/generate', { regionCode: XIWAN, months: 1 })).json<{ error: { code: string } }>().error.code, 'DELIBERATION_REGION_INVALID');
    assert.equal((await deputy.post('/api/deliberations/days/generate', { regionCode: HUANGTIAN, months: 1 })).statusCode, 403);
    assert.equal((await deputy.post('/api/deliberations/topics', { regionCode: XIWAN, title: '不是我的街道' })).json<{ error: { code: string } }>().error.code, 'DELIBERATION_REGION_INVALID');
    // The unit sees the items of its unit only, and no day it has nothing to do with.
    assert.equal((await unit.get(`/api/deliberations/days/${id}`)).statusCode, 404);
    assert.equal((await new Client(t.app).get(`/api/public/deliberations/${id}`)).statusCode, 404, 'not published');
  });
});
