/**
 * Member enterprises from Excel through the imports kit: the template, a file with good and bad
 * rows (a wrong check character, a code twice, one already a member, a missing name, a bad
 * phone) reported row by row and refused whole at commit; the corrected file committed at once;
 * a code that became a member between preview and commit makes the batch stale, writing nothing.
 * Only those who run the point may import for it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { factories, type Station } from '../../testing/factories.js';
import { xlsxBuffer, type Rows } from '../../testing/importFiles.js';
import { withCheckCharacter } from './uscc.js';

const code = (n: number) => withCheckCharacter(`93450000MA5L${String(n).padStart(5, '0')}`);
const HEADER = ['企业名称', '统一社会信用代码', '行业', '地址', '联系人', '联系电话'];

async function upload(client: Client, stationId: number, rows: Rows) {
  const created = await client.post('/api/imports/enterprises', { filename: '企业.xlsx', stationId });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json<{ id: number }>().id;
  const res = await client.app.inject({
    method: 'PUT', url: `/api/imports/enterprises/${id}/file`, payload: await xlsxBuffer(rows), remoteAddress: client.remoteAddress,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': 'application/octet-stream' },
  });
  assert.equal(res.statusCode, 200, res.body);
  return { id, batch: res.json() };
}

describe('importing member enterprises', () => {
  let t: TestApp;
  let point: Station;
  let plain: Station;
  let staff: Client;
  let officer: Client;
  let deputy: Client;
  let outsider: Client;

  before(async () => {
    t = await startTestApp();
    const f = factories(t);
    const county = await f.county();
    point = await f.station({ type: 'industry', regionCode: county.towns[0]!.code });
    plain = await f.station({ regionCode: county.towns[0]!.code });
    staff = (await f.signedIn('staff', { regionCode: county.code })).client;
    officer = (await f.signedIn('officer', { stationIds: [point.id] })).client;
    deputy = (await f.signedIn('deputy', { deputyId: (await f.deputy({ stations: [{ id: point.id }] })).id })).client;
    outsider = (await f.signedIn('staff')).client;
    const existing = await staff.post(`/api/industry/points/${point.id}/enterprises`, { name: '已有合作社', creditCode: code(1) });
    assert.equal(existing.statusCode, 201, existing.body);
  });
  after(async () => { await t.close(); });

  const count = async () => Number((await t.database.db.selectFrom('industry_enterprise').select((eb) => eb.fn.countAll().as('n'))
    .where('station_id', '=', point.id).executeTakeFirstOrThrow()).n);

  it('offers a template with the columns and an example', async () => {
    const res = await staff.get('/api/imports/enterprises/template.xlsx');
    assert.equal(res.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1), ['企业名称', '统一社会信用代码', '所属行业', '地址', '联系人', '联系电话']);
    assert.equal((await deputy.get('/api/imports/enterprises/template.xlsx')).statusCode, 403);
  });

  it('reports bad rows and writes nothing until the file is right', async () => {
    const bad = code(3).slice(0, 17) + (code(3).endsWith('1') ? '2' : '1');
    const { id, batch } = await upload(staff, point.id, [
      ['2025 年鹰嘴蜜桃产业联系点企业名单'],
      HEADER,
      ['甲合作社', code(2), '种植', '上坪镇', '王五', '13800001111'],
      ['乙合作社', bad, '种植', '', '', ''],
      ['丙合作社', code(2), '种植', '', '', ''],
      ['丁合作社', code(1), '种植', '', '', ''],
      ['', code(4), '', '', '', ''],
      ['戊合作社', code(5), '', '', '', '电话号码'],
    ]);
    assert.equal(batch.status, 'ready');
    assert.equal(batch.totalRows, 6);
    assert.equal(batch.errorRows, 5);
    const rows = (await staff.get(`/api/imports/enterprises/${id}/rows?errors=true`)).json().items as { row: number; errors: { code: string }[] }[];
    assert.deepEqual(rows.map((r) => [r.row, r.errors.map((e) => e.code)]), [
      [4, ['CREDIT_CODE_INVALID']], [5, ['DUPLICATE_IN_FILE']], [6, ['DUPLICATE_EXISTING']], [7, ['REQUIRED']], [8, ['TELEPHONE_INVALID']],
    ]);
    const refused = await staff.post(`/api/imports/enterprises/${id}/commit`);
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'IMPORT_HAS_ERRORS');
    assert.equal(await count(), 1);
  });

  it('refuses an enterprise or contact name a spreadsheet would run as a formula', async () => {
    const { id, batch } = await upload(staff, point.id, [
      HEADER,
      ['=HYPERLINK("http://evil.example","合作社")', code(7), '种植', '', '', ''],
      ['己合作社', code(8), '种植', '', '@SUM(1+1)', ''],
    ]);
    assert.equal(batch.errorRows, 2);
    const rows = (await staff.get(`/api/imports/enterprises/${id}/rows?errors=true`)).json().items as { row: number; errors: { code: string; column: string }[] }[];
    assert.deepEqual(rows.map((r) => [r.row, r.errors.map((e) => [e.code, e.column])]), [[2, [['FORMULA_TEXT', '企业名称']]], [3, [['FORMULA_TEXT', '联系人']]]]);
  });

  it('commits a clean file at once, and refuses it whole when a code was taken meanwhile', async () => {
    const good: Rows = [HEADER, ['甲合作社', code(2), '种植', '上坪镇', '王五', '13800001111'], ['乙公司', code(6).toLowerCase(), '加工', '', '', '0762-4661234']];
    const { id } = await upload(officer, point.id, good);
    const done = await officer.post(`/api/imports/enterprises/${id}/commit`);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().createdCount, 2);
    assert.equal(await count(), 3);
    const list = (await staff.get(`/api/industry/points/${point.id}/enterprises?q=${encodeURIComponent('乙公司')}`)).json().items;
    assert.equal(list[0].creditCode, code(6));

    const { id: later } = await upload(staff, point.id, [HEADER, ['己合作社', code(7)], ['庚合作社', code(8)]]);
    assert.equal((await staff.post(`/api/industry/points/${point.id}/enterprises`, { name: '抢先', creditCode: code(8) })).statusCode, 201);
    const stale = await staff.post(`/api/imports/enterprises/${later}/commit`);
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.code, 'IMPORT_STALE');
    assert.equal(await count(), 4);
    const rows = (await staff.get(`/api/imports/enterprises/${later}/rows?errors=true`)).json().items;
    assert.equal(rows[0].errors[0].code, 'DUPLICATE_EXISTING');
  });

  it('imports only for a contact point the importer runs', async () => {
    assert.equal((await outsider.post('/api/imports/enterprises', { filename: 'x.xlsx', stationId: point.id })).statusCode, 404);
    assert.equal((await deputy.post('/api/imports/enterprises', { filename: 'x.xlsx', stationId: point.id })).statusCode, 403);
    const wrong = await staff.post('/api/imports/enterprises', { filename: 'x.xlsx', stationId: plain.id });
    assert.equal(wrong.json().error.code, 'INDUSTRY_NOT_CONTACT_POINT');
    assert.equal((await staff.post('/api/imports/enterprises', { filename: 'x.xlsx' })).statusCode, 400);
  });
});
