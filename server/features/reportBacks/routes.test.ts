/**
 * A report-back (述职) through the API, on the demo's 平桂区 (staff pinggui; 黄田镇's officer
 * huangtian; deputies wanghuimin and liangjun; yicheng's staff outside): scheduled at 公和村 as a
 * 述职 activity, the report drafted from the archive and saved in versions by the deputy, the
 * evaluation opened with a QR code (decoded by zbarimg), 35 phones behind one address evaluating
 * without an account, a duplicate phone and a duplicate device refused, paper forms, the
 * headcount warning, the evaluation closed; the issue list: one item closed by the deputy, one
 * handed on as a case, one as the deputy's draft suggestion; the plan; scope for everyone else.
 * Dates follow the clock.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { now, today } from '../../platform/clock.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

const BASE = 'https://lianxin.example.cn';
type Err = { error?: { code: string } };

describe('report-backs (述职) through the API', () => {
  let t: TestApp;
  let staff: Client;
  let officer: Client;
  let wang: Client;
  let liang: Client;
  let outsider: Client;
  let village: Client;
  let gonghe: number;
  let wangId: number;
  let id: number;
  let key: string;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lianxin-report-backs-'));
    t = await startTestApp({ publicBaseUrl: BASE });
    staff = await signIn(t.app, 'pinggui');
    officer = await signIn(t.app, 'huangtian');
    wang = await signIn(t.app, 'wanghuimin');
    liang = await signIn(t.app, 'liangjun');
    outsider = await signIn(t.app, 'yicheng');
    village = new Client(t.app);
    gonghe = await idOf(t.database.db, 'station', '平桂区黄田镇公和村人大代表联络点');
    wangId = await idOf(t.database.db, 'deputy', '王惠敏');
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const code = (res: { body: string }) => (JSON.parse(res.body) as Err).error?.code;
  const evaluate = (c: Client, body: Record<string, unknown>, cookie?: string) =>
    c.request('POST', `/api/public/report-backs/evaluate/${key}`, body, cookie ? { cookie } : {});

  it('schedules a report-back at the station as a 述职 activity, for those who run it only', async () => {
    const startsAt = new Date(now().getTime() - 3_600_000).toISOString();
    const body = { deputyId: wangId, stationId: gonghe, startsAt, place: '公和村榕树头', invited: '公和村村民代表' };
    assert.equal((await wang.post('/api/report-backs', body)).statusCode, 403, 'a deputy does not schedule');
    assert.equal(code(await officer.post('/api/report-backs', { ...body, congress: { level: 'township', regionCode: '451103101' } })), 'REPORT_BACK_DEPUTY_INVALID');
    // A deputy out of the caller's reach cannot be made to report at the caller's station (the report is drafted from their archive).
    const foreign = await t.database.db.selectFrom('deputy').select('id').where('status', '=', 'current').where('active', '=', true)
      .where(sql<boolean>`region_path not like ${'%451103%'}`).orderBy('id').executeTakeFirstOrThrow();
    for (const c of [officer, staff]) {
      assert.equal(code(await c.post('/api/report-backs', { ...body, deputyId: foreign.id })), 'REPORT_BACK_DEPUTY_INVALID');
    }
    assert.equal(await t.database.db.selectFrom('report_back').select('id').where('deputy_id', '=', foreign.id).executeTakeFirst(), undefined, 'nothing written');
    const nested = await officer.post('/api/report-backs', { deputyId: wangId, activity: { stationId: gonghe, startsAt, place: '公和村' } });
    assert.equal(nested.statusCode, 201, `the meeting's fields nested are taken too: ${nested.body}`);
    assert.equal((await officer.post(`/api/report-backs/${nested.json<{ id: number }>().id}/cancel`, { reason: '重复安排' })).json<{ state: string }>().state, 'cancelled');
    const res = await officer.post('/api/report-backs', body);
    assert.equal(res.statusCode, 201, res.body);
    const rb = res.json<{ id: number; state: string; congress: { level: string }; activity: { id: number; participants: { deputyId: number }[] }; actions: string[] }>();
    id = rb.id;
    assert.equal(rb.state, 'scheduled');
    assert.equal(rb.congress.level, 'county', 'the deputy\'s district seat');
    assert.ok(rb.activity.participants.some((p) => p.deputyId === wangId));
    assert.ok(rb.actions.includes('open_evaluation'));
    const activity = await t.database.db.selectFrom('activity').select('kind').where('id', '=', rb.activity.id).executeTakeFirstOrThrow();
    assert.equal(activity.kind, 'report_back');
    assert.equal((await outsider.get(`/api/report-backs/${id}`)).statusCode, 404, 'out of scope answers like missing');
    assert.ok((await outsider.get('/api/report-backs')).json<{ items: unknown[] }>().items.length === 0);
    const mine = (await wang.get('/api/report-backs?mine=true')).json<{ items: { id: number; actions: string[] }[] }>();
    const own = mine.items.find((i) => i.id === id)!;
    assert.ok(own, 'the deputy\'s own, in 我的述职');
    assert.ok(!own.actions.includes('open_evaluation') && own.actions.includes('edit_report'));
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'report_back').where('entity_id', '=', String(id)).execute();
    assert.deepEqual(audit.map((a) => a.action), ['report_back.create']);
  });

  it('drafts the report from the archive and keeps the deputy\'s versions', async () => {
    assert.equal((await liang.post(`/api/report-backs/${id}/report/generate`)).statusCode, 403, 'a fellow deputy of the station reads, does not write');
    const draft = (await wang.post(`/api/report-backs/${id}/report/generate`)).json<{ text: string }>();
    assert.match(draft.text, /王惠敏/);
    assert.match(draft.text, /履职积分/);
    const first = await t.app.inject({ method: 'PUT', url: `/api/report-backs/${id}/report`, payload: { text: draft.text, version: null, source: 'generated' },
      headers: { cookie: wang.cookie, 'x-csrf-token': wang.csrf }, remoteAddress: wang.remoteAddress });
    assert.equal(first.statusCode, 200, first.body);
    const put = (version: number | null) => t.app.inject({ method: 'PUT', url: `/api/report-backs/${id}/report`, payload: { text: `${draft.text}\n今后打算:每月到联络点接待。`, version },
      headers: { cookie: wang.cookie, 'x-csrf-token': wang.csrf }, remoteAddress: wang.remoteAddress });
    assert.equal(code(await put(null)), 'CONFLICT', 'a stale version');
    const second = (await put(1)).json<{ current: { version: number; source: string }; versions: unknown[] }>();
    assert.equal(second.current.version, 2);
    assert.equal(second.current.source, 'edited');
    assert.equal(second.versions.length, 2);
  });

  it('takes no evaluation before it opens; then the QR code carries the public link', async () => {
    assert.equal(code(await officer.get(`/api/report-backs/${id}/qr.png`)), 'REPORT_BACK_NO_KEY');
    const opened = await officer.post(`/api/report-backs/${id}/evaluation/open`, { minutes: 60 });
    assert.equal(opened.statusCode, 200, opened.body);
    const rb = opened.json<{ state: string; evaluation: { publicUrl: string; open: boolean } }>();
    assert.equal(rb.state, 'evaluating');
    assert.ok(rb.evaluation.open);
    key = rb.evaluation.publicUrl.split('/').pop()!;
    assert.equal(rb.evaluation.publicUrl, `${BASE}/m/report-backs/evaluate/${key}`);
    assert.equal((await wang.get(`/api/report-backs/${id}`)).json<{ evaluation: { publicUrl: string | null } }>().evaluation.publicUrl, null, 'the link is for those who run it');
    assert.equal((await wang.get(`/api/report-backs/${id}/qr.png`)).statusCode, 403);
    const png = await officer.get(`/api/report-backs/${id}/qr.png`);
    assert.equal(png.headers['content-type'], 'image/png');
    const file = path.join(dir, 'qr.png');
    writeFileSync(file, png.rawPayload);
    // zbar's decoder, which knows nothing of how the code was made (scripts/install-system-deps.sh installs it).
    const decoder = 'zbarimg';
    const z = spawnSync(decoder, ['--raw', '-q', file], { encoding: 'utf8' });
    assert.ifError(z.error);
    assert.equal(z.stdout.trim(), rb.evaluation.publicUrl);
    assert.equal(code(await village.get('/api/public/report-backs/evaluate/AAAAAAAAAAAAAAAAAAAAAA')), 'REPORT_BACK_KEY_UNKNOWN');
  });

  it('lets 35 phones behind one address evaluate once each, refusing a duplicate phone and a duplicate device', async () => {
    const page = (await village.get(`/api/public/report-backs/evaluate/${key}`)).json<{ state: string; deputyName: string; alreadyEvaluated: boolean; reportSummary: string }>();
    assert.equal(page.state, 'open');
    assert.equal(page.deputyName, '王惠敏');
    assert.equal(page.alreadyEvaluated, false);
    const ratings = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
    let firstCookie = '';
    for (let i = 0; i < 35; i++) {
      const res = await evaluate(village, { rating: ratings[i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0], comment: i === 1 ? '村口路灯坏了很久,希望尽快修好。' : null, phone: `139077${String(10000 + i)}` });
      assert.equal(res.statusCode, 201, `phone ${i}: ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'lx_rb');
      assert.ok(cookie && cookie.httpOnly, 'a device cookie, httpOnly');
      if (i === 0) firstCookie = `lx_rb=${cookie.value}`;
    }
    assert.equal(code(await evaluate(village, { rating: 'satisfied', phone: '13907710000' })), 'REPORT_BACK_ALREADY_EVALUATED', 'the same phone number from another device');
    assert.equal(code(await evaluate(village, { rating: 'satisfied', phone: '13907799999' }, firstCookie)), 'REPORT_BACK_ALREADY_EVALUATED', 'the same device with another number');
    assert.equal((await village.request('GET', `/api/public/report-backs/evaluate/${key}`, undefined, { cookie: firstCookie })).json<{ alreadyEvaluated: boolean }>().alreadyEvaluated, true);
    assert.equal(code(await evaluate(village, { rating: 'satisfied', phone: '12345' })), 'VALIDATION_FAILED');
    const stored = await t.database.db.selectFrom('report_back_evaluation').select(['phone_hash']).where('report_back_id', '=', id).execute();
    assert.equal(stored.length, 35);
    assert.ok(stored.every((e) => e.phone_hash && !e.phone_hash.includes('139077')), 'no phone number stored');
  });

  it('enters paper forms, warns when the evaluations outnumber those present, and closes', async () => {
    const paper = await officer.post(`/api/report-backs/${id}/evaluations/paper`, { forms: [{ rating: 'satisfied' }, { rating: 'basically_satisfied', phone: '13907710003' }, { rating: 'satisfied', comment: '纸质表:满意' }] });
    assert.equal(paper.statusCode, 201, paper.body);
    assert.deepEqual(paper.json(), { created: 2, refused: [{ index: 1, code: 'REPORT_BACK_ALREADY_EVALUATED' }] });
    assert.equal((await wang.post(`/api/report-backs/${id}/evaluations/paper`, { forms: [{ rating: 'satisfied' }] })).statusCode, 403);
    const counted = (await officer.request('PUT', `/api/report-backs/${id}/attendance`, { headcount: 30 })).json<{ evaluation: { counts: { total: number; paper: number; qr: number }; overHeadcount: boolean; satisfiedPercent: number } }>();
    assert.equal(counted.evaluation.counts.total, 37);
    assert.equal(counted.evaluation.counts.paper, 2);
    assert.equal(counted.evaluation.overHeadcount, true, '37 evaluations, 30 present');
    const live = (await officer.get(`/api/report-backs/${id}/live`)).json<{ counts: { total: number }; open: boolean }>();
    assert.equal(live.counts.total, 37);
    const list = (await wang.get(`/api/report-backs/${id}/evaluations?limit=50`)).json<{ items: Record<string, unknown>[] }>();
    assert.equal(list.items.length, 37);
    assert.ok(list.items.every((e) => !('phone' in e) && !('phoneHash' in e)));
    assert.equal((await officer.post(`/api/report-backs/${id}/evaluation/close`)).json<{ state: string }>().state, 'evaluated');
    assert.equal(code(await evaluate(village, { rating: 'satisfied', phone: '13907788888' })), 'REPORT_BACK_EVALUATION_CLOSED');
    assert.equal(code(await officer.post(`/api/report-backs/${id}/evaluation/close`)), 'REPORT_BACK_TRANSITION_INVALID');
  });

  it('tracks the issue list to closure: closed by the deputy, handed on as a case and as a suggestion', async () => {
    const comment = (await officer.get(`/api/report-backs/${id}/evaluations?limit=50`)).json<{ items: { id: number; comment: string | null }[] }>().items.find((e) => e.comment?.includes('路灯'))!;
    const add = (c: Client, body: Record<string, unknown>) => c.post(`/api/report-backs/${id}/issues`, body);
    const lights = await add(officer, { text: '村口路灯损坏', evaluationId: comment.id });
    assert.equal(lights.statusCode, 201, lights.body);
    const lightsIssue = lights.json<{ id: number; source: string; dueOn: string; actions: string[] }>();
    assert.equal(lightsIssue.source, 'evaluation');
    assert.ok(lightsIssue.dueOn);
    const water = (await add(officer, { text: '水并片区旱季水压不足' })).json<{ id: number }>();
    const road = (await add(wang, { text: '村道硬化' })).json<{ id: number; source: string }>();
    assert.equal(road.source, 'deputy');
    assert.equal((await add(liang, { text: '不是我的述职' })).statusCode, 403);
    assert.equal(code(await add(officer, { text: 'x', evaluationId: 999999 })), 'REPORT_BACK_ISSUE_EVALUATION_UNKNOWN');

    assert.equal((await liang.post(`/api/report-backs/issues/${lightsIssue.id}/close`, { note: '不是我的' })).statusCode, 404);
    const closed = await wang.post(`/api/report-backs/issues/${lightsIssue.id}/close`, { note: '已协调村委会更换路灯 6 盏。' });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json<{ state: string; closingNote: string }>().state, 'closed');
    assert.equal(code(await wang.post(`/api/report-backs/issues/${lightsIssue.id}/close`, { note: '再次' })), 'REPORT_BACK_ISSUE_TRANSITION_INVALID');

    assert.equal((await wang.post(`/api/report-backs/issues/${water.id}/hand-on-case`)).statusCode, 403, 'the station hands on a case');
    const handed = await officer.post(`/api/report-backs/issues/${water.id}/hand-on-case`);
    assert.equal(handed.statusCode, 200, handed.body);
    const h = handed.json<{ state: string; case: { id: number; trackingCode: string } }>();
    assert.equal(h.state, 'handed_case');
    const opinion = await t.database.db.selectFrom('opinion').select(['station_id', 'deputy_id', 'content']).where('id', '=', h.case.id).executeTakeFirstOrThrow();
    assert.equal(opinion.station_id, gonghe);
    assert.equal(opinion.deputy_id, wangId);
    assert.match(opinion.content, /水压/);

    const suggested = await wang.post(`/api/report-backs/issues/${road.id}/hand-on-suggestion`, {});
    assert.equal(suggested.statusCode, 200, suggested.body);
    const s = suggested.json<{ state: string; suggestion: { id: number } }>();
    assert.equal(s.state, 'handed_suggestion');
    const draft = await t.database.db.selectFrom('suggestion').select(['state', 'lead_deputy_id']).where('id', '=', s.suggestion.id).executeTakeFirstOrThrow();
    assert.deepEqual(draft, { state: 'draft', lead_deputy_id: wangId });

    const list = (await wang.get(`/api/report-backs/${id}/issues`)).json<{ items: { state: string }[] }>();
    assert.deepEqual(list.items.map((i) => i.state), ['closed', 'handed_case', 'handed_suggestion']);
    const timers = await t.database.db.selectFrom('job').select('dedupe_key').where('dedupe_key', 'like', 'report_back:issue:%').where('done_at', 'is', null).execute();
    assert.deepEqual(timers, [], 'no reminder left for items no longer open');
    const actions = (await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'report_back').where('entity_id', '=', String(id)).execute()).map((a) => a.action);
    for (const a of ['report_back.issue_close', 'report_back.issue_hand_case', 'report_back.issue_hand_suggestion', 'report_back.evaluate', 'report_back.evaluate_paper', 'report_back.close_evaluation']) {
      assert.ok(actions.includes(a), a);
    }
  });

  it('shows the plan: the deputy reported, the others due; the plan is the congress staff\'s', async () => {
    const plan = (await staff.get('/api/report-backs/plan?level=county&regionCode=451103')).json<{ counts: { reported: number; due: number; total: number }; deputies: { deputyId: number; status: string }[] }>();
    assert.equal(plan.deputies.find((d) => d.deputyId === wangId)?.status, 'reported');
    assert.ok(plan.counts.due >= 1 && plan.counts.reported === 1);
    const moved = await staff.request('PUT', '/api/report-backs/plan', { level: 'county', regionCode: '451103', cadence: 'per_term', times: 1, dueOn: '2000-01-01' });
    assert.equal(moved.statusCode, 200, moved.body);
    const after = moved.json<{ counts: { overdue: number; due: number } }>();
    assert.equal(after.counts.due, 0);
    assert.equal(after.counts.overdue, plan.counts.due);
    assert.equal((await officer.get('/api/report-backs/plan?level=county&regionCode=451103')).statusCode, 403);
    assert.equal((await outsider.get('/api/report-backs/plan?level=county&regionCode=451103')).statusCode, 404);
    assert.equal(code(await outsider.request('PUT', '/api/report-backs/plan', { level: 'county', regionCode: '451103', cadence: 'yearly', times: 1, dueOn: null })), 'REPORT_BACK_CONGRESS_INVALID');
    const congresses = (await staff.get('/api/report-backs/congresses')).json<{ items: { level: string; regionCode: string; cadence: string }[] }>();
    assert.ok(congresses.items.some((c) => c.level === 'county' && c.regionCode === '451103'));
  });

  it('shows the report-back in the deputy\'s archive (and its PDF) and on the public disclosure, without comments', async () => {
    const archive = (await wang.get(`/api/deputies/${wangId}/archive`)).json<{ summary: { reportBacks: { count: number; evaluations: number } }; reportBacks: { id: number; evaluationCount: number; issues: { total: number; closed: number } }[] }>();
    assert.equal(archive.summary.reportBacks.count, 1);
    assert.deepEqual(archive.reportBacks.map((r) => [r.id, r.evaluationCount, r.issues.total, r.issues.closed]), [[id, 37, 3, 3]]);
    const disclosure = await village.get(`/api/public/deputies/${wangId}/disclosure`);
    const d = disclosure.json<{ reportBacks: { count: number; evaluations: number; satisfiedPercent: number } }>();
    assert.equal(d.reportBacks.count, 1);
    assert.equal(d.reportBacks.evaluations, 37);
    assert.ok(!disclosure.body.includes('路灯'), 'no comment on the public page');
    const pdf = await wang.get(`/api/deputies/${wangId}/archive.pdf`);
    if (pdf.statusCode === 200) {
      const file = path.join(dir, 'archive.pdf');
      writeFileSync(file, pdf.rawPayload);
      const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
      assert.match(text, /述职/);
    }
  });

  it('reminds the deputy of an open item past its date, and closes an evaluation whose window ran out', async () => {
    const { runDueJobs } = await import('../../platform/jobs/runner.js');
    const overdue = (await officer.post(`/api/report-backs/${id}/issues`, { text: '村卫生室缺少常用药', dueOn: addDays(today(), -3) })).json<{ id: number; overdue: boolean }>();
    assert.equal(overdue.overdue, true);
    await runDueJobs(t.database.db, { workerId: 'report-backs', kinds: ['reportBack.issueRemind'] });
    const told = await t.database.db.selectFrom('notification as n').innerJoin('account as a', 'a.id', 'n.account_id')
      .select(['a.username', 'n.kind']).where('n.kind', '=', 'report_back.issue_overdue').execute();
    assert.ok(told.some((n) => n.username === 'wanghuimin'), 'the deputy is reminded');
    const next = await t.database.db.selectFrom('job').select('run_at').where('dedupe_key', 'like', `report_back:issue:${overdue.id}:%`).where('done_at', 'is', null).executeTakeFirst();
    assert.ok(next, 'and again a week later while it stays open');
    // It waits in the deputy's to-do list, overdue, linking to the report-back; a fellow deputy has none of it.
    const waiting = (await wang.get('/api/todo/report_back.issue')).json<{ items: { id: number; overdue: boolean; href: string }[] }>().items;
    assert.ok(waiting.some((i) => i.id === overdue.id && i.overdue && i.href === `/report-backs/${id}`), JSON.stringify(waiting));
    const counts = async (c: Client) => Object.fromEntries((await c.get('/api/todo')).json<{ items: { key: string; count: number }[] }>().items.map((i) => [i.key, i.count]));
    assert.equal((await counts(wang))['report_back.issue'], waiting.length);
    assert.equal((await counts(liang))['report_back.issue'], 0);
    // A second report-back whose evaluation window runs out by itself.
    const other = (await officer.post('/api/report-backs', { deputyId: wangId, stationId: gonghe, startsAt: new Date(now().getTime() - 600_000).toISOString() })).json<{ id: number }>().id;
    await officer.post(`/api/report-backs/${other}/evaluation/open`, { minutes: 10 });
    await runDueJobs(t.database.db, { workerId: 'report-backs', kinds: ['reportBack.closeEvaluation'], now: new Date(now().getTime() + 11 * 60_000) });
    assert.equal((await officer.get(`/api/report-backs/${other}`)).json<{ state: string }>().state, 'evaluated');
    await officer.post(`/api/report-backs/${other}/cancel`, { reason: 'x' });
  });

  it('earns the deputy the report-back point once evaluated', async () => {
    const { ledgerEntries } = await import('../points/index.js');
    const { SYSTEM_ACTOR } = await import('../../platform/access/actor.js');
    const entries = await ledgerEntries(t.database.db, SYSTEM_ACTOR, { year: null, deputyIds: [wangId] });
    const fact = entries.find((e) => e.source === 'report_back' && e.ref.id === id);
    assert.ok(fact, 'a report_back point fact');
    assert.equal(fact.cents, 200);
  });
  it('opens the evaluation only from the meeting\'s day (Shanghai date of its start)', async () => {
    const tomorrow = (await officer.post('/api/report-backs', { deputyId: wangId, stationId: gonghe, startsAt: `${addDays(today(), 1)}T09:30:00+08:00` })).json<{ id: number; actions: string[] }>();
    assert.ok(!tomorrow.actions.includes('open_evaluation'), 'not offered before the day');
    const early = await officer.post(`/api/report-backs/${tomorrow.id}/evaluation/open`, { minutes: 60 });
    assert.equal(early.statusCode, 409);
    assert.equal(code(early), 'REPORT_BACK_BEFORE_MEETING_DAY');
    assert.equal((await officer.get(`/api/report-backs/${tomorrow.id}`)).json<{ state: string }>().state, 'scheduled', 'nothing written');
    await officer.post(`/api/report-backs/${tomorrow.id}/cancel`, { reason: '改期' });
    const later = (await officer.post('/api/report-backs', { deputyId: wangId, stationId: gonghe, startsAt: `${today()}T23:59:00+08:00` })).json<{ id: number; actions: string[] }>();
    assert.ok(later.actions.includes('open_evaluation'), 'offered on the day, even before the start time');
    const onTheDay = await officer.post(`/api/report-backs/${later.id}/evaluation/open`, { minutes: 10 });
    assert.equal(onTheDay.statusCode, 200, onTheDay.body);
  });
  it('masks phone numbers in the constituents\' comments and the issues taken from them, for staff and the deputy', async () => {
    const rb = (await officer.post('/api/report-backs', { deputyId: wangId, stationId: gonghe, startsAt: new Date(now().getTime() - 3_600_000).toISOString() })).json<{ id: number }>().id;
    await officer.post(`/api/report-backs/${rb}/evaluation/open`, { minutes: 30 });
    const said = '我的电话13800138000 张三,村道坑洼';
    assert.equal((await officer.post(`/api/report-backs/${rb}/evaluations/paper`, { forms: [{ rating: 'unsatisfied', comment: said }] })).statusCode, 201);
    for (const c of [officer, wang]) {
      const [e] = (await c.get(`/api/report-backs/${rb}/evaluations`)).json<{ items: { comment: string }[] }>().items;
      assert.equal(e!.comment, '我的电话138****8000 张三,村道坑洼');
    }
    const evaluationId = (await officer.get(`/api/report-backs/${rb}/evaluations`)).json<{ items: { id: number }[] }>().items[0]!.id;
    const added = (await officer.post(`/api/report-backs/${rb}/issues`, { text: said, evaluationId })).json<{ id: number; text: string }>();
    assert.equal(added.text, '我的电话138****8000 张三,村道坑洼');
    const listed = (await wang.get(`/api/report-backs/${rb}/issues`)).json<{ items: { text: string }[] }>().items;
    assert.ok(listed.every((x) => !x.text.includes('13800138000')));
    const handed = (await wang.post(`/api/report-backs/issues/${added.id}/hand-on-suggestion`, {})).json<{ suggestion: { id: number } }>();
    const sg = await t.database.db.selectFrom('suggestion').select(['title', 'reasons']).where('id', '=', handed.suggestion.id).executeTakeFirstOrThrow();
    assert.ok(!`${sg.title}${sg.reasons}`.includes('13800138000'), 'nor in the deputy\'s draft suggestion');
  });
  it('answers an empty text or an unknown rating with the platform\'s field codes and messages', async () => {
    const bad = await officer.request('POST', `/api/report-backs/${id}/issues`, { text: '   ' }, { 'accept-language': 'zh-CN' });
    assert.equal(bad.statusCode, 400);
    const f = bad.json<{ error: { fields: { path: string; code: string; message: string }[] } }>().error.fields;
    assert.deepEqual(f.map((x) => [x.path, x.code, x.message]), [['body.text', 'REQUIRED', '此项必填']]);
    const rating = await officer.post(`/api/report-backs/${id}/evaluations/paper`, { forms: [{ rating: 'great' }] });
    assert.equal(rating.statusCode, 400);
    const rf = rating.json<{ error: { fields: { path: string; code: string; message: string }[] } }>().error.fields;
    assert.deepEqual(rf.map((x) => [x.path, x.code, x.message]), [['body.forms.0.rating', 'OPTION_INVALID', '请从给出的选项中选择']]);
    const note = await wang.post('/api/report-backs/issues/1/close', { note: '' });
    assert.equal(note.json<{ error: { fields: { code: string }[] } }>().error.fields[0]!.code, 'REQUIRED');
  });
});
