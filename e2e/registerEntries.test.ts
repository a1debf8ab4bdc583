/**
 * Correcting and deleting a 先进事迹 entry in the back office: the station officer fixes a
 * deed's title in the recording form, meets a change made meanwhile on another device (the
 * list reloads with it), deletes the deed after confirming; the administrator then finds the
 * deletion and the register downloads in the audit log under their readable labels.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ApiClient, stationId } from './api.js';
import { collectErrors, launch, newDevice, shot, signIn } from './browser.js';

const STATION = '平桂区黄田镇人大代表联络站';
const PERIOD = 'from=2026-02-01&to=2026-02-28';

describe('correcting and deleting register entries', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let api: ApiClient;
  let station = 0;
  before(async () => {
    browser = await launch();
    api = await ApiClient.signIn('huangtian');
    station = await stationId(STATION);
    page = await (await newDevice(browser, 'desktop')).newPage();
    errors = collectErrors(page);
    await signIn(page, 'huangtian');
  });
  after(async () => { await browser.close(); });

  const deedItem = (title: string) => page.locator('.ant-list-item').filter({ hasText: title });

  it('corrects a deed, reloads on a change made meanwhile, and deletes it after confirming', async () => {
    const deputies = await api.get<{ items: { id: number; name: string }[] }>(`/api/deputies?stationId=${station}`);
    const deed = await api.post<{ id: number }>('/api/deeds', {
      stationId: station, deputyId: deputies.items[0]!.id, occurredOn: '2026-02-10', title: '春节走访困难户', description: '走访 12 户',
    });
    await page.goto(`/registers?mode=station&stationId=${station}&${PERIOD}`);
    await page.getByRole('tab', { name: '先进事迹' }).click();
    await deedItem('春节走访困难户').waitFor();

    // The recording form opens filled in; only the changed title is sent.
    await deedItem('春节走访困难户').getByRole('button', { name: /修\s*改/ }).click();
    const dialog = page.getByRole('dialog', { name: '修改先进事迹' });
    await dialog.getByLabel('事迹', { exact: true }).fill('春节走访慰问困难户');
    await shot(page, 'desktop-registers-deed-edit');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/deeds/${deed.id}`) && r.request().method() === 'PATCH' && r.status() === 200),
      dialog.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    await deedItem('春节走访慰问困难户').waitFor();

    // Someone else corrects it meanwhile: saving the stale version says so and reloads the list.
    await deedItem('春节走访慰问困难户').getByRole('button', { name: /修\s*改/ }).click();
    await api.request('PATCH', `/api/deeds/${deed.id}`, { version: 2, title: '春节走访慰问 12 户困难户' });
    await dialog.getByLabel('事迹', { exact: true }).fill('过时的修改');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/deeds/${deed.id}`) && r.status() === 409),
      dialog.getByRole('button', { name: /保\s*存/ }).click(),
    ]);
    await page.getByText('该记录刚被他人修改').waitFor();
    await deedItem('春节走访慰问 12 户困难户').waitFor();
    assert.equal(await deedItem('过时的修改').count(), 0);

    await deedItem('春节走访慰问 12 户困难户').getByRole('button', { name: /删\s*除/ }).click();
    await page.getByText('删除“春节走访慰问 12 户困难户”?').waitFor();
    await shot(page, 'desktop-registers-deed-delete');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/deeds/${deed.id}?version=3`) && r.status() === 204),
      page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click(),
    ]);
    await page.getByText('本期没有登记先进事迹').waitFor();
    assert.deepEqual(errors, []);
  });

  it('shows the deletion and the downloads in the audit log with readable labels', async () => {
    await fetchRegister(api, `/api/registers/deeds.xlsx?stationId=${station}&${PERIOD}`);
    const admin = await (await newDevice(browser, 'desktop')).newPage();
    const adminErrors = collectErrors(admin);
    await signIn(admin, 'admin');
    await admin.goto('/audit');
    await admin.getByText('下载登记簿').first().waitFor();
    await admin.getByText('删除先进事迹').first().waitFor();
    await admin.getByText('修改先进事迹').first().waitFor();
    await shot(admin, 'desktop-audit-downloads');
    assert.deepEqual(adminErrors, []);
  });
});

/** A register downloaded through the API (the body is a file, not JSON). */
async function fetchRegister(api: ApiClient, url: string): Promise<void> {
  try { await api.get(url); } catch (err) { if (!/JSON/.test(String(err))) throw err; }
}
