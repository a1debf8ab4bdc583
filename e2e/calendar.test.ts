/**
 * The missing holiday schedule: administrators see the reminder when it is due and reach the
 * holidays page, which shows the year's provisional (statutory) rest days; a unit clerk sees no reminder.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiClient } from './api.js';
import { collectErrors, launch, newDevice, shot, signIn } from './browser.js';

interface Status { bannerYear: number | null; provisionalYears: number[] }

describe('a year without its holiday schedule', () => {
  let browser: Browser;
  let status: Status;

  before(async () => {
    browser = await launch();
    status = await (await ApiClient.signIn('admin')).get<Status>('/api/calendar/status');
  });
  after(async () => { await browser.close(); });

  it('is announced to the administrator, whose link opens the year with its provisional rest days', async () => {
    const page = await (await newDevice(browser, 'desktop')).newPage();
    const errors = collectErrors(page);
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/calendar/status'));
    await signIn(page, 'admin');
    await asked;
    const year = status.bannerYear ?? status.provisionalYears[0]!;
    if (status.bannerYear) {
      await page.getByText(`${year} 年放假安排尚未录入`).first().waitFor();
      await shot(page, 'calendar-banner');
      await page.getByRole('link', { name: '前往录入' }).click();
    } else {
      // Before 1 October with this year covered: no reminder yet.
      assert.equal(await page.getByText('放假安排尚未录入').count(), 0);
      await page.goto(`/holidays?year=${year}`);
    }
    await page.getByRole('heading', { name: '节假日安排' }).waitFor();
    await page.getByText('以法定节假日为底稿').waitFor();
    await page.getByText('暂定休 元旦').waitFor();
    await shot(page, 'holidays-provisional');
    assert.deepEqual(errors, []);
  });

  it('is not shown to a unit clerk', async () => {
    const page = await (await newDevice(browser, 'phone')).newPage();
    await signIn(page, 'shuiliju');
    await page.getByRole('link', { name: /^通知/ }).waitFor();
    assert.equal(await page.getByText('放假安排尚未录入').count(), 0);
  });
});
