/**
 * A station officer downloads a register from the back office: the Excel reads back with
 * exceljs, the PDF with pdftotext, both with the station's name and real Chinese text.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launch, newDevice, SCREENSHOTS, shot, signIn } from './browser.js';

const STATION = '平桂区黄田镇人大代表联络站';

describe('exporting a register', () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launch();
    page = await (await newDevice(browser, 'desktop')).newPage();
    await signIn(page, 'huangtian');
    await page.goto('/registers');
    await page.getByText('意见建议登记簿').first().waitFor();
    await shot(page, 'desktop-registers-officer');
  });
  after(async () => { await browser.close(); });

  /** Clicks a register's download button and keeps the file under the test output. */
  async function download(register: string, format: 'Excel' | 'PDF'): Promise<string> {
    const card = page.locator('.ant-card').filter({ has: page.getByText(register, { exact: true }) });
    const [file] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: format }).click()]);
    const saved = path.join(SCREENSHOTS, '..', file.suggestedFilename());
    await file.saveAs(saved);
    return saved;
  }

  it('downloads the 意见建议登记簿 as Excel that reads back with the station and the opinions', async () => {
    const file = await download('意见建议登记簿', 'Excel');
    assert.match(path.basename(file), /\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    const text = sheet.getSheetValues().flat().map(String).join(' ');
    assert.match(text, /意见建议登记簿/);
    assert.match(text, new RegExp(STATION));
    assert.ok(sheet.rowCount > 3, 'the demo weeks give rows');
  });

  it('downloads the 代表花名册 as a PDF with the deputies\' names as text', async () => {
    const file = await download('代表花名册', 'PDF');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /代表花名册/);
    assert.match(text, /梁俊华/);
  });
});
