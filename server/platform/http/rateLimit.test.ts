import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { Redis } from 'ioredis';
import type { FastifyInstance as App } from 'fastify';
import { buildTestApp, startTestApp, type TestApp } from '../../testing/harness.js';
import { serverUrl } from '../../testing/database.js';
import { openPostgres, type Database } from '../db/engine.js';
import { countRequest, sweepRateLimits } from './rateLimit.js';

/** POST /api/public/opinions/lookup allows 10 requests per address in 10 minutes; a bad body still counts. */
const LIMITED = '/api/public/opinions/lookup';
const MAX = 10;
const REDIS_URL = 'redis://127.0.0.1:6379';

/** A client address no other run shares (the counters outlive a test run in Redis). */
const freshAddress = () => `127.${[...randomBytes(3)].join('.')}`;

function lookup(app: App, remoteAddress: string) {
  return app.inject({ method: 'POST', url: LIMITED, payload: {}, remoteAddress });
}

/** Sends `n` requests from one address, alternating between the apps; the status codes in order. */
async function alternate(apps: App[], remoteAddress: string, n: number): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < n; i++) codes.push((await lookup(apps[i % apps.length]!, remoteAddress)).statusCode);
  return codes;
}

async function redisAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.connect(6379, '127.0.0.1');
  });
}

describe('request limits shared by app nodes', () => {
  let t: TestApp;
  /** A second app on the same database: its own connection pool on PostgreSQL, the same PGlite otherwise. */
  let second: App;
  let secondDatabase: Database | null = null;
  before(async () => {
    t = await startTestApp();
    if (t.database.engine === 'postgres') {
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.database.db);
      secondDatabase = await openPostgres(serverUrl(process.env.DATABASE_URL!, rows[0]!.name));
    }
    second = await buildTestApp(secondDatabase ?? t.database, t.config);
  });
  after(async () => {
    await second.close();
    await secondDatabase?.close();
    await t.close();
  });

  it('counts the requests to both apps against one limit', async () => {
    const address = freshAddress();
    const codes = await alternate([t.app, second], address, MAX + 4);
    assert.equal(codes.filter((c) => c !== 429).length, MAX, codes.join(' '));
    assert.deepEqual(codes.slice(MAX), [429, 429, 429, 429]);
    const refused = await lookup(second, address);
    assert.equal(refused.json().error.code, 'RATE_LIMITED');
    assert.ok(Number(refused.headers['retry-after']) > 500, 'the window of ten minutes is nearly all left');
    // Another address, and another route, have their own counters.
    assert.equal((await lookup(t.app, freshAddress())).statusCode, 400);
    const other = await t.app.inject({ method: 'GET', url: '/api/public/stations', remoteAddress: address });
    assert.notEqual(other.statusCode, 429);
  });

  it('holds under concurrent requests to both apps', async () => {
    const address = freshAddress();
    const answers = await Promise.all(Array.from({ length: 3 * MAX }, (_, i) => lookup(i % 2 ? second : t.app, address)));
    assert.equal(answers.filter((a) => a.statusCode !== 429).length, MAX);
  });

  it('opens a new window once the last has ended, and the housekeeping deletes ended windows', async () => {
    const db = t.database.db;
    const key = `test-${randomBytes(4).toString('hex')}`;
    const at = new Date('2031-03-01T08:00:00Z');
    assert.deepEqual(await countRequest(db, key, 60_000, at), { current: 1, ttl: 60_000 });
    assert.deepEqual(await countRequest(db, key, 60_000, new Date(at.getTime() + 20_000)), { current: 2, ttl: 40_000 });
    assert.deepEqual(await countRequest(db, key, 60_000, new Date(at.getTime() + 60_000)), { current: 1, ttl: 60_000 });
    const counts = await Promise.all(Array.from({ length: 20 }, () => countRequest(db, key, 60_000, new Date(at.getTime() + 61_000))));
    assert.deepEqual(counts.map((c) => c.current).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 2), 'every request counted once');

    const other = `test-${randomBytes(4).toString('hex')}`;
    await countRequest(db, other, 600_000, at);
    assert.ok(await sweepRateLimits(db, new Date(at.getTime() + 120_001)) >= 1);
    const left = await db.selectFrom('rate_limit').select('key').where('key', 'in', [key, other]).execute();
    assert.deepEqual(left.map((r) => r.key), [other], 'the ten-minute window is still open');
  });

  it('keeps the counters in Redis when REDIS_URL is set, shared by both apps', async (ctx) => {
    if (!(await redisAnswers())) {
      ctx.skip('no Redis on 127.0.0.1:6379');
      return;
    }
    const config = { ...t.config, redisUrl: REDIS_URL };
    const apps = [await buildTestApp(t.database, config), await buildTestApp(secondDatabase ?? t.database, config)];
    const address = freshAddress();
    const redis = new Redis(REDIS_URL);
    try {
      const before = await t.database.db.selectFrom('rate_limit').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const codes = await alternate(apps, address, MAX + 3);
      assert.equal(codes.filter((c) => c !== 429).length, MAX, codes.join(' '));
      const keys = await redis.keys(`lianxin:rate:*${address}`);
      assert.equal(keys.length, 1, 'one counter in Redis');
      assert.equal(Number(await redis.get(keys[0]!)), MAX + 3);
      const afterwards = await t.database.db.selectFrom('rate_limit').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(afterwards.n, before.n, 'nothing counted in the database');
      await redis.del(...keys);
    } finally {
      redis.disconnect();
      for (const app of apps) await app.close();
    }
  });
});
