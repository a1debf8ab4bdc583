import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase } from '../../testing/database.js';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { photoOfItsOwn } from '../../testing/images.js';
import type { Database } from '../db/engine.js';
import { fileStoreConfigFrom } from '../config.js';
import { fileStore, FsFileStore, sha256Of, StoredFileMissingError, sweepUnreferencedFiles } from './index.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex');
const DAY = 86_400_000;

describe('the filesystem file store', () => {
  let dir: string;
  let store: FsFileStore;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-files-'));
    store = new FsFileStore(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stores bytes under their SHA-256, reads them back, and stores the same content once', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 联系函');
    const put = await store.put(bytes, 'application/pdf');
    assert.deepEqual(put, { sha256: sha256Of(bytes), size: bytes.length, mime: 'application/pdf' });
    assert.deepEqual(new Uint8Array(await store.get(put.sha256)), bytes);
    assert.equal(await store.has(put.sha256), true);
    assert.deepEqual(await store.put(bytes, 'application/pdf'), put);
    assert.deepEqual(readdirSync(path.join(dir, put.sha256.slice(0, 2))), [put.sha256]);
    assert.deepEqual(readdirSync(path.join(dir, 'tmp')), [], 'no temporary file is left behind');
    const listed = [];
    for await (const f of store.list()) listed.push(f.sha256);
    assert.deepEqual(listed, [put.sha256]);
  });

  it('says which file is missing, refuses what is not a hash, and deletes', async () => {
    const { sha256 } = await store.put(PNG, 'image/png');
    await store.delete(sha256);
    assert.equal(await store.has(sha256), false);
    await assert.rejects(store.get(sha256), (err) => err instanceof StoredFileMissingError && err.sha256 === sha256);
    await assert.rejects(store.get('../../etc/passwd'), /Not a SHA-256/);
  });

  it('sweeps files no row names a day after they were stored, and keeps every file a row names', async () => {
    const database: Database = await openTestDatabase();
    try {
      const db = database.db;
      // A file the demo data names (the joint station's agreement documents), copied into this store.
      const demo = await db.selectFrom('cross_province_file').select(['sha256', 'mime']).orderBy('id').executeTakeFirstOrThrow();
      const named = await store.put(await fileStore().get(demo.sha256), demo.mime);
      const orphan = await store.put(new TextEncoder().encode('rolled back'), 'text/plain');
      const fresh = await store.put(new TextEncoder().encode('being written'), 'text/plain');
      const old = new Date(Date.now() - 2 * DAY);
      for (const f of [named, orphan]) utimesSync(path.join(dir, f.sha256.slice(0, 2), f.sha256), old, old);
      assert.equal(await sweepUnreferencedFiles(db, store, new Date()), 1);
      assert.equal(await store.has(named.sha256), true, 'a row names it');
      assert.equal(await store.has(orphan.sha256), false);
      assert.equal(await store.has(fresh.sha256), true, 'younger than a day: its row may not have committed yet');
      // Storing old content again makes it young, so a row about to name it keeps it.
      utimesSync(path.join(dir, fresh.sha256.slice(0, 2), fresh.sha256), old, old);
      await store.put(new TextEncoder().encode('being written'), 'text/plain');
      assert.equal(await sweepUnreferencedFiles(db, store, new Date()), 0);
    } finally {
      await database.close();
    }
  });

  it('removes temporaries a crash left behind once they are old', async () => {
    mkdirSync(path.join(dir, 'tmp'), { recursive: true });
    const stale = path.join(dir, 'tmp', 'abc.1.0');
    const inFlight = path.join(dir, 'tmp', 'abc.2.0');
    writeFileSync(inFlight, 'in flight');
    writeFileSync(stale, 'half');
    // Two days before the in-flight file, by the file system's clock (the process's may differ from it).
    const written = statSync(inFlight).mtimeMs;
    utimesSync(stale, new Date(written - 2 * DAY), new Date(written - 2 * DAY));
    assert.equal(await store.removeStaleTemporaries(DAY), 1);
    assert.deepEqual(readdirSync(path.join(dir, 'tmp')), ['abc.2.0']);
    assert.equal(await store.removeStaleTemporaries(DAY), 0, 'the file being written stays');
  });
});

describe('the file store configuration', () => {
  it('is DATA_DIR/files, LIANXIN_FILES_DIR, or an S3 bucket with all its settings', () => {
    assert.deepEqual(fileStoreConfigFrom({}, '/srv/lianxin'), { kind: 'fs', dir: '/srv/lianxin/files' });
    assert.deepEqual(fileStoreConfigFrom({ LIANXIN_FILES_DIR: '/mnt/files' }, '/srv/lianxin'), { kind: 'fs', dir: '/mnt/files' });
    const s3 = {
      LIANXIN_S3_ENDPOINT: 'https://s3.example.com/', LIANXIN_S3_BUCKET: 'lianxin', LIANXIN_S3_ACCESS_KEY_ID: 'id', LIANXIN_S3_SECRET_ACCESS_KEY: 'secret',
    };
    assert.deepEqual(fileStoreConfigFrom(s3, '/srv'), {
      kind: 's3', s3: { endpoint: 'https://s3.example.com', bucket: 'lianxin', region: 'us-east-1', accessKeyId: 'id', secretAccessKey: 'secret' },
    });
    assert.throws(() => fileStoreConfigFrom({ ...s3, LIANXIN_S3_BUCKET: '' }, '/srv'), /LIANXIN_S3_BUCKET/);
    assert.throws(() => fileStoreConfigFrom({ ...s3, LIANXIN_S3_ENDPOINT: 's3.example.com' }, '/srv'), /LIANXIN_S3_ENDPOINT/);
  });
});

describe('uploads through the routes on the filesystem store', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(() => t.close());

  it('keeps a case photo in the store and only its hash, size and type in the row', async () => {
    const station = await t.database.db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow();
    const category = await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow();
    // A photo is stored as the server re-encodes it (without metadata): here the same pixels, its own bytes.
    const photo = await photoOfItsOwn(7, 8);
    const res = await t.app.inject({
      method: 'POST', url: '/api/public/opinions', remoteAddress: '203.0.113.71',
      payload: { stationId: station.id, categoryId: category.id, content: '照片存到文件库', photos: [{ data: photo.toString('base64') }] },
    });
    assert.equal(res.statusCode, 201, res.body);
    const row = await t.database.db.selectFrom('opinion_photo as p').innerJoin('opinion as o', 'o.id', 'p.opinion_id')
      .select(['p.id', 'p.opinion_id', 'p.sha256', 'p.size', 'p.mime']).where('o.tracking_code', '=', res.json<{ trackingCode: string }>().trackingCode).executeTakeFirstOrThrow();
    assert.deepEqual({ sha256: row.sha256, size: row.size, mime: row.mime }, { sha256: sha256Of(photo), size: photo.length, mime: 'image/png' });
    assert.deepEqual(await fileStore().get(row.sha256), photo);
    const officer = await signIn(t.app, 'huangtian');
    const got = await officer.get(`/api/cases/${row.opinion_id}/photos/${row.id}`);
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.rawPayload, photo);
  });
});

