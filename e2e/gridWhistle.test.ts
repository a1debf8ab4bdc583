/**
 * 网格吹哨 from a phone: the 公和村 grid worker opens her grid, blows the whistle about a blocked
 * ditch with a photo (from e2e/fixtures) and a description of the place; the 公和村 point's officer,
 * at a desk, finds the case in the queue under the whistle channel and accepts it; back on the phone
 * the whistle shows as accepted. No page is wider than the phone.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chooseOption, collectErrors, launch, newDevice, shot, signIn } from './browser.js';

const PHOTO = path.join(import.meta.dirname, 'fixtures', 'visit.png');

describe('grid whistle', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  it('a grid worker whistles from a phone, the station accepts, the worker sees it accepted', async () => {
    const phone = await (await newDevice(browser, 'phone')).newPage();
    const errors = collectErrors(phone);
    await signIn(phone, 'wangge');
    // Her home is her grid: her two cells and the demo whistle.
    await phone.getByTestId('my-cell').filter({ hasText: '公和村第 1 网格' }).waitFor();
    assert.equal(await phone.getByTestId('my-cell').count(), 2);
    await phone.getByTestId('my-whistle').first().waitFor();

    await phone.getByLabel('网格', { exact: true }).click();
    await chooseOption(phone, '公和村第 2 网格');
    await phone.getByLabel('类别').click();
    await chooseOption(phone, '农业农村');
    const text = `五组灌溉水渠被垃圾堵塞,水漫到稻田里(${Date.now()})`;
    await phone.getByLabel('发现的问题').fill(text);
    await phone.getByLabel('地点说明').fill('公和村五组晒谷场旁水渠');
    await phone.getByTestId('whistle-photos').setInputFiles(PHOTO);
    await phone.getByText('visit.png').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the whistle form is ${overflow}px wider than the phone`);
    await shot(phone, 'phone-grid-whistle-form');
    await phone.getByRole('button', { name: '吹哨上报' }).click();
    await phone.waitForURL(/\/my-grid\/whistles\/\d+$/);
    const caseId = Number(new URL(phone.url()).pathname.split('/').pop());
    await phone.getByTestId('whistle-state').filter({ hasText: '已登记' }).waitFor();
    await phone.getByText('1 张').waitFor();
    await phone.getByText('网格员吹哨').first().waitFor();

    // The 公和村 point's officer finds it under the whistle channel and accepts it.
    const desk = await (await newDevice(browser, 'desktop')).newPage();
    const deskErrors = collectErrors(desk);
    await signIn(desk, 'huangtian');
    await desk.goto('/cases?channel=whistle');
    await desk.getByText(text.slice(0, 10)).first().waitFor();
    await desk.goto(`/cases/${caseId}`);
    await desk.getByTestId('case-state').filter({ hasText: '已登记' }).waitFor();
    await desk.getByText('网格员吹哨').first().waitFor();
    // 受理 needs no fields: it is taken at once.
    await desk.getByTestId('case-header').getByRole('button', { name: '受理', exact: true }).click();
    await desk.getByTestId('case-state').filter({ hasText: '已受理' }).waitFor();

    // Back on the phone: the whistle is accepted.
    await phone.reload();
    await phone.getByTestId('whistle-state').filter({ hasText: '已受理' }).waitFor();
    await shot(phone, 'phone-grid-whistle-accepted');
    await phone.getByRole('link', { name: '返回我的网格' }).click();
    await phone.getByTestId('my-whistle').filter({ hasText: text.slice(0, 10) }).filter({ hasText: '已受理' }).waitFor();
    assert.deepEqual([...errors, ...deskErrors], []);
  });
});
