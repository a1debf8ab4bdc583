/**
 * The whole path in real browsers, each person on their own device: a villager scans a
 * station's QR code on a phone and writes in; the district clerk accepts and assigns it; the
 * water bureau's clerk, on a phone, signs and replies; the station officer approves the reply;
 * the deputy, on a phone, answers the villager and reads the notification; the villager
 * follows the tracking link and rates the answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { stationId } from './api.js';
import { chooseOption, collectErrors, launch, newDevice, shot, signIn } from './browser.js';

const STATION = '平桂区黄田镇人大代表联络站';
const CONTENT = `公和村三组的自来水管破裂,已经停水两天(${Date.now()})`;

describe('a QR opinion from the phone to the rating', () => {
  let browser: Browser;
  let trackLink = '';
  let trackingCode = '';
  let caseUrl = '';
  const errors: string[] = [];

  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  async function person(kind: 'phone' | 'desktop', username?: string): Promise<Page> {
    const page = await (await newDevice(browser, kind)).newPage();
    errors.push(...collectErrors(page));
    if (username) {
      await signIn(page, username);
      await page.getByRole('link', { name: /条未读/ }).waitFor();
    }
    return page;
  }

  /** Takes an action offered on the case page, filling in what its form asks. */
  /** Presses an action of the case page: on a phone the first two are buttons and the rest sit in the 更多操作 menu. */
  async function press(page: Page, button: RegExp) {
    const direct = page.getByRole('button', { name: button });
    const more = page.getByRole('button', { name: '更多操作' });
    await direct.or(more).first().waitFor();
    if (await direct.count()) await direct.click();
    else {
      await more.click();
      await page.getByRole('menuitem', { name: button }).click();
    }
  }

  async function act(page: Page, button: RegExp, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
    await press(page, button);
    if (fill) {
      const dialog = page.getByRole('dialog');
      await fill(dialog);
      await dialog.getByRole('button', { name: /OK|确\s*定/ }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    await page.getByText(/^已/).first().waitFor(); // the success message
  }

  it('the villager writes in through the QR link, on a phone', async () => {
    const id = await stationId(STATION);
    const page = await person('phone');
    await page.goto(`/m/submit?station=${id}`);
    await page.getByText(STATION).waitFor();
    await shot(page, 'phone-submit');
    await page.getByText('饮水供水').click();
    await page.getByPlaceholder(/自来水/).fill(CONTENT);
    await page.getByPlaceholder('村、组、街道').fill('公和村三组');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('已收到您的意见').waitFor();
    await shot(page, 'phone-receipt');
    trackingCode = (await page.locator('.lx-code').textContent())!.trim();
    trackLink = (await page.getByRole('link', { name: '查看办理进度' }).getAttribute('href'))!;
    assert.match(trackingCode, /^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    assert.match(trackLink, /^\/m\/t\/.+\?key=/);
  });

  it('the district clerk finds it, accepts it and assigns it to the water bureau', async () => {
    const page = await person('desktop', 'pinggui');
    await page.goto('/cases');
    await page.getByRole('searchbox').or(page.getByPlaceholder('受理编号或内容')).first().fill(trackingCode);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: trackingCode, exact: true }).click();
    caseUrl = new URL(page.url()).pathname;
    await page.getByText(CONTENT).waitFor();
    await act(page, /^受\s*理$/);
    await act(page, /^交\s*办$/, async (dialog) => {
      await dialog.getByRole('combobox').first().click();
      await chooseOption(page, '贺州市平桂区水利局');
    });
    await page.getByText('已交办').first().waitFor();
    await shot(page, 'desktop-case-assigned');
  });

  it('the water bureau clerk signs for it and replies, on a phone', async () => {
    const page = await person('phone', 'shuiliju');
    await page.goto('/cases');
    await page.getByText(trackingCode).click();
    await page.getByText(CONTENT).waitFor();
    await act(page, /^签\s*收$/);
    // The reply: its result, the handler and a contact, and what was done.
    await press(page, /^办\s*复$/);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('已解决').click();
    await dialog.getByLabel('承办人').fill('陶工');
    await dialog.getByLabel('联系电话').fill('0774-8890101');
    await dialog.getByLabel('办理情况').fill('已派维修队更换破裂管段,今日恢复供水。');
    await dialog.getByRole('button', { name: /提交办复/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已办复').first().waitFor();
    await shot(page, 'phone-unit-replied');
  });

  it('the station officer approves the reply', async () => {
    const page = await person('desktop', 'huangtian');
    await page.goto(caseUrl);
    await page.getByText('已派维修队更换破裂管段').first().waitFor();
    await act(page, /审核通过/);
  });

  it('the deputy answers the villager on a phone and finds the notification', async () => {
    const page = await person('phone', 'liangjun');
    await page.goto('/notifications');
    await page.getByText(trackingCode).first().waitFor();
    await shot(page, 'phone-deputy-notifications');
    await page.goto(caseUrl);
    await act(page, /反馈群众/, async (dialog) => {
      await dialog.getByRole('textbox').fill('水利局已更换管段并恢复供水,请您留意水压,如有问题随时联系我。');
    });
    await page.getByText('已反馈').first().waitFor();
    await shot(page, 'phone-deputy-case');
  });

  it('the villager reads the answer and rates it', async () => {
    const page = await person('phone');
    await page.goto(trackLink);
    await page.getByText('水利局已更换管段并恢复供水').first().waitFor();
    await page.getByText('满意', { exact: true }).click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('已办结').first().waitFor();
    await shot(page, 'phone-track-rated');
    assert.deepEqual(errors, []);
  });
});
