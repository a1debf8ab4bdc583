/**
 * npm run bench:cpu — node CPU per request of the hot requests, on PostgreSQL, in process.
 *
 * On a fresh database `lianxin_cpu` (or BENCH_DB; BENCH_KEEP=1 keeps it, BENCH_REUSE=1 measures a
 * kept one again) of the PostgreSQL server of DATABASE_URL, with the demo data and BENCH_CASES
 * public submissions (default 200), it builds the application as it serves (answers projected,
 * failed requests logged) and sends each hot request BENCH_REQUESTS times in a row (default 200)
 * through Fastify's `inject`, BENCH_ROUNDS rounds (default 3). CPU per request is the process's
 * user + system time over those requests: the application, the pg driver and the answer's
 * writing, not PostgreSQL's (another process). It prints the median of the rounds.
 *
 * With BENCH_COMPARE=<another checkout> (its dependencies installed or linked, its schema the
 * same), that checkout's application serves the same database in the same process, the two
 * taking turns request set by request set, and the table gives both and their ratio.
 *
 * BENCH_PROFILE=<dir> writes a CPU profile of this checkout's requests, one per request, to see
 * where the time goes (`node --import tsx scripts/cpuprofile-summary.ts <file>` summarises one).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp, type App } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import { idOf, signIn, type Client } from '../server/testing/harness.js';
import { benchDatabase, median } from './benchKit.js';

const NAME = process.env.BENCH_DB ?? 'lianxin_cpu';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CASES = Number(process.env.BENCH_CASES ?? 200);
const REUSE = Boolean(process.env.BENCH_REUSE);
const COMPARE = process.env.BENCH_COMPARE ? path.resolve(process.env.BENCH_COMPARE) : null;
/** BENCH_ONLY=<label word>: measure only the requests whose label contains it. */
const ONLY = process.env.BENCH_ONLY ?? '';
/** BENCH_PROFILE=<dir>: a CPU profile of this checkout's requests, one file per request (<dir>/<label>.cpuprofile). */
const PROFILE = process.env.BENCH_PROFILE;

// The statements each request sends, counted at the pg client (begin and commit included).
let statements: string[] | null = null;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (statements) statements.push(String(typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text).replace(/\s+/g, ' '));
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const bench = await benchDatabase('postgres', NAME, { reuse: REUSE });
const db = bench.database.db;
const nowhere = { write: () => true };
const config = { ...loadConfig({}), logLevel: 'info', requestLog: 'errors' as const };
const build = (fn: typeof buildApp) => fn({ database: bench.database, config, logger: { level: 'info', stream: nowhere } });
const apps: { label: string; app: App }[] = [{ label: 'this checkout', app: await build(buildApp) }];
if (COMPARE) {
  const other = (await import(pathToFileURL(path.join(COMPARE, 'server/app.ts')).href)) as { buildApp: typeof buildApp };
  apps.push({ label: path.basename(COMPARE), app: await build(other.buildApp) });
}

const category = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
const station = await idOf(db, 'station', '平桂区黄田镇人大代表联络站');
let address = Number((await sql<{ n: number }>`select count(*) as n from opinion`.execute(db)).rows[0]!.n) * 7;
const nextAddress = () => { const a = address++; return `10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}`; };
const submission = (i: number) => ({ stationId: station, categoryId: category, content: `CPU 测试提交 ${i}:小区门口积水,路灯不亮`, name: '测试', phone: '13800000000' });
if (!REUSE) {
  for (let i = 0; i < CASES; i++) {
    const res = await apps[0]!.app.inject({ method: 'POST', url: '/api/public/opinions', remoteAddress: nextAddress(), payload: submission(i) });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
}
const receipt = (await apps[0]!.app.inject({ method: 'POST', url: '/api/public/opinions', remoteAddress: nextAddress(), payload: submission(-1) })).json<{ trackingCode: string; queryKey: string }>();
const staff = await Promise.all(apps.map(({ app }) => signIn(app, 'pinggui')));
const caseId = ((await staff[0]!.get('/api/cases?limit=50')).json<{ items: { id: number }[] }>()).items[0]!.id;

interface Request { label: string; url: string; staff?: boolean; post?: boolean }
const requests: Request[] = [
  { label: 'county queue, first page of 50', url: '/api/cases?limit=50', staff: true },
  { label: 'case detail', url: `/api/cases/${caseId}`, staff: true },
  { label: 'public station directory', url: '/api/public/stations' },
  { label: 'county statistics', url: '/api/statistics/cases', staff: true },
  { label: 'public tracking page', url: `/api/public/opinions/${receipt.trackingCode}?key=${encodeURIComponent(receipt.queryKey)}` },
  { label: 'public submission', url: '/api/public/opinions', post: true },
].filter((r) => r.label.includes(ONLY));

let submitted = 0;
async function cpuPerRequest(app: App, client: Client, r: Request, n = REQUESTS): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const res = await app.inject({
      method: r.post ? 'POST' : 'GET', url: r.url, remoteAddress: nextAddress(),
      headers: r.staff ? { cookie: client.cookie } : {}, ...(r.post && { payload: submission(1_000_000 + submitted++) }),
    });
    if (res.statusCode !== (r.post ? 201 : 200)) throw new Error(`${r.url}: ${res.statusCode} ${res.body}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / n;
}

// Compared, both checkouts must answer alike: the measured requests, and the page of every case the staff member and an administrator reach.
if (COMPARE) {
  const admins = await Promise.all(apps.map(({ app }) => signIn(app, 'admin')));
  const ids = (await db.selectFrom('opinion').select('id').orderBy('id').execute()).map((r) => r.id);
  const pages = [...requests.filter((r) => !r.post).map((r) => ({ url: r.url, who: r.staff ? staff : null })), ...ids.flatMap((id) => [{ url: `/api/cases/${id}`, who: staff }, { url: `/api/cases/${id}`, who: admins }])];
  for (const { url, who } of pages) {
    const [a, b] = await Promise.all(apps.map(({ app }, i) => app.inject({ url, remoteAddress: nextAddress(), headers: who ? { cookie: who[i]!.cookie } : {} })));
    if (a!.statusCode !== b!.statusCode || a!.body !== b!.body) throw new Error(`${url}: the checkouts answer differently\n${a!.statusCode} ${a!.body}\n${b!.statusCode} ${b!.body}`);
  }
  console.log(`Both checkouts give the same answers (${pages.length} requests, ${ids.length} cases).`);
}
console.log(`PostgreSQL ${NAME}, demo data + ${CASES} cases; ${REQUESTS} requests per measure, ${ROUNDS} rounds, median of the rounds; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
// Warm up: every request once per app (statements prepared, schemas compiled).
for (const r of requests) for (const [i, { app }] of apps.entries()) {
  const res = await app.inject({ method: r.post ? 'POST' : 'GET', url: r.url, remoteAddress: nextAddress(), headers: r.staff ? { cookie: staff[i]!.cookie } : {}, ...(r.post && { payload: submission(-2) }) });
  if (res.statusCode >= 300) throw new Error(`${r.url}: ${res.statusCode} ${res.body}`);
}
const rows: string[] = [];
const counts = new Map<string, number>();
for (const r of requests) {
  statements = [];
  await cpuPerRequest(apps[0]!.app, staff[0]!, { ...r }, 1);
  counts.set(r.label, statements.length);
  if (process.env.BENCH_STATEMENTS) for (const [i, s] of statements.entries()) console.log(`  ${r.label} ${i + 1}. ${s.length > 300 ? `${s.slice(0, 300)}…` : s}`);
  statements = null;
}
for (const r of requests) {
  const figures: number[][] = apps.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...apps.keys()].reverse() : [...apps.keys()];
    for (const i of order) figures[i]!.push(await cpuPerRequest(apps[i]!.app, staff[i]!, r));
  }
  if (PROFILE) {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    await cpuPerRequest(apps[0]!.app, staff[0]!, r);
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path.join(PROFILE, `${r.label.replace(/[^a-z0-9]+/gi, '_')}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
  const m = figures.map(median);
  const line = `| ${r.label} | ${counts.get(r.label)} | ${m.map((x) => `${x.toFixed(2)} ms`).join(' | ')}${m.length > 1 ? ` | ${(m[0]! / m[1]!).toFixed(2)} |` : ' |'}`;
  console.log(line);
  rows.push(line);
}
console.log(`\n${new Date().toISOString().slice(0, 16)} UTC, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
console.log(`| request | statements (this checkout) | ${apps.map((a) => `CPU per request, ${a.label}`).join(' | ')}${apps.length > 1 ? ' | ratio |' : ' |'}`);
console.log(`|---|---|${apps.map(() => '---|').join('')}${apps.length > 1 ? '---|' : ''}`);
for (const row of rows) console.log(row);
for (const { app } of apps) await app.close();
await bench.close();
