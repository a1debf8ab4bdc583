/** A deputy, on a phone, records a visit with a photo from the home screen, quickly. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { collectErrors, launch, newDevice, shot, signIn } from './browser.js';

describe('logging an activity on a phone', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  it('takes a deputy from the home screen to a recorded visit with a photo', async () => {
    const page = await (await newDevice(browser, 'phone')).newPage();
    const errors = collectErrors(page);
    await signIn(page, 'liangjun');
    const started = Date.now();
    await page.getByRole('button', { name: '记录履职活动' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('主题', { exact: true }).fill('走访公和村六组饮水困难户');
    await drawer.getByLabel('地点', { exact: true }).fill('公和村六组');
    await drawer.getByLabel('活动情况').fill('六组高处三户人家水压不足,已登记意见并联系水利局。');
    await page.locator('#activity-photos').setInputFiles(path.join(import.meta.dirname, 'fixtures', 'visit.png'));
    await drawer.getByText('已选 1 张').waitFor();
    await shot(page, 'phone-activity-form');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('走访公和村六组饮水困难户').first().waitFor();
    await page.getByText('梁俊华 · 出席').waitFor();
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds < 60, `took ${seconds} s`);
    assert.equal(await page.getByRole('img', { name: '活动照片' }).count(), 1);
    await shot(page, 'phone-activity-recorded');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than the phone`);
    assert.deepEqual(errors, []);
  });
});
