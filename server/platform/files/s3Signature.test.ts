import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import aws4 from 'aws4';
import { S3FileStore, sha256Of, StoredFileMissingError, type S3Config } from './index.js';

/**
 * The S3 store's Signature Version 4 checked by a server that recomputes it: moto's S3 server
 * (Python, `pip install "moto[server]"`) with its IAM authentication switched on. s3rver, the
 * other local server, does not recompute version-4 signatures. Skipped where moto is not installed.
 */
const hasMoto = spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

describe('the S3 store\'s request signatures, against a server that checks them', { skip: hasMoto ? false : 'moto_server is not installed' }, () => {
  let moto: ChildProcess;
  let host: string;
  let config: S3Config;

  /** A request before authentication is switched on (setting up the bucket and the key). */
  const setUp = async (method: string, path: string, body?: string) => {
    const signed = aws4.sign({
      host, path, method, service: path === '/' ? 'iam' : 's3', region: 'us-east-1',
      ...(body ? { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } } : {}),
    }, { accessKeyId: 'AKIASETUP', secretAccessKey: 'setup' });
    const headers = Object.fromEntries(Object.entries(signed.headers ?? {}).filter(([k]) => !/^(host|content-length)$/i.test(k)).map(([k, v]) => [k, String(v)]));
    const res = await fetch(`http://${host}${path}`, { method, headers, ...(body ? { body } : {}) });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return text;
  };

  before(async () => {
    const port = await freePort();
    host = `127.0.0.1:${port}`;
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    for (let i = 0; ; i++) {
      const up = await fetch(`http://${host}/moto-api/`).then(() => true, () => false);
      if (up) break;
      assert.ok(i < 100, 'moto_server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    await setUp('PUT', '/lianxin-files');
    const iam = (params: Record<string, string>) => setUp('POST', '/', new URLSearchParams({ ...params, Version: '2010-05-08' }).toString());
    await iam({ Action: 'CreateUser', UserName: 'lianxin' });
    await iam({
      Action: 'PutUserPolicy', UserName: 'lianxin', PolicyName: 'files',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
    });
    const key = await iam({ Action: 'CreateAccessKey', UserName: 'lianxin' });
    config = {
      endpoint: `http://${host}`, bucket: 'lianxin-files', region: 'us-east-1',
      accessKeyId: /<AccessKeyId>([^<]+)/.exec(key)![1]!, secretAccessKey: /<SecretAccessKey>([^<]+)/.exec(key)![1]!,
    };
    // From here on every request must carry a valid signature of a known key.
    const res = await fetch(`http://${host}/moto-api/reset-auth`, { method: 'POST', body: '0' });
    assert.equal(res.status, 200);
  });
  after(() => { moto?.kill(); });

  it('signs puts, reads, checks and deletes so that the server accepts them', async () => {
    const store = new S3FileStore(config);
    const bytes = new TextEncoder().encode('%PDF-1.7 签名校验');
    const put = await store.put(bytes, 'application/pdf');
    assert.equal(put.sha256, sha256Of(bytes));
    assert.deepEqual(new Uint8Array(await store.get(put.sha256)), bytes);
    assert.equal(await store.has(put.sha256), true);
    await store.delete(put.sha256);
    await assert.rejects(store.get(put.sha256), StoredFileMissingError);
  });

  it('is refused with a wrong secret', async () => {
    const wrong = new S3FileStore({ ...config, secretAccessKey: `${config.secretAccessKey}x` });
    await assert.rejects(wrong.put(new TextEncoder().encode('x'), 'text/plain'), /403 SignatureDoesNotMatch/);
  });
});
