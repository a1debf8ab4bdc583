/**
 * npm run durability — no acknowledged public submission is lost when the server is killed.
 *
 * Builds the server (`tsc -p tsconfig.build.json`; DURABILITY_NO_BUILD=1 uses dist/ as it is) and, for each engine (DURABILITY_ENGINES,
 * default `pglite,postgres`):
 *   1. starts the built server (`node dist/server/main.js`) on a fresh data directory, or on a
 *      fresh PostgreSQL database (`LC_CTYPE 'C.UTF-8' TEMPLATE template0`) of DATABASE_URL's server
 *      (default postgres://postgres@127.0.0.1:5432), lets it load the demo data, and stops it;
 *   2. DURABILITY_RUNS times (default 3), on a copy of that prepared data:
 *      - starts the server, sends public submissions (POST /api/public/opinions) from
 *        DURABILITY_CONCURRENCY clients (default 16) and keeps every 201 receipt;
 *      - `kill -9`s the server at a random moment mid-load (2–6 s after the first receipt, or
 *        DURABILITY_KILL_MIN_MS–DURABILITY_KILL_MAX_MS);
 *      - starts it again on the same data and times how long it takes to answer /api/health;
 *      - on PGlite, checks that a second process is refused the data directory the restarted
 *        server holds (the lock left by the killed process must not block the restart, a live
 *        one must still block);
 *      - reads a sample of the receipts back through the public tracking API and submits a few
 *        more (the audit chain must continue after the crash);
 *      - stops the server, opens the database itself and counts which acknowledged tracking codes
 *        are there, and verifies the audit chain.
 * PGlite runs with the server's default, fsync on; LIANXIN_PGLITE_FSYNC=0 measures it off.
 * Prints a Markdown table for docs/BENCHMARKS.md and exits 1 if any acknowledged submission is
 * missing, a restart failed or the chain does not verify.
 *
 * The public submission route allows 10 submissions per client address in 10 minutes. The
 * server trusts this script as its reverse proxy (LIANXIN_TRUST_PROXY=127.0.0.1, the documented
 * setting for nginx on the same machine), and each request carries its own X-Forwarded-For
 * address, as a proxy in front of many constituents would send; the limit itself is the default.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../server/platform/db/engine.js';
import { PROJECT_ROOT } from '../server/platform/config.js';
import { verifyAuditChain } from '../server/features/audit/index.js';
import { adminQuery, createPostgresDatabase } from '../server/testing/database.js';

type Engine = 'pglite' | 'postgres';

const RUNS = Number(process.env.DURABILITY_RUNS ?? 3);
const CONCURRENCY = Number(process.env.DURABILITY_CONCURRENCY ?? 16);
const ENGINES = (process.env.DURABILITY_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim())
  .filter((e): e is Engine => e === 'pglite' || e === 'postgres');
const PG_SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const KEEP = Boolean(process.env.DURABILITY_KEEP);
/** The kill comes at a random moment this many milliseconds after the first receipt. */
const KILL_WINDOW_MS = [Number(process.env.DURABILITY_KILL_MIN_MS ?? 2000), Number(process.env.DURABILITY_KILL_MAX_MS ?? 6000)] as const;
const MAIN = path.join(PROJECT_ROOT, 'dist', 'server', 'main.js');
/** The first start loads the demo data, which takes minutes on a busy machine. */
const START_TIMEOUT_MS = 900_000;
const children = new Set<ChildProcess>();
// Servers this script started do not outlive it, whatever ends it.
process.on('exit', () => { for (const child of children) child.kill('SIGKILL'); });

interface Target { dataDir: string; databaseUrl: string | null }
interface Receipt { trackingCode: string; queryKey: string }
interface Running { child: ChildProcess; base: string; exited: Promise<number | null>; log: string }

interface RunResult {
  engine: Engine; run: number; sent: number; acknowledged: number; present: number; lost: string[];
  unanswered: number; committedUnanswered: number; otherStatuses: Record<string, number>;
  killAfterMs: number; reopenMs: number; secondRefused: boolean | null; sampleRead: string;
  chain: { ok: boolean; checked: number }; afterRestart: number;
}

/** `promise`, or an error naming `what` once `ms` have passed (the timer is cleared either way). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(what)), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let addressSeq = 0;
/** A distinct client address per request (10.0.0.1, 10.0.0.2, …), sent as a proxy would. */
function nextAddress(): string {
  const n = ++addressSeq;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function envFor(target: Target, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: target.dataDir, LIANXIN_TRUST_PROXY: '127.0.0.1',
    LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...extra,
  };
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

/** Starts the built server and resolves once it answers /api/health, with how long that took. */
async function startServer(target: Target, logPath: string): Promise<{ running: Running; readyMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [MAIN], { env: envFor(target), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const log = createWriteStream(logPath, { flags: 'a' });
  child.stderr.pipe(log);
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { children.delete(child); resolve(code); }));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      out += chunk.toString();
      const m = /listening on (\S+):(\d+)/.exec(out);
      if (m) resolve(`http://${m[1]}:${m[2]}`);
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening; see ${logPath}`)));
  });
  const base = await within(listening, START_TIMEOUT_MS, `server not listening after ${START_TIMEOUT_MS} ms; see ${logPath}`);
  for (;;) {
    const res = await fetch(`${base}/api/health`).catch(() => null);
    if (res?.ok) break;
    await sleep(20);
  }
  return { running: { child, base, exited, log: logPath }, readyMs: performance.now() - t0 };
}

async function stopServer(running: Running): Promise<void> {
  running.child.kill('SIGTERM');
  const code = await running.exited;
  if (code !== 0) throw new Error(`server stopped with exit code ${code}; see ${running.log}`);
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { 'x-forwarded-for': nextAddress() } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return await res.json() as T;
}

/** A station open to the public and a category, from the public API. */
async function submissionTarget(base: string): Promise<{ stationId: number; categoryId: number }> {
  const stations = await getJson<{ items: { id: number }[] }>(`${base}/api/public/stations?limit=1`);
  const stationId = stations.items[0]!.id;
  const categories = await getJson<{ id: number }[]>(`${base}/api/case-categories?stationId=${stationId}`);
  return { stationId, categoryId: categories[0]!.id };
}

async function submit(base: string, body: object): Promise<{ status: number; receipt?: Receipt }> {
  const res = await fetch(`${base}/api/public/opinions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => null) as Receipt | null;
  return res.status === 201 && json ? { status: 201, receipt: json } : { status: res.status };
}

/** A copy of the prepared data for one run. */
async function copyTarget(engine: Engine, prepared: Target, name: string): Promise<Target> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  if (engine === 'pglite') {
    cpSync(prepared.dataDir, dataDir, { recursive: true });
    return { dataDir, databaseUrl: null };
  }
  await adminQuery(PG_SERVER, `drop database if exists ${name} with (force)`);
  return { dataDir, databaseUrl: await createPostgresDatabase(PG_SERVER, name, new URL(prepared.databaseUrl!).pathname.slice(1)) };
}

async function dropTarget(target: Target): Promise<void> {
  if (KEEP) return;
  rmSync(target.dataDir, { recursive: true, force: true });
  if (target.databaseUrl) await adminQuery(PG_SERVER, `drop database if exists "${new URL(target.databaseUrl).pathname.slice(1)}" with (force)`);
}

/** A second server on the same data directory must be refused while the first one lives. */
async function secondProcessRefused(target: Target): Promise<boolean> {
  const child = spawn(process.execPath, [MAIN], { env: envFor(target), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  children.delete(child);
  return code !== 0 && /DATA_DIR_LOCKED|数据目录/.test(out);
}

async function oneRun(engine: Engine, run: number, prepared: Target, where: { stationId: number; categoryId: number }): Promise<RunResult> {
  const target = await copyTarget(engine, prepared, `lianxin_durability_${process.pid}_${engine}_${run}`);
  const logPath = path.join(target.dataDir, 'server.log');
  try {
    let { running } = await startServer(target, logPath);
    const marker = `耐久检验 ${engine} ${run} ${process.pid}`;
    const receipts: Receipt[] = [];
    const otherStatuses: Record<string, number> = {};
    let sent = 0;
    let unanswered = 0;
    let killed = false;
    let firstReceipt!: () => void;
    const gotFirst = new Promise<void>((resolve) => { firstReceipt = resolve; });
    const killAfterMs = KILL_WINDOW_MS[0] + Math.floor(Math.random() * (KILL_WINDOW_MS[1] - KILL_WINDOW_MS[0]));

    const client = async () => {
      while (!killed) {
        const n = ++sent;
        try {
          const r = await submit(running.base, { ...where, content: `${marker} #${n}：路灯不亮，请尽快修复。`, place: '测试路 1 号', channel: 'online' });
          if (r.receipt) { receipts.push(r.receipt); firstReceipt(); } else otherStatuses[r.status] = (otherStatuses[r.status] ?? 0) + 1;
        } catch {
          unanswered++; // the connection died with the server: no answer, so nothing was promised
        }
      }
    };
    const clients = Array.from({ length: CONCURRENCY }, client);
    await within(gotFirst, START_TIMEOUT_MS, `no submission acknowledged in ${START_TIMEOUT_MS} ms; see ${logPath}`);
    await sleep(killAfterMs);
    running.child.kill('SIGKILL');
    killed = true;
    await running.exited;
    await Promise.all(clients);
    const acknowledged = [...receipts];

    const restarted = await startServer(target, logPath);
    running = restarted.running;
    const secondRefused = engine === 'pglite' ? await secondProcessRefused(target) : null;

    // A sample of the receipts, read back the way a constituent follows a case.
    const sample = [...acknowledged].sort(() => Math.random() - 0.5).slice(0, 20);
    let readOk = 0;
    for (const r of sample) {
      const res = await fetch(`${running.base}/api/public/opinions/${r.trackingCode}?key=${encodeURIComponent(r.queryKey)}`, { headers: { 'x-forwarded-for': nextAddress() } });
      if (res.ok) readOk++;
    }
    // Writes go on after the crash, and their audit records must link to the ones before it.
    let afterRestart = 0;
    for (let i = 0; i < 5; i++) if ((await submit(running.base, { ...where, content: `${marker} after restart #${i}`, channel: 'online' })).receipt) afterRestart++;
    await stopServer(running);

    const database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
    try {
      const found = new Set<string>();
      const codes = acknowledged.map((r) => r.trackingCode);
      for (let i = 0; i < codes.length; i += 1000) {
        const rows = await database.db.selectFrom('opinion').select('tracking_code').where('tracking_code', 'in', codes.slice(i, i + 1000)).execute();
        for (const row of rows) found.add(row.tracking_code);
      }
      const committed = await database.db.selectFrom('opinion').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('content', 'like', `${marker} #%`).executeTakeFirstOrThrow();
      const chain = await verifyAuditChain(database.db);
      return {
        engine, run, sent,
        acknowledged: acknowledged.length, present: found.size, lost: codes.filter((c) => !found.has(c)),
        unanswered, committedUnanswered: Number(committed.n) - found.size, otherStatuses, killAfterMs,
        reopenMs: restarted.readyMs, secondRefused, sampleRead: `${readOk}/${sample.length}`,
        chain: { ok: chain.ok, checked: chain.checked }, afterRestart,
      };
    } finally {
      await database.close();
    }
  } finally {
    await dropTarget(target);
  }
}

async function prepare(engine: Engine): Promise<{ prepared: Target; where: { stationId: number; categoryId: number }; firstStartMs: number }> {
  const name = `lianxin_durability_${process.pid}_${engine}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  let databaseUrl: string | null = null;
  if (engine === 'postgres') {
    await adminQuery(PG_SERVER, `drop database if exists ${name} with (force)`);
    databaseUrl = await createPostgresDatabase(PG_SERVER, name);
  }
  const prepared = { dataDir: path.join(dataDir, 'data'), databaseUrl };
  try {
    const { running, readyMs } = await startServer(prepared, path.join(dataDir, 'prepare.log'));
    const where = await submissionTarget(running.base);
    await stopServer(running);
    return { prepared, where, firstStartMs: readyMs };
  } catch (err) {
    await dropTarget({ dataDir, databaseUrl });
    throw err;
  }
}

const fmtS = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  if (process.env.DURABILITY_NO_BUILD === '1') {
    console.log('Using the server built in dist/ (DURABILITY_NO_BUILD=1)');
  } else {
    console.log('Building the server (tsc -p tsconfig.build.json)…');
    execFileSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  }
  const results: RunResult[] = [];
  const started = performance.now();
  for (const engine of ENGINES) {
    const { prepared, where, firstStartMs } = await prepare(engine);
    console.log(`[${engine}] first start with the demo data: ${fmtS(firstStartMs)}; submitting to station ${where.stationId}, category ${where.categoryId}`);
    try {
      for (let run = 1; run <= RUNS; run++) {
        const r = await oneRun(engine, run, prepared, where);
        results.push(r);
        console.log(`[${engine}] run ${run}: killed ${r.killAfterMs} ms into the load; sent ${r.sent}, acknowledged ${r.acknowledged}, present ${r.present}, `
          + `lost ${r.lost.length}${r.lost.length ? ` (${r.lost.slice(0, 5).join(', ')})` : ''}, committed without an answer ${r.committedUnanswered}, `
          + `no answer ${r.unanswered}${Object.keys(r.otherStatuses).length ? `, other answers ${JSON.stringify(r.otherStatuses)}` : ''}; `
          + `reopened in ${fmtS(r.reopenMs)}; chain ${r.chain.ok ? 'verified' : 'BROKEN'} (${r.chain.checked} records); `
          + `sample read back ${r.sampleRead}; after restart ${r.afterRestart}/5 accepted`
          + (r.secondRefused === null ? '' : `; second process ${r.secondRefused ? 'refused' : 'NOT refused'}`));
      }
    } finally {
      await dropTarget({ ...prepared, dataDir: path.dirname(prepared.dataDir) });
    }
  }

  console.log(`\n${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ${CONCURRENCY} concurrent clients; total ${fmtS(performance.now() - started)}\n`);
  console.log('| engine | run | sent | acknowledged (201) | present after restart | lost | committed, no answer | chain verified (records) | time to reopen | second process refused |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const label = (e: Engine) => e === 'pglite' ? `PGlite, fsync ${process.env.LIANXIN_PGLITE_FSYNC === '0' ? 'off' : 'on'}` : 'PostgreSQL';
  for (const r of results) {
    console.log(`| ${label(r.engine)} | ${r.run} | ${r.sent} | ${r.acknowledged} | ${r.present} | ${r.lost.length} | ${r.committedUnanswered} | ${r.chain.ok ? 'yes' : '**no**'} (${r.chain.checked}) | ${fmtS(r.reopenMs)} | ${r.secondRefused === null ? '—' : r.secondRefused ? 'yes' : '**no**'} |`);
  }
  const failed = results.filter((r) => r.lost.length || !r.chain.ok || r.secondRefused === false || r.afterRestart < 5 || !r.sampleRead.startsWith(`${Math.min(20, r.acknowledged)}/`));
  if (failed.length) {
    console.error(`\n✖ ${failed.length} run(s) failed`);
    process.exitCode = 1;
  } else {
    console.log('\nEvery acknowledged submission was present after the restart, and every audit chain verified.');
  }
}

await main();
