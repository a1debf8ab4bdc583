/**
 * An industry contact point in the browser: 连平's staff see the 1+2+5+N structure complete, the
 * member enterprises with their credit codes, and the 100-day campaign's progress and burn-down,
 * and log a visit, which the campaign then lists; the point's deputy, on a phone, finds the
 * contacts masked, reveals one, and opens the campaign.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { collectErrors, launch, newDevice, shot, signIn } from './browser.js';

describe('an industry contact point', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  it('staff see the organisation, the enterprises and the campaign with its burn-down, and log a visit', async () => {
    const page = await (await newDevice(browser, 'desktop')).newPage();
    const errors = collectErrors(page);
    await signIn(page, 'lianping');
    await page.goto('/industry');
    await page.getByRole('link', { name: '连平县鹰嘴蜜桃产业代表联络站' }).click();
    await page.getByText('“1+2+5+N”组织架构完整').waitFor();
    await page.getByText('罗建东(连平县人大常委会副主任)').waitFor();
    await page.getByRole('tab', { name: '成员企业' }).click();
    await page.getByText('连平县上坪镇鹰嘴蜜桃专业合作社').first().waitFor();
    await page.getByRole('tab', { name: '联系计划' }).click();
    await page.getByRole('link', { name: '鹰嘴蜜桃产业“百日联系计划”' }).click();
    await page.getByText(/已联系 \d+\/30 家/).waitFor();
    await page.getByRole('img', { name: /剩余 \d+ 家未联系/ }).waitFor();
    await page.getByRole('link', { name: /群众意见 / }).waitFor();
    await shot(page, 'industry-campaign');
    await page.getByRole('button', { name: '登记走访' }).click();
    const dialog = page.getByRole('dialog', { name: '登记走访' });
    await dialog.getByLabel('走访日期').fill(await page.evaluate(() => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)));
    await dialog.getByRole('combobox', { name: '走访企业' }).fill('桃花谷');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '连平县桃花谷乡村旅游有限公司' }).first().click();
    // A click on the dialog's title, above the list, takes the focus and closes the list.
    // (Escape would close the dialog itself whenever the list had already lost focus.) The list
    // closes with an animation; until it is gone it takes the click meant for the button.
    await dialog.locator('.ant-modal-title').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    // Any answer to the visit, so that a refusal shows its body; the page's state is kept if none comes.
    const [visit] = await Promise.all([
      page.waitForResponse((r) => /\/api\/industry\/campaigns\/\d+\/visits$/.test(r.url()) && r.request().method() === 'POST', { timeout: 60_000 })
        .catch(async (err: unknown) => { await shot(page, 'industry-visit-unsent'); throw err; }),
      dialog.getByRole('button', { name: /登\s*记/ }).click(),
    ]);
    assert.equal(visit.status(), 201, await visit.text());
    await page.getByText(/^走访记录.11 次.$/).waitFor();
    await shot(page, 'industry-campaign-visit-logged');
    assert.deepEqual(errors, []);
  });

  it('the point\'s deputy reveals a contact and opens the campaign on a phone', async () => {
    const page = await (await newDevice(browser, 'phone')).newPage();
    const errors = collectErrors(page);
    await signIn(page, 'yetaoxiang');
    await page.goto('/industry');
    await page.getByRole('link', { name: '连平县鹰嘴蜜桃产业代表联络站' }).click();
    await page.getByRole('tab', { name: '成员企业' }).click();
    await page.getByText(/139\*\*\*\*\d{4}/).first().waitFor();
    await Promise.all([
      page.waitForResponse((r) => /\/api\/industry\/enterprises\/\d+\/contact$/.test(r.url()) && r.status() === 200),
      page.getByRole('button', { name: '查看' }).first().click(),
    ]);
    await page.getByRole('tab', { name: '联系计划' }).click();
    await page.getByRole('link', { name: '鹰嘴蜜桃产业“百日联系计划”' }).click();
    await page.getByRole('button', { name: '登记走访' }).waitFor();
    await page.getByText(/^走访记录.\d+ 次.$/).waitFor();
    await shot(page, 'industry-phone-campaign');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the campaign page is ${overflow}px wider than the phone`);
    assert.deepEqual(errors, []);
  });
});
