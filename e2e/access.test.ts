/** A unit clerk sees their own unit's cases only: not in the queue, not by typing the address. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiClient, stationId } from './api.js';
import { launch, newDevice, signIn } from './browser.js';

describe("another unit's case", () => {
  let browser: Browser;
  let other: { id: number; trackingCode: string };
  let own: { id: number; trackingCode: string };

  before(async () => {
    browser = await launch();
    const staff = await ApiClient.signIn('pinggui');
    const units = await staff.get<{ items: { id: number; name: string }[] }>('/api/units?limit=50');
    const unit = (name: string) => units.items.find((u) => u.name === name)!.id;
    const station = await stationId('平桂区黄田镇人大代表联络站');
    const assigned = async (unitName: string, content: string) => {
      const { items: [receipt] } = await staff.post<{ items: { id: number; trackingCode: string }[] }>('/api/cases', {
        stationId: station, channel: 'reception', items: [{ categoryId: 1, content }],
      });
      await staff.post(`/api/cases/${receipt!.id}/actions/accept`);
      await staff.post(`/api/cases/${receipt!.id}/actions/assign`, { unitId: unit(unitName) });
      return receipt!;
    };
    other = await assigned('贺州市平桂区住房和城乡建设局', '村道旁危房需要鉴定(住建局件)');
    own = await assigned('贺州市平桂区水利局', '灌溉水渠淤塞(水利局件)');
  });
  after(async () => { await browser.close(); });

  it('is not in the queue, and its address answers as if it did not exist', async () => {
    const page = await (await newDevice(browser, 'phone')).newPage();
    await signIn(page, 'shuiliju');
    await page.goto('/cases');
    await page.getByText(own.trackingCode).waitFor();
    assert.equal(await page.getByText(other.trackingCode).count(), 0, 'not listed');

    await page.getByPlaceholder('受理编号或内容').fill(other.trackingCode);
    await page.keyboard.press('Enter');
    await page.getByText('没有符合条件的意见').waitFor();

    await page.goto(`/cases/${other.id}`);
    await page.getByRole('alert').or(page.locator('.ant-alert-error')).first().waitFor();
    assert.equal(await page.getByText('村道旁危房需要鉴定').count(), 0, 'nothing of it shows');
    await page.getByText('找不到该记录').waitFor();

    await page.goto(`/cases/${own.id}`);
    await page.getByText('灌溉水渠淤塞').waitFor();
  });
});
