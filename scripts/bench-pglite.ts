/**
 * The embedded database under concurrency: 16 staff members reading their case queue at once,
 * without and with a stream of public submissions (one at a time, each a write transaction),
 * on PGlite in memory with the demo data. Prints the reads' p50/p99 and the writes per second,
 * for the driver's fair queue (reads between transactions) and for the plain first-come queue,
 * alternating in rounds.
 *
 *   npm run bench:pglite
 *   BENCH_SECONDS=20 BENCH_ROUNDS=3 BENCH_READERS=16 npm run bench:pglite
 */
import { loadavg } from 'node:os';
import { buildApp, type App } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import { openPGlite, type Database } from '../server/platform/db/engine.js';
import type { PGliteQueue } from '../server/platform/db/pgliteDialect.js';
import { signIn } from '../server/testing/harness.js';
import { percentile, pgliteDemoTemplate } from './benchKit.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const READERS = Number(process.env.BENCH_READERS ?? 16);
const CASES = Number(process.env.BENCH_CASES ?? 300);

const config = { ...loadConfig({}), logLevel: 'error', requestLog: 'errors' as const };
const blob = await pgliteDemoTemplate();

/** A copy of the demo database whose driver queues by `queue`, and the app over it. */
async function open(queue: PGliteQueue): Promise<{ database: Database; app: App }> {
  const database = await openPGlite(null, blob, undefined, false, queue);
  return { database, app: await buildApp({ database, config }) };
}
const setups: Record<PGliteQueue, { database: Database; app: App }> = { fifo: await open('fifo'), fair: await open('fair') };
const db = setups.fair.database.db;

const category = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
const station = (await db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow()).id;
let submitted = 0;
async function submit(app: App): Promise<void> {
  const i = submitted++;
  const res = await app.inject({
    method: 'POST', url: '/api/public/opinions', remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    payload: { stationId: station, categoryId: category, content: `并发测试提交 ${i}:村口路灯不亮`, name: '测试', phone: '13800000000' },
  });
  if (res.statusCode !== 201) throw new Error(`submission: ${res.statusCode} ${res.body}`);
}
// Enough cases in each copy that the county's first page is a full page of 50.
for (const { app } of Object.values(setups)) for (let i = 0; i < CASES; i++) await submit(app);

const pct = (xs: number[], p: number) => percentile([...xs].sort((a, b) => a - b), p);

async function scenario(queue: PGliteQueue, writes: boolean) {
  const { app, database } = setups[queue];
  const stats = database.pgliteStats!;
  const before = { ...stats };
  const readers = await Promise.all(Array.from({ length: READERS }, () => signIn(app, 'pinggui')));
  const reads: number[] = [];
  let written = 0;
  const until = performance.now() + SECONDS * 1000;
  const writer = async () => {
    while (writes && performance.now() < until) {
      await submit(app);
      written++;
    }
  };
  await Promise.all([writer(), ...readers.map(async (reader) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const res = await reader.get('/api/cases?limit=50');
      if (res.statusCode !== 200) throw new Error(`queue: ${res.statusCode} ${res.body}`);
      reads.push(performance.now() - t0);
    }
  })]);
  const held = stats.heldMs - before.heldMs;
  const running = stats.statementMs - before.statementMs;
  return { reads, written, transactions: stats.transactions - before.transactions, held, running };
}

console.log(`PGlite in memory, demo data + ${submitted} submissions; ${READERS} readers of the county queue (first page of 50), ${SECONDS} s per run, ${ROUNDS} rounds`);
const results: Record<string, { reads: number[]; written: number; transactions: number; held: number; running: number }> = {};
for (let round = 0; round < ROUNDS; round++) {
  for (const queue of ['fifo', 'fair'] as const) {
    for (const writes of [false, true]) {
      const key = `${queue} ${writes ? 'reads + one writer' : 'reads only'}`;
      const r = await scenario(queue, writes);
      const sum = (results[key] ??= { reads: [], written: 0, transactions: 0, held: 0, running: 0 });
      sum.reads.push(...r.reads);
      sum.written += r.written;
      sum.transactions += r.transactions;
      sum.held += r.held;
      sum.running += r.running;
    }
  }
}
for (const [key, r] of Object.entries(results)) {
  const seconds = SECONDS * ROUNDS;
  console.log(`${key.padEnd(26)} reads ${(r.reads.length / seconds).toFixed(1)}/s  p50 ${pct(r.reads, 50).toFixed(0)} ms  p99 ${pct(r.reads, 99).toFixed(0)} ms`
    + (r.written ? `  writes ${(r.written / seconds).toFixed(1)}/s` : '')
    + (r.transactions ? `  a transaction holds the connection ${(r.held / r.transactions).toFixed(1)} ms, its statements run ${(r.running / r.transactions).toFixed(1)} ms of it` : ''));
}
console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const { app, database } of Object.values(setups)) {
  await app.close();
  await database.close();
}
