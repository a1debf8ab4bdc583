/**
 * Every register and performance archive downloaded leaves an audit record naming what left
 * the system: the register, the format, the place, the period and the number of rows. A
 * download that fails (out of reach, an unclear place, no font) leaves none.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { today } from '../../platform/clock.js';
import { idOf, signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

describe('audit records of register and archive downloads', () => {
  let t: TestApp;
  let admin: Client;
  let staff: Client;
  let officer: Client;
  let deputy: Client;
  let yicheng: Client;
  const ids = { huangtian: 0, liangjun: 0, weixiulan: 0, chen: 0 };
  const PERIOD = 'from=2026-06-01&to=2026-06-30';

  const ok = <R extends { statusCode: number; body: string }>(res: R, status = 200): R => { assert.equal(res.statusCode, status, res.body); return res; };
  const downloads = (db = t.database.db) => db.selectFrom('audit_log').selectAll()
    .where('action', 'in', ['register.download', 'archive.download']).orderBy('id').execute();

  before(async () => {
    t = await startTestApp();
    [admin, staff, officer, deputy, yicheng] = await Promise.all([
      signIn(t.app, 'admin'), signIn(t.app, 'pinggui'), signIn(t.app, 'huangtian'), signIn(t.app, 'liangjun'), signIn(t.app, 'yicheng'),
    ]);
    const db = t.database.db;
    Object.assign(ids, {
      huangtian: await idOf(db, 'station', '平桂区黄田镇人大代表联络站'),
      liangjun: await idOf(db, 'deputy', '梁俊华'), weixiulan: await idOf(db, 'deputy', '韦秀兰'), chen: await idOf(db, 'deputy', '陈美玲'),
    });
    for (const [deputyId, title] of [[ids.weixiulan, '调解邻里纠纷'], [ids.chen, '助力企业用工']] as const) {
      ok(await officer.post('/api/deeds', { stationId: ids.huangtian, deputyId, occurredOn: '2026-06-10', title }), 201);
    }
  });
  after(() => t?.close());

  it('records a station\'s register with its kind, format, place, period and rows', async () => {
    const res = ok(await officer.get(`/api/registers/deeds.xlsx?stationId=${ids.huangtian}&${PERIOD}`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => cells.push(String(row.values)));
    assert.ok(cells.join('\n').includes('调解邻里纠纷') && cells.join('\n').includes('助力企业用工'));

    const [record, ...more] = await downloads();
    assert.equal(more.length, 0);
    assert.deepEqual([record!.actor_name, record!.entity_type, record!.entity_id, record!.before], ['黄田镇联络站 联络员 蒙工', 'station', String(ids.huangtian), null]);
    assert.deepEqual(record!.after, {
      kind: 'deeds', register: '先进事迹登记簿', format: 'xlsx', stationId: ids.huangtian, place: '平桂区黄田镇人大代表联络站',
      period: { from: '2026-06-01', to: '2026-06-30' }, rows: 2,
    });
  });

  it('records a region\'s register against the region, the roster without a period', async () => {
    const before = (await downloads()).length;
    ok(await staff.get(`/api/registers/roster.pdf?regionCode=451103&${PERIOD}`));
    ok(await staff.get('/api/registers/opinions.xlsx?regionCode=451103'));
    const [roster, opinions] = (await downloads()).slice(before);
    assert.deepEqual([roster!.entity_type, roster!.entity_id, roster!.actor_name], ['region', '451103', '平桂区人大常委会 韦工']);
    const r = roster!.after as Record<string, unknown>;
    assert.deepEqual([r.kind, r.format, r.regionCode, r.place, r.period], ['roster', 'pdf', '451103', '广西壮族自治区贺州市平桂区', null]);
    assert.ok(typeof r.rows === 'number' && r.rows >= 5, `a district's roster: ${r.rows} rows`);
    const year = today().slice(0, 4);
    assert.deepEqual((opinions!.after as { period: unknown }).period, { from: `${year}-01-01`, to: `${year}-12-31` }, 'the current year when no period is given');
  });

  it('records nothing for a download that was not made', async () => {
    const before = (await downloads()).length;
    assert.equal((await yicheng.get(`/api/registers/opinions.xlsx?stationId=${ids.huangtian}`)).statusCode, 404);
    assert.equal((await deputy.get('/api/registers/roster.xlsx?regionCode=451103')).statusCode, 404);
    assert.equal((await staff.get(`/api/registers/roster.xlsx?stationId=${ids.huangtian}&regionCode=451103`)).statusCode, 400);
    assert.equal((await staff.get(`/api/registers/visit.xlsx?stationId=${ids.huangtian}&from=2026-06-30&to=2026-06-01`)).statusCode, 400);
    assert.equal((await deputy.get(`/api/deputies/${ids.weixiulan}/archive.pdf`)).statusCode, 404);
    assert.equal((await downloads()).length, before);

    const noFont = await startTestApp({ posterFont: path.join(tmpdir(), 'lianxin-no-such-font.ttc') });
    try {
      const client = await signIn(noFont.app, 'pinggui');
      assert.equal((await client.get(`/api/registers/roster.pdf?stationId=${ids.huangtian}`)).statusCode, 503);
      assert.equal((await client.get(`/api/deputies/${ids.liangjun}/archive.pdf`)).statusCode, 503);
      assert.deepEqual(await downloads(noFont.database.db), []);
    } finally {
      await noFont.close();
    }
  });

  it('records a deputy\'s archive PDF against the deputy, with its period and rows', async () => {
    const before = (await downloads()).length;
    ok(await deputy.get(`/api/deputies/${ids.liangjun}/archive.pdf?${PERIOD}`));
    const [record, ...more] = (await downloads()).slice(before);
    assert.equal(more.length, 0);
    assert.deepEqual([record!.action, record!.entity_type, record!.entity_id, record!.actor_name], ['archive.download', 'deputy', String(ids.liangjun), '梁俊华 代表']);
    const a = record!.after as Record<string, unknown>;
    assert.deepEqual([a.deputy, a.format, a.term, a.period], ['梁俊华', 'pdf', null, { from: '2026-06-01', to: '2026-06-30' }]);
    assert.ok(typeof a.rows === 'number' && a.rows > 0);

    // Read for one of their terms, the record names the term.
    const { terms } = ok(await deputy.get(`/api/deputies/${ids.liangjun}/terms`)).json() as { terms: { id: number; label: { zh: string } }[] };
    const term = terms[0]!;
    ok(await deputy.get(`/api/deputies/${ids.liangjun}/archive.pdf?term=${term.id}`));
    const byTerm = (await downloads()).at(-1)!.after as Record<string, unknown>;
    assert.deepEqual(byTerm.term, { id: term.id, name: term.label.zh });

    // The administrator reads them in the audit log like any other action.
    const listed = ok(await admin.get('/api/audit?action=archive.')).json().items as { action: string; entityId: string }[];
    assert.deepEqual(listed.map((x) => `${x.action} ${x.entityId}`), [`archive.download ${ids.liangjun}`, `archive.download ${ids.liangjun}`]);
  });
});
