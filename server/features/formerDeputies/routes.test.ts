/**
 * Former deputies through the API, on the demo's 黄田镇 (officer huangtian; deputies liangjun and
 * wanghuimin; the unit clerk and 宜城市's staff outside): 莫德光 put on the 代表之家 roster with a
 * 特邀联络员 card whose QR code zbarimg decodes to the submit page addressed to him, his fields and
 * roles; an opinion he collected registered under him, masked for deputies until 梁俊华 carries
 * it (a case addressed to 梁俊华, the collector named on its timeline); a deed in the station's
 * 先进事迹登记簿; scope for everyone else. Dates follow the clock.
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
import { loadDemoFormerDeputies } from './demo.js';

const BASE = 'https://lianxin.example.cn';
type Err = { error?: { code: string } };

describe('former deputies through the API', () => {
  let t: TestApp;
  let officer: Client;
  let liang: Client;
  let wang: Client;
  let clerk: Client;
  let outsider: Client;
  let mo: number;
  let liangId: number;
  let wangId: number;
  let station: number;
  let opinion: number;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lianxin-former-'));
    t = await startTestApp({ publicBaseUrl: BASE });
    officer = await signIn(t.app, 'huangtian');
    liang = await signIn(t.app, 'liangjun');
    wang = await signIn(t.app, 'wanghuimin');
    clerk = await signIn(t.app, 'shuiliju');
    outsider = await signIn(t.app, 'yicheng');
    mo = await idOf(t.database.db, 'deputy', '莫德光');
    liangId = await idOf(t.database.db, 'deputy', '梁俊华');
    wangId = await idOf(t.database.db, 'deputy', '王惠敏');
    station = await idOf(t.database.db, 'station', '平桂区黄田镇人大代表联络站');
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });
  const code = (res: { body: string }) => (JSON.parse(res.body) as Err).error?.code;

  it('lists the former deputies in reach, none on the roster yet, and refuses a card before enrolment', async () => {
    const roster = (await officer.get('/api/former-deputies')).json<{ items: { id: number; card: unknown }[] }>();
    assert.ok(roster.items.some((d) => d.id === mo && d.card === null));
    assert.equal(code(await officer.get(`/api/former-deputies/${mo}/card.svg`)), 'FORMER_DEPUTY_NO_CARD');
    assert.equal(code(await officer.post(`/api/former-deputies/${mo}/opinions`, { collectedOn: today(), content: '早' })), 'FORMER_DEPUTY_NO_CARD');
  });

  it('puts him on the roster with a card, two fields and two roles; a serving deputy is refused', async () => {
    const res = await officer.request('PUT', `/api/former-deputies/${mo}/profile`, { stationId: station, fields: ['hear_opinions', 'contact_people'], roles: ['informant', 'liaison'] });
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.match(d.card.number, /^特联\d{4}-\d{5}$/);
    assert.deepEqual(d.fields.map((f: { label: { zh: string } }) => f.label.zh), ['听取意见', '联系群众']);
    assert.deepEqual(d.roles.map((f: { label: { zh: string } }) => f.label.zh), ['信息员', '联络员']);
    assert.equal(d.specialLiaison, true);
    assert.equal(code(await officer.request('PUT', `/api/former-deputies/${liangId}/profile`, { stationId: station, fields: [], roles: [] })), 'FORMER_DEPUTY_NOT_FORMER');
    assert.equal((await officer.request('PUT', `/api/former-deputies/${mo}/profile`, { stationId: station, fields: ['cooking'], roles: [] })).statusCode, 400);
    assert.equal((await liang.request('PUT', `/api/former-deputies/${mo}/profile`, { stationId: station, fields: [], roles: [] })).statusCode, 403);
  });

  it('prints his 特邀联络员 card with a QR code that opens the submit page addressed to him', async () => {
    const svg = await liang.get(`/api/former-deputies/${mo}/card.svg`);
    assert.equal(svg.statusCode, 200);
    assert.ok(svg.body.includes('特邀联络员') && svg.body.includes('莫德光'));
    const png = await officer.get(`/api/former-deputies/${mo}/card.png`);
    assert.equal(png.statusCode, 200, png.body.slice(0, 200));
    const file = path.join(dir, 'card.png');
    writeFileSync(file, png.rawPayload);
    // zbar's decoder, which knows nothing of how the code was made (scripts/install-system-deps.sh installs it).
    const decoder = 'zbarimg';
    const z = spawnSync(decoder, ['--raw', '-q', file], { encoding: 'utf8' });
    assert.ifError(z.error);
    assert.equal(z.stdout.trim(), `${BASE}/m/submit?deputy=${mo}`);
  });

  it('registers an opinion he collected, masked for the station\'s deputies until one carries it', async () => {
    const res = await officer.post(`/api/former-deputies/${mo}/opinions`, {
      collectedOn: addDays(today(), -2), content: '黎伯反映圩日摊位占道,车辆通行困难。', place: '圩亭路', name: '黎伯', phone: '13977416601',
    });
    assert.equal(res.statusCode, 201, res.body);
    opinion = res.json().id;
    assert.equal(res.json().submitter.name, '黎伯');
    assert.equal(res.json().collector.name, '莫德光');
    // 梁俊华 is a deputy of the station who has not carried it (yet): he reads the constituent masked.
    const forLiang = (await liang.get(`/api/former-deputies/opinions?formerDeputyId=${mo}`)).json<{ items: { id: number; submitter: { name: string; phone: string; masked: boolean }; content: string }[] }>();
    const seen = forLiang.items.find((o) => o.id === opinion)!;
    assert.deepEqual([seen.submitter.name, seen.submitter.phone, seen.submitter.masked], ['黎*', '139****6601', true]);
    assert.ok(!seen.content.includes('黎伯'));
  });

  it('is carried by 梁俊华 himself (not by another deputy for him): a case addressed to him, the collector on its timeline', async () => {
    const category = (await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'roads').executeTakeFirstOrThrow()).id;
    const wei = await idOf(t.database.db, 'deputy', '韦秀兰');
    assert.equal((await liang.post(`/api/former-deputies/opinions/${opinion}/carry`, { carrierDeputyId: wei, categoryId: category })).statusCode, 403, 'a deputy carries for himself only');
    assert.equal((await wang.post(`/api/former-deputies/opinions/${opinion}/carry`, { carrierDeputyId: wangId, categoryId: category })).statusCode, 404, 'not at his station');
    assert.equal(code(await officer.post(`/api/former-deputies/opinions/${opinion}/carry`, { carrierDeputyId: mo, categoryId: category })), 'FORMER_OPINION_CARRIER_INVALID');
    const res = await liang.post(`/api/former-deputies/opinions/${opinion}/carry`, { carrierDeputyId: liangId, categoryId: category });
    assert.equal(res.statusCode, 200, res.body);
    const o = res.json();
    assert.equal(o.state, 'carried');
    assert.equal(o.carrier.name, '梁俊华');
    assert.equal(o.submitter.masked, false, 'the carrier handles it');
    const c = await t.database.db.selectFrom('opinion').select(['deputy_id', 'station_id']).where('id', '=', o.case.id).executeTakeFirstOrThrow();
    assert.deepEqual([c.deputy_id, c.station_id], [liangId, station]);
    const note = await t.database.db.selectFrom('opinion_event').select('comment').where('opinion_id', '=', o.case.id).where('action', '=', 'former_deputy_collected').executeTakeFirstOrThrow();
    assert.ok(note.comment!.includes('莫德光'));
    assert.equal(code(await officer.post(`/api/former-deputies/opinions/${opinion}/answer`, { answer: '已答复' })), 'FORMER_OPINION_HANDLED');
  });

  it('shows his deeds from the station\'s 先进事迹登记簿', async () => {
    assert.equal((await officer.post('/api/deeds', { stationId: station, deputyId: mo, occurredOn: today(), title: '义务宣讲惠民政策', description: '走村入户宣讲。' })).statusCode, 201);
    const d = (await liang.get(`/api/former-deputies/${mo}`)).json<{ deeds: { title: string }[]; opinions: unknown[] }>();
    assert.deepEqual(d.deeds.map((x) => x.title), ['义务宣讲惠民政策']);
    assert.equal(d.opinions.length, 1);
  });

  it('is out of reach for a unit and for another county', async () => {
    assert.equal((await clerk.get('/api/former-deputies')).statusCode, 403);
    assert.equal((await outsider.get(`/api/former-deputies/${mo}`)).statusCode, 404);
    assert.equal((await outsider.get(`/api/former-deputies/${mo}/card.svg`)).statusCode, 404);
    assert.equal((await outsider.get('/api/former-deputies/opinions')).json<{ items: unknown[] }>().items.length, 0);
    assert.equal((await outsider.post(`/api/former-deputies/opinions/${opinion}/carry`, { carrierDeputyId: liangId, categoryId: 1 })).statusCode, 404);
  });
});

describe('the former deputies demo', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(() => t.close());

  it('has 莫德光 with a card, two fields and two roles, an opinion carried by 梁俊华 and a deed', async () => {
    const ids = await t.database.db.transaction().execute((trx) => loadDemoFormerDeputies(trx));
    const staff = await signIn(t.app, 'pinggui');
    const d = (await staff.get(`/api/former-deputies/${ids.deputyId}`)).json();
    assert.ok(d.card);
    assert.equal(d.fields.length, 2);
    assert.equal(d.roles.length, 2);
    assert.equal(d.deeds.length, 1);
    const carried = d.opinions.find((o: { id: number }) => o.id === ids.carried);
    assert.equal(carried.carrier.name, '梁俊华');
    assert.equal(carried.case.id, ids.caseId);
  });
});
