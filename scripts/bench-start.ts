/**
 * How long the built server takes from process start to answering /api/health, on a data
 * directory that already holds its schema and demo data (a restart, the common case), median of
 * several runs.
 *
 *   npm run bench:start                  # builds the server, 7 restarts
 *   BENCH_RUNS=11 npm run bench:start
 *   BENCH_NO_BUILD=1 npm run bench:start # reuse dist/
 *   BENCH_DATA_DIR=/tmp/x npm run bench:start # the prepared data directory (default: $TMPDIR/lianxin-bench-start)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const runs = Number(process.env.BENCH_RUNS ?? 7);
const port = Number(process.env.BENCH_PORT ?? 3931);
const root = path.resolve(import.meta.dirname, '..');

if (!process.env.BENCH_NO_BUILD) {
  const built = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// The first start on an empty directory runs the migrations and loads the demo data (minutes on a
// busy machine); the prepared directory is kept for the next run of this script.
const dataDir = process.env.BENCH_DATA_DIR ?? path.join(tmpdir(), 'lianxin-bench-start');
const prepared = existsSync(path.join(dataDir, 'pgdata'));

/** The CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks of 1/100 s
}

/**
 * Starts the server, waits for /api/health, stops it: the wall time to the first healthy answer,
 * and the CPU time the server used until then (steadier than the wall time on a shared machine).
 */
async function startOnce(): Promise<{ ms: number; cpu: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const healthy = async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
    } catch {
      return false; // not listening yet
    }
  };
  while (!(await healthy())) {
    if (exited) throw new Error('the server exited before answering /api/health');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const ms = performance.now() - started;
  const cpu = cpuMs(child.pid!);
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await done;
  return { ms, cpu };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

{
  if (!prepared) {
    mkdirSync(dataDir, { recursive: true });
    console.log(`first start (migrations and demo data on an empty directory): ${Math.round((await startOnce()).ms)} ms`);
  }
  await startOnce(); // warms the page cache
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { ms, cpu } = await startOnce();
    times.push(ms);
    cpus.push(cpu);
  }
  console.log(`restart to /api/health, ${runs} runs: median ${Math.round(median(times))} ms wall `
    + `(min ${Math.round(Math.min(...times))}, max ${Math.round(Math.max(...times))}), median ${Math.round(median(cpus))} ms CPU `
    + `(min ${Math.round(Math.min(...cpus))}, max ${Math.round(Math.max(...cpus))})`);
  console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}
