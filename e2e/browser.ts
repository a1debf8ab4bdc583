/**
 * The browser side of the browser tests: Debian's Chromium driven by playwright-core against
 * the server that scripts/test-browser.mjs started. Each context is one person's device, with
 * its own cookies and its own address (X-Forwarded-For), phone-sized or desktop-sized.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';

export const BASE_URL = process.env.LIANXIN_E2E_URL ?? 'http://127.0.0.1:3000';
export const DEMO_PASSWORD = 'Lianxin@2026';
export const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'test-output', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

let device = 0;

/**
 * Every Content-Security-Policy violation any page reported, in any device of this test file.
 * The pages must work under the server's policy as built: one violation fails the file.
 */
const policyViolations: string[] = [];
after(() => {
  if (policyViolations.length > 0) throw new Error(`Content-Security-Policy violations:\n${[...new Set(policyViolations)].join('\n')}`);
});

/**
 * Records the CSP violations of a device's pages: the `securitypolicyviolation` events of every
 * document and frame, and Chromium's console reports of them (which also name blocked evals).
 */
export async function watchPolicy(context: BrowserContext, label: string): Promise<void> {
  await context.exposeBinding('__lianxinPolicyViolation', (_source, text: string) => { policyViolations.push(`[${label}] ${text}`); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __lianxinPolicyViolation(text: string): void }).__lianxinPolicyViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || 'an inline resource'} on ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  context.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) policyViolations.push(`[${label}] ${m.text()}`);
  });
}

/** Every device's open pages, and each device's latest API requests (the pending ones too), for the report of a failed test. */
const openPages = new Map<Page, string>();
const apiCalls = new Map<string, { request: Request; at: number; status: string }[]>();

/**
 * When a test fails, what each open page shows: its address, the dialogs open on it, the form
 * errors and messages in view, and the device's latest API requests with their answers and times
 * (one still waiting for its answer shows as pending). A step that timed out then says whether the
 * page waited for the server or never asked it.
 */
afterEach(async (t) => {
  // `passed` is set by Node's test runner (20.19 and later) once the test has run; older runners skip the report.
  if ((t as { passed?: boolean }).passed !== false) return;
  const limit = <T>(p: Promise<T>) => Promise.race([p, new Promise<null>((r) => { setTimeout(() => r(null), 5_000); })]);
  for (const [page, label] of openPages) {
    // Given as text: the test runner's compiler would name the functions inside with a helper the page lacks.
    const view = await limit(page.evaluate(`(() => {
      const texts = (selector) => [...document.querySelectorAll(selector)]
        .filter((e) => e.offsetParent !== null || getComputedStyle(e).position === 'fixed')
        .map((e) => e.innerText.replace(/\\s+/g, ' ').slice(0, 300));
      return { dialogs: texts('[role="dialog"]'), errors: texts('.ant-form-item-explain-error'), messages: texts('.ant-message-notice, .adm-toast-main') };
    })()`).catch((e: unknown) => ({ failed: String(e) })));
    const now = Date.now();
    const calls = (apiCalls.get(label) ?? []).map((c) => `${c.request.method()} ${new URL(c.request.url()).pathname} ${c.status} ${c.status === 'pending' ? `for ${now - c.at}` : `after ${c.at}`} ms`);
    console.error(`[after failure: device ${label}] ${page.url()}\n  on the page: ${JSON.stringify(view)}\n  latest API requests:\n    ${calls.join('\n    ') || '(none)'}`);
  }
});

/** Keeps a device's latest API requests, with their answer's status and how long it took, and its open pages. */
function watchRequests(context: BrowserContext, label: string): void {
  const calls: { request: Request; at: number; status: string }[] = [];
  apiCalls.set(label, calls);
  context.on('request', (request) => {
    if (!request.url().includes('/api/')) return;
    calls.push({ request, at: Date.now(), status: 'pending' });
    if (calls.length > 8) calls.shift();
  });
  const done = (request: Request, status: string) => {
    const call = calls.find((c) => c.request === request);
    if (call) { call.status = status; call.at = Date.now() - call.at; }
  };
  context.on('requestfinished', (request) => { void request.response().then((r) => { done(request, String(r?.status() ?? '?')); }); });
  context.on('requestfailed', (request) => { done(request, `failed (${request.failure()?.errorText ?? '?'})`); });
  context.on('page', (page) => {
    openPages.set(page, label);
    page.on('close', () => { openPages.delete(page); });
  });
  context.on('close', () => { apiCalls.delete(label); });
}

/**
 * A new device: 'phone' is 375 × 740 with touch, 'desktop' 1366 × 860. `motion: 'reduce'` stands
 * for a device set to reduce motion (the back office then opens its dialogs, lists and menus
 * without animation).
 */
export async function newDevice(browser: Browser, kind: 'phone' | 'desktop', locale = 'zh-CN', motion: 'reduce' | 'no-preference' = 'no-preference'): Promise<BrowserContext> {
  device++;
  const label = `${kind} ${device}`;
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale,
    timezoneId: 'Asia/Shanghai',
    reducedMotion: motion,
    extraHTTPHeaders: { 'x-forwarded-for': `10.77.${(device >> 8) & 255}.${device & 255}` },
    ...(kind === 'phone'
      ? { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1366, height: 860 } }),
  });
  // A busy two-core machine runs the server, Chromium and the tests at once: give each step time.
  context.setDefaultTimeout(25_000);
  await watchPolicy(context, `device ${label}`);
  watchRequests(context, label);
  // Every refusal or failure of the API is printed with its code, so a failing step's log says what the server answered.
  context.on('response', (r) => {
    if (r.status() < 400 || !r.url().includes('/api/')) return;
    const where = `${r.request().method()} ${new URL(r.url()).pathname}`;
    if (where === 'GET /api/auth/me' && r.status() === 401) return; // the sign-in page asking who is signed in
    r.text().then((body) => console.error(`[device ${label}] ${r.status()} ${where} ${body.slice(0, 200)}`), () => console.error(`[device ${label}] ${r.status()} ${where}`));
  });
  return context;
}

/** Page errors fail the test that collects them: a screen that throws is broken even if it renders. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text()); });
  return errors;
}

/** Signs in through the back office's sign-in form, and waits for the server's answer. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
    page.getByRole('button', { name: /登\s*录|Sign in/ }).click(),
  ]);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Resizes the page to a phone's or a desktop's width and waits until the back office has laid
 * itself out for it (its breakpoints follow the resize a moment later): the shell's 菜单 button
 * shows on a phone only.
 */
export async function resizeTo(page: Page, kind: 'phone' | 'desktop'): Promise<void> {
  await page.setViewportSize(kind === 'phone' ? { width: 390, height: 844 } : { width: 1366, height: 860 });
  await page.getByRole('button', { name: '菜单' }).waitFor({ state: kind === 'phone' ? 'visible' : 'hidden' });
  // One more frame, for the screen's own layout to follow the shell's.
  await page.evaluate(() => new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); }));
}

/** Chooses an option from the open select list and waits for the list to close: until then it covers the buttons beneath it. */
export async function chooseOption(page: Page, text: string | RegExp): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  // A list still filtering as the click lands re-renders its options and the click is lost:
  // the option is clicked again while the same list stays open.
  for (let attempt = 1; ; attempt++) {
    await open.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
    try {
      await open.waitFor({ state: 'hidden', timeout: 8_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}
