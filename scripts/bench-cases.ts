/**
 * npm run bench:cases — the case workflow at scale, on PostgreSQL.
 *
 * Builds a fresh database `lianxin_bench` (or BENCH_DB) on the server of DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), loads the regions and the demo set, and generates
 * a province as it looks in life (scripts/benchLife.ts): a station in every town of BENCH_PROVINCE
 * (default 330000), their deputies and the counties' units, and BENCH_CASES cases (default
 * 1 000 000) over BENCH_DAYS days (default 730) with ids in submission order, Chinese text and
 * each case where its timeline stands today. It prints how closely id and submission time
 * correlate, then measures through the real application:
 *   - public submissions per second (each one committed: case, photo-less, event, audit, notifications, jobs);
 *   - the staff queue's first page for a station, a county, a city and the province (p50/p99);
 *   - statistics for a county, a city and the whole data set (admin).
 * Prints a Markdown table for docs/BENCHMARKS.md. BENCH_KEEP=1 keeps the database; BENCH_REUSE=1
 * measures a kept one again (migrated to this checkout's schema) without generating;
 * BENCH_GENERATE_ONLY=1 stops after generating.
 *
 * With BENCH_COMPARE=<another checkout> (its dependencies installed or linked), the same data is
 * also served by that checkout's application (its `server/app.ts`): every measure alternates
 * between the two apps run by run, and the table gives both figures and their ratio.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp, type App } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import { Client, signIn } from '../server/testing/harness.js';
import { verifyAuditChain } from '../server/features/audit/index.js';
import { benchDatabase, percentile } from './benchKit.js';
import { benchReaders, BENCH_PASSWORD, generateLife, idTimeCorrelation } from './benchLife.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const PROVINCE = process.env.BENCH_PROVINCE ?? '330000';
const DAYS = Number(process.env.BENCH_DAYS ?? 730);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const NAME = process.env.BENCH_DB ?? 'lianxin_bench';
const COMPARE = process.env.BENCH_COMPARE ? path.resolve(process.env.BENCH_COMPARE) : null;
/** BENCH_REUSE=1: measure the cases a kept database (BENCH_KEEP) already holds, migrated to this checkout's schema. */
const REUSE = Boolean(process.env.BENCH_REUSE);

interface Row { label: string; n: number; p50: number; p99: number; theirs?: { p50: number; p99: number } }

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Runs `ours` n times (and `theirs` as often, alternating with it run by run, when comparing). */
async function timed(label: string, n: number, ours: () => Promise<void>, theirs?: () => Promise<void>): Promise<Row> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const [fn, into] of (theirs ? (i % 2 ? [[theirs, b], [ours, a]] : [[ours, a], [theirs, b]]) : [[ours, a]]) as [() => Promise<void>, number[]][]) {
      const t0 = performance.now();
      await fn();
      into.push(performance.now() - t0);
    }
  }
  const row: Row = { label, n, ...summary(a), ...(theirs && { theirs: summary(b) }) };
  console.log(`${label}: p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms${row.theirs ? ` (other checkout: p50 ${row.theirs.p50.toFixed(1)} ms, p99 ${row.theirs.p99.toFixed(1)} ms)` : ''} (${n} runs)`);
  return row;
}

const started = performance.now();
const bench = await benchDatabase('postgres', NAME, { reuse: REUSE });
const { database } = bench;
const db = database.db;
const t0 = performance.now();
if (!REUSE) {

const life = await generateLife(db, { cases: CASES, province: PROVINCE, days: DAYS });
console.log(`${life.stations} stations, ${life.deputies} deputies, ${life.units} units, ${life.cases} cases`);
}
const generated = (performance.now() - t0) / 1000;
const total = Number((await sql<{ n: number }>`select count(*) as n from opinion`.execute(db)).rows[0]!.n);
const correlation = await idTimeCorrelation(db);
console.log(`generated ${total} cases in ${generated.toFixed(1)} s; correlation of id and submitted_at: ${correlation.toFixed(4)}`);
if (process.env.BENCH_GENERATE_ONLY) {
  await bench.close();
  process.exit(0);
}

const config = { ...loadConfig({}), logLevel: 'error' };
const app = await buildApp({ database, config });
const otherApp: App | null = COMPARE
  ? await ((await import(pathToFileURL(path.join(COMPARE, 'server/app.ts')).href)) as { buildApp: typeof buildApp }).buildApp({ database, config })
  : null;
const { stationCases, cityCases, countyCases, provinceCases } = await benchReaders(app, db, PROVINCE);
const admin = await signIn(app, 'admin');
const staff = await signIn(app, 'benchstaff', BENCH_PASSWORD);
const cityStaff = await signIn(app, 'benchcity', BENCH_PASSWORD);
const provinceStaff = await signIn(app, 'benchprovince', BENCH_PASSWORD);
const officer = await signIn(app, 'benchofficer', BENCH_PASSWORD);
const other = otherApp && {
  admin: await signIn(otherApp, 'admin'), staff: await signIn(otherApp, 'benchstaff', BENCH_PASSWORD), cityStaff: await signIn(otherApp, 'benchcity', BENCH_PASSWORD),
  provinceStaff: await signIn(otherApp, 'benchprovince', BENCH_PASSWORD), officer: await signIn(otherApp, 'benchofficer', BENCH_PASSWORD),
};

// Public submissions, CONCURRENCY at a time, each from its own address.
const category = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
const station = (await db.selectFrom('station').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
// A reused database already holds earlier runs' submissions: number these after them (rate limits are per address).
let next = Number((await sql<{ n: number }>`select count(*) as n from opinion where station_id = ${station} and content like '基准测试提交 %'`.execute(db)).rows[0]!.n);
/** SUBMISSIONS public submissions through `target`, CONCURRENCY at a time; returns the seconds taken. */
async function submit(target: App, count: number): Promise<number> {
  const s0 = performance.now();
  const end = next + count;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let i = next++; i < end; i = next++) {
      const res = await target.inject({
        method: 'POST', url: '/api/public/opinions', remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        payload: { stationId: station, categoryId: category, content: `基准测试提交 ${i}`, name: '测试', phone: '13800000000' },
      });
      if (res.statusCode !== 201) throw new Error(`submission ${i}: ${res.statusCode} ${res.body}`);
    }
  }));
  next = end;
  return (performance.now() - s0) / 1000;
}
// Compared, the two apps take turns in four rounds, a quarter of the submissions each.
let oursSeconds = 0;
let theirsSeconds = 0;
if (otherApp) {
  for (let round = 0; round < 4; round++) {
    oursSeconds += await submit(app, SUBMISSIONS / 4);
    theirsSeconds += await submit(otherApp, SUBMISSIONS / 4);
  }
} else {
  oursSeconds = await submit(app, SUBMISSIONS);
}
const perSecond = (otherApp ? SUBMISSIONS / 2 : SUBMISSIONS) / oursSeconds;
const theirsPerSecond = otherApp ? (SUBMISSIONS / 2) / theirsSeconds : 0;
console.log(`public submissions: ${perSecond.toFixed(0)}/s (${SUBMISSIONS}, concurrency ${CONCURRENCY})${otherApp ? `; other checkout ${theirsPerSecond.toFixed(0)}/s` : ''}`);
const chain = await verifyAuditChain(db);
console.log(`audit log verified after the submissions: ${JSON.stringify(chain)}`);
if (!chain.ok) throw new Error('the audit log does not verify after the submissions');

const get = (client: Client, path: string) => async () => {
  const res = await client.get(path);
  if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
};
const ours = { staff, cityStaff, provinceStaff, officer, admin };
const both = (who: keyof typeof ours, url: string): [() => Promise<void>, (() => Promise<void>) | undefined] =>
  [get(ours[who], url), other ? get(other[who], url) : undefined];
const rows = [
  await timed(`queue, first page, station officer (${stationCases} cases in scope)`, 100, ...both('officer', '/api/cases?limit=50')),
  await timed(`queue, first page, county staff (${countyCases} cases in scope)`, 200, ...both('staff', '/api/cases?limit=50')),
  await timed('queue, open cases only, county staff', 100, ...both('staff', '/api/cases?open=true&limit=50')),
  await timed('queue, first page, admin (whole set)', 100, ...both('admin', '/api/cases?limit=50')),
  await timed('queue, open cases by nearest deadline, county staff', 100, ...both('staff', '/api/cases?open=true&sort=deadline&limit=50')),
  await timed('queue, open cases by nearest deadline, admin (whole set)', 20, ...both('admin', '/api/cases?open=true&sort=deadline&limit=50')),
  await timed('statistics, county', 20, ...both('staff', '/api/statistics/cases')),
  await timed('statistics, whole data set (admin)', 20, ...both('admin', '/api/statistics/cases')),
  await timed('statistics by category, county', 20, ...both('staff', '/api/statistics/cases/by/category')),
  await timed(`queue, first page, city staff (${cityCases} cases in scope)`, 100, ...both('cityStaff', '/api/cases?limit=50')),
  await timed(`queue, first page, province staff (${provinceCases} cases in scope)`, 100, ...both('provinceStaff', '/api/cases?limit=50')),
  await timed('statistics, city', 20, ...both('cityStaff', '/api/statistics/cases')),
  await timed('statistics by station, city', 20, ...both('cityStaff', '/api/statistics/cases/by/station')),
  await timed('statistics by category, whole data set (admin)', 20, ...both('admin', '/api/statistics/cases/by/category')),
];

const pgVersion = (await sql<{ v: string }>`select split_part(version(), ' on ', 1) as v`.execute(db)).rows[0]!.v;
await app.close();
await otherApp?.close();
await bench.close();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nMachine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${pgVersion}; `
  + `${total} cases (correlation of id and submission time ${correlation.toFixed(4)}) in province ${PROVINCE}${REUSE ? '' : ` (generated in ${generated.toFixed(0)} s)`}; `
  + `load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
const ms = (x: { p50: number; p99: number }) => `p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms`;
if (otherApp) {
  console.log(`| measure | this checkout | ${path.basename(COMPARE!)} | ratio of p50 (this ÷ other) |\n|---|---|---|---|`);
  console.log(`| public submissions (durable, concurrency ${CONCURRENCY}) | ${perSecond.toFixed(0)} per second | ${theirsPerSecond.toFixed(0)} per second | ${(theirsPerSecond / perSecond).toFixed(2)} (time per submission) |`);
  for (const r of rows) console.log(`| ${r.label} | ${ms(r)} | ${ms(r.theirs!)} | ${(r.p50 / r.theirs!.p50).toFixed(2)} |`);
} else {
  console.log(`| measure | figure |\n|---|---|`);
  console.log(`| public submissions (durable, concurrency ${CONCURRENCY}) | ${perSecond.toFixed(0)} per second |`);
  for (const r of rows) console.log(`| ${r.label} | ${ms(r)} |`);
}
console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s`);
