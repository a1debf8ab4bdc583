/**
 * CPU per request of the hot read routes, by how answers are written and logged: zod's encoder
 * with a log line per request (as before), the compiled projection with a log line per request,
 * and the projection with the service's default log (failed requests only). Runs in process on
 * PGlite in memory (demo data + BENCH_CASES public submissions), the configurations taking turns
 * in rounds; the database's own CPU is in every figure alike.
 *
 *   npm run bench:serialise
 *   BENCH_REQUESTS=400 BENCH_ROUNDS=3 npm run bench:serialise
 */
import { loadavg } from 'node:os';
import { buildApp, type App } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import { openPGlite } from '../server/platform/db/engine.js';
import type { RequestLogMode } from '../server/platform/http/requestLog.js';
import type { ResponseWriting } from '../server/platform/http/serialize.js';
import { idOf, signIn } from '../server/testing/harness.js';
import { median, pgliteDemoTemplate } from './benchKit.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CASES = Number(process.env.BENCH_CASES ?? 200);

const database = await openPGlite(null, await pgliteDemoTemplate());
const db = database.db;
/** A log destination that throws the lines away: what is measured is making them. */
const nowhere = { write: () => true };

async function appWith(responses: ResponseWriting, requestLog: RequestLogMode): Promise<App> {
  return buildApp({
    database, responses, logger: { level: 'info', stream: nowhere },
    config: { ...loadConfig({}), logLevel: 'info', requestLog },
  });
}
const setups: { label: string; app: App }[] = [
  { label: 'zod encoder, every request logged (before)', app: await appWith('zod', 'all') },
  { label: 'projection, every request logged', app: await appWith('projected', 'all') },
  { label: 'projection, failed requests logged (default)', app: await appWith('projected', 'errors') },
];

const category = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
const station = await idOf(db, 'station', '平桂区黄田镇人大代表联络站');
for (let i = 0; i < CASES; i++) {
  const res = await setups[0]!.app.inject({
    method: 'POST', url: '/api/public/opinions', remoteAddress: `10.9.${(i >> 8) & 255}.${i & 255}`,
    payload: { stationId: station, categoryId: category, content: `序列化测试 ${i}:小区门口积水,路灯不亮`, name: '测试', phone: '13800000000' },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
}
const caseId = (await db.selectFrom('opinion').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;

const routes: { label: string; url: string; staff: boolean }[] = [
  { label: 'public station directory', url: '/api/public/stations', staff: false },
  { label: 'county queue, first page of 50', url: '/api/cases?limit=50', staff: true },
  { label: 'case detail', url: `/api/cases/${caseId}`, staff: true },
];
const staff = await Promise.all(setups.map(({ app }) => signIn(app, 'pinggui')));

/** CPU (user + system) per request, in ms, for REQUESTS requests in a row, each from its own address (the public routes are rate-limited per address). */
let address = 0;
async function cpuPerRequest(app: App, url: string, cookie: string | null): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) {
    const a = address++;
    const res = await app.inject({ url, remoteAddress: `10.7.${(a >> 8) & 255}.${a & 255}`, headers: cookie ? { cookie } : {} });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / REQUESTS;
}

console.log(`PGlite in memory, demo data + ${CASES} cases; ${REQUESTS} requests per measure, ${ROUNDS} rounds, median of the rounds`);
for (const route of routes) {
  const bytes = (await staff[0]!.get(route.url)).body.length;
  const figures: number[][] = setups.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, { app }] of setups.entries()) figures[i]!.push(await cpuPerRequest(app, route.url, route.staff ? staff[i]!.cookie : null));
  }
  const before = median(figures[0]!);
  console.log(`\n${route.label} (${route.url}, ${(bytes / 1024).toFixed(1)} KiB)`);
  for (const [i, { label }] of setups.entries()) {
    const cpu = median(figures[i]!);
    console.log(`  ${label.padEnd(46)} ${cpu.toFixed(2)} ms CPU per request  (${(cpu / before).toFixed(2)}×)`);
  }
}
console.log(`\nload average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const { app } of setups) await app.close();
await database.close();
