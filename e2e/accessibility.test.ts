/**
 * axe-core on the pages anyone can reach: the sign-in page and the constituents' phone pages,
 * in standard and elder-friendly mode, a clerk's election round (换届) form, and every screen of
 * the back office a county's staff reach from the navigation, with a detail page of each kind.
 * Serious and critical violations fail; each back-office screen has one h1 and a title of its own.
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

  // WCAG 2.3.3: a device set to reduce motion gets the back office's menu without animation; any other device animates it.
  for (const motion of ['reduce', 'no-preference'] as const) {
    it(`opens the back office's menu ${motion === 'reduce' ? 'without animation on a device set to reduce motion' : 'with animation otherwise'}`, async () => {
      const context = await newDevice(browser, 'phone', 'zh-CN', motion);
      await context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { seenMotion: string[] }).seenMotion = seen;
        for (const kind of ['animationstart', 'transitionstart'] as const) {
          document.addEventListener(kind, (e) => { if ((e.target as Element).closest('.ant-drawer')) seen.push(kind); }, true);
        }
      });
      const page = await context.newPage();
      await signIn(page, 'pinggui');
      await page.getByRole('button', { name: '菜单' }).click();
      await page.locator('.ant-drawer').getByRole('navigation', { name: '主导航' }).waitFor();
      await page.waitForTimeout(500); // longer than antd's slowest motion
      const seen = await page.evaluate(() => (window as unknown as { seenMotion: string[] }).seenMotion);
      if (motion === 'reduce') assert.deepEqual(seen, []);
      else assert.ok(seen.length > 0, 'the drawer animates');
      await context.close();
    });
  }

  // Every back-office screen of a county's staff: the navigation's entries, then a detail page of each kind.
  it('the back office has no serious or critical violations, one h1 and a title of its own on each screen', async () => {
    const context = await newDevice(browser, 'desktop');
    const page = await context.newPage();
    await signIn(page, 'pinggui');
    await page.getByRole('navigation', { name: '主导航' }).first().waitFor();
    const menu = await page.getByRole('navigation', { name: '主导航' }).first().locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    assert.ok(menu.length >= 10, `the navigation lists ${menu.length} screens`);
    const api = await ApiClient.signIn('pinggui');
    const firstId = async (url: string) => (await api.get<{ items: { id: number }[] }>(url)).items[0]!.id;
    const details = [
      `/cases/${await firstId('/api/cases?limit=1')}`,
      `/stations/${await firstId('/api/stations?limit=1')}`,
      `/deputies/${await firstId('/api/deputies?limit=1')}`,
      `/activities/${await firstId('/api/activities?limit=1')}`,
      `/suggestions/${await firstId('/api/suggestions?pageSize=1')}`,
      `/mediation/${await firstId('/api/mediation?limit=1')}`,
      `/mediation/statistics?station=${(await api.get<{ items: { station: { id: number } }[] }>('/api/mediation?limit=1')).items[0]!.station.id}`,
      `/former-deputies/${await firstId('/api/former-deputies')}`,
    ];
    const titles = new Map<string, string>();
    const failures: string[] = [];
    for (const path of [...menu, ...details, '/me', '/notifications']) {
      if (titles.has(path)) continue;
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await page.locator('main .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
      const h1 = await page.locator('h1').allTextContents();
      const title = await page.title();
      const violations = await audit(page);
      console.log(`a11y ${path}: ${violations.filter((v) => v.impact === 'critical').length} critical, ${violations.filter((v) => v.impact === 'serious').length} serious; h1 ${JSON.stringify(h1)}; title ${JSON.stringify(title)}`);
      if (violations.length) failures.push(`${path}:\n${describeViolations(violations)}`);
      if (h1.length !== 1) failures.push(`${path}: ${h1.length} h1 (${h1.join(' | ')})`);
      if (!title.endsWith('连心桥') || title === '连心桥' || [...titles.values()].includes(title)) failures.push(`${path}: title ${JSON.stringify(title)} does not name the screen alone`);
      titles.set(path, title);
      await shot(page, `a11y-admin${path.replaceAll('/', '-')}`);
    }
    assert.deepEqual(failures, []);
    await context.close();
  });
});
