/**
 * The constituent's phone pages beyond the first submission: a villager closes the receipt,
 * comes back days later with the tracking code and the query PIN (or her phone's last four
 * digits) and rates the answer; a submission made without network waits on the phone and goes
 * out when the network returns, once; every outcome shows a message; the new pages pass axe.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient, stationId } from './api.js';
import { audit, describeViolations } from './axe.js';
import { collectErrors, launch, newDevice, shot } from './browser.js';

const STATION = '平桂区黄田镇人大代表联络站';
const PHOTO = path.join(import.meta.dirname, 'fixtures', 'visit.png');

/** A Toast (antd-mobile) with this text is on screen. */
const toast = (page: Page, text: string | RegExp) => page.locator('.adm-toast-main').filter({ hasText: text }).first().waitFor();

async function noSeriousViolations(page: Page) {
  // A Toast fades in and out (antd-mobile animates its opacity): axe would measure its text
  // against a half-transparent background. The page is checked once messages have gone.
  await page.locator('.adm-toast-main').first().waitFor({ state: 'hidden', timeout: 10_000 });
  const violations = await audit(page);
  assert.equal(violations.length, 0, describeViolations(violations));
}

/** Fills the submit page's form (the category, the text, the phone). */
async function fillOpinion(page: Page, content: string, phone = '') {
  await page.getByText('饮水供水').click();
  await page.getByPlaceholder(/自来水/).fill(content);
  await page.getByPlaceholder('村、组、街道').fill('公和村五组');
  if (phone) await page.getByLabel(/手机号/).fill(phone);
}

/** The case with this tracking code, as the district clerk finds it. */
async function caseId(staff: ApiClient, code: string): Promise<number> {
  const page = await staff.get<{ items: { id: number; trackingCode: string }[] }>(`/api/cases?q=${encodeURIComponent(code)}`);
  const found = page.items.find((c) => c.trackingCode === code);
  if (!found) throw new Error(`no case ${code}`);
  return found.id;
}

describe('the phone pages: finding a case again, messages, offline drafts', () => {
  let browser: Browser;
  let station = 0;
  const errors: string[] = [];
  before(async () => {
    browser = await launch();
    station = await stationId(STATION);
  });
  after(async () => { await browser.close(); });

  async function phone(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await newDevice(browser, 'phone');
    const page = await context.newPage();
    errors.push(...collectErrors(page));
    return { context, page };
  }

  it('a villager closes the receipt, comes back with the code and PIN, and rates', async () => {
    const content = `公和村五组的水井抽水泵坏了,全组二十户没水(${Date.now()})`;
    const first = await phone();
    await first.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    let page = first.page;
    await page.goto(`/m/submit?station=${station}`);
    await page.getByText(STATION).waitFor();
    await page.getByText('个人信息说明').waitFor();
    await fillOpinion(page, content, '13907741234');
    await page.getByText(/预计答复时间.*签收后一般 \d+ 个工作日内办复/).waitFor();

    // Two photos chosen, one removed again: one thumbnail goes with the opinion.
    await page.getByLabel('选择照片').setInputFiles([PHOTO, PHOTO]);
    await page.getByRole('img', { name: '第 2 张照片' }).waitFor();
    await page.getByRole('button', { name: '删除第 1 张照片' }).click();
    await page.getByText('已选 1 张').waitFor();
    assert.equal(await page.locator('.lx-thumbs img').count(), 1);
    await shot(page, 'phone-submit-thumbnails');
    await noSeriousViolations(page);

    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('已收到您的意见').waitFor();
    await toast(page, '意见已发送');
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    const pin = (await page.getByTestId('query-pin').textContent())!.replace(/\s+/g, '');
    assert.match(code, /^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    assert.match(pin, /^\d{6}$/);
    await page.getByRole('button', { name: '复制查询链接' }).click();
    await toast(page, '已复制查询链接');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, new RegExp(`/m/t/${code}\\?key=`));
    await shot(page, 'phone-receipt-pin');
    await noSeriousViolations(page);
    await first.context.close(); // the WeChat page is closed: nothing of it is kept

    // Meanwhile the case is accepted, assigned, signed, replied, approved and answered.
    const staff = await ApiClient.signIn('pinggui');
    const id = await caseId(staff, code);
    const units = await staff.get<{ items: { id: number; name: string }[] }>(`/api/units?q=${encodeURIComponent('水利局')}`);
    const unit = units.items.find((u) => u.name === '贺州市平桂区水利局')!;
    await staff.post(`/api/cases/${id}/actions/accept`);
    await staff.post(`/api/cases/${id}/actions/assign`, { unitId: unit.id });
    const clerk = await ApiClient.signIn('shuiliju');
    await clerk.post(`/api/cases/${id}/actions/sign`);
    await clerk.post(`/api/cases/${id}/actions/reply`, {
      comment: '已更换水泵,恢复供水。', result: 'resolved', handlerName: '覃工', handlerContact: '0774-5288001',
      attachments: [{ name: '换泵现场.png', data: readFileSync(PHOTO).toString('base64'), public: true }],
    });
    await (await ApiClient.signIn('huangtian')).post(`/api/cases/${id}/actions/approve_reply`);
    await staff.post(`/api/cases/${id}/actions/answer`, { comment: '水利局已更换水泵并恢复供水,请您留意。', mode: 'agreed_time' });

    // Days later, on the station's page, she finds the 查询 page and her case.
    const second = await phone();
    page = second.page;
    await page.goto(`/m/s/${station}`);
    await page.getByText('下次接待日').waitFor();
    assert.match((await page.getByRole('link', { name: '在地图中查看' }).getAttribute('href'))!, /^https:\/\/uri\.amap\.com\//);
    await shot(page, 'phone-station-next-reception');
    await page.getByRole('link', { name: /查询办理进度/ }).click();
    await page.getByRole('heading', { name: '查询办理进度' }).waitFor();
    await noSeriousViolations(page);
    await page.getByLabel('受理编号').fill(code);
    await page.getByRole('textbox', { name: '查询码' }).fill(pin === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('alert').waitFor(); // the server's answer to a wrong PIN, as it says it
    assert.ok(((await page.getByRole('alert').textContent()) ?? '').length > 4);
    await page.locator('.adm-toast-main').first().waitFor();
    await page.getByRole('textbox', { name: '查询码' }).fill(pin);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/\/m\/t\/.+\?key=/);
    await page.getByText('水利局已更换水泵并恢复供水').first().waitFor();
    await page.getByText('已解决').waitFor();
    await page.getByRole('link', { name: '换泵现场.png' }).waitFor();
    const file = await page.getByRole('link', { name: '换泵现场.png' }).getAttribute('href');
    const download = await page.request.get(file!);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-type'], 'image/png');
    await noSeriousViolations(page);
    await page.getByText('满意', { exact: true }).click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await toast(page, '感谢您的评价');
    await page.getByText('已办结').first().waitFor();
    await shot(page, 'phone-track-after-lookup');
    await second.context.close();

    // With the last four digits of her phone instead of the PIN, too.
    const third = await phone();
    page = third.page;
    await page.goto('/m/q');
    await page.getByLabel('受理编号').fill(code);
    await page.getByRole('option', { name: '手机号后四位' }).click();
    await page.getByRole('textbox', { name: '手机号后四位' }).fill('1234');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('您的评价').waitFor();
    await third.context.close();
    assert.deepEqual(errors, []);
  });

  it('an offline submission is sent when the network returns', async () => {
    const content = `村口路灯坏了一个月,晚上看不见路(${Date.now()})`;
    const { context, page } = await phone();
    await page.goto(`/m/submit?station=${station}`);
    await page.getByText(STATION).waitFor();
    await fillOpinion(page, content);
    await page.getByLabel('选择照片').setInputFiles([PHOTO]);
    await page.getByText('已选 1 张').waitFor();

    await context.setOffline(true);
    await page.getByRole('button', { name: '提交' }).click();
    await toast(page, '网络不通,意见已保存在本机');
    await page.getByText('等待网络,联网后自动发送').waitFor();
    await shot(page, 'phone-submit-waiting');
    await noSeriousViolations(page);
    const kept = await page.evaluate(() => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('lianxin');
      open.onsuccess = () => {
        const count = open.result.transaction('drafts').objectStore('drafts').count();
        count.onsuccess = () => resolve(count.result);
      };
      open.onerror = () => reject(open.error);
    }));
    assert.equal(kept, 1, 'the draft is on the phone');

    await context.setOffline(false);
    await page.getByText('已收到您的意见').waitFor();
    await toast(page, '意见已发送');
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();

    // One case, with its photo, whatever the number of attempts.
    const staff = await ApiClient.signIn('pinggui');
    const found = await staff.get<{ items: { trackingCode: string }[] }>(`/api/cases?q=${encodeURIComponent(content.slice(0, 12))}`);
    assert.deepEqual(found.items.map((c) => c.trackingCode), [code]);
    const detail = await staff.get<{ photos: unknown[] }>(`/api/cases/${await caseId(staff, code)}`);
    assert.equal(detail.photos.length, 1);
    await context.close();
  });

  it('a draft left on the phone goes out when the submit page is next opened', async () => {
    const content = `小学门口没有减速带,车开得太快(${Date.now()})`;
    const { context, page } = await phone();
    await page.goto(`/m/submit?station=${station}`);
    await page.getByText(STATION).waitFor();
    await fillOpinion(page, content);
    await context.setOffline(true);
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('等待网络,联网后自动发送').waitFor();
    await page.close(); // she gives up and closes the page while there is no signal
    await context.setOffline(false);

    const later = await context.newPage();
    errors.push(...collectErrors(later));
    await later.goto(`/m/submit?station=${station}`);
    await later.getByText('已收到您的意见').waitFor();
    const code = (await later.getByTestId('tracking-code').textContent())!.trim();
    const staff = await ApiClient.signIn('pinggui');
    const found = await staff.get<{ items: { trackingCode: string }[] }>(`/api/cases?q=${encodeURIComponent(content.slice(0, 10))}`);
    assert.deepEqual(found.items.map((c) => c.trackingCode), [code]);
    // The 查询 page offers what was sent from this phone.
    await later.goto('/m/q');
    await later.getByRole('link', { name: code }).waitFor();
    await context.close();
  });

  it('the 查询 page, the station page and the submit page pass axe in 长辈模式 too', async () => {
    const context = await newDevice(browser, 'phone');
    await context.addInitScript(() => localStorage.setItem('lianxin.elder', '1'));
    const page = await context.newPage();
    for (const [url, ready] of [['/m/q', '受理编号'], [`/m/s/${station}`, '下次接待日'], [`/m/submit?station=${station}`, '个人信息说明']] as const) {
      await page.goto(url);
      await page.getByText(ready).first().waitFor();
      assert.equal(await page.locator('h1').count(), 1, url);
      await noSeriousViolations(page);
    }
    await shot(page, 'phone-lookup-elder');
    await context.close();
  });

  it('shows a refusal from the server, and a photo the phone cannot read, as messages', async () => {
    const { context, page } = await phone();
    await page.goto(`/m/submit?station=${station}`);
    await page.getByText(STATION).waitFor();
    await page.getByLabel('选择照片').setInputFiles({ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') });
    await toast(page, '有 1 张照片无法读取');
    assert.equal(await page.locator('.lx-thumbs img').count(), 0);
    await page.goto('/m/q');
    await page.getByLabel('受理编号').fill('AAA-BBB-CCC');
    await page.getByRole('textbox', { name: '查询码' }).fill('123456');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('alert').waitFor();
    await page.locator('.adm-toast-main').first().waitFor();
    await context.close();
    // A request the browser could not send while offline is logged by Chromium; nothing else may be.
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  });
});
