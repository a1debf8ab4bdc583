#!/usr/bin/env node
// Browser tests: builds the web clients, starts the server on a fresh data directory with the
// demo data (PGlite; or the PostgreSQL database in DATABASE_URL), then runs e2e/*.test.ts with
// Node's test runner driving Debian's Chromium through playwright-core, one file at a time. A
// file that fails runs once more on a server started afresh (LIANXIN_E2E_RETRIES), and the summary
// names it as flaky if it then passes. Screenshots go to test-output/screenshots.
// Usage: npm run test:browser [-- file-filter ...]
// Needs /usr/bin/chromium (scripts/install-system-deps.sh), or CHROMIUM_PATH.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}. Install it with: sudo bash scripts/install-system-deps.sh (or set CHROMIUM_PATH).`);
  process.exit(1);
}

console.log('Building the web clients…');
const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const filters = process.argv.slice(2);
const files = readdirSync(path.join(root, 'e2e')).filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort().map((f) => path.join('e2e', f));
// A file that fails is run once more, on a server of its own started afresh (LIANXIN_E2E_RETRIES,
// default 1; 0 for none). The second try is printed and counted in the summary: a file that
// passes only then is flaky, and says so.
const retries = Math.max(0, Number(process.env.LIANXIN_E2E_RETRIES ?? 1) || 0);
mkdirSync(path.join(root, 'test-output', 'screenshots'), { recursive: true });

/** Starts the server on a fresh data directory with the demo data; answers its address and how to stop it. */
async function startServer() {
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => { const p = probe.address().port; probe.close(() => resolve(p)); });
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn',
      // Each browser context stands for a separate device: it sends its own X-Forwarded-For, which
      // the server believes from a peer on this machine as it would from nginx there.
      LIANXIN_TRUST_PROXY: '127.0.0.1', LIANXIN_PUBLIC_BASE_URL: baseUrl,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let serverLog = '';
  server.stdout.on('data', (d) => { serverLog += d; });
  const stop = () => { server.kill('SIGTERM'); rmSync(dataDir, { recursive: true, force: true }); };
  process.on('exit', stop);

  const started = Date.now();
  // LIANXIN_E2E_START_SECONDS gives a machine busy with other work longer than the default 5 minutes.
  const startLimitSeconds = Number(process.env.LIANXIN_E2E_START_SECONDS) || 300;
  for (;;) {
    if (server.exitCode !== null) { console.error(serverLog); console.error('The server exited before answering.'); process.exit(1); }
    try { if ((await fetch(`${baseUrl}/api/health`)).ok) break; } catch { /* not yet */ }
    // The first start loads twelve weeks of demo cases through the real commands: three minutes on a busy two-core machine.
    if (Date.now() - started > startLimitSeconds * 1000) { console.error(serverLog); console.error(`The server did not answer within ${startLimitSeconds} s.`); process.exit(1); }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`Server up at ${baseUrl} in ${Date.now() - started} ms`);
  return { baseUrl, stop };
}

/** Runs the files one at a time (they share the server and its demo accounts); answers the ones that failed. */
function runFiles(list, baseUrl) {
  const failed = [];
  for (const file of list) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', file], {
      cwd: root, stdio: 'inherit', env: { ...process.env, LIANXIN_E2E_URL: baseUrl, CHROMIUM_PATH: chromium, TZ: 'Asia/Shanghai' },
    });
    if (run.status !== 0) failed.push(file);
  }
  return failed;
}

const first = await startServer();
let failed = runFiles(files, first.baseUrl);
first.stop();
const flaky = [];
for (let attempt = 1; attempt <= retries && failed.length > 0; attempt++) {
  console.log(`\nTry ${attempt + 1} of ${failed.length} failed file(s), on a fresh server: ${failed.join(', ')}`);
  const again = await startServer();
  const still = runFiles(failed, again.baseUrl);
  again.stop();
  flaky.push(...failed.filter((f) => !still.includes(f)));
  failed = still;
}
console.log(`\nBrowser test files: ${files.length}; passed ${files.length - failed.length}`
  + (flaky.length ? `, of which ${flaky.length} only on a later try (flaky: ${flaky.join(', ')})` : '')
  + (failed.length ? `; failed ${failed.length}: ${failed.join(', ')}` : ''));
process.exit(failed.length ? 1 : 0);
