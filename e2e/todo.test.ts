/**
 * The to-do centre and the county-scale queue in real browsers: a unit clerk, on a phone, lands
 * on their to-do list, opens what waits for their signature and signs it; district staff choose
 * three accepted cases in the queue and assign them to a unit in one go.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ApiClient, stationId } from './api.js';
import { chooseOption, collectErrors, launch, newDevice, shot, signIn } from './browser.js';

const STATION = '平桂区黄田镇人大代表联络站';
const UNIT = '贺州市平桂区水利局';

interface Receipt { id: number; trackingCode: string }

/** Opinions registered at the station by the district clerk through the API and accepted, as another device would. */
async function acceptedCases(staff: ApiClient, contents: string[]): Promise<Receipt[]> {
  const categories = await staff.get<{ id: number; code: string }[]>('/api/case-categories');
  const water = categories.find((c) => c.code === 'water') ?? categories[0]!;
  const { items } = await staff.post<{ items: Receipt[] }>('/api/cases', {
    stationId: await stationId(STATION), channel: 'phone', items: contents.map((content) => ({ categoryId: water.id, content })),
  });
  for (const c of items) await staff.post(`/api/cases/${c.id}/actions/accept`);
  return items;
}

async function unitId(staff: ApiClient): Promise<number> {
  const page = await staff.get<{ items: { id: number; name: string }[] }>(`/api/units?q=${encodeURIComponent('水利局')}&limit=50`);
  return page.items.find((u) => u.name === UNIT)!.id;
}

describe('the to-do centre and batch work', () => {
  let browser: Browser;
  let staff: ApiClient;
  const errors: string[] = [];

  before(async () => {
    browser = await launch();
    staff = await ApiClient.signIn('pinggui');
  });
  after(async () => {
    await browser.close();
    assert.deepEqual(errors, []);
  });

  async function person(kind: 'phone' | 'desktop', username: string): Promise<Page> {
    const page = await (await newDevice(browser, kind)).newPage();
    errors.push(...collectErrors(page));
    await signIn(page, username);
    return page;
  }

  it('a unit clerk lands on the to-do list and signs', async () => {
    const content = `公和村四组灌溉渠堵塞,请水利局疏通(${Date.now()})`;
    const [c] = await acceptedCases(staff, [content]);
    await staff.post(`/api/cases/${c!.id}/actions/assign`, { unitId: await unitId(staff) });

    const page = await person('phone', 'shuiliju');
    await page.getByRole('heading', { name: /我的待办/ }).waitFor();
    const tile = page.getByRole('button', { name: /^待签收 \d+$/ });
    await tile.click();
    const entry = page.getByRole('link', { name: new RegExp(c!.trackingCode) });
    await entry.waitFor();
    await shot(page, 'todo-unit-phone');
    await entry.click();
    await page.getByText(content).first().waitFor();
    await page.getByRole('button', { name: /^签\s*收$/ }).click();
    await page.getByText(/^已/).first().waitFor(); // the success message
    await page.getByText('办理中').first().waitFor();

    await page.goto('/');
    await page.getByRole('heading', { name: /我的待办/ }).waitFor();
    await page.getByRole('button', { name: /^待签收 \d+$/ }).click();
    await page.getByRole('link', { name: new RegExp(c!.trackingCode) }).waitFor({ state: 'detached' });
    const detail = await staff.get<{ state: string }>(`/api/cases/${c!.id}`);
    assert.equal(detail.state, 'in_progress');
  });

  it('staff batch-assign three cases', async () => {
    const tag = `批量${Date.now()}`;
    const cases = await acceptedCases(staff, [1, 2, 3].map((n) => `黄田镇${n}号路段路灯不亮(${tag})`));
    const page = await person('desktop', 'pinggui');
    await page.goto(`/cases?q=${encodeURIComponent(tag)}`);
    for (const c of cases) await page.getByRole('link', { name: c.trackingCode, exact: true }).waitFor();
    await page.getByText('共 3 件').first().waitFor();
    for (const c of cases) await page.getByRole('checkbox', { name: `选择 ${c.trackingCode}` }).check();
    await page.getByRole('button', { name: '批量交办' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('可交办 3 件').waitFor();
    await dialog.getByRole('combobox').first().click();
    await chooseOption(page, UNIT);
    await dialog.getByTitle(UNIT).waitFor(); // the unit chosen, in the dialog's field
    await shot(page, 'cases-batch-assign');
    await dialog.getByRole('button', { name: /交办 3 件/ }).click();
    // Three workflow actions, each in its own transaction: give a busy machine time.
    await page.getByText('已交办 3 件').waitFor({ timeout: 60_000 });
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row').filter({ hasText: '已交办' }).nth(2).waitFor();
    await shot(page, 'cases-after-batch');
    for (const c of cases) {
      const detail = await staff.get<{ state: string; unit: { name: string } | null; timeline: { action: string }[] }>(`/api/cases/${c.id}`);
      assert.equal(detail.state, 'assigned');
      assert.equal(detail.unit?.name, UNIT);
      assert.ok(detail.timeline.some((e) => e.action === 'assign'));
    }
  });
});
