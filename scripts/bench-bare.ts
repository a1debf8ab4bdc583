/**
 * npm run bench:bare — Lianxin's hot requests against the bare limit, on PostgreSQL.
 *
 * On a database kept by `bench:cases` (BENCH_DB, default lianxin_bench, run with BENCH_KEEP=1;
 * brought to this checkout's schema first), it starts Lianxin as it runs in production
 * (`server/main.ts`) and the minimal Fastify + pg server of
 * scripts/bareServer.ts, checks that both give the same answers, then loads each hot request
 * with `wrk` (BENCH_CONNECTIONS connections, default 16, for BENCH_SECONDS, default 5), the two
 * servers taking turns, BENCH_ROUNDS rounds (default 3). It prints, per request, the requests
 * per second of both, the ratio Lianxin ÷ bare, and the node CPU per request of each (user +
 * system time of the server process over the requests it answered). The public submission is
 * compared twice: with the bare server's fewest statements, and with it sending as many
 * statements as Lianxin does (counted first, as `bench:statements` does). A case's page and the
 * tracking page are compared twice too: with the bare server's own smaller queries, and with it
 * sending Lianxin's own statements for them, as Lianxin compiles them for the same reader
 * (captured from Lianxin's code before the servers start), so that what is left is node's work.
 *
 * Lianxin's job worker is off (LIANXIN_WORKER=0, as on web nodes whose worker runs in a process of
 * its own): the bare server writes the same delivery jobs and delivers none, and a worker in the
 * same process would charge the deliveries of earlier submissions to the ones measured.
 * BENCH_WORKER=1 runs it in Lianxin's process, as a single-process installation does.
 *
 * With BENCH_COMPARE=<another checkout> (its dependencies installed or linked, its schema the
 * same), that checkout's Lianxin is measured in the same turns too: before and after a change.
 *
 * Needs wrk (scripts/install-system-deps.sh). Public requests come from a new address each
 * (X-Forwarded-For, both servers trusting it), so the rate limits count but do not refuse.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { benchDatabase, BENCH_SERVER, median, submissionStatements } from './benchKit.js';
import type { SameStatement } from './bareServer.js';
import { serverUrl } from '../server/testing/database.js';
import { BENCH_PASSWORD } from './benchLife.js';
import type { DB } from '../server/platform/db/schema.js';
import { loadActor } from '../server/platform/access/actors.js';
import { getCase, getPublicCase } from '../server/features/cases/queries.js';

const NAME = process.env.BENCH_DB ?? 'lianxin_bench';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ROOT = path.resolve(import.meta.dirname, '..');
const COMPARE = process.env.BENCH_COMPARE ? path.resolve(process.env.BENCH_COMPARE) : null;
const url = serverUrl(BENCH_SERVER, NAME);
/** The text of every case this benchmark submits. */
const SUBMITTED = '基准测试提交';

if (spawnSync('wrk', ['--version']).error) throw new Error('wrk is missing: bash scripts/install-system-deps.sh');

// The schema of this checkout, and copies of the tables the bare "same statements" submission writes.
const bench = await benchDatabase('postgres', NAME, { reuse: true });
const db = bench.database.db;
const staffRow = await db.selectFrom('account').select(['id', 'region_code']).where('username', '=', 'benchstaff').executeTakeFirst();
if (!staffRow) throw new Error(`${NAME} has no bench accounts: make it with BENCH_DB=${NAME} BENCH_KEEP=1 npm run bench:cases`);
/** The bench's county staff, as Lianxin's code knows them, for the statements of a case's page. */
const reader = await loadActor(db, staffRow.id);
for (const table of ['notification', 'outbox', 'job', 'audit_log', 'audit_chain']) {
  await sql.raw(`drop table if exists bare_${table}; drop sequence if exists bare_${table}_id;
    create table bare_${table} (like ${table} including all)`).execute(db);
}
// The audit log's ids come from a sequence of its own: the copy takes none of them.
await sql.raw(`create sequence bare_audit_log_id; alter table bare_audit_log alter id set default nextval('bare_audit_log_id')`).execute(db);
// 64 chains with their heads, as Lianxin's audit log has.
await sql.raw(`insert into bare_audit_chain (chain, head_id, head_hash, length) select c, null, repeat('0', 64), 0 from generate_series(0, 63) c`).execute(db);
// Submissions go to a station with staff, so that each one notifies them as in real life.
const station = (await db.selectFrom('account_station').innerJoin('station', 'station.id', 'account_station.station_id')
  .select('station.id').where('station.active', '=', true).orderBy('station.id').executeTakeFirstOrThrow()).id;
const category = (await db.selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow()).id;
const cases = Number((await sql<{ n: number }>`select count(*) as n from opinion`.execute(db)).rows[0]!.n);
const earlier = Number((await sql<{ n: number }>`select count(*) as n from opinion where content = ${SUBMITTED}`.execute(db)).rows[0]!.n);
if (earlier > 0.01 * cases) {
  console.warn(`warning: ${earlier} of the ${cases} cases were submitted by earlier runs, all to one station: the reads no longer `
    + `measure data that looks like life (a county's queue walks past them). Make the data again with bench:cases.`);
}
const lianxinStatements = (await submissionStatements(url, station, category)).length;
/** The bare server's "same rows" submission: the rate limit, begin, the rows one statement each, commit; padded to Lianxin's count if that is more. */
const BARE_SAME_WRITES = Math.max(10, lianxinStatements);
console.log(`Lianxin sends ${lianxinStatements} statements for one public submission`);
const pgVersion = (await sql<{ v: string }>`select split_part(version(), ' on ', 1) as v`.execute(db)).rows[0]!.v;
await bench.close();

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-bare-'));
const children: ChildProcess[] = [];
function start(label: string, script: string, port: number, env: Record<string, string>, cwd = ROOT): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd, stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', ...env },
  });
  child.on('exit', (code) => { if (code) console.error(`${label} exited with ${code}`); });
  children.push(child);
  return child;
}
async function ready(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).status < 500) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} did not start`);
}
process.on('exit', () => { for (const c of children) c.kill(); rmSync(dataDir, { recursive: true, force: true }); });

const LIANXIN = 'http://127.0.0.1:3201';
const BARE = 'http://127.0.0.1:3202';
const BEFORE = 'http://127.0.0.1:3203';
/** Whom a checkout's Lianxin trusts for X-Forwarded-For: loopback (older checkouts took `1`). */
const trustProxy = (dir: string) => (readFileSync(path.join(dir, 'server/platform/config.ts'), 'utf8').includes("LIANXIN_TRUST_PROXY === '1'") ? '1' : 'loopback');
/** The job worker in Lianxin's process (BENCH_WORKER=1), or not (see above). */
const WORKER = process.env.BENCH_WORKER === '1';
const lianxinEnv = (dir: string) => ({ LIANXIN_TRUST_PROXY: trustProxy(dir), LIANXIN_DEMO: '0', DATA_DIR: dataDir, LIANXIN_WORKER: WORKER ? '1' : '0' });
const lianxin = start('Lianxin', 'server/main.ts', 3201, lianxinEnv(ROOT));
const before = COMPARE ? start(path.basename(COMPARE), 'server/main.ts', 3203, lianxinEnv(COMPARE), COMPARE) : null;
await ready(LIANXIN);
if (before) await ready(BEFORE);

const login = await fetch(`${LIANXIN}/api/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.255.0.1' },
  body: JSON.stringify({ username: 'benchstaff', password: BENCH_PASSWORD }),
});
if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
const cookie = /lx_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
const submission = { stationId: station, categoryId: category, content: SUBMITTED, name: '测试', phone: '13800000000' };
const receipt = await (await fetch(`${LIANXIN}/api/public/opinions`, {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.255.0.2' }, body: JSON.stringify(submission),
})).json() as { trackingCode: string; queryKey: string };
const get = async (base: string, p: string, headers: Record<string, string> = {}) => {
  const res = await fetch(base + p, { headers: { cookie, 'x-forwarded-for': '10.255.0.3', ...headers } });
  if (res.status !== 200) throw new Error(`${base}${p}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
};
const caseId = ((await get(LIANXIN, '/api/cases?limit=50')).items as { id: number }[])[0]!.id;

/**
 * The statements Lianxin's code sends for a read (as its log records them, compiled), with the
 * request's own values marked: `slots` names them, and a time is the clock's at each run.
 */
async function statementsOf(read: (spy: Kysely<DB>) => Promise<unknown>, slots: Record<string, string | number>): Promise<SameStatement[]> {
  const seen: CompiledQuery[] = [];
  const spy = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }), log: (e) => { if (e.level === 'query') seen.push(e.query); } });
  try { await read(spy); } finally { await spy.destroy(); }
  const statements = seen.map((q) => ({
    sql: q.sql,
    parameters: q.parameters.map((v) => {
      if (v instanceof Date) return { slot: 'now' };
      const slot = Object.keys(slots).find((k) => slots[k] === v);
      return slot ? { slot } : { value: v };
    }),
  }));
  for (const slot of Object.keys(slots)) {
    const uses = statements.flatMap((st) => st.parameters).filter((p) => 'slot' in p && p.slot === slot).length;
    if (uses !== 1) throw new Error(`the read's statements take its ${slot} ${uses} times: cannot tell where it goes`);
  }
  return statements;
}
const sameReads = {
  case: await statementsOf((spy) => getCase(spy, reader, caseId), { id: caseId }),
  tracking: await statementsOf((spy) => getPublicCase(spy, receipt.trackingCode, receipt.queryKey), { code: receipt.trackingCode }),
};
console.log(`Lianxin sends ${sameReads.case.length} statement(s) for a case's page and ${sameReads.tracking.length} for a tracking page, besides the session or the rate limit`);
const bare = start('bare server', 'scripts/bareServer.ts', 3202, { BARE_SAME_STATEMENTS: String(BARE_SAME_WRITES), BARE_SAME_READS: JSON.stringify(sameReads) });
await ready(BARE);

interface Endpoint {
  label: string; path: string; method?: 'POST'; body?: object; cookie?: boolean; barePath?: string; same?: (r: Record<string, unknown>) => unknown;
  /** Each request with an Idempotency-Key of its own, as the public form sends it. */
  keyed?: boolean;
}
const pick = <T extends Record<string, unknown>>(keys: (keyof T)[]) => (r: Record<string, unknown>) => keys.map((k) => r[k as string]);
const endpoints: Endpoint[] = [
  { label: 'county queue, first page', path: '/api/cases?limit=50', cookie: true, same: (r) => (r.items as { id: number; state: string }[]).map((i) => [i.id, i.state]) },
  { label: 'case detail', path: `/api/cases/${caseId}`, cookie: true, same: pick(['id', 'trackingCode', 'state', 'content']) },
  { label: 'case detail (bare: Lianxin\'s statement)', path: `/api/cases/${caseId}`, barePath: `/bare/same/cases/${caseId}`, cookie: true, same: pick(['id', 'trackingCode', 'state', 'content']) },
  { label: 'public station directory', path: '/api/public/stations', same: (r) => (r.items as { id: number; deputies: unknown[] }[]).map((i) => [i.id, i.deputies.length]) },
  { label: 'county statistics', path: '/api/statistics/cases', cookie: true, same: pick(['received', 'accepted', 'replied', 'closed', 'satisfied', 'overdueNow']) },
  {
    label: 'public tracking page', path: `/api/public/opinions/${receipt.trackingCode}?key=${receipt.queryKey}`,
    same: (r) => [r.trackingCode, r.state, (r.timeline as unknown[]).length],
  },
  {
    label: 'public tracking page (bare: Lianxin\'s statements)', path: `/api/public/opinions/${receipt.trackingCode}?key=${receipt.queryKey}`,
    barePath: `/bare/same/opinions/${receipt.trackingCode}?key=${receipt.queryKey}`, same: (r) => [r.trackingCode, r.state, (r.timeline as unknown[]).length],
  },
  { label: 'public submission (bare: fewest statements)', path: '/api/public/opinions', method: 'POST', body: submission },
  { label: 'public submission with an Idempotency-Key, as the form sends it (bare: fewest statements)', path: '/api/public/opinions', method: 'POST', body: submission, keyed: true },
  { label: 'public submission (bare: the same rows in one statement)', path: '/api/public/opinions', barePath: '/bare/one/opinions', method: 'POST', body: submission },
  { label: `public submission (bare: the same rows, one statement each: ${BARE_SAME_WRITES} statements)`, path: '/api/public/opinions', barePath: '/bare/same/opinions', method: 'POST', body: submission },
];

// The same answers from both servers.
for (const e of endpoints.filter((x) => x.same)) {
  const [a, b] = [e.same!(await get(LIANXIN, e.path)), e.same!(await get(BARE, e.barePath ?? e.path))];
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${e.label}: the servers answer differently\nLianxin ${JSON.stringify(a)}\nbare    ${JSON.stringify(b)}`);
  if (before && JSON.stringify(e.same!(await get(BEFORE, e.path))) !== JSON.stringify(a)) throw new Error(`${e.label}: ${COMPARE} answers differently`);
}
console.log('Both servers give the same answers.');

let run = 0;
function wrkScript(e: Endpoint): string {
  const file = path.join(dataDir, `wrk-${run}.lua`);
  const headers = [`wrk.headers["content-type"] = "application/json"`, e.cookie ? `wrk.headers["cookie"] = "${cookie}"` : ''];
  writeFileSync(file, `
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
${e.method ? `wrk.method = "POST"\nwrk.body = ${JSON.stringify(JSON.stringify(e.body))}` : ''}
${headers.join('\n')}
local n = 0
function request()
  n = n + 1
  wrk.headers["x-forwarded-for"] = string.format("%d.%d.%d.%d", ${(run % 200) + 11}, tid, math.floor(n / 256) % 256, n % 256)
  ${e.keyed ? `wrk.headers["idempotency-key"] = string.format("bench-${process.pid}-${run}-%d-%d", tid, n)` : ''}
  return wrk.format()
end
`);
  return file;
}
/** A process's user + system time in ms (clock ticks of 1/100 s), 0 when it is gone. */
function statCpuMs(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}
const cpuMs = (child: ChildProcess) => statCpuMs(child.pid!);
/** The CPU time of this machine's PostgreSQL processes (its server, when it runs here), by pid. */
function postgresCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') out.set(pid, statCpuMs(pid));
    } catch { /* gone meanwhile */ }
  }
  return out;
}
/** What PostgreSQL's processes spent since `before` (processes started since count whole). */
const postgresCpuSince = (before: Map<string, number>) => [...postgresCpu()].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);
interface Measure { requests: number; seconds: number; cpu: number; pgCpu: number }
function load(base: string, child: ChildProcess, e: Endpoint, p: string, seconds: number): Measure {
  run++;
  const c0 = cpuMs(child);
  const pg0 = postgresCpu();
  const out = spawnSync('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '--timeout', '30s', '-s', wrkScript(e), base + p], { encoding: 'utf8' });
  const cpu = cpuMs(child) - c0;
  const pgCpu = postgresCpuSince(pg0);
  const requests = Number(/(\d+) requests in/.exec(out.stdout)?.[1] ?? NaN);
  const failed = /Non-2xx or 3xx responses: (\d+)/.exec(out.stdout);
  if (failed || Number.isNaN(requests)) throw new Error(`${e.label} on ${base}: ${out.stdout}${out.stderr}`);
  return { requests, seconds, cpu, pgCpu };
}

type Who = 'lianxin' | 'bare' | 'before';
const totals = endpoints.map(() => ({ lianxin: [] as Measure[], bare: [] as Measure[], before: [] as Measure[] }));
console.log(`warming up, then ${ROUNDS} rounds of ${SECONDS} s per request and server, ${CONNECTIONS} connections; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const turnsOf = (e: Endpoint): [Who, string, ChildProcess, string][] => [
  ['lianxin', LIANXIN, lianxin, e.path], ['bare', BARE, bare, e.barePath ?? e.path], ...(before ? [['before', BEFORE, before, e.path] as [Who, string, ChildProcess, string]] : []),
];
const loads: number[] = [];
// The reads' rounds first, then the submissions': the cases the submissions add all go to one
// station, and among the reads they would push the county's newest cases ever further down the
// primary key, so that each round's queue walked further than the last (0.79 → 0.33 of bare
// over two runs on the same data).
for (const writes of [false, true]) {
  const phase = endpoints.filter((e) => (e.method === 'POST') === writes);
  for (const e of phase) for (const [, base, child, p] of turnsOf(e)) load(base, child, e, p, 2);
  for (let round = 0; round < ROUNDS; round++) {
    for (const e of phase) {
      const i = endpoints.indexOf(e);
      const turns = turnsOf(e);
      for (const [who, base, child, p] of round % 2 ? turns.reverse() : turns) totals[i]![who].push(load(base, child, e, p, SECONDS));
    }
    loads.push(os.loadavg()[0]!);
    console.log(`${writes ? 'submissions' : 'reads'}, round ${round + 1} done; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  }
}

const rate = (ms: Measure[]) => ms.reduce((s, m) => s + m.requests, 0) / ms.reduce((s, m) => s + m.seconds, 0);
const cpuPer = (ms: Measure[]) => ms.reduce((s, m) => s + m.cpu, 0) / ms.reduce((s, m) => s + m.requests, 0);
const pgCpuPer = (ms: Measure[]) => ms.reduce((s, m) => s + m.pgCpu, 0) / ms.reduce((s, m) => s + m.requests, 0);
console.log(`\n${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${pgVersion}; `
  + `${NAME}, ${cases} cases; Lianxin's job worker ${WORKER ? 'in its process' : 'off'}; wrk -c${CONNECTIONS}, ${ROUNDS} rounds of ${SECONDS} s alternating; load average (1 min) after each round ${loads.map((l) => l.toFixed(2)).join(', ')}\n`);
const name = COMPARE ? path.basename(COMPARE) : '';
/**
 * Ratios to the bare server: over all rounds pooled; each round's own (the two servers' turns of
 * one round follow each other, so a slower stretch of a shared machine weighs on both), as their
 * median and range; and by CPU, the bare server's node + PostgreSQL CPU per request over the
 * other's, which is the ratio of throughputs where the CPUs are the limit, as they are on 2 cores.
 */
const ratios = (ms: Measure[], b: Measure[]) => {
  const rounds = ms.map((m, r) => (m.requests / m.seconds) / (b[r]!.requests / b[r]!.seconds));
  const byCpu = (cpuPer(b) + pgCpuPer(b)) / (cpuPer(ms) + pgCpuPer(ms));
  return `${(rate(ms) / rate(b)).toFixed(2)} | ${median(rounds).toFixed(2)} (${Math.min(...rounds).toFixed(2)}–${Math.max(...rounds).toFixed(2)}) | ${byCpu.toFixed(2)}`;
};
const ratioHeads = (who: string) => `${who} ÷ bare | ${who} ÷ bare, median of rounds (range) | ${who} ÷ bare by CPU`;
console.log(before
  ? `| request | Lianxin req/s | ${name} req/s | bare req/s | ${ratioHeads('Lianxin')} | ${ratioHeads(name)} | node CPU per request, Lianxin / ${name} / bare | PostgreSQL CPU per request, Lianxin / ${name} / bare |\n|---|---|---|---|---|---|---|---|---|---|---|---|`
  : `| request | Lianxin req/s | bare req/s | ${ratioHeads('Lianxin')} | node CPU per request, Lianxin / bare | PostgreSQL CPU per request, Lianxin / bare |\n|---|---|---|---|---|---|---|---|`);
const per = (f: (ms: Measure[]) => number, ...ms: Measure[][]) => `${ms.map((m) => f(m).toFixed(2)).join(' / ')} ms`;
for (const [i, e] of endpoints.entries()) {
  const { lianxin: l, bare: b, before: o } = totals[i]!;
  console.log(before
    ? `| ${e.label} | ${rate(l).toFixed(0)} | ${rate(o).toFixed(0)} | ${rate(b).toFixed(0)} | ${ratios(l, b)} | ${ratios(o, b)} | ${per(cpuPer, l, o, b)} | ${per(pgCpuPer, l, o, b)} |`
    : `| ${e.label} | ${rate(l).toFixed(0)} | ${rate(b).toFixed(0)} | ${ratios(l, b)} | ${per(cpuPer, l, b)} | ${per(pgCpuPer, l, b)} |`);
}
for (const c of children) c.kill();
// The bare server's side tables go; its cases stay, like bench:cases' own submissions.
const after = await benchDatabase('postgres', NAME, { reuse: true });
for (const table of ['notification', 'outbox', 'job', 'audit_log', 'audit_chain']) await sql.raw(`drop table if exists bare_${table}; drop sequence if exists bare_${table}_id`).execute(after.database.db);
await after.close();
