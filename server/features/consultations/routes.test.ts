/**
 * A consultation through the API, on the demo's 平桂区 (staff pinggui; 黄田镇's officer huangtian
 * and deputy liangjun): a topic asked of two stations, published into the stations' work lists,
 * answered on the public form (receipt code), heard at a reception day with a case, gathered at a
 * linked activity; the compilation as JSON, Excel (read by LibreOffice) and PDF (read by
 * pdftotext) with the personal data masked; the audited reveal; the QR poster (decoded by
 * zbarimg); the committee's opinion and the government's report told to the contributing stations
 * and read with the receipt code and on the case's tracking page. Dates follow the clock.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { libreOfficeCsv } from '../../testing/officeFiles.js';
import { factories } from '../../testing/factories.js';

const BASE = 'https://lianxin.example.cn';

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} failed (install scripts/install-system-deps.sh): ${r.stderr}`);
  return r.stdout;
}

describe('consultations (议题征询) through the API', () => {
  let t: TestApp;
  let staff: Client;
  let officer: Client;
  let deputy: Client;
  let outsider: Client;
  let anon: Client;
  let dir: string;
  let huangtian: number;
  let xiwan: number;
  let leihe: number;
  let topicId: number;
  let questions: { id: number; position: number; text: string }[];
  let receipt: string;
  let caseId: number;
  let caseCode: string;
  let caseKey: string;

  const body = (o: Record<string, unknown> = {}) => ({
    title: '《平桂区城乡生活垃圾分类管理办法(草案)》意见征询', background: '草案共六章三十二条。',
    questions: ['垃圾如何收集?', '四分类是否可行?'], opensOn: addDays(today(), -1), closesOn: addDays(today(), 20),
    congress: { level: 'county', regionCode: '451103' }, stationIds: [huangtian, xiwan], ...o,
  });

  before(async () => {
    run('zbarimg', ['--version']);
    run('pdftotext', ['-v']);
    dir = mkdtempSync(path.join(tmpdir(), 'lianxin-consultations-'));
    t = await startTestApp({ publicBaseUrl: BASE });
    staff = await signIn(t.app, 'pinggui');
    officer = await signIn(t.app, 'huangtian');
    deputy = await signIn(t.app, 'liangjun');
    outsider = await signIn(t.app, 'yicheng');
    anon = new Client(t.app);
    huangtian = await idOf(t.database.db, 'station', '平桂区黄田镇人大代表联络站');
    xiwan = await idOf(t.database.db, 'station', '平桂区西湾街道人大代表联络站');
    leihe = await idOf(t.database.db, 'station', '宜城市雷河镇人大代表中心联络站');
    const c = await factories(t).case({ stationId: huangtian, state: 'accepted' });
    caseId = c.id;
    caseCode = c.trackingCode;
    caseKey = c.queryKey;
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;

  it('creates a draft topic for a congress in scope, with stations inside its region only', async () => {
    assert.equal(code(await staff.post('/api/consultations', body({ closesOn: addDays(today(), -5) }))), 'CONSULTATION_WINDOW_INVALID');
    assert.equal(code(await staff.post('/api/consultations', body({ congress: { level: 'township', regionCode: '451103' } }))), 'CONSULTATION_CONGRESS_INVALID');
    assert.equal(code(await staff.post('/api/consultations', body({ congress: { level: 'county', regionCode: '420684' } }))), 'CONSULTATION_CONGRESS_INVALID');
    assert.equal(code(await staff.post('/api/consultations', body({ stationIds: [huangtian, leihe] }))), 'CONSULTATION_STATION_OUTSIDE');
    assert.equal((await officer.post('/api/consultations', body())).statusCode, 403);
    const whole = await staff.post('/api/consultations', body({ stationIds: undefined, wholeRegionCode: '451103101' }));
    assert.equal(whole.statusCode, 201, whole.body);
    const wholeTopic = (await staff.get(`/api/consultations/${whole.json<{ id: number }>().id}`)).json<{ stations: { id: number }[]; wholeRegion: { code: string } }>();
    assert.equal(wholeTopic.wholeRegion.code, '451103101');
    assert.ok(wholeTopic.stations.some((s) => s.id === huangtian) && !wholeTopic.stations.some((s) => s.id === xiwan), 'every station of 黄田镇, none elsewhere');

    const res = await staff.post('/api/consultations', body());
    assert.equal(res.statusCode, 201, res.body);
    topicId = res.json<{ id: number }>().id;
    const topic = (await staff.get(`/api/consultations/${topicId}`)).json<{ state: string; actions: string[]; questions: typeof questions; version: number }>();
    assert.equal(topic.state, 'draft');
    assert.deepEqual(topic.actions.filter((a) => a !== 'reveal'), ['edit', 'publish']);
    const edited = await staff.request('PUT', `/api/consultations/${topicId}`, { ...body(), questions: ['垃圾如何收集?', '四分类是否可行?', '奖惩措施有何意见?'], version: topic.version });
    assert.equal(edited.statusCode, 200, edited.body);
    questions = edited.json<{ questions: typeof questions }>().questions;
    assert.deepEqual(questions.map((q) => q.position), [1, 2, 3]);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const doc = await staff.post(`/api/consultations/${topicId}/documents`, { name: '草案.pdf', data: pdf.toString('base64') });
    assert.equal(doc.statusCode, 201, doc.body);
    assert.equal(code(await staff.post(`/api/consultations/${topicId}/documents`, { name: 'x.txt', data: Buffer.from('hello').toString('base64') })), 'CONSULTATION_FILE_TYPE');
    // A draft is the staff's own: the station does not see it yet.
    assert.equal((await officer.get(`/api/consultations/${topicId}`)).statusCode, 404);
    assert.equal((await outsider.get(`/api/consultations/${topicId}`)).statusCode, 404);
    assert.equal((await anon.get(`/api/public/consultations/${topicId}`)).statusCode, 404);
  });

  it('publishes into the stations\' work lists and tells their officers and deputies', async () => {
    const res = await staff.post(`/api/consultations/${topicId}/publish`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<{ state: string }>().state, 'open');
    assert.equal(code(await staff.post(`/api/consultations/${topicId}/publish`)), 'CONSULTATION_TRANSITION_INVALID');
    assert.equal(code(await staff.request('PUT', `/api/consultations/${topicId}`, { ...body(), version: 2 })), 'CONSULTATION_NOT_DRAFT');
    for (const who of [officer, deputy]) {
      const topic = (await who.get(`/api/consultations/${topicId}`)).json<{ actions: string[]; myStations: { id: number }[] }>();
      assert.ok(topic.actions.includes('register_view'));
      assert.deepEqual(topic.myStations.map((s) => s.id), [huangtian]);
      const todo = (await who.get('/api/todo')).json<{ items: { key: string; count: number }[] }>();
      assert.equal(todo.items.find((i) => i.key === 'consultation.gather')?.count, 1);
      const list = (await who.get('/api/todo/consultation.gather')).json<{ items: { href: string }[] }>();
      assert.deepEqual(list.items.map((i) => i.href), [`/consultations/${topicId}`]);
      const inbox = await t.database.db.selectFrom('notification as n').innerJoin('account as a', 'a.id', 'n.account_id').select('n.kind')
        .where('a.username', '=', who === officer ? 'huangtian' : 'liangjun').where('n.link', '=', `/consultations/${topicId}`).execute();
      assert.deepEqual(inbox.map((n) => n.kind), ['consultation.publish']);
    }
    assert.equal((await outsider.get(`/api/consultations/${topicId}`)).statusCode, 404);
  });

  it('takes answers on the public form and gives a receipt code', async () => {
    const page = (await anon.get(`/api/public/consultations/${topicId}`)).json<{ windowOpen: boolean; stations: { id: number }[]; documents: { url: string }[] }>();
    assert.equal(page.windowOpen, true);
    assert.equal(page.stations.length, 2);
    assert.equal((await anon.get(page.documents[0]!.url)).statusCode, 200);
    const answers = [{ questionId: questions[0]!.id, text: '一周收两次,夏天气味大。' }, { questionId: questions[1]!.id, text: '农村先分两类。' }];
    assert.equal(code(await anon.post(`/api/public/consultations/${topicId}/views`, { stationId: leihe, answers })), 'CONSULTATION_STATION_NOT_ASKED');
    assert.equal(code(await anon.post(`/api/public/consultations/${topicId}/views`, { stationId: huangtian, answers: [{ questionId: 2147483000, text: 'x' }] })), 'CONSULTATION_QUESTION_UNKNOWN');
    assert.equal(code(await anon.post(`/api/public/consultations/${topicId}/views`, { stationId: huangtian, answers: [{ questionId: null, text: '  ' }] })), 'CONSULTATION_ANSWERS_EMPTY');
    const res = await anon.post(`/api/public/consultations/${topicId}/views`, { stationId: huangtian, answers, name: '黄明亮', phone: '13907741234' });
    assert.equal(res.statusCode, 201, res.body);
    receipt = res.json<{ receiptCode: string }>().receiptCode;
    assert.match(receipt, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const again = await anon.post(`/api/public/consultations/${topicId}/views`, { stationId: xiwan, answers: [{ questionId: null, text: '希望有过渡期。' }] });
    assert.equal(again.statusCode, 201, again.body);
    const back = (await anon.get(`/api/public/consultations/receipts/${receipt.toLowerCase()}`)).json<{ title: string; answers: { question: string; text: string }[]; opinion: unknown }>();
    assert.equal(back.answers[0]!.question, '垃圾如何收集?');
    assert.equal(back.opinion, null);
    assert.equal(code(await anon.get('/api/public/consultations/receipts/2222-2222-2222')), 'CONSULTATION_RECEIPT_UNKNOWN');
    const audit = await t.database.db.selectFrom('audit_log').select('after').where('action', '=', 'consultation.view_public').execute();
    assert.ok(audit.length >= 2 && !JSON.stringify(audit).includes('13907741234') && !JSON.stringify(audit).includes('黄明亮'), 'the audit log keeps no personal data');
  });

  it('registers views heard at a reception day for one\'s own station, noting the case', async () => {
    const answers = [{ questionId: questions[2]!.id, text: '接待日村民反映:建议积分兑换。' }];
    assert.equal(code(await deputy.post(`/api/consultations/${topicId}/views`, { stationId: xiwan, answers })), 'CONSULTATION_STATION_FORBIDDEN');
    assert.equal(code(await t.app.inject({ method: 'POST', url: `/api/consultations/${topicId}/views` }).then((r) => r)), 'UNAUTHENTICATED');
    const res = await deputy.post(`/api/consultations/${topicId}/views`, { stationId: huangtian, answers, name: '陈伯', phone: '13800001111', caseId });
    assert.equal(res.statusCode, 201, res.body);
    const view = res.json<{ source: string; name: string; phone: string; caseCode: string }>();
    assert.equal(view.source, 'reception');
    assert.equal(view.name, '陈*');
    assert.equal(view.phone, '138****1111');
    assert.equal(view.caseCode, caseCode);
    const track = (await anon.get(`/api/public/opinions/${caseCode}?key=${caseKey}`)).json<{ timeline: { action: string; link: string | null }[] }>();
    assert.ok(track.timeline.some((e) => e.action === 'consultation_included' && e.link === `/consultations/${topicId}`), 'the constituent sees it on the tracking page');
  });

  it('links an activity of a station asked; its summary is a view of that station', async () => {
    const activity = await factories(t).activity({ stationId: huangtian, title: '垃圾分类代表座谈会' });
    await t.database.db.updateTable('activity').set({ summary: '座谈会建议明确保洁经费。' }).where('id', '=', activity.id).execute();
    const candidates = (await officer.get(`/api/consultations/${topicId}/activity-candidates`)).json<{ id: number }[]>();
    assert.ok(candidates.some((a) => a.id === activity.id));
    assert.equal((await officer.post(`/api/consultations/${topicId}/activities`, { activityId: activity.id })).statusCode, 201);
    assert.equal(code(await officer.post(`/api/consultations/${topicId}/activities`, { activityId: activity.id })), 'CONSULTATION_ACTIVITY_LINKED');
    const topic = (await staff.get(`/api/consultations/${topicId}`)).json<{ activities: { summary: string }[]; stations: { id: number; viewCount: number }[] }>();
    assert.equal(topic.activities[0]!.summary, '座谈会建议明确保洁经费。');
    assert.equal(topic.stations.find((s) => s.id === huangtian)!.viewCount, 3);
  });

  it('lists views masked, and reveals them only to those handling them, audited', async () => {
    const views = (await staff.get(`/api/consultations/${topicId}/views`)).json<{ items: { id: number; name: string | null; phone: string | null; stationId: number; canReveal: boolean }[] }>();
    assert.equal(views.items.length, 3);
    assert.ok(!JSON.stringify(views).includes('13907741234') && !JSON.stringify(views).includes('黄明亮'));
    const named = views.items.find((v) => v.name === '黄**')!;
    assert.equal(named.phone, '139****1234');
    assert.equal(named.canReveal, true);
    const mine = (await officer.get(`/api/consultations/${topicId}/views`)).json<{ items: { stationId: number }[] }>();
    assert.ok(mine.items.length === 2 && mine.items.every((v) => v.stationId === huangtian), 'an officer reads their own station\'s views');
    assert.equal(code(await deputy.post(`/api/consultations/${topicId}/views/${named.id}/contact`)), 'CONSULTATION_CONTACT_FORBIDDEN');
    assert.equal((await outsider.post(`/api/consultations/${topicId}/views/${named.id}/contact`)).statusCode, 404);
    const shown = await officer.post(`/api/consultations/${topicId}/views/${named.id}/contact`);
    assert.deepEqual(shown.json(), { name: '黄明亮', phone: '13907741234' });
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'consultation.contact_reveal').execute();
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit[0]!.after).includes('13907741234'));
  });

  it('compiles the views: counts per station and source, texts by question, Excel and PDF masked', async () => {
    const c = (await staff.get(`/api/consultations/${topicId}/compilation`)).json<{
      totals: Record<string, number>; stations: { stationId: number; public: number; reception: number; activity: number; total: number }[];
      questions: { questionId: number | null; count: number }[]; texts: { questionId: number; items: { text: string; name: string | null }[]; nextCursor: string | null };
    }>();
    assert.deepEqual(c.totals, { total: 4, public: 2, reception: 1, activity: 1 });
    assert.deepEqual(c.stations.find((s) => s.stationId === huangtian), { stationId: huangtian, stationName: '平桂区黄田镇人大代表联络站', public: 1, reception: 1, activity: 1, total: 3 });
    assert.deepEqual(c.questions.map((q) => q.count), [1, 1, 1, 1]);
    assert.equal(c.texts.questionId, questions[0]!.id);
    assert.deepEqual(c.texts.items.map((i) => [i.text, i.name]), [['一周收两次,夏天气味大。', '黄**']]);
    const general = (await staff.get(`/api/consultations/${topicId}/compilation?questionId=0&limit=1`)).json<{ texts: { items: { text: string }[] } }>();
    assert.deepEqual(general.texts.items.map((i) => i.text), ['希望有过渡期。']);
    // The officer reads the counts of all, the texts of their own station only.
    const theirs = (await officer.get(`/api/consultations/${topicId}/compilation?questionId=0`)).json<{ totals: { total: number }; texts: { items: unknown[] } }>();
    assert.equal(theirs.totals.total, 4);
    assert.equal(theirs.texts.items.length, 0);

    const xlsx = await staff.get(`/api/consultations/${topicId}/compilation.xlsx`);
    assert.equal(xlsx.statusCode, 200, xlsx.body);
    const sheet = libreOfficeCsv(xlsx.rawPayload);
    const flat = sheet.flat().join('|');
    assert.ok(flat.includes('平桂区黄田镇人大代表联络站') && flat.includes('议题征询意见汇总'), flat);
    assert.ok(sheet.some((r) => r[0] === '合计' && r.slice(1, 5).join(',') === '2,1,1,4'), flat);
    const pdf = await staff.get(`/api/consultations/${topicId}/compilation.pdf`);
    assert.equal(pdf.statusCode, 200, pdf.body);
    const file = path.join(dir, 'compilation.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = run('pdftotext', ['-layout', file, '-']).replace(/\s+/g, '');
    for (const expected of ['议题征询意见汇总', '一周收两次', '黄**', '座谈会建议明确保洁经费', '综合意见']) assert.ok(text.includes(expected), `${expected} in ${text}`);
    for (const secret of ['黄明亮', '13907741234', '13800001111']) assert.ok(!text.includes(secret), `${secret} is masked`);
  });

  it('prints the QR poster of the public form', async () => {
    const res = await officer.get(`/api/consultations/${topicId}/poster.pdf?stationId=${huangtian}`);
    assert.equal(res.statusCode, 200, res.body);
    const file = path.join(dir, 'poster.pdf');
    writeFileSync(file, res.rawPayload);
    run('pdftoppm', ['-png', '-r', '150', '-singlefile', file, path.join(dir, 'poster')]);
    const decoded = run('zbarimg', ['--raw', '-q', path.join(dir, 'poster.png')]).split('\n').filter(Boolean);
    assert.deepEqual(decoded, [`${BASE}/m/consultations/${topicId}?station=${huangtian}`]);
    assert.equal(code(await officer.get(`/api/consultations/${topicId}/poster.pdf?stationId=${leihe}`)), 'CONSULTATION_STATION_NOT_ASKED');
    const svg = await staff.get(`/api/consultations/${topicId}/poster.svg`);
    assert.equal(svg.statusCode, 200);
    assert.ok(svg.body.includes(`${BASE}/m/consultations/${topicId}<`) || svg.body.includes(`${BASE}/m/consultations/${topicId}`), 'the form\'s link under the code');
    const png = await staff.get(`/api/consultations/${topicId}/poster.png`);
    writeFileSync(path.join(dir, 'poster2.png'), png.rawPayload);
    assert.deepEqual(run('zbarimg', ['--raw', '-q', path.join(dir, 'poster2.png')]).split('\n').filter(Boolean), [`${BASE}/m/consultations/${topicId}`]);
  });

  it('sends the committee\'s opinion and the government\'s report back to the contributing stations and constituents', async () => {
    assert.equal(code(await staff.post(`/api/consultations/${topicId}/opinion`, { text: '早了' })), 'CONSULTATION_TRANSITION_INVALID');
    assert.equal((await officer.post(`/api/consultations/${topicId}/close`)).statusCode, 403);
    assert.equal((await staff.post(`/api/consultations/${topicId}/close`)).statusCode, 200);
    assert.equal(code(await anon.post(`/api/public/consultations/${topicId}/views`, { stationId: huangtian, answers: [{ questionId: null, text: '晚了' }] })), 'CONSULTATION_WINDOW_CLOSED');
    const todo = (await officer.get('/api/todo')).json<{ items: { key: string; count: number }[] }>();
    assert.equal(todo.items.find((i) => i.key === 'consultation.gather')?.count ?? 0, 0, 'a closed topic leaves the work list');
    const opinion = await staff.post(`/api/consultations/${topicId}/opinion`, { text: '建议农村先行“两分类”。' });
    assert.equal(opinion.statusCode, 200, opinion.body);
    assert.equal(opinion.json<{ state: string }>().state, 'deliberated');
    const handled = await staff.post(`/api/consultations/${topicId}/handling`, { text: '区政府已在12个村试点两分类。' });
    assert.equal(handled.json<{ state: string }>().state, 'handled');
    const told = await t.database.db.selectFrom('notification as n').innerJoin('account as a', 'a.id', 'n.account_id').select(['a.username', 'n.kind'])
      .where('n.link', '=', `/consultations/${topicId}`).where('n.kind', 'in', ['consultation.deliberate', 'consultation.handle']).execute();
    for (const who of ['huangtian', 'liangjun']) {
      assert.deepEqual(told.filter((n) => n.username === who).map((n) => n.kind).sort(), ['consultation.deliberate', 'consultation.handle']);
    }
    assert.ok(!told.some((n) => n.username === 'yicheng'));
    const back = (await anon.get(`/api/public/consultations/receipts/${receipt}`)).json<{ opinion: { text: string }; handlingReport: { text: string }; stateLabel: { zh: string } }>();
    assert.equal(back.opinion.text, '建议农村先行“两分类”。');
    assert.equal(back.handlingReport.text, '区政府已在12个村试点两分类。');
    const track = (await anon.get(`/api/public/opinions/${caseCode}?key=${caseKey}`)).json<{ timeline: { action: string }[] }>();
    assert.equal(track.timeline.filter((e) => e.action === 'consultation_feedback').length, 2);
  });

  it('credits the deputy who gathered views: points and the performance archive', async () => {
    const liangjun = await idOf(t.database.db, 'deputy', '梁俊华');
    const ledger = await deputy.get(`/api/points/deputies/${liangjun}`);
    assert.equal(ledger.statusCode, 200, ledger.body);
    const entries = (JSON.parse(ledger.body) as { entries: { source: string; ref: { link: string }; points: number }[] }).entries.filter((e) => e.source === 'consultation');
    assert.deepEqual(entries.map((e) => [e.ref.link, e.points]), [[`/consultations/${topicId}`, 1]], 'one fact per topic, at the default rule');
    const archive = await deputy.get(`/api/deputies/${liangjun}/archive`);
    assert.equal(archive.statusCode, 200, archive.body);
    const a = archive.json<{ summary: { consultations: { topics: number; views: number } }; consultations: { id: number; views: number }[] }>();
    assert.equal(a.summary.consultations.views, 1);
    assert.deepEqual(a.consultations.map((c) => [c.id, c.views]), [[topicId, 1]]);
  });

  it('lists published topics publicly and in the back office by reach', async () => {
    const pub = (await anon.get('/api/public/consultations?regionCode=451103')).json<{ items: { id: number }[] }>();
    assert.ok(pub.items.some((i) => i.id === topicId));
    const mine = (await officer.get('/api/consultations')).json<{ items: { id: number }[] }>();
    assert.ok(mine.items.some((i) => i.id === topicId));
    const theirs = (await outsider.get('/api/consultations')).json<{ items: { id: number }[] }>();
    assert.ok(!theirs.items.some((i) => i.id === topicId));
  });
});
