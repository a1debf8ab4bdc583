/**
 * Excel exports, read back by two tools that know nothing of how they were written: exceljs,
 * and LibreOffice converting them to CSV (Debian `libreoffice-calc`, installed by
 * scripts/install-system-deps.sh; without it this test fails rather than skipping).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { libreOfficeCsv } from '../../testing/officeFiles.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';

const LISTS = ['deputies', 'stations', 'units', 'accounts', 'cases', 'audit', 'activities'] as const;
type List = (typeof LISTS)[number];

/** Every item of a JSON list, page after page. */
async function jsonList(client: Client, list: List, query = ''): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const res = await client.get(`/api/${list}?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json<{ items: Record<string, unknown>[]; nextCursor: string | null }>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function sheetOf(payload: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('Excel exports', () => {
  let t: TestApp;
  let admin: Client;
  let staff: Client;
  before(async () => {
    t = await startTestApp();
    admin = await signIn(t.app, 'admin');
    staff = await signIn(t.app, 'pinggui');
    // The test database holds no cases: two constituents write in at 黄田镇.
    const db = t.database.db;
    const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
    const stationId = await idOf(db, 'station', '平桂区黄田镇人大代表联络站');
    for (const content of ['村口水渠堵塞,雨天积水', '自来水压力不足']) {
      const res = await new Client(t.app).post('/api/public/opinions', { stationId, categoryId, content });
      assert.equal(res.statusCode, 201, res.body);
    }
    // …and a deputy records a visit there.
    const visit = await (await signIn(t.app, 'liangjun')).post('/api/activities', { kind: 'visit', title: '走访公和村', stationId, startsAt: '2026-11-10T09:00:00+08:00' });
    assert.equal(visit.statusCode, 201, visit.body);
  });
  after(() => t.close());

  async function download(client: Client, url: string) {
    const res = await client.get(url);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return res;
  }

  it('exports every row of each list, with the same filters and scope as the JSON list', async () => {
    const cases: [Client, List, string][] = [
      [staff, 'deputies', ''], [staff, 'deputies', '&level=township'], [admin, 'deputies', '&active=all'],
      [staff, 'stations', ''], [admin, 'stations', '&type=point'], [staff, 'units', ''], [admin, 'units', '&active=all'],
      [staff, 'accounts', ''], [admin, 'accounts', '&role=staff'], [staff, 'cases', ''], [admin, 'cases', '&open=true&sort=deadline'],
      [admin, 'audit', ''], [admin, 'audit', '&action=station.'], [staff, 'activities', ''], [admin, 'activities', '&kind=visit'],
    ];
    for (const [client, list, query] of cases) {
      const items = await jsonList(client, list, query);
      const res = await download(client, `/api/${list}.xlsx?${query.slice(1)}`);
      const rows = rowsOf(await sheetOf(res.rawPayload));
      assert.equal(rows.length - 1, items.length, `${list}${query}: one row per item`);
      assert.ok(items.length > 0, `${list}${query} has rows to compare`);
    }
  });

  it('keeps a staff member to their region', async () => {
    const rows = rowsOf(await sheetOf((await download(staff, '/api/deputies.xlsx')).rawPayload));
    const names = rows.slice(1).map((r) => r[0]);
    assert.ok(names.includes('梁俊华'));
    assert.ok(!names.includes('王建华'), 'no deputy of 宜城');
    assert.equal((await (await signIn(t.app, 'shuiliju')).get('/api/deputies.xlsx')).statusCode, 403);
    assert.equal((await staff.get('/api/audit.xlsx')).statusCode, 403);
    assert.equal((await staff.get('/api/deputies.xlsx?regionCode=999999')).json().error.code, 'REGION_NOT_FOUND');
  });

  it('writes Chinese headers, labels for coded values and Beijing time, as exceljs reads them', async () => {
    const res = await download(staff, '/api/deputies.xlsx');
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''%E4%BA%BA%E5%A4%A7%E4%BB%A3%E8%A1%A8/);
    const rows = rowsOf(await sheetOf(res.rawPayload));
    assert.deepEqual(rows[0]!.slice(0, 9), ['姓名', '性别', '民族', '政治面貌', '出生年月', '手机号码', '代表层级', '届次', '所属区划']);
    const liang = rows.find((r) => r[0] === '梁俊华')!;
    assert.equal(liang[1], '男');
    assert.equal(liang[6], '县(区)人大代表、乡镇人大代表');
    assert.equal(liang[7], '4、13', 're-elected at 黄田镇\'s 换届: the seat held now');
    assert.equal(liang[13], '平桂区黄田镇人大代表联络站、平桂区黄田镇公和村人大代表联络点');
    assert.equal(liang[14], '站长、驻站代表');

    const cases = rowsOf(await sheetOf((await download(admin, '/api/cases.xlsx')).rawPayload));
    const [first] = await jsonList(admin, 'cases');
    const row = cases.find((r) => r[0] === first!.trackingCode)!;
    assert.equal(row[1], (first!.stateLabel as { zh: string }).zh);
    const submitted = new Date(first!.submittedAt as string);
    assert.deepEqual(row[7], new Date(submitted.getTime() + 8 * 3600_000), 'the cell holds Beijing wall-clock time');
  });

  it('reads back in LibreOffice as the same table', async () => {
    const res = await download(staff, '/api/deputies.xlsx');
    const csv = libreOfficeCsv(res.rawPayload);
    const rows = rowsOf(await sheetOf(res.rawPayload));
    assert.equal(csv.length, rows.length);
    assert.deepEqual(csv[0], rows[0]);
    const liang = csv.find((r) => r[0] === '梁俊华')!;
    assert.equal(liang[5], '13907741001');
    assert.equal(liang[6], '县(区)人大代表、乡镇人大代表');

    const audit = await download(admin, '/api/audit.xlsx?action=station.');
    const auditCsv = libreOfficeCsv(audit.rawPayload);
    const [newest] = await jsonList(admin, 'audit', '&action=station.');
    const at = new Date(new Date(newest!.at as string).getTime() + 8 * 3600_000).toISOString();
    assert.equal(auditCsv[1]![0], String(newest!.id));
    assert.equal(auditCsv[1]![1], `${at.slice(0, 10)} ${at.slice(11, 16)}`, 'Beijing time, as formatted in the sheet');
  });

  it('writes text a spreadsheet would run as a formula inert, in lists and registers, and it stays text through CSV', async () => {
    const formula = '=HYPERLINK("http://evil.example/x","点此查看")';
    const made = await admin.post('/api/stations', { name: formula, type: 'point', tier: 'village_point', homeRegionCode: '451103101' });
    assert.equal(made.statusCode, 201, made.body);
    const stationId = made.json<{ id: number }>().id;
    const list = await download(admin, `/api/stations.xlsx?q=${encodeURIComponent('HYPERLINK')}`);
    const [listRow] = rowsOf(await sheetOf(list.rawPayload)).slice(1);
    assert.equal(listRow![0], `'${formula}`, 'a leading apostrophe, so a spreadsheet shows it as text');
    const csv = libreOfficeCsv(list.rawPayload);
    assert.equal(csv[1]![0], `'${formula}`, 'saved as CSV it is still not a formula');

    const day = addDays(today(), -1);
    for (const title of ['+1+1', '-1+1', '@SUM(1,1)', '=1+1']) {
      const entry = await admin.post('/api/chronicle', { stationId, occurredOn: day, title, body: '' });
      assert.equal(entry.statusCode, 201, entry.body);
    }
    const register = await download(admin, `/api/registers/chronicle.xlsx?stationId=${stationId}&from=${day}&to=${day}`);
    const cells = rowsOf(await sheetOf(register.rawPayload)).flat().filter((v): v is string => typeof v === 'string');
    assert.ok(cells.some((c) => c.startsWith(`'${formula}`)), 'the place line names the station inertly');
    for (const title of ['+1+1', '-1+1', '@SUM(1,1)', '=1+1']) assert.ok(cells.includes(`'${title}`), `${JSON.stringify(title)} in ${JSON.stringify(cells)}`);
  });

  it('offers the same filters as the JSON list it exports', async () => {
    const doc = (await admin.get('/api/openapi.json')).json<{ paths: Record<string, { get: { parameters?: { name: string; in: string }[] } }> }>();
    const params = (p: string) => (doc.paths[p]!.get.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name)
      .filter((n) => !['limit', 'cursor', 'count', 'page'].includes(n)).sort();
    for (const list of LISTS) assert.deepEqual(params(`/api/${list}.xlsx`), params(`/api/${list}`), list);
  });
});
