/**
 * axe-core on the pages anyone can reach: the sign-in page and the constituents' phone pages,
 * in standard and elder-friendly mode. Serious and critical violations fail.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { stationId } from './api.js';
import { launch, newDevice, shot } from './browser.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

async function audit(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Violation[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describeViolations = (vs: Violation[]) => vs.map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(', ')}`).join('\n');

describe('accessibility of the public pages', () => {
  let browser: Browser;
  let station = 0;
  before(async () => {
    browser = await launch();
    station = await stationId('平桂区黄田镇人大代表联络站');
  });
  after(async () => { await browser.close(); });

  const pages: { name: string; path: () => string; ready: string; kind: 'phone' | 'desktop' }[] = [
    { name: 'login', path: () => '/', ready: '连心桥', kind: 'desktop' },
    { name: 'directory', path: () => '/m/', ready: '人大代表联络站', kind: 'phone' },
    { name: 'directory-region', path: () => '/m/?region=451103101', ready: '本地联络站', kind: 'phone' },
    { name: 'station', path: () => `/m/s/${station}`, ready: '向进站代表反映', kind: 'phone' },
    { name: 'submit', path: () => `/m/submit?station=${station}`, ready: '您的意见或诉求', kind: 'phone' },
    { name: 'track-missing', path: () => '/m/t/NOSUCHCODE?key=x', ready: '查询不到该意见', kind: 'phone' },
  ];

  for (const elder of [false, true]) {
    for (const p of pages) {
      it(`${p.name}${elder ? ' in elder mode' : ''} has no serious or critical violations`, async () => {
        const context = await newDevice(browser, p.kind);
        if (elder) await context.addInitScript(() => localStorage.setItem('lianxin.elder', '1'));
        const page = await context.newPage();
        await page.goto(p.path());
        await page.getByText(p.ready).first().waitFor();
        if (elder && p.kind === 'phone') assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elder')));
        await shot(page, `a11y-${p.name}${elder ? '-elder' : ''}`);
        const violations = await audit(page);
        assert.equal(violations.length, 0, describeViolations(violations));
        await context.close();
      });
    }
  }

  it('remembers the elder-friendly mode on the device', async () => {
    const context = await newDevice(browser, 'phone');
    const page = await context.newPage();
    await page.goto('/m/');
    await page.getByRole('button', { name: '长辈模式' }).click();
    const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    assert.equal(size, '20px');
    await page.reload();
    await page.getByRole('button', { name: '标准模式' }).waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elder')));
    await context.close();
  });
});
