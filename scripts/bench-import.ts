/**
 * npm run bench:import — a county's roster of BENCH_ROWS deputies (default 100 000) imported
 * through the running server, as the back office does it: upload → check → preview → commit.
 *
 * Generates the .xlsx with exceljs's streaming writer, starts `server/main.ts` on a fresh PGlite
 * data directory (or, with DATABASE_URL, a fresh PostgreSQL database on that server, dropped
 * afterwards), signs in as `pinggui` and times each phase. The server's resident memory is read
 * from /proc every 100 ms while the import runs; the peak is reported with the baseline before
 * it. Then, for comparison, the per-row command `createDeputy` is timed on BENCH_COMPARE rows
 * (default 2 000) in one rolled-back transaction. Prints a Markdown table for docs/BENCHMARKS.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { selectActorRow, toActor } from '../server/platform/access/actors.js';
import { createDeputy } from '../server/features/deputies/commands.js';
import { openDatabase } from '../server/platform/db/engine.js';
import { DEMO_PASSWORD } from '../server/demo.js';
import { adminQuery, createPostgresDatabase, serverUrl } from '../server/testing/database.js';
import { roster, writeXlsxFile } from '../server/testing/importFiles.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const COMPARE = Number(process.env.BENCH_COMPARE ?? 2000);
const PG_SERVER = process.env.DATABASE_URL;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** CPU time a process has used (user + system), in ms, from /proc (Linux). Time the machine's hypervisor takes away is not in it. */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** The machine's CPU counters from /proc/stat: [steal, total], in ticks. */
function machineTicks(): [number, number] {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return [cpu[7] ?? 0, cpu.reduce((a, b) => a + b, 0)];
}

/** Resident set size of a process, from /proc (Linux). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

function request(port: number, method: string, url: string, headers: Record<string, string>, body?: string | NodeJS.ReadableStream) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    if (typeof body === 'string' || body === undefined) req.end(body);
    else body.pipe(req);
  });
}

// 1. The file.
const outDir = path.join(ROOT, 'test-output');
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `bench-roster-${ROWS}.xlsx`);
let t = performance.now();
await writeXlsxFile(file, roster(ROWS));
const generateMs = performance.now() - t;
const fileBytes = statSync(file).size;
console.log(`generated ${ROWS} rows: ${mb(fileBytes)} in ${seconds(generateMs)}`);

// 2. A fresh server.
const port = await freePort();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lx-bench-import-'));
const dbName = `lianxin_bench_import_${process.pid}`;
const databaseUrl = PG_SERVER ? await createPostgresDatabase(PG_SERVER, dbName) : undefined;
// The server as `npm start` runs it (compiled by tsc); BENCH_TSX=1 runs the sources through tsx instead.
const fromSource = process.env.BENCH_TSX === '1';
if (!fromSource) {
  t = performance.now();
  const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('tsc build failed');
  console.log(`server built in ${seconds(performance.now() - t)}`);
}
const startServer = (): ChildProcess => spawn(process.execPath, fromSource ? ['--import', 'tsx', 'server/main.ts'] : ['dist/server/main.js'], {
  cwd: ROOT,
  env: {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LIANXIN_WORKER: '0', LOG_LEVEL: 'warn',
    // BENCH_SERVER_NODE_OPTIONS: flags for the server process only (e.g. a heap limit).
    NODE_OPTIONS: [process.env.NODE_OPTIONS, process.env.BENCH_SERVER_NODE_OPTIONS].filter(Boolean).join(' '),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let server = startServer();
const cleanup = async () => {
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
  if (PG_SERVER) await adminQuery(PG_SERVER, `drop database if exists "${dbName}" with (force)`);
};

async function ready(): Promise<void> {
  for (;;) {
    try {
      if ((await request(port, 'GET', '/api/health', {})).status === 200) return;
    } catch { /* not listening yet */ }
    if (server.exitCode !== null) throw new Error('the server exited');
    await new Promise((r) => setTimeout(r, 200));
  }
}

try {
  // The first start imports the regions and the demo set; the import runs on a later start, as
  // on a server that has been up for a while (the first start's own memory is not the import's).
  t = performance.now();
  await ready();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  console.log(`first start (regions, demo data) in ${seconds(performance.now() - t)}`);
  server = startServer();
  await ready();
  console.log(`server ready (${PG_SERVER ? 'PostgreSQL' : 'PGlite'})`);

  const login = await request(port, 'POST', '/api/auth/login', { 'content-type': 'application/json' }, JSON.stringify({ username: 'pinggui', password: DEMO_PASSWORD }));
  const cookie = (login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  const csrf = JSON.parse(login.text).csrfToken as string;
  const auth = { cookie, 'x-csrf-token': csrf };

  // Memory: sampled every 100 ms from here to the end of the commit.
  await new Promise((r) => setTimeout(r, 1000));
  const pid = server.pid!;
  const baseline = rssOf(pid);
  let peak = baseline;
  const sampler = setInterval(() => { try { peak = Math.max(peak, rssOf(pid)); } catch { /* exited */ } }, 100);

  // 3. Upload and check.
  const startAll = performance.now();
  const cpuStart = cpuMsOf(pid);
  const ticksStart = machineTicks();
  const created = await request(port, 'POST', '/api/imports/deputies', { ...auth, 'content-type': 'application/json' }, JSON.stringify({ filename: path.basename(file) }));
  const batchId = JSON.parse(created.text).id as number;
  t = performance.now();
  let lastShown = 0;
  const progress = setInterval(() => {
    void request(port, 'GET', `/api/imports/deputies/${batchId}`, auth).then((r) => {
      const rows = JSON.parse(r.text).totalRows as number;
      if (rows - lastShown >= 10_000) { lastShown = rows; console.log(`  checked ${rows} rows (${seconds(performance.now() - t)})`); }
    }).catch(() => {});
  }, 1000);
  const uploaded = await request(port, 'PUT', `/api/imports/deputies/${batchId}/file`,
    { ...auth, 'content-type': 'application/octet-stream', 'content-length': String(fileBytes) }, createReadStream(file));
  clearInterval(progress);
  const uploadMs = performance.now() - t;
  const batch = JSON.parse(uploaded.text);
  if (uploaded.status !== 200 || batch.errorRows !== 0) throw new Error(`upload: ${uploaded.status} ${uploaded.text.slice(0, 500)}`);
  const checkPeak = peak;
  const cpuChecked = cpuMsOf(pid);
  console.log(`upload + check: ${batch.totalRows} rows, ${batch.errorRows} with errors, ${seconds(uploadMs)}; server RSS peak so far ${mb(peak)}`);

  // 4. The preview a person would look at: the first pages of rows and of errors.
  t = performance.now();
  await request(port, 'GET', `/api/imports/deputies/${batchId}/rows?limit=50`, auth);
  await request(port, 'GET', `/api/imports/deputies/${batchId}/rows?limit=50&errors=true`, auth);
  const previewMs = performance.now() - t;

  // 5. Commit.
  t = performance.now();
  const committed = await request(port, 'POST', `/api/imports/deputies/${batchId}/commit`, { ...auth, 'content-type': 'application/json' }, '{}');
  const commitMs = performance.now() - t;
  if (committed.status !== 200) throw new Error(`commit: ${committed.status} ${committed.text.slice(0, 500)}`);
  const totalMs = performance.now() - startAll;
  const cpuCommitted = cpuMsOf(pid);
  const ticksEnd = machineTicks();
  const stealShare = (ticksEnd[0] - ticksStart[0]) / Math.max(1, ticksEnd[1] - ticksStart[1]);
  clearInterval(sampler);
  peak = Math.max(peak, rssOf(pid));
  const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
  console.log(`commit: ${JSON.parse(committed.text).createdCount} deputies in ${seconds(commitMs)}`);

  // 6. The per-row command, for comparison: the server is stopped and the database opened here.
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  const database = await openDatabase({ databaseUrl: databaseUrl ?? null, dataDir });
  const actor = toActor(await selectActorRow(database.db).where('account.username', '=', 'pinggui').executeTakeFirstOrThrow());
  let perRowMs = 0;
  try {
    await database.db.transaction().execute(async (trx) => {
      const ctx = { trx, actor, ip: '127.0.0.1' };
      const t0 = performance.now();
      for (let i = 0; i < COMPARE; i++) {
        await createDeputy(ctx, {
          name: `对照${i}`, gender: 'male', ethnicity: '汉族', party: '', birthYear: 1970, phone: `136${String(i).padStart(8, '0')}`,
          status: 'current', specialLiaison: false, regionCode: '451103101', constituency: '', professionTags: ['农业'], occupation: '',
          gridCell: null, levels: [{ level: 'township', term: 12, regionCode: '451103101' }], stations: [],
        });
      }
      perRowMs = (performance.now() - t0) / COMPARE;
      throw new Error('rollback');
    });
  } catch (err) {
    if (!(err instanceof Error && err.message === 'rollback')) throw err;
  }
  await database.close();

  const engine = PG_SERVER ? `PostgreSQL (${new URL(serverUrl(PG_SERVER, 'x')).host})` : 'PGlite';
  console.log(`
| rows | engine | file | upload + check | preview | commit | import total | server CPU time: check + commit | server RSS: idle → peak while checking → peak while committing | createDeputy per row |
|---|---|---|---|---|---|---|---|---|---|
| ${ROWS.toLocaleString('en')} | ${engine} | ${mb(fileBytes)} .xlsx | ${seconds(uploadMs)} | ${Math.round(previewMs)} ms | ${seconds(commitMs)} | ${seconds(totalMs)} | ${seconds(cpuChecked - cpuStart)} + ${seconds(cpuCommitted - cpuChecked)} | ${mb(baseline)} → ${mb(checkPeak)} → ${mb(peak)} (VmHWM ${mb(hwm)}) | ${perRowMs.toFixed(2)} ms (≈ ${seconds(perRowMs * ROWS)} for ${ROWS.toLocaleString('en')}) |

CPU time the hypervisor took from this machine during the import (steal, from /proc/stat): ${Math.round(stealShare * 100)} %.

Node ${process.version}${process.env.BENCH_SERVER_NODE_OPTIONS ? ` (server: ${process.env.BENCH_SERVER_NODE_OPTIONS})` : ''}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${mb(os.totalmem())} RAM; file generated in ${seconds(generateMs)}.`);
} finally {
  await cleanup();
}
