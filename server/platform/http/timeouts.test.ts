import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { loadConfig } from '../config.js';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '../uploads/imageType.js';

const HEADERS_MS = 600;
const REQUEST_MS = 4_000;
const IDLE_MS = 600;
/** Well past every limit above: a connection still open then was not closed by them. */
const GIVE_UP_MS = 20_000;

interface Conversation { socket: Socket; received: () => string; closed: Promise<number> }

/** A raw connection to the server; `closed` resolves with the ms from connecting to the server closing it. */
async function connect(port: number): Promise<Conversation> {
  const socket = new Socket();
  let received = '';
  const opened = Date.now();
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - opened)));
  socket.on('data', (d: Buffer) => { received += d.toString('latin1'); });
  socket.on('error', () => { /* a reset is a close too */ });
  await new Promise<void>((resolve, reject) => socket.connect(port, '127.0.0.1', resolve).once('error', reject));
  return { socket, received: () => received, closed };
}

/** Writes `parts` one by one, `everyMs` apart, until they are done or the server closes the connection. */
async function trickle(c: Conversation, parts: string[], everyMs: number): Promise<number> {
  let sent = 0;
  for (const part of parts) {
    if (c.socket.destroyed || c.socket.writableEnded) break;
    c.socket.write(part);
    sent++;
    await sleep(everyMs);
  }
  return sent;
}

/** Resolves with the ms until close, or null when the connection is still open after `ms`. */
function closedWithin(c: Conversation, ms: number): Promise<number | null> {
  return Promise.race([c.closed, sleep(ms).then(() => null)]);
}

describe('connection timeouts (LIANXIN_HEADERS_TIMEOUT_MS, LIANXIN_REQUEST_TIMEOUT_MS, LIANXIN_KEEP_ALIVE_TIMEOUT_MS)', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await startTestApp({ headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS, keepAliveTimeoutMs: IDLE_MS });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  after(() => t.close());

  it('has defaults, and takes its settings within bounds', () => {
    const config = loadConfig({});
    assert.deepEqual([config.headersTimeoutMs, config.requestTimeoutMs, config.keepAliveTimeoutMs], [20_000, 120_000, 72_000]);
    assert.equal(loadConfig({ LIANXIN_REQUEST_TIMEOUT_MS: '600000' }).requestTimeoutMs, 600_000);
    assert.throws(() => loadConfig({ LIANXIN_HEADERS_TIMEOUT_MS: '0' }), /LIANXIN_HEADERS_TIMEOUT_MS/);
  });

  it('closes a connection whose headers never end, however steadily they trickle in', async () => {
    const c = await connect(port);
    const lines = ['GET /api/health HTTP/1.1\r\nHost: localhost\r\n', ...Array.from({ length: 200 }, (_, i) => `X-Slow-${i}: ${i}\r\n`)];
    const [, closedAfter] = await Promise.all([trickle(c, lines, 100), closedWithin(c, GIVE_UP_MS)]);
    assert.ok(closedAfter !== null, 'still open');
    assert.ok(closedAfter >= HEADERS_MS, `closed after ${closedAfter} ms`);
    assert.doesNotMatch(c.received(), /HTTP\/1\.1 200/);
  });

  it('closes a connection whose body trickles in, byte by byte', async () => {
    const c = await connect(port);
    const body = JSON.stringify({ trackingCode: 'X'.repeat(400) });
    c.socket.write(`POST /api/public/opinions/lookup HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    const [sent, closedAfter] = await Promise.all([trickle(c, [...body], 100), closedWithin(c, GIVE_UP_MS)]);
    assert.ok(closedAfter !== null, 'still open');
    assert.ok(sent < body.length, 'the body was not allowed to finish');
    assert.match(c.received(), /^HTTP\/1\.1 408/);
  });

  it('closes a kept-alive connection left idle after its answer', async () => {
    const c = await connect(port);
    c.socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const closedAfter = await closedWithin(c, GIVE_UP_MS);
    assert.match(c.received(), /^HTTP\/1\.1 200/);
    assert.ok(closedAfter !== null, 'still open');
  });

  it('still takes the largest body a route allows, sent at a normal pace', async () => {
    // Five photos at the size limit, base64 in JSON: the public submission's whole body limit.
    const photo = randomBytes(MAX_PHOTO_BYTES).toString('base64');
    const body = Buffer.from(JSON.stringify({ stationId: 1, categoryId: 1, content: '慢速连接测试', photos: Array.from({ length: MAX_PHOTOS }, () => ({ data: photo })) }));
    assert.ok(body.length > 30 * 1024 * 1024);
    const res = await fetch(`http://127.0.0.1:${port}/api/public/opinions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    // Read in full and answered: the photos are not images (a refusal of the content, not of the connection).
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'VALIDATION_FAILED');
  });
});
