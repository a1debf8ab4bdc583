/**
 * The constituent's submit page (/m/submit?station=…) on a throttled 3G line, in Chromium:
 * bytes over the wire and the time until the form is usable (the categories are listed and the
 * submit button can be pressed), on a first visit (empty cache) and on a repeat visit.
 *
 * Starts the server of a checkout (default: this one) on a fresh data directory with the demo
 * data, from source (tsx) with its built web clients, so build them first (`npx vite build`).
 * Throttling is Chrome DevTools' presets through CDP Network.emulateNetworkConditions:
 *   Fast 3G: 562.5 ms round trip, 180 000 B/s down, 84 375 B/s up
 *   Slow 3G: 2 000 ms round trip, 50 000 B/s down, 50 000 B/s up
 *
 * Usage: npm run measure:phone-3g [-- --root /path/to/checkout] [--runs 3]
 * Needs Chromium (scripts/install-system-deps.sh, or CHROMIUM_PATH).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

const { values: args } = parseArgs({ options: { root: { type: 'string' }, runs: { type: 'string', default: '3' }, port: { type: 'string', default: '3988' } } });
const root = path.resolve(args.root ?? path.join(import.meta.dirname, '..'));
const runs = Number(args.runs);
const base = `http://127.0.0.1:${args.port}`;
if (!existsSync(path.join(root, 'dist', 'web', 'm', 'index.html'))) {
  console.error(`No built web clients in ${root}/dist/web: run \`npx vite build\` there first.`);
  process.exit(1);
}

const PROFILES = {
  'Fast 3G': { latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 },
  'Slow 3G': { latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 },
} as const;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-3g-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: root, detached: true, stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, PORT: args.port, HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', LIANXIN_WORKER: '0' },
});
const opened: { browser?: Browser } = {};
async function finish(code: number): Promise<never> {
  await opened.browser?.close();
  try { process.kill(-server.pid!, 'SIGTERM'); } catch { /* gone */ }
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

const started = performance.now();
for (;;) {
  try { if ((await fetch(`${base}/api/health`)).ok) break; } catch { /* not yet */ }
  if (performance.now() - started > 300_000) { console.error('the server did not answer within 5 minutes'); await finish(1); }
  await new Promise((r) => setTimeout(r, 200));
}
const stations = await (await fetch(`${base}/api/public/stations?q=${encodeURIComponent('黄田镇')}`)).json() as { items: { id: number }[] };
const url = `${base}/m/submit?station=${stations.items[0]!.id}`;

const browser = opened.browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

interface Visit { bytes: number; requests: number; cached: number; usableMs: number }

/** One cold visit and one repeat visit in a fresh phone-sized context. */
async function measure(profile: keyof typeof PROFILES): Promise<{ first: Visit; repeat: Visit }> {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...PROFILES[profile] });
  let bytes = 0;
  let requests = 0;
  let cached = 0;
  cdp.on('Network.requestWillBeSent', () => { requests++; });
  cdp.on('Network.requestServedFromCache', () => { cached++; });
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => { bytes += e.encodedDataLength; });
  const visit = async (): Promise<Visit> => {
    bytes = 0;
    requests = 0;
    cached = 0;
    await page.goto(url, { waitUntil: 'commit', timeout: 180_000 });
    // Usable: the categories are listed and the submit button is enabled; time from the navigation's start.
    const usableMs = await page.waitForFunction(() => {
      const button = document.querySelector<HTMLButtonElement>('button[type="submit"]');
      const options = document.querySelectorAll('.adm-selector-item').length;
      return button && !button.disabled && options > 0 ? performance.now() : false;
    }, undefined, { timeout: 180_000, polling: 50 }).then((h) => h.jsonValue() as Promise<number>);
    await page.waitForLoadState('networkidle', { timeout: 180_000 });
    return { bytes, requests, cached, usableMs };
  };
  const first = await visit();
  const repeat = await visit();
  await context.close();
  return { first, repeat };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`${root}: ${url.replace(base, '')}, median of ${runs} runs`);
for (const profile of Object.keys(PROFILES) as (keyof typeof PROFILES)[]) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await measure(profile));
  for (const kind of ['first', 'repeat'] as const) {
    const vs = results.map((r) => r[kind]);
    console.log(`${profile.padEnd(8)} ${kind === 'first' ? 'first visit ' : 'repeat visit'}  ${kb(median(vs.map((v) => v.bytes))).padStart(9)} transferred, ${median(vs.map((v) => v.requests))} requests (${median(vs.map((v) => v.cached))} from the cache), usable after ${s(median(vs.map((v) => v.usableMs)))}`);
  }
}
await finish(0);
