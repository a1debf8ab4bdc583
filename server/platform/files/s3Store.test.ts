import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import S3rver from 's3rver';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { photoOfItsOwn } from '../../testing/images.js';
import { fileStore, S3FileStore, sha256Of, StoredFileMissingError, useFileStore, type S3Config } from './index.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex');

/**
 * The S3 store against s3rver, a local S3-compatible server started here on a free port: path-style
 * requests, SigV4 headers, 404 for a missing key, ListObjectsV2 paging. (s3rver checks the access
 * key and the shape of the signature but does not recompute Signature Version 4.)
 */
describe('the S3-compatible file store', () => {
  let server: S3rver;
  let dir: string;
  let config: S3Config;
  let store: S3FileStore;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-s3-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'lianxin-files' }] });
    const { port } = await server.run();
    config = { endpoint: `http://127.0.0.1:${port}`, bucket: 'lianxin-files', region: 'cn-south-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    store = new S3FileStore(config);
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores, lists, reads and deletes by content hash', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 调解协议书');
    const put = await store.put(bytes, 'application/pdf');
    assert.deepEqual(put, { sha256: sha256Of(bytes), size: bytes.length, mime: 'application/pdf' });
    assert.deepEqual(new Uint8Array(await store.get(put.sha256)), bytes);
    assert.equal(await store.has(put.sha256), true);
    assert.deepEqual(await store.put(bytes, 'application/pdf'), put, 'the same content again is the same object');
    const listed = [];
    for await (const f of store.list()) listed.push(f.sha256);
    assert.deepEqual(listed, [put.sha256]);
    await store.delete(put.sha256);
    assert.equal(await store.has(put.sha256), false);
    await assert.rejects(store.get(put.sha256), (err) => err instanceof StoredFileMissingError && err.sha256 === put.sha256);
  });

  it('lists page after page', async () => {
    const many = Array.from({ length: 11 }, (_, i) => new TextEncoder().encode(`file ${i}`));
    for (const b of many) await store.put(b, 'text/plain');
    const listed: string[] = [];
    for await (const f of new S3FileStore(config, { listPageSize: 3 }).list()) listed.push(f.sha256);
    assert.deepEqual(listed, many.map((b) => sha256Of(b)).sort());
    for (const b of many) await store.delete(sha256Of(b));
  });

  it('fails loudly for credentials the server does not know', async () => {
    const stranger = new S3FileStore({ ...config, accessKeyId: 'NOBODY' });
    await assert.rejects(stranger.put(PNG, 'image/png'), /403 InvalidAccessKeyId/);
  });

  describe('behind the routes', () => {
    let t: TestApp;
    const previous = fileStore();
    before(async () => {
      t = await startTestApp();
      useFileStore(store);
    });
    after(async () => {
      useFileStore(previous);
      await t.close();
    });

    it('keeps an upload in the bucket and serves it back through the same API', async () => {
      const db = t.database.db;
      const station = await db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow();
      const category = await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow();
      const photo = await photoOfItsOwn(9, 4);
      const res = await t.app.inject({
        method: 'POST', url: '/api/public/opinions', remoteAddress: '203.0.113.72',
        payload: { stationId: station.id, categoryId: category.id, content: '照片存到对象存储', photos: [{ data: photo.toString('base64') }] },
      });
      assert.equal(res.statusCode, 201, res.body);
      const row = await db.selectFrom('opinion_photo as p').innerJoin('opinion as o', 'o.id', 'p.opinion_id').select(['p.id', 'p.opinion_id', 'p.sha256'])
        .where('o.tracking_code', '=', res.json<{ trackingCode: string }>().trackingCode).executeTakeFirstOrThrow();
      assert.equal(row.sha256, sha256Of(photo));
      assert.equal(await store.has(row.sha256), true);
      assert.equal(await previous.has(row.sha256), false, 'not on the filesystem');
      const got = await (await signIn(t.app, 'huangtian')).get(`/api/cases/${row.opinion_id}/photos/${row.id}`);
      assert.equal(got.statusCode, 200);
      assert.deepEqual(got.rawPayload, photo);
    });
  });
});
