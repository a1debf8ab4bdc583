/**
 * The rotating chair keeps the joint governance list (协同治理清单): at the 豫鲁 station this
 * quarter's chair is 十五里园镇 (阳谷, demo). 阳谷's staff (`yanggu`) mark the 刘子渔村 drainage
 * ditch resolved with a progress note; 台前's staff (`taiqian`, the host side) open the list and
 * see the new status and the note, and so does anyone on the station's public page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { chooseOption, collectErrors, launch, newDevice, shot, signIn } from './browser.js';

const ITEM = '刘子渔村排水沟清淤';

describe('cross-province governance list', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  it('the chair side updates an item; the other side sees it', async () => {
    const chair = await (await newDevice(browser, 'desktop')).newPage();
    const errors = collectErrors(chair);
    await signIn(chair, 'yanggu');
    await chair.goto('/cross-province');
    await chair.getByTestId('cp-chair').filter({ hasText: '十五里园镇' }).waitFor();
    await chair.getByTestId('cp-issues').getByRole('button', { name: ITEM }).click();
    const drawer = chair.getByRole('dialog');
    await drawer.getByText('推进中').first().waitFor();
    const note = `十五里园镇段清淤完成,排水畅通(${Date.now()})`;
    await drawer.getByLabel('状态改为').click();
    await chooseOption(chair, '已解决');
    await drawer.getByLabel('进展情况').fill(note);
    await drawer.getByRole('button', { name: '记录进展' }).click();
    await drawer.getByTestId('cp-issue-notes').getByText(note).waitFor();
    await drawer.getByTestId('cp-issue-status').filter({ hasText: '已解决' }).waitFor();
    await shot(chair, 'cross-province-chair-update');

    const other = await (await newDevice(browser, 'desktop')).newPage();
    const otherErrors = collectErrors(other);
    await signIn(other, 'taiqian');
    await other.goto('/cross-province');
    const row = other.getByTestId('cp-issues').locator('tr').filter({ hasText: ITEM });
    await row.getByTestId('cp-issue-status').filter({ hasText: '已解决' }).waitFor();
    await row.getByRole('button', { name: ITEM }).click();
    await other.getByRole('dialog').getByTestId('cp-issue-notes').getByText(note).waitFor();

    // Published to all sides and the public: the station's public page shows the list, without names.
    const stations = await (await other.request.get('/api/cross-province/stations')).json() as { items: { id: number; name: string }[] };
    const yulu = stations.items.find((s) => s.name.startsWith('豫鲁'));
    assert.ok(yulu, 'the 豫鲁 station is in reach of 台前');
    const visitor = await (await newDevice(browser, 'phone')).newPage();
    const visitorErrors = collectErrors(visitor);
    await visitor.goto(`/m/s/${yulu.id}`);
    const published = visitor.getByTestId('public-governance-list');
    await published.getByText(ITEM).waitFor();
    await published.locator('.adm-list-item').filter({ hasText: ITEM }).getByText('已解决').waitFor();
    await shot(visitor, 'cross-province-public-list');
    assert.deepEqual([...errors, ...otherErrors, ...visitorErrors], []);
  });
});
