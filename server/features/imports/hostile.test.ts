import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, afterEach, before, describe, it } from 'node:test';
import { IMPORT_LIMITS, failStalledImports } from '../../platform/tables/stage.js';
import { csvBuffer, uploadImport } from '../../testing/importFiles.js';
import { generatedStream, repeated, workbookWith, zipOf } from '../../testing/hostileFiles.js';
import { Client, signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { now } from '../../platform/clock.js';

interface Batch { id: number; status: string; totalRows: number; failure: { code: string; message: string } | null }

const MB = 1024 * 1024;
const DEFAULTS = structuredClone(IMPORT_LIMITS);

/** An upload that trickles blank lines after its header until `stop()`, as a slow or hostile client would. */
function trickle(): { stream: Readable; stop(): void } {
  let stopped = false;
  let first = true;
  const stream = new Readable({
    read() {
      if (stopped) { this.push(null); return; }
      if (first) { first = false; this.push('姓名,性别\n'); return; }
      setTimeout(() => this.push(stopped ? null : '\n'.repeat(1000)), 20);
    },
  });
  return { stream, stop: () => { stopped = true; } };
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('hostile import files', () => {
  let t: TestApp;
  let staff: Client;

  before(async () => {
    t = await startTestApp();
    staff = await signIn(t.app, 'pinggui');
  });
  after(() => t.close());
  afterEach(() => { Object.assign(IMPORT_LIMITS, structuredClone(DEFAULTS)); });

  const batchOf = async (id: number, client = staff) => (await client.get(`/api/imports/deputies/${id}`)).json<Batch>();

  it('refuses a 50 KB workbook holding one 50-million-character cell under the default limits, with the memory bounded', async () => {
    const file = await workbookWith(['姓名', '性别'], repeated('A', 50_000_000));
    assert.ok(file.length < 100_000, `${file.length} bytes`);
    const rss = process.memoryUsage().rss;
    let peak = rss;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
    const { id, res } = await uploadImport(staff, 'deputies', file, 'bomb.xlsx');
    clearInterval(sampler);
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, 'IMPORT_CELL_TOO_LONG');
    assert.match(res.json().error.message, /32767/);
    // The refusal comes from the bound on the streamed XML, long before 50 million characters are built.
    assert.ok(peak - rss < 300 * MB, `the process grew by ${Math.round((peak - rss) / MB)} MB`);
    const batch = await batchOf(id);
    assert.equal(batch.status, 'failed');
    assert.equal(batch.failure!.code, 'IMPORT_CELL_TOO_LONG');
    const english = new Client(t.app, 'en');
    await english.login('pinggui');
    assert.match((await batchOf(id, english)).failure!.message, /at most 32767 characters/);
  });

  it('refuses a CSV field longer than a row may be, and a cell longer than Excel allows', async () => {
    const field = await uploadImport(staff, 'deputies', generatedStream('姓名,性别\n"', 'A', 2 * MB), 'field.csv');
    assert.equal(field.res.statusCode, 400, field.res.body);
    assert.equal(field.res.json().error.code, 'IMPORT_CELL_TOO_LONG');
    const cell = await uploadImport(staff, 'deputies', csvBuffer([['姓名', '性别'], ['长'.repeat(40_000), '男']]), 'cell.csv');
    assert.equal(cell.res.json().error.code, 'IMPORT_CELL_TOO_LONG');
    assert.equal(cell.res.json().error.details.row, 2);
  });

  it('counts blank rows against a limit', async () => {
    const { res } = await uploadImport(staff, 'deputies', generatedStream('姓名,性别\n', '\n', MB), 'blank.csv');
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().error.code, 'IMPORT_TOO_MANY_BLANK_ROWS');
    assert.equal(res.json().error.details.max, 10_000);
  });

  it('refuses a workbook that unpacks past its limit (a zip bomb)', async () => {
    IMPORT_LIMITS.maxUnpackedBytes = 4 * MB;
    const bomb = await workbookWith(['姓名', '性别'], () => ['张三'], [{ name: 'xl/media/image1.png', chunks: repeated('\0', 20 * MB) }]);
    assert.ok(bomb.length < 100_000);
    const { res } = await uploadImport(staff, 'deputies', bomb, 'bomb.xlsx');
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, 'IMPORT_FILE_TOO_COMPLEX');
    assert.match(res.json().error.message, /4 MB/);
  });

  it('fails the import, not the server, when parsing exhausts the worker\'s heap', async () => {
    IMPORT_LIMITS.workerMb = 64;
    // Three million distinct shared strings, each well within bounds, held while the sheet is read.
    const many = await zipOf([
      { name: 'xl/sharedStrings.xml', chunks: function* () {
        yield '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
        for (let i = 0; i < 3_000_000; i += 10_000) {
          let block = '';
          for (let j = i; j < i + 10_000; j++) block += `<si><t>代表${j}</t></si>`;
          yield block;
        }
        yield '</sst>';
      } },
    ]);
    const { res } = await uploadImport(staff, 'deputies', many, 'many.xlsx');
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.code, 'IMPORT_FILE_TOO_COMPLEX');
    assert.match(res.json().error.message, /64 MB/);
    assert.equal((await t.app.inject('/api/health')).statusCode, 200);
  });

  it('keeps answering other requests while a hostile file is parsed', async () => {
    IMPORT_LIMITS.maxBlankRows = 1_000_000;
    let done = false;
    const upload = uploadImport(staff, 'deputies', generatedStream('姓名,性别\n', '\n', 30_000), 'blank.csv').finally(() => { done = true; });
    const waits: number[] = [];
    while (!done) {
      const started = performance.now();
      assert.equal((await t.app.inject('/api/health')).statusCode, 200);
      waits.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
    const { res } = await upload;
    assert.equal(res.json().error.code, 'IMPORT_FILE_EMPTY');
    assert.ok(waits.length >= 3, `${waits.length} health checks during the parse`);
    assert.ok(Math.max(...waits) < 1000, `health answered in at most ${Math.round(Math.max(...waits))} ms`);
  });

  it('cancels a running check at once, and the file can be sent again', async () => {
    const slow = trickle();
    const { id: batchId, upload } = await (async () => {
      const created = await staff.post('/api/imports/deputies', { filename: 'slow.csv' });
      const id = created.json<{ id: number }>().id;
      return {
        id,
        upload: staff.app.inject({
          method: 'PUT', url: `/api/imports/deputies/${id}/file`, payload: slow.stream, remoteAddress: staff.remoteAddress,
          headers: { cookie: staff.cookie, 'x-csrf-token': staff.csrf, 'content-type': 'application/octet-stream' },
        }),
      };
    })();
    try {
      await until('the check to start', async () => (await batchOf(batchId)).status === 'parsing');
      const cancelled = await staff.post(`/api/imports/deputies/${batchId}/cancel`);
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(cancelled.json<Batch>().status, 'failed');
      assert.equal(cancelled.json<Batch>().failure!.code, 'IMPORT_CANCELLED');
      const res = await upload;
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().error.code, 'IMPORT_CANCELLED');
      assert.equal((await batchOf(batchId)).failure!.code, 'IMPORT_CANCELLED', 'the cancel keeps its reason');
      assert.equal((await staff.post(`/api/imports/deputies/${batchId}/cancel`)).json().error.code, 'IMPORT_NOT_READY');
    } finally {
      slow.stop();
    }
    const again = await uploadImport(staff, 'deputies', csvBuffer([['姓名', '性别', '所属区划'], ['重传', '男', '黄田镇']]), 'slow.csv');
    assert.equal(again.res.json<Batch>().status, 'ready', again.res.body);
  });

  it('stops its checks when the server closes, and fails them as interrupted', async () => {
    const other = await startTestApp();
    const client = await signIn(other.app, 'pinggui');
    const slow = trickle();
    try {
      const id = (await client.post('/api/imports/deputies', { filename: 'slow.csv' })).json<{ id: number }>().id;
      const upload = client.app.inject({
        method: 'PUT', url: `/api/imports/deputies/${id}/file`, payload: slow.stream, remoteAddress: client.remoteAddress,
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': 'application/octet-stream' },
      });
      await until('the check to start', async () => (await client.get(`/api/imports/deputies/${id}`)).json<Batch>().status === 'parsing');
      await other.app.close();
      const res = await upload;
      assert.equal(res.statusCode, 503, res.body);
      assert.equal(res.json().error.code, 'IMPORT_INTERRUPTED');
      const batch = await other.database.db.selectFrom('import_batch').select(['status', 'failure']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(batch, { status: 'failed', failure: { code: 'IMPORT_INTERRUPTED', details: {} } });
    } finally {
      slow.stop();
      await other.database.close();
    }
  });

  it('fails a check cut off by a crash instead of leaving it parsing, and takes the same file again', async () => {
    const file = csvBuffer([['姓名', '性别', '所属区划'], ['断点', '女', '黄田镇']]);
    const crashed = async () => {
      const id = (await staff.post('/api/imports/deputies', { filename: 'cut.csv' })).json<{ id: number }>().id;
      // What a server killed mid-check leaves behind: parsing, staged rows, a stamp that no longer moves.
      await t.database.db.updateTable('import_batch').set({ status: 'parsing', total_rows: 1, parse_heartbeat_at: new Date(now().getTime() - 10 * 60_000) })
        .where('id', '=', id).execute();
      await t.database.db.insertInto('import_row').values({ batch_id: id, row_no: 2, data: '{}', errors: null }).execute();
      return id;
    };
    const fresh = (await staff.post('/api/imports/deputies', { filename: 'fresh.csv' })).json<{ id: number }>().id;
    await t.database.db.updateTable('import_batch').set({ status: 'parsing', parse_heartbeat_at: now() }).where('id', '=', fresh).execute();

    // Noticed when it is next read …
    const read = await crashed();
    const seen = await batchOf(read);
    assert.equal(seen.status, 'failed');
    assert.equal(seen.failure!.code, 'IMPORT_INTERRUPTED');
    assert.match(seen.failure!.message, /重新上传/);
    // … at the next start, or by the daily maintenance; a check whose stamp is fresh is left alone.
    const swept = await crashed();
    assert.equal(await failStalledImports(t.database.db), 1);
    assert.equal((await batchOf(swept)).failure!.code, 'IMPORT_INTERRUPTED');
    assert.equal((await batchOf(fresh)).status, 'parsing');
    const staged = await t.database.db.selectFrom('import_row').select('batch_id').where('batch_id', 'in', [read, swept]).execute();
    assert.deepEqual(staged, [], 'their staged rows are dropped');

    const again = await uploadImport(staff, 'deputies', file, 'cut.csv');
    assert.equal(again.res.statusCode, 200, again.res.body);
    assert.equal(again.res.json<Batch>().status, 'ready');
    assert.equal(again.res.json<Batch>().totalRows, 1);
    await staff.post(`/api/imports/deputies/${fresh}/cancel`);
  });
});
