/**
 * Terms (届) of the congresses: recorded and corrected by the staff of the congress's region
 * (the NPC's by administrators), read at, above and below where one works, and never two of
 * one congress on the same day.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { today } from '../../platform/clock.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { demoDay } from '../../testing/demoDates.js';
import { Client, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

interface Term {
  id: number; level: string; region: { code: string; name: string } | null; number: number; name: { zh: string; en: string };
  startsOn: string; endsOn: string | null; current: boolean; version: number; abilities: string[];
}

describe('congress terms', () => {
  let t: TestApp;
  let admin: Client;
  let pinggui: Client;
  let yicheng: Client;
  const SHATIAN = '451103103'; // 平桂区沙田镇: a congress with no terms in the demo

  before(async () => {
    t = await startTestApp();
    [admin, pinggui, yicheng] = await Promise.all([signIn(t.app, 'admin'), signIn(t.app, 'pinggui'), signIn(t.app, 'yicheng')]);
  });
  after(() => t.close());

  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  const list = async (client: Client, query = '') => ok(await client.get(`/api/terms?limit=200${query}`)).json<{ items: Term[] }>().items;
  const names = (terms: Term[]) => terms.map((x) => x.name.zh).sort();
  const term = async (client: Client, zh: string) => (await list(client)).find((x) => x.name.zh === zh)!;
  const errorOf = (res: { json(): { error: { code: string; message: string; fields?: { path: string; code: string }[] } } }) => res.json().error;

  it('dates the term of every congress a demo deputy sits in', async () => {
    const undated = await t.database.db.selectFrom('deputy_level as dl').innerJoin('deputy as d', 'd.id', 'dl.deputy_id')
      .leftJoin('congress_term as ct', (j) => j.onRef('ct.level', '=', 'dl.level').onRef('ct.number', '=', 'dl.term')
        .on((eb) => eb.or([eb('ct.region_code', '=', eb.ref('dl.region_code')), eb.and([eb('ct.region_code', 'is', null), eb('dl.region_code', 'is', null)])])))
      .select(['d.name', 'dl.level']).where('ct.id', 'is', null).execute();
    assert.deepEqual(undated, []);
  });

  it('shows staff the congresses of their region, below it and above it, and lets them correct only their own', async () => {
    const seen = names(await list(pinggui));
    for (const zh of ['第十四届全国人民代表大会', '广西壮族自治区第十四届人民代表大会', '贺州市第六届人民代表大会', '平桂区第四届人民代表大会',
      '黄田镇第十一届人民代表大会', '黄田镇第十二届人民代表大会', '公会镇第十二届人民代表大会']) assert.ok(seen.includes(zh), zh);
    for (const zh of ['宜城市第十届人民代表大会', '广东省第十四届人民代表大会', '石角镇第十八届人民代表大会']) assert.ok(!seen.includes(zh), `not ${zh}`);

    const county = await term(pinggui, '平桂区第四届人民代表大会');
    assert.deepEqual([county.level, county.region?.code, county.number, county.startsOn, county.endsOn, county.current], ['county', '451103', 4, demoDay('2021-12-10'), null, true]);
    assert.deepEqual(county.abilities, ['update']);
    assert.deepEqual((await term(pinggui, '黄田镇第十一届人民代表大会')).current, false);
    assert.deepEqual((await term(pinggui, '广西壮族自治区第十四届人民代表大会')).abilities, [], 'the province\'s congress is above them');
    const npc = await term(admin, '第十四届全国人民代表大会');
    assert.deepEqual([npc.region, npc.name.en, npc.abilities], [null, '14th National People\'s Congress', ['update']]);

    assert.deepEqual(names(await list(pinggui, '&level=township&regionCode=451103')),
      ['公会镇第十二届人民代表大会', '黄田镇第十一届人民代表大会', '黄田镇第十三届人民代表大会', '黄田镇第十二届人民代表大会']);
    assert.deepEqual(names(await list(admin, '&level=national')), ['第十四届全国人民代表大会']);
  });

  it('records a term with its audit record, corrects it with the version read, and closes it when the next begins', async () => {
    // A term that began five years ago; the next one begins in a week.
    const began = addDays(today(), -5 * 365);
    const begins = addDays(today(), 7);
    const created = ok(await pinggui.post('/api/terms', { level: 'township', regionCode: SHATIAN, number: 12, startsOn: addDays(began, -1) }), 201).json<Term>();
    assert.deepEqual([created.name.zh, created.endsOn, created.current, created.version], ['沙田镇第十二届人民代表大会', null, true, 1]);
    const stale = await pinggui.patch(`/api/terms/${created.id}`, { version: 7, startsOn: began });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.details.currentVersion, 1);
    const moved = ok(await pinggui.patch(`/api/terms/${created.id}`, { version: 1, startsOn: began })).json<Term>();
    assert.deepEqual([moved.startsOn, moved.version], [began, 2]);

    // The next term: the running one is closed first, then the new one fits.
    assert.equal(errorOf(await pinggui.post('/api/terms', { level: 'township', regionCode: SHATIAN, number: 13, startsOn: begins })).code, 'TERM_OVERLAP');
    ok(await pinggui.patch(`/api/terms/${created.id}`, { version: 2, endsOn: addDays(begins, -1) }));
    const next = ok(await pinggui.post('/api/terms', { level: 'township', regionCode: SHATIAN, number: 13, startsOn: begins }), 201).json<Term>();
    assert.equal(next.current, false, 'it has not begun');

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'congress_term')
      .where('entity_id', 'in', [String(created.id), String(next.id)]).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['term.create', 'term.update', 'term.update', 'term.create']);
  });

  it('keeps the terms of one congress apart: no shared day, no number twice, numbers in the order of the dates', async () => {
    const body = { level: 'township', regionCode: '451103101' };
    // The demo's 11th term of 黄田镇 (as placed in time): the 10th may end the day before it begins, not on that day.
    const [from11, to11] = [demoDay('2016-11-18'), demoDay('2021-11-25')];
    const tenth = { ...body, number: 10, startsOn: addDays(from11, -5 * 365), endsOn: from11 };
    const overlap = await pinggui.post('/api/terms', tenth);
    assert.equal(overlap.statusCode, 409);
    assert.equal(errorOf(overlap).code, 'TERM_OVERLAP');
    assert.equal(errorOf(overlap).message, `与该人大第11届(${from11} 至 ${to11})的时间重叠`);
    const english = new Client(t.app, 'en');
    await english.login('pinggui');
    assert.equal(errorOf(await english.post('/api/terms', tenth)).message,
      `The dates overlap term 11 of this congress (${from11} – ${to11})`);
    ok(await pinggui.post('/api/terms', { ...tenth, endsOn: addDays(from11, -1) }), 201);

    const taken = await pinggui.post('/api/terms', { ...body, number: 12, startsOn: addDays(today(), 5 * 365) });
    assert.deepEqual([taken.statusCode, errorOf(taken).code], [409, 'TERM_EXISTS']);
    // The demo's 换届 has opened the 13th term: a 14th dated before the 11th is out of order.
    const backwards = await pinggui.post('/api/terms', { ...body, number: 14, startsOn: addDays(from11, -15 * 365), endsOn: addDays(from11, -11 * 365) });
    assert.deepEqual([backwards.statusCode, errorOf(backwards).code], [409, 'TERM_OUT_OF_ORDER']);

    const reversed = await pinggui.post('/api/terms', { ...body, number: 9, startsOn: '2006-11-20', endsOn: '2001-01-01' });
    assert.deepEqual(errorOf(reversed).fields?.map((f) => `${f.path}:${f.code}`), ['endsOn:ENDS_BEFORE_START']);
    // A correction is held to the same rules.
    const eleventh = await term(pinggui, '黄田镇第十一届人民代表大会');
    const stretched = await pinggui.patch(`/api/terms/${eleventh.id}`, { version: eleventh.version, endsOn: addDays(to11, 1) });
    assert.deepEqual([stretched.statusCode, errorOf(stretched).code], [409, 'TERM_OVERLAP']);
  });

  it('names a congress by a region of its level inside the writer\'s region; the NPC is the administrators\'', async () => {
    const fields = async (body: Record<string, unknown>, client = pinggui) => {
      const res = await client.post('/api/terms', { number: 20, startsOn: '2090-01-01', ...body });
      assert.equal(res.statusCode, 400, res.body);
      return errorOf(res).fields?.map((f) => `${f.path}:${f.code}`);
    };
    assert.deepEqual(await fields({ level: 'county', regionCode: '451103101' }), ['regionCode:REGION_LEVEL_MISMATCH']);
    assert.deepEqual(await fields({ level: 'county' }), ['regionCode:REQUIRED']);
    assert.deepEqual(await fields({ level: 'national', regionCode: '451103' }), ['regionCode:NOT_APPLICABLE']);
    assert.deepEqual(await fields({ level: 'national' }), ['level:NOT_IN_SCOPE']);
    assert.deepEqual(await fields({ level: 'county', regionCode: '420684' }), ['regionCode:NOT_IN_SCOPE']);
    assert.deepEqual(await fields({ level: 'city', regionCode: '451100' }), ['regionCode:NOT_IN_SCOPE'], 'the city above them');
    assert.deepEqual(await fields({ level: 'county', regionCode: '999999' }), ['regionCode:UNKNOWN_REFERENCE']);
    ok(await admin.post('/api/terms', { level: 'national', number: 13, startsOn: demoDay('2018-03-05'), endsOn: demoDay('2023-03-04') }), 201);
  });

  it('answers a congress out of reach like a missing term, and one in reach but not theirs with 403', async () => {
    const own = await term(pinggui, '平桂区第四届人民代表大会');
    const theirs = await term(yicheng, '宜城市第十届人民代表大会');
    const above = await term(pinggui, '贺州市第六届人民代表大会');
    const missing = await yicheng.get('/api/terms/999999');
    const outside = await yicheng.get(`/api/terms/${own.id}`);
    assert.equal(outside.statusCode, 404);
    assert.equal(outside.body, missing.body);
    assert.equal((await pinggui.patch(`/api/terms/${theirs.id}`, { version: theirs.version, endsOn: addDays(today(), 30) })).statusCode, 404);
    const refused = await pinggui.patch(`/api/terms/${above.id}`, { version: above.version, endsOn: addDays(today(), 30) });
    assert.deepEqual([refused.statusCode, errorOf(refused).code], [403, 'FORBIDDEN']);
    // Moving a term to a congress outside one's region is refused on the field.
    const moved = await pinggui.patch(`/api/terms/${own.id}`, { version: own.version, regionCode: '420684' });
    assert.deepEqual(errorOf(moved).fields?.map((f) => `${f.path}:${f.code}`), ['regionCode:NOT_IN_SCOPE']);
  });

  it('shows officers and deputies the congresses around their stations; they record none', async () => {
    const deputy = await signIn(t.app, 'liangjun');
    const officer = await signIn(t.app, 'huangtian');
    for (const client of [deputy, officer]) {
      const seen = names(await list(client));
      for (const zh of ['第十四届全国人民代表大会', '贺州市第六届人民代表大会', '平桂区第四届人民代表大会', '黄田镇第十二届人民代表大会']) assert.ok(seen.includes(zh), zh);
      assert.ok(!seen.includes('公会镇第十二届人民代表大会') && !seen.includes('宜城市第十届人民代表大会'));
      assert.equal((await client.post('/api/terms', { level: 'township', regionCode: '451103101', number: 13, startsOn: '2026-12-01' })).statusCode, 403);
    }
    assert.equal((await (await signIn(t.app, 'shuiliju')).get('/api/terms')).statusCode, 403);
  });
});
