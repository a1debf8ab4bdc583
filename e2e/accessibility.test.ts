/**
 * axe-core on the pages anyone can reach: the sign-in page and the constituents' phone pages,
 * in standard and elder-friendly mode, and a clerk's election round (换届) form. Serious and
 * critical violations fail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiClient, stationId } from './api.js';
import { audit, describeViolations } from './axe.js';
import { launch, newDevice, shot, signIn } from './browser.js';

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

  // A signed-in screen a clerk fills in: the election round (换届) of 公会镇's township congress, which the demo leaves to run.
  it('the election round page has no serious or critical violations', async () => {
    const api = await ApiClient.signIn('pinggui');
    const terms = await api.get<{ items: { id: number; current: boolean }[] }>('/api/terms?level=township&regionCode=451103104');
    const term = terms.items.find((x) => x.current)!;
    const context = await newDevice(browser, 'desktop');
    const page = await context.newPage();
    await signIn(page, 'pinggui');
    for (const [path, ready, name] of [[`/terms/${term.id}/round`, '新一届届次(第几届)', 'round'], [`/terms/${term.id}/coverage`, '覆盖率', 'coverage']] as const) {
      await page.goto(path);
      await page.getByText(ready).first().waitFor();
      assert.equal(await page.locator('h1').count(), 1);
      await shot(page, `a11y-${name}`);
      const violations = await audit(page);
      assert.equal(violations.length, 0, describeViolations(violations));
    }
    await context.close();
  });

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
