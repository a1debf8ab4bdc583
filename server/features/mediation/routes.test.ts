/**
 * Mediation rooms through the API, on the demo's 平桂区: 黄田镇's officer (huangtian) records a
 * neighbours' dispute at 公和村's point with two parties, a session with 王惠敏 present and a
 * judge, the agreement outcome and the signed agreement; 王惠敏 (present) reads the parties,
 * 梁俊华 (a deputy of the point who was not there) reads them masked and reveals them (audited);
 * the unit clerk and 宜城市's staff reach nothing; the register lists it; the points reward the
 * deputy present; the room's statistics count it. Dates follow the clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

type Err = { error?: { code: string; fields?: { path: string; code: string }[] } };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n').toString('base64');

describe('mediation rooms through the API', () => {
  let t: TestApp;
  let officer: Client;
  let staff: Client;
  let wang: Client;
  let liang: Client;
  let clerk: Client;
  let outsider: Client;
  let gonghe: number;
  let court: number;
  let wangId: number;
  let id: number;
  const received = addDays(today(), -10);
  const held = addDays(today(), -8);

  before(async () => {
    t = await startTestApp();
    officer = await signIn(t.app, 'huangtian');
    staff = await signIn(t.app, 'pinggui');
    wang = await signIn(t.app, 'wanghuimin');
    liang = await signIn(t.app, 'liangjun');
    clerk = await signIn(t.app, 'shuiliju');
    outsider = await signIn(t.app, 'yicheng');
    gonghe = await idOf(t.database.db, 'station', '平桂区黄田镇公和村人大代表联络点');
    court = await idOf(t.database.db, 'station', '平桂区公会镇代表法庭联络室');
    wangId = await idOf(t.database.db, 'deputy', '王惠敏');
  });
  after(() => t.close());

  const code = (res: { body: string }) => (JSON.parse(res.body) as Err).error?.code;
  const body = () => ({
    stationId: gonghe, disputeType: 'neighbours', title: '公和村韦大明与莫小红宅基地滴水纠纷', receivedOn: received,
    description: '韦大明新建房屋屋檐滴水落入莫小红院内。',
    parties: [{ side: 'applicant', name: '莫小红', phone: '13977418801' }, { side: 'respondent', name: '韦大明', phone: '13977418802' }],
  });

  it('records a mediation at a station the officer runs, not at another one', async () => {
    const res = await officer.post('/api/mediation', body());
    assert.equal(res.statusCode, 201, res.body);
    const m = res.json();
    id = m.id;
    assert.equal(m.state, 'open');
    assert.equal(m.partiesMasked, false);
    assert.deepEqual(m.parties.map((p: { name: string }) => p.name), ['莫小红', '韦大明']);
    assert.deepEqual(m.actions, ['session']);
    const elsewhere = await officer.post('/api/mediation', { ...body(), stationId: court });
    assert.equal(elsewhere.statusCode, 400);
    assert.equal(code(elsewhere), 'MEDIATION_STATION_INVALID');
    const bad = await officer.post('/api/mediation', { ...body(), disputeType: 'divorce', parties: [] });
    assert.equal(bad.statusCode, 400);
    assert.equal(await t.database.db.selectFrom('mediation').select('id').where('title', '=', body().title).execute().then((r) => r.length), 1, 'nothing half-written');
  });

  it('takes no outcome before a session, and only deputies of the station at a session', async () => {
    const early = await officer.post(`/api/mediation/${id}/close`, { outcome: 'agreed', closedOn: today() });
    assert.equal(code(early), 'MEDIATION_NO_SESSION');
    const stranger = await idOf(t.database.db, 'deputy', '钟立新');
    const wrong = await officer.post(`/api/mediation/${id}/sessions`, { heldOn: held, place: '公和村委', deputyIds: [stranger] });
    assert.equal(code(wrong), 'MEDIATION_DEPUTY_INVALID');
    const ahead = await officer.post(`/api/mediation/${id}/sessions`, { heldOn: addDays(today(), 1), place: '公和村委', deputyIds: [wangId] });
    assert.equal(code(ahead), 'MEDIATION_SESSION_FUTURE');
  });

  it('records a session with the deputy, the judge and the village secretary, logged as a mediation activity', async () => {
    const res = await officer.post(`/api/mediation/${id}/sessions`, {
      heldOn: held, place: '公和村委会议室', deputyIds: [wangId], legalOfficerRole: 'judge', legalOfficerName: '李红梅', villageSecretary: '黄德才',
      notes: '莫小红与韦大明当面协商,法官讲解相邻关系。',
    });
    assert.equal(res.statusCode, 201, res.body);
    const m = res.json();
    assert.equal(m.state, 'in_session');
    assert.equal(m.sessions[0].deputies[0].name, '王惠敏');
    const activity = await t.database.db.selectFrom('activity').select(['kind', 'title', 'summary']).where('id', '=', m.sessions[0].activityId).executeTakeFirstOrThrow();
    assert.equal(activity.kind, 'mediation');
    assert.ok(!activity.title.includes('莫小红') && !activity.summary.includes('莫小红') && activity.summary.includes('莫**'), activity.summary);
  });

  it('closes with agreement and keeps the signed agreement', async () => {
    const noFile = await officer.request('PUT', `/api/mediation/${id}/agreement`, { name: '协议.pdf', data: PDF });
    assert.equal(code(noFile), 'MEDIATION_AGREEMENT_OUTCOME');
    const res = await officer.post(`/api/mediation/${id}/close`, { outcome: 'agreed', note: '韦大明加装檐沟。', closedOn: held });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().outcomeLabel.zh, '调解成功');
    assert.equal(code(await officer.post(`/api/mediation/${id}/sessions`, { heldOn: held, place: 'x' })), 'MEDIATION_CLOSED');
    assert.equal(code(await officer.request('PUT', `/api/mediation/${id}/agreement`, { name: '协议.txt', data: Buffer.from('hello').toString('base64') })), 'REPLY_ATTACHMENT_TYPE');
    assert.equal((await officer.request('PUT', `/api/mediation/${id}/agreement`, { name: '调解协议书.pdf', data: PDF })).statusCode, 200);
    const file = await wang.get(`/api/mediation/${id}/agreement`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(code(await liang.get(`/api/mediation/${id}/agreement`)), 'MEDIATION_CONTACT_FORBIDDEN', 'a deputy of the point who did not sit in it');
    assert.equal((await outsider.get(`/api/mediation/${id}/agreement`)).statusCode, 404);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'mediation.agreement_download').where('entity_id', '=', String(id)).execute();
    assert.equal(audit.length, 1, 'the download is audited, the refusals are not downloads');
    assert.ok(!JSON.stringify(audit[0]!.after).includes('调解协议书'), 'the audit log keeps no file name');
    const ids = async (q: string) => (await officer.get(`/api/mediation?stationId=${gonghe}&${q}`)).json<{ items: { id: number }[] }>().items.map((m) => m.id);
    assert.ok((await ids('disputeType=neighbours&outcome=agreed')).includes(id));
    assert.ok(!(await ids('disputeType=labour')).includes(id));
    assert.ok(!(await ids('outcome=referred')).includes(id));
  });

  it('shows the parties to those handling it and masks them for the other deputies, whose reveal is audited', async () => {
    const present = (await wang.get(`/api/mediation/${id}`)).json();
    assert.equal(present.partiesMasked, false);
    assert.equal(present.parties[0].phone, '13977418801');
    const other = await liang.get(`/api/mediation/${id}`);
    assert.equal(other.statusCode, 200);
    const masked = other.json();
    assert.equal(masked.partiesMasked, true);
    assert.equal(masked.contactRevealable, true);
    assert.deepEqual(masked.parties.map((p: { name: string; phone: string }) => [p.name, p.phone]), [['莫**', '139****8801'], ['韦**', '139****8802']]);
    assert.ok(!other.body.includes('莫小红') && !other.body.includes('13977418801'), 'nowhere in the answer');
    const list = await liang.get('/api/mediation');
    assert.ok(!list.body.includes('莫小红') && list.body.includes('莫**'));
    const revealed = await liang.post(`/api/mediation/${id}/contact`);
    assert.equal(revealed.statusCode, 200, revealed.body);
    assert.equal(revealed.json().parties[0].name, '莫小红');
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'mediation.contact_reveal').where('entity_id', '=', String(id)).execute();
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit[0]!.after).includes('莫小红'), 'the audit log names the fields, not the data');
  });

  it('is out of reach for a unit and for another county; an officer may not record at a mediation of another station', async () => {
    assert.equal((await clerk.get(`/api/mediation/${id}`)).statusCode, 403);
    assert.equal((await outsider.get(`/api/mediation/${id}`)).statusCode, 404);
    assert.equal((await outsider.post(`/api/mediation/${id}/contact`)).statusCode, 404);
    assert.equal((await wang.post(`/api/mediation/${id}/close`, { outcome: 'agreed', closedOn: held })).statusCode, 403);
    assert.equal((await outsider.get(`/api/mediation/statistics?stationId=${gonghe}&year=${today().slice(0, 4)}`)).statusCode, 404);
  });

  it('lists it in the station\'s mediation register, masked for the deputy who did not sit in it', async () => {
    const query = `stationId=${gonghe}&from=${addDays(today(), -30)}&to=${today()}`;
    const xlsx = await liang.get(`/api/registers/mediation.xlsx?${query}`);
    assert.equal(xlsx.statusCode, 200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text: string[] = [];
    wb.worksheets[0]!.eachRow((row) => { text.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|')); });
    const all = text.join('\n');
    assert.ok(all.includes('矛盾纠纷调解登记簿') && all.includes('邻里纠纷') && all.includes('调解成功') && all.includes('王惠敏') && all.includes('法官 李红梅'), all);
    assert.ok(all.includes('莫**') && !all.includes('莫小红'), all);
  });

  it('earns the deputy present points for the agreement, and counts it in the room\'s statistics', async () => {
    const year = Number(held.slice(0, 4));
    const ledger = (await wang.get(`/api/points/deputies/${wangId}?year=${year}`)).json<{ entries: { source: string }[] }>();
    assert.ok(ledger.entries.some((e) => e.source === 'mediation_agreement'), JSON.stringify(ledger.entries.map((e) => e.source)));
    const stats = (await officer.get(`/api/mediation/statistics?stationId=${gonghe}&year=${year}`)).json();
    assert.equal(stats.resolved, 1);
    assert.equal(stats.resolvedByType.neighbours, 1);
    assert.equal(stats.byOutcome.agreed, 1);
    assert.equal(stats.constituentsReceived, null);
    const figures = await officer.request('PUT', '/api/mediation/figures', { stationId: gonghe, year, constituentsReceived: 12, opinionsCollected: 3 });
    assert.equal(figures.statusCode, 200, figures.body);
    assert.equal(figures.json().constituentsReceived, 12);
    assert.equal((await officer.request('PUT', '/api/mediation/figures', { stationId: court, year, constituentsReceived: 1, opinionsCollected: 1 })).statusCode, 400);
    assert.equal((await staff.request('PUT', '/api/mediation/figures', { stationId: court, year, constituentsReceived: 1, opinionsCollected: 1 })).statusCode, 200);
  });
});
