#!/usr/bin/env node
// Times `npm start` on an empty data directory until a person sees a page: the shell answers
// at /, then Chromium shows the sign-in form and the phone directory lists its first places.
// Needs Chromium (scripts/install-system-deps.sh). Usage: npm run measure:first-page
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3977);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-first-page-'));
const started = performance.now();
const server = spawn('npm', ['start', '--silent'], {
  cwd: root, detached: true, stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
});
const finish = (code) => {
  try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
  setTimeout(() => { rmSync(dataDir, { recursive: true, force: true }); process.exit(code); }, 1500);
};
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

for (;;) {
  try {
    const res = await fetch(`${base}/`);
    if (res.ok && (await res.text()).includes('id="root"')) break;
  } catch { /* not yet */ }
  if (performance.now() - started > 300_000) { console.error('no page within 5 minutes'); finish(1); }
  await new Promise((r) => setTimeout(r, 100));
}
console.log(`shell served at /            ${seconds()} s after npm start (build, migrate, regions, demo data)`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
let t = performance.now();
await page.goto(`${base}/`);
await page.getByLabel('用户名').waitFor();
console.log(`sign-in form shown           ${seconds()} s (this page: ${Math.round(performance.now() - t)} ms, cold cache)`);
t = performance.now();
await page.goto(`${base}/m/`);
await page.getByText('选择地区').waitFor();
console.log(`phone directory shown        ${seconds()} s (this page: ${Math.round(performance.now() - t)} ms)`);
await browser.close();
finish(0);
