import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { acceptedEncoding, registerCompression, textBytesAtLeast } from './compression.js';
import { registerWebApp } from './webApp.js';

describe('compressed and cached answers', () => {
  describe('the built web clients', () => {
    let dir: string;
    let app: FastifyInstance;
    const script = `console.log(${JSON.stringify('连心桥 '.repeat(2000))});\n`;
    before(async () => {
      // A build as vite.config.ts writes it: hashed assets with their .br and .gz copies, two shells.
      dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-web-'));
      mkdirSync(path.join(dir, 'assets'));
      mkdirSync(path.join(dir, 'm'));
      writeFileSync(path.join(dir, 'assets', 'public-AbC123.js'), script);
      writeFileSync(path.join(dir, 'assets', 'public-AbC123.js.br'), brotliCompressSync(script));
      writeFileSync(path.join(dir, 'assets', 'public-AbC123.js.gz'), gzipSync(script));
      writeFileSync(path.join(dir, 'assets', 'logo-Xy9.png'), Buffer.alloc(4096, 7));
      const shell = `<!doctype html><html><head><title>连心桥</title></head><body><div id="root"></div>${'<!-- padding -->'.repeat(100)}</body></html>`;
      writeFileSync(path.join(dir, 'index.html'), shell);
      writeFileSync(path.join(dir, 'm', 'index.html'), shell);
      app = Fastify();
      registerCompression(app);
      const pages = await registerWebApp(app, dir);
      app.setNotFoundHandler((request, reply) => { if (!pages(request, reply)) reply.status(404).send({ error: 'none' }); });
      await app.ready();
    });
    after(async () => { await app.close(); rmSync(dir, { recursive: true, force: true }); });

    it('sends the brotli or gzip copy the browser accepts, cached for a year as immutable', async () => {
      const br = await app.inject({ url: '/assets/public-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      assert.equal(br.statusCode, 200);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.match(String(br.headers['content-type']), /javascript/);
      assert.match(String(br.headers.vary), /accept-encoding/i);
      assert.match(String(br.headers['cache-control']), /max-age=31536000/);
      assert.match(String(br.headers['cache-control']), /immutable/);
      assert.equal(brotliDecompressSync(br.rawPayload).toString(), script);
      assert.ok(br.rawPayload.length < script.length / 5);

      const gz = await app.inject({ url: '/assets/public-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(gz.rawPayload).toString(), script);

      const plain = await app.inject({ url: '/assets/public-AbC123.js', headers: { 'accept-encoding': 'identity' } });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.body, script);
      assert.match(String(plain.headers.vary), /accept-encoding/i);
    });

    it('leaves an image as it is', async () => {
      const png = await app.inject({ url: '/assets/logo-Xy9.png', headers: { 'accept-encoding': 'br, gzip' } });
      assert.equal(png.statusCode, 200);
      assert.equal(png.headers['content-encoding'], undefined);
      assert.equal(png.rawPayload.length, 4096);
    });

    it('sends the page shells uncached and compressed', async () => {
      for (const url of ['/m/submit?station=1', '/cases']) {
        const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['cache-control'], 'no-cache');
        assert.equal(res.headers['content-encoding'], 'br');
        assert.match(brotliDecompressSync(res.rawPayload).toString(), /id="root"/);
      }
    });
  });

  describe('the API', () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(); });
    after(() => t.close());

    it('compresses a large JSON answer by Accept-Encoding and leaves a small one', async () => {
      const plain = await t.app.inject({ url: '/api/openapi.json' });
      assert.ok(plain.body.length > 10_000);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.match(String(plain.headers.vary), /accept-encoding/i);

      const br = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.match(String(br.headers['content-type']), /application\/json/);
      assert.deepEqual(JSON.parse(brotliDecompressSync(br.rawPayload).toString()), plain.json());
      assert.ok(br.rawPayload.length < plain.body.length / 4, `${br.rawPayload.length} of ${plain.body.length}`);
      assert.equal(Number(br.headers['content-length']), br.rawPayload.length);

      const gz = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.deepEqual(JSON.parse(gunzipSync(gz.rawPayload).toString()), plain.json());

      const small = await t.app.inject({ url: '/api/health', headers: { 'accept-encoding': 'br' } });
      assert.equal(small.statusCode, 200);
      assert.equal(small.headers['content-encoding'], undefined);
    });
  });

  it('tells a text of the threshold\'s bytes in UTF-8 by its length where it can, and counts them where it cannot', () => {
    for (const text of ['a'.repeat(1023), 'a'.repeat(1024), '连'.repeat(341), '连'.repeat(342), '连'.repeat(500), `${'连'.repeat(341)}a`, '😀'.repeat(255), '😀'.repeat(256), '']) {
      assert.equal(textBytesAtLeast(text, 1024), Buffer.byteLength(text) >= 1024, `${text.length} units, ${Buffer.byteLength(text)} bytes`);
    }
  });

  it('reads Accept-Encoding with its weights', () => {
    assert.equal(acceptedEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(acceptedEncoding('gzip;q=1.0, br;q=0'), 'gzip');
    assert.equal(acceptedEncoding('*'), 'br');
    assert.equal(acceptedEncoding('identity'), null);
    assert.equal(acceptedEncoding(undefined), null);
  });
});
