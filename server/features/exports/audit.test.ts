/**
 * Every list exported to Excel leaves an audit record (`export.download`) naming the list, the
 * filters it was read with and the number of rows it held, written once the workbook is
 * complete. An export refused or failed leaves none.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

describe('audit records of list exports', () => {
  let t: TestApp;
  let admin: Client;
  let staff: Client;
  let clerk: Client;

  const exportsRecorded = () => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'export.download').orderBy('id').execute();

  async function dataRows(payload: Buffer): Promise<number> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(payload as unknown as ArrayBuffer);
    return workbook.worksheets[0]!.actualRowCount - 1;
  }

  before(async () => {
    t = await startTestApp();
    [admin, staff, clerk] = await Promise.all([signIn(t.app, 'admin'), signIn(t.app, 'pinggui'), signIn(t.app, 'shuiliju')]);
  });
  after(() => t?.close());

  it('records each list with its filters and the rows it held, once the workbook is complete', async () => {
    const lists: [Client, string, string, string, Record<string, unknown>][] = [
      [staff, 'deputies', 'level=township', '人大代表花名册', { level: 'township', active: 'true' }],
      [staff, 'stations', '', '联络站名单', { active: 'true' }],
      [clerk, 'units', 'active=all', '承办单位', { active: 'all' }],
      [staff, 'accounts', 'role=officer', '账号', { role: 'officer', active: 'all' }],
      [staff, 'cases', 'open=true', '群众意见', { open: true, sort: 'newest' }],
      [admin, 'audit', 'action=station.', '审计日志', { action: 'station.' }],
      [staff, 'activities', '', '履职活动', {}],
    ];
    for (const [client, list, query, name, filters] of lists) {
      const before = (await exportsRecorded()).length;
      const res = await client.get(`/api/${list}.xlsx${query ? `?${query}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const recorded = (await exportsRecorded()).slice(before);
      assert.equal(recorded.length, 1, `${list}: one record, committed before the download ended`);
      const [record] = recorded;
      assert.deepEqual([record!.entity_type, record!.entity_id, record!.before], ['export', list === 'audit' ? 'audit-log' : list, null]);
      const a = record!.after as { list: string; name: string; format: string; filters: Record<string, unknown>; rows: number };
      assert.deepEqual([a.name, a.format], [name, 'xlsx'], list);
      for (const [key, value] of Object.entries(filters)) assert.deepEqual(a.filters[key], value, `${list}: filter ${key}`);
      assert.equal(a.rows, await dataRows(res.rawPayload), `${list}: the rows of the file`);
    }
    const [deputies] = await exportsRecorded();
    assert.equal(deputies!.actor_name, '平桂区人大常委会 韦工');
    assert.ok((deputies!.after as { rows: number }).rows > 0);
  });

  it('records nothing for an export refused or failed before it was made', async () => {
    const before = (await exportsRecorded()).length;
    assert.equal((await clerk.get('/api/deputies.xlsx')).statusCode, 403);
    assert.equal((await staff.get('/api/audit.xlsx')).statusCode, 403);
    assert.equal((await staff.get('/api/deputies.xlsx?regionCode=999999')).statusCode, 400);
    assert.equal((await staff.get('/api/cases.xlsx?open=maybe')).statusCode, 400);
    assert.equal((await exportsRecorded()).length, before);
  });

  it('shows the exports in the audit log, filtered by action', async () => {
    const page = (await admin.get('/api/audit?action=export.&limit=200')).json<{ items: { action: string; entityType: string; after: { list: string } }[] }>();
    assert.ok(page.items.length >= 7);
    assert.ok(page.items.every((i) => i.action === 'export.download' && i.entityType === 'export'));
  });
});
