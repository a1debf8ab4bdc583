/**
 * npm run bench:queue-plans — the case queue's two plans side by side on a kept benchmark database
 * (BENCH_DB, default lianxin_bench; made by `BENCH_KEEP=1 npm run bench:cases`): for the officer
 * of a station and the staff of a county, a city and the province (scripts/benchLife.ts), the
 * first page newest first, sorted from the reader's own index (narrow) and walking the primary key
 * (wide), alternating run by run, each with PostgreSQL's parallel workers (2 per gather) and
 * without; then the plan the queue chooses. Prints a Markdown table; asserts nothing.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/platform/config.js';
import { loadActor } from '../server/platform/access/actors.js';
import type { DB } from '../server/platform/db/schema.js';
import { listCases } from '../server/features/cases/queries.js';
import { narrowCaseScope } from '../server/features/cases/scopeSize.js';
import { benchDatabase, BENCH_SERVER, percentile } from './benchKit.js';
import { benchReaders } from './benchLife.js';

const NAME = process.env.BENCH_DB ?? 'lianxin_bench';
const PROVINCE = process.env.BENCH_PROVINCE ?? '330000';
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

const bench = await benchDatabase('postgres', NAME, { reuse: true });
const app = await buildApp({ database: bench.database, config: { ...loadConfig({}), logLevel: 'error' } });
const scopes = await benchReaders(app, bench.database.db, PROVINCE);
await app.close();
/** One connection per setting of parallel workers, so the setting holds for every statement. */
const connection = async (workers: number) => {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: BENCH_SERVER.replace(/\/[^/]*$/, `/${NAME}`), max: 1, options: `-c jit=off -c max_parallel_workers_per_gather=${workers}` }) }) });
  await sql`select 1`.execute(db);
  return db;
};
const serial = await connection(0);
const parallel = await connection(2);
const readers: [string, string, number][] = [
  ['station officer', 'benchofficer', scopes.stationCases], ['county staff', 'benchstaff', scopes.countyCases],
  ['city staff', 'benchcity', scopes.cityCases], ['province staff', 'benchprovince', scopes.provinceCases],
];
const ms = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)}, p99 ${percentile(s, 99).toFixed(1)}`;
};
const rows: string[] = [];
for (const [label, username, cases] of readers) {
  const actor = await loadActor(serial, (await serial.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
  const chosen = await narrowCaseScope(serial, actor);
  const variants = [['narrow', serial, true], ['wide', serial, false], ['narrow, parallel', parallel, true], ['wide, parallel', parallel, false]] as const;
  const times = new Map<string, number[]>(variants.map(([v]) => [v, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [v, db, narrow] of i % 2 ? [...variants].reverse() : variants) {
      const t0 = performance.now();
      await listCases(db, actor, { limit: 50 }, null, narrow);
      times.get(v)!.push(performance.now() - t0);
    }
  }
  const line = `| ${label} (${cases} cases) | ${variants.map(([v]) => ms(times.get(v)!)).join(' | ')} | ${chosen ? 'narrow' : 'wide'} |`;
  console.log(line);
  rows.push(line);
}
await serial.destroy();
await parallel.destroy();
await bench.close();
console.log(`\n${os.cpus().length} × ${os.cpus()[0]?.model}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; ${RUNS} runs each, ms\n`);
console.log('| reader | narrow | wide | narrow, parallel | wide, parallel | chosen |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
