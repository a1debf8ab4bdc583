/**
 * The embedded database under concurrency, as a server sees it: 16 staff members reading their
 * case queue at once over HTTP, without and with one constituent sending public submissions
 * one after another (each a write transaction that commits with fsync, as the embedded
 * default does), for the driver's first-come queue and its fair queue, alternating in rounds.
 *
 * The server runs in this process on a PGlite data directory made from the demo data (fsync
 * on), listening on a local port; the clients run in a child process and speak HTTP with
 * kept-alive connections. Requests sent in process (`inject`) would not do: with the database
 * in the same thread, a stream of them never lets the event loop reach its I/O phase, and a
 * request whose body is read from a stream (a submission) would wait until the readers stop.
 *
 *   npm run bench:pglite
 *   BENCH_SECONDS=30 BENCH_ROUNDS=3 BENCH_READERS=16 npm run bench:pglite
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const READERS = Number(process.env.BENCH_READERS ?? 16);
const CASES = Number(process.env.BENCH_CASES ?? 300);

/** What the client process is asked to do, and what it answers. */
interface Job { base: string; cookie: string; seconds: number; readers: number; writes: boolean; stationId: number; categoryId: number; first: number }
interface Measured { reads: number[]; writes: number[] }

/** The client side: `readers` loops reading the queue's first page, and one writing loop if asked. */
async function client(job: Job): Promise<Measured> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.readers + 1 });
  const send = (method: string, url: string, headers: Record<string, string>, body?: string) => new Promise<number>((resolve, reject) => {
    const req = http.request(job.base + url, { method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
  const until = performance.now() + job.seconds * 1000;
  const reads: number[] = [];
  const writes: number[] = [];
  let n = job.first;
  const writer = async () => {
    while (job.writes && performance.now() < until) {
      const i = n++;
      const body = JSON.stringify({ stationId: job.stationId, categoryId: job.categoryId, content: `并发测试提交 ${i}:村口路灯不亮`, name: '测试', phone: '13800000000' });
      const t0 = performance.now();
      const status = await send('POST', '/api/public/opinions', {
        'content-type': 'application/json', 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      }, body);
      if (status !== 201) throw new Error(`submission: ${status}`);
      writes.push(performance.now() - t0);
    }
  };
  await Promise.all([writer(), ...Array.from({ length: job.readers }, async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const status = await send('GET', '/api/cases?limit=50', { cookie: job.cookie, 'accept-encoding': 'identity' });
      if (status !== 200) throw new Error(`queue: ${status}`);
      reads.push(performance.now() - t0);
    }
  })]);
  agent.destroy();
  return { reads, writes };
}

if (process.env.BENCH_PGLITE_CLIENT) {
  process.send!(await client(JSON.parse(process.env.BENCH_PGLITE_CLIENT) as Job));
  process.exit(0);
}

const { buildApp } = await import('../server/app.js');
const { loadConfig } = await import('../server/platform/config.js');
const { openPGlite } = await import('../server/platform/db/engine.js');
const { signIn } = await import('../server/testing/harness.js');
const { percentile, pgliteDemoTemplate } = await import('./benchKit.js');
type PGliteQueue = import('../server/platform/db/pgliteDialect.js').PGliteQueue;

// As in production: the nearest proxy's X-Forwarded-For names the client (each submission its own address, under the rate limit).
const config = { ...loadConfig({}), logLevel: 'error', requestLog: 'errors' as const, trustProxy: 1 };
const blob = await pgliteDemoTemplate();
const dirs: string[] = [];

/** A copy of the demo data in a data directory of its own, fsync on, whose driver queues by `queue`, served on a local port. */
async function open(queue: PGliteQueue) {
  const dir = mkdtempSync(path.join(tmpdir(), `lianxin-bench-pglite-${queue}-`));
  dirs.push(dir);
  const database = await openPGlite(dir, blob, undefined, true, queue);
  const app = await buildApp({ database, config });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { database, app, base: `http://127.0.0.1:${address.port}` };
}
const setups = { fifo: await open('fifo'), fair: await open('fair') };
const db = setups.fair.database.db;
const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
const stationId = (await db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow()).id;

let submitted = 0;
// Enough cases in each copy that the county's first page is a full page of 50.
for (const { app } of Object.values(setups)) {
  for (let i = 0; i < CASES; i++) {
    const res = await app.inject({
      method: 'POST', url: '/api/public/opinions', remoteAddress: `10.200.${(submitted >> 8) & 255}.${submitted & 255}`,
      payload: { stationId, categoryId, content: `并发测试提交 ${submitted++}:村口路灯不亮`, name: '测试', phone: '13800000000' },
    });
    if (res.statusCode !== 201) throw new Error(`submission: ${res.statusCode} ${res.body}`);
  }
}
const cookies = { fifo: (await signIn(setups.fifo.app, 'pinggui')).cookie, fair: (await signIn(setups.fair.app, 'pinggui')).cookie };

function runClient(job: Job): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, [], { env: { ...process.env, BENCH_PGLITE_CLIENT: JSON.stringify(job) } });
    child.once('message', (m) => resolve(m as Measured));
    child.once('exit', (code) => { if (code !== 0) reject(new Error(`the client exited with ${code}`)); });
  });
}

const pct = (xs: number[], p: number) => (xs.length ? percentile([...xs].sort((a, b) => a - b), p) : NaN);

async function scenario(queue: PGliteQueue, writes: boolean) {
  const { base, database } = setups[queue];
  const stats = database.pgliteStats!;
  const before = { ...stats };
  const measured = await runClient({ base, cookie: cookies[queue], seconds: SECONDS, readers: READERS, writes, stationId, categoryId, first: 1_000_000 + submitted });
  submitted += measured.writes.length;
  return {
    ...measured,
    transactions: stats.transactions - before.transactions,
    held: stats.heldMs - before.heldMs,
    running: stats.statementMs - before.statementMs,
  };
}

console.log(`PGlite on a data directory (fsync on), demo data + ${CASES} submissions per copy; over HTTP, ${READERS} readers of the county queue (first page of 50), `
  + `and one writer of public submissions in the second run of each; ${SECONDS} s per run, ${ROUNDS} rounds, the queues taking turns`);
type Sum = { reads: number[]; writes: number[]; transactions: number; held: number; running: number };
const results: Record<string, Sum> = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const queue of (round % 2 ? ['fair', 'fifo'] : ['fifo', 'fair']) as PGliteQueue[]) {
    for (const writes of [false, true]) {
      const r = await scenario(queue, writes);
      const sum = (results[`${queue} ${writes ? 'reads + one writer' : 'reads only'}`] ??= { reads: [], writes: [], transactions: 0, held: 0, running: 0 });
      sum.reads.push(...r.reads);
      sum.writes.push(...r.writes);
      sum.transactions += r.transactions;
      sum.held += r.held;
      sum.running += r.running;
    }
  }
  console.log(`round ${round + 1} done; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
const seconds = SECONDS * ROUNDS;
for (const key of ['fifo reads only', 'fifo reads + one writer', 'fair reads only', 'fair reads + one writer']) {
  const r = results[key]!;
  console.log(`${key.padEnd(24)} reads ${(r.reads.length / seconds).toFixed(1)}/s, p50 ${pct(r.reads, 50).toFixed(0)} ms, p99 ${pct(r.reads, 99).toFixed(0)} ms`
    + (r.writes.length ? `; writes ${(r.writes.length / seconds).toFixed(1)}/s, p50 ${pct(r.writes, 50).toFixed(0)} ms, p99 ${pct(r.writes, 99).toFixed(0)} ms` : '')
    + (r.transactions ? `; a transaction holds the connection ${(r.held / r.transactions).toFixed(1)} ms, its statements run ${(r.running / r.transactions).toFixed(1)} ms of it` : ''));
}
console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const { app, database } of Object.values(setups)) {
  await app.close();
  await database.close();
}
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
