/**
 * A constituent's look-up locked by failed guesses: the station's officer sees it on the case
 * page, checks who the caller is, and unlocks it (audited); the code and PIN work again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiClient, stationId } from './api.js';
import { BASE_URL, collectErrors, launch, newDevice, shot, signIn } from './browser.js';

/** A public request from an address of its own (the server trusts X-Forwarded-For in these tests). */
let address = 0;
async function publicPost(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${BASE_URL}${url}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.18.7.${++address}` },
  });
  return { status: res.status, json: await res.json() as Record<string, unknown> };
}

describe('unlocking a constituent\'s locked look-up from the case page', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(() => browser.close());

  it('shows the lock to the station\'s officer on a phone, who unlocks it after checking; the PIN works again', async () => {
    const station = await stationId('平桂区黄田镇人大代表联络站');
    const categories = await new ApiClient().get<{ id: number; code: string }[]>('/api/case-categories');
    const content = `查询锁定测试:村口桥栏杆断了 ${Date.now()}`;
    const receipt = await publicPost('/api/public/opinions', { stationId: station, categoryId: categories.find((c) => c.code === 'water')!.id, content, phone: '13977416789' });
    assert.equal(receipt.status, 201);
    const { trackingCode, pin } = receipt.json as { trackingCode: string; pin: string };
    const wrong = String((Number(pin) + 1) % 1_000_000).padStart(6, '0');
    const guesses = [];
    for (let i = 0; i < 5; i++) guesses.push((await publicPost('/api/public/opinions/lookup', { code: trackingCode, pin: wrong })).status);
    assert.deepEqual(guesses, [404, 404, 404, 404, 423]);
    assert.equal((await publicPost('/api/public/opinions/lookup', { code: trackingCode, pin })).status, 423);

    const officer = await ApiClient.signIn('huangtian');
    const found = await officer.get<{ items: { id: number; trackingCode: string }[] }>(`/api/cases?q=${encodeURIComponent(trackingCode)}`);
    const id = found.items.find((c) => c.trackingCode === trackingCode)!.id;

    const page = await (await newDevice(browser, 'phone')).newPage();
    const errors = collectErrors(page);
    await signIn(page, 'huangtian');
    await page.goto(`/cases/${id}`);
    const alert = page.getByTestId('lookup-locked');
    await alert.waitFor();
    assert.match(await alert.innerText(), /连续失败 5 次/);
    await shot(page, 'case-lookup-locked');
    await alert.getByTestId('lookup-unlock').click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(/核实/).first().waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/cases/${id}/lookup/unlock`) && r.status() === 200),
      confirm.getByRole('button', { name: /解\s*锁/ }).click(),
    ]);
    await alert.waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);

    const again = await publicPost('/api/public/opinions/lookup', { code: trackingCode, pin });
    assert.equal(again.status, 200);
    assert.equal(again.json.trackingCode, trackingCode);
    const status = await officer.get<{ locked: boolean; recent: { method: string; outcome: string }[] }>(`/api/cases/${id}/lookup`);
    assert.equal(status.locked, false);
    assert.deepEqual(status.recent.slice(0, 2).map((r) => `${r.method}:${r.outcome}`), ['pin:ok', 'staff:unlocked']);
  });
});
