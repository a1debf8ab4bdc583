/**
 * A district clerk imports a deputy roster from Excel in the back office: the first file has
 * a bad phone number and is refused row by row; the corrected file is committed, and the new
 * deputies are in the list. A large file can be cancelled while it is checked.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { csvBuffer, roster, ROSTER_HEADER, rosterRow, xlsxBuffer } from '../server/testing/importFiles.js';
import { launch, newDevice, SCREENSHOTS, shot, signIn } from './browser.js';

describe('importing a roster', () => {
  let browser: Browser;
  let page: Page;
  // Three 黄田镇 deputies with names no demo deputy has (rows far into the generated roster).
  const rows = [50_001, 50_005, 50_009].map((i) => { const r = rosterRow(i); r[8] = '黄田镇'; return r; });
  const names = rows.map((r) => String(r[0]));

  before(async () => {
    browser = await launch();
    page = await (await newDevice(browser, 'desktop')).newPage();
    await signIn(page, 'pinggui');
    await page.goto('/deputies');
    await page.getByRole('button', { name: '导入花名册' }).click();
  });
  after(async () => { await browser.close(); });

  async function choose(file: Buffer, name: string) {
    const saved = path.join(SCREENSHOTS, '..', name);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(saved, file);
    await page.locator('.ant-drawer input[type=file]').setInputFiles(saved);
  }

  it('cancels a large file while it is checked, and writes nothing', async () => {
    await choose(csvBuffer([...roster(20_000)]), 'roster-large.csv');
    const cancel = page.getByRole('button', { name: '取消导入' });
    await cancel.waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent?.includes('取消导入') && !b.disabled));
    await cancel.click();
    await page.getByText('已取消导入,未写入任何数据。可以重新选择文件。').waitFor();
    await page.getByText('点击或拖动文件到此处').waitFor();
  });

  it('shows each bad row with its column and the reason, and writes nothing', async () => {
    const bad = rows.map((r) => [...r]);
    bad[1]![5] = '1234';
    await choose(await xlsxBuffer([ROSTER_HEADER, ...bad]), 'roster-with-error.xlsx');
    await page.getByText('有问题的行').waitFor();
    await page.getByText('手机号码').first().waitFor();
    await shot(page, 'desktop-import-errors');
    assert.ok(await page.getByRole('button', { name: /确认导入/ }).isDisabled());
  });

  it('imports the corrected file all at once', async () => {
    await page.getByRole('button', { name: '重新选择文件' }).click();
    await choose(await xlsxBuffer([ROSTER_HEADER, ...rows]), 'roster.xlsx');
    await page.getByText('全部行检查通过,可以导入。').waitFor();
    await page.getByRole('button', { name: '确认导入 3 行' }).click();
    await shot(page, 'desktop-import-done');
    await page.getByRole('button', { name: /^完\s*成$/ }).last().click();
    await page.getByPlaceholder(/姓名/).first().fill(names[0]!);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: names[0]! }).waitFor();
  });
});
