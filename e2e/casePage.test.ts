/**
 * The case page on a phone keeps the tracking code and the state in view whatever the number of
 * actions, and leads back to the list; the assign dialog proposes the category's days with the due
 * date. The statistics screen draws its charts, lists the groups, exports a real .xlsx and shows
 * the unit league table.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiClient, stationId } from './api.js';
import { collectErrors, launch, newDevice, shot, signIn } from './browser.js';

describe('the case page on a phone, and the statistics screen', () => {
  let browser: Browser;
  let staff: ApiClient;
  before(async () => {
    browser = await launch();
    staff = await ApiClient.signIn('pinggui');
  });
  after(async () => { await browser.close(); });

  it('keeps the code and the state in view on a phone, with every action reachable', async () => {
    // A case registered at a station.
    const station = await stationId('平桂区黄田镇人大代表联络站');
    const categories = await staff.get<{ id: number }[]>('/api/case-categories');
    const { items } = await staff.post<{ items: { id: number; trackingCode: string }[] }>('/api/cases', {
      stationId: station, channel: 'reception', items: [{ categoryId: categories[0]!.id, content: '村口路灯不亮,夜间出行不便,请尽快维修。' }],
    });
    const c = items[0]!;
    // Accepted: the staff may assign, merge, escalate, flag it… more actions than a phone's width holds.
    await staff.post(`/api/cases/${c.id}/actions/accept`);
    const detail = await staff.get<{ actions: { action: string }[] }>(`/api/cases/${c.id}`);
    assert.ok(detail.actions.length >= 4, `many actions: ${detail.actions.map((a) => a.action).join()}`);

    const page = await (await newDevice(browser, 'phone')).newPage();
    const errors = collectErrors(page);
    await signIn(page, 'pinggui');
    await page.goto(`/cases/${c.id}`);
    const header = page.getByTestId('case-header');
    const code = header.getByRole('heading', { level: 2, name: c.trackingCode });
    await code.waitFor();
    const state = header.getByTestId('case-state');
    const inView = async () => {
      const [h, s, viewport] = [await code.boundingBox(), await state.boundingBox(), page.viewportSize()!];
      assert.ok(h && s, 'code and state are laid out');
      for (const box of [h, s]) {
        assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `in view: ${JSON.stringify(box)}`);
        assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `not pushed sideways: ${JSON.stringify(box)}`);
      }
    };
    await inView();
    // The actions do not push the header off the screen: a few buttons and a menu for the rest.
    const box = (await header.boundingBox())!;
    assert.ok(box.height < 160, `the header stays compact: ${box.height}px`);
    await header.getByRole('button', { name: '更多操作' }).waitFor();
    await shot(page, 'case-page-phone');

    // Scrolled to the timeline, the header stays at the top.
    await page.getByText('办理记录').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(200);
    assert.ok(await page.evaluate(() => window.scrollY) > 0, 'the page scrolled');
    await inView();
    await shot(page, 'case-page-phone-scrolled');

    // The assign dialog (in the menu) proposes the category's days and shows the due date.
    await header.getByRole('button', { name: '更多操作' }).click();
    const assign = page.getByRole('menuitem', { name: '交办' });
    if (await assign.count()) await assign.click();
    else await header.getByRole('button', { name: '交办' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('due-date-hint').waitFor();
    assert.match(await dialog.getByTestId('due-date-hint').innerText(), /个工作日,期限至 \d{4}\/\d{2}\/\d{2} 当日止/);
    await shot(page, 'case-assign-dialog-phone');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();

    // The breadcrumb leads back to the list.
    await page.getByRole('link', { name: '意见办理' }).first().click();
    await page.waitForURL(/\/cases$/);
    assert.deepEqual(errors, []);
  });

  it('shows the statistics per unit with charts, exports them to Excel, and ranks the units', async () => {
    const page = await (await newDevice(browser, 'desktop')).newPage();
    const errors = collectErrors(page);
    await signIn(page, 'pinggui');
    await page.getByRole('link', { name: '办理统计' }).click();
    await page.getByRole('tab', { name: '分组统计' }).waitFor();
    await page.getByText('按承办单位').click();
    await page.waitForURL(/group=unit/);
    const table = page.getByTestId('statistics-table');
    await table.getByRole('columnheader', { name: '承办单位' }).waitFor();
    const expected = await staff.get<{ label: string }[]>('/api/statistics/cases/by/unit');
    assert.ok(expected.length > 1);
    await table.getByText(expected.find((r) => r.label)!.label, { exact: true }).first().waitFor();
    assert.equal(await page.locator('[role="img"] canvas').count() >= 2, true, 'two charts drawn');

    const href = await page.getByRole('link', { name: /导出 Excel/ }).getAttribute('href');
    assert.match(href!, /^\/api\/statistics\/cases\.xlsx\?group=unit/);
    const res = await page.request.get(href!);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type']!, /spreadsheetml/);
    const body = await res.body();
    assert.equal(body.subarray(0, 2).toString(), 'PK', 'a zip (xlsx) file');
    await shot(page, 'statistics-by-unit');

    await page.getByRole('tab', { name: '承办单位排名' }).click();
    const league = page.getByTestId('league-table');
    await league.getByRole('columnheader', { name: '按期办复率' }).waitFor();
    const rows = await staff.get<{ unitName: string }[]>('/api/statistics/units/league');
    assert.ok(rows.length > 0);
    await league.getByText(rows[0]!.unitName, { exact: true }).waitFor();
    await shot(page, 'statistics-league');
    assert.deepEqual(errors, []);
  });
});
