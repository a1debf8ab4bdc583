/**
 * Hot topics from the demo opinions: 平桂区's staff open 热点议题 on a desktop and find rising
 * topics drawn from several stations, with their weeks and villages; the chosen topic shows its
 * representative opinions with no phone number in them. They turn one topic into a deliberation
 * topic (逢四议事), which the topic then lists as what it became, and link another topic's
 * opinions to the open consultation on rural drinking water, whose page lists them.
 * A deputy, on a phone, opens a topic and starts a draft suggestion from its opinions. No page
 * is wider than the phone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chooseOption, collectErrors, launch, newDevice, shot, signIn } from './browser.js';

/** A mainland mobile number written in full: none may show on these screens. */
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

describe('hot topics across the stations', () => {
  let browser: Browser;
  const errors: string[] = [];
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  async function device(kind: 'phone' | 'desktop', username: string): Promise<Page> {
    const page = await (await newDevice(browser, kind)).newPage();
    errors.push(...collectErrors(page));
    await signIn(page, username);
    await page.getByRole('link', { name: /条未读/ }).waitFor();
    return page;
  }

  async function noOverflow(page: Page, what: string) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the phone`);
  }

  it('staff see the rising topics of 平桂区 and turn one into a deliberation topic and another into consultation input', async () => {
    const page = await device('desktop', 'pinggui');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('menuitem', { name: '热点议题' }).click();
    await page.waitForURL(/\/hot-topics/);
    await page.getByTestId('hot-topics-run').filter({ hasText: /平桂区.*条意见归并为 \d+ 个议题/ }).waitFor();
    const cards = page.getByTestId('hot-topic-card');
    await cards.first().waitFor();
    assert.ok(await cards.count() >= 3, 'at least three topics');
    // The demo's street lights out around 公和村 are among them.
    await cards.filter({ hasText: '路灯' }).first().waitFor();
    // Rising topics come first, each from several stations, with its weeks drawn.
    await cards.first().getByText('上升').waitFor();
    assert.match(await cards.first().innerText(), /\d+ 个联络站/);
    await cards.first().getByTestId('hot-topic-sparkline').waitFor();

    // The first topic opens beside the list: its weeks, stations, villages and opinions, masked.
    const detail = page.getByTestId('hot-topic-detail');
    await detail.getByTestId('hot-topic-opinions').locator('.ant-list-item').first().waitFor();
    await detail.getByTestId('hot-topic-stations').locator('.ant-list-item').first().waitFor();
    await detail.getByRole('img', { name: '该议题每周的意见数' }).waitFor();
    assert.doesNotMatch(await detail.getByTestId('hot-topic-opinions').innerText(), PHONE);
    await shot(page, 'desktop-hot-topics');

    // Staff recompute the county's topics: the run's time moves on, the list stays. A new run's
    // topics are new records, so the page opens the new first topic beside the list.
    const before = new URL(page.url()).searchParams.get('topic');
    assert.ok(before, 'a topic is open beside the list');
    await page.getByTestId('hot-topics-refresh').click();
    await page.getByText('已重新计算').waitFor();
    await page.waitForURL((u) => { const t = u.searchParams.get('topic'); return t !== null && t !== before; });
    await cards.first().waitFor();
    await detail.getByRole('button', { name: '转为议事议题' }).waitFor();

    // The first topic becomes a topic of a deliberation day, its opinions linked.
    const label = (await detail.getByRole('heading').first().innerText()).trim();
    await detail.getByRole('button', { name: '转为议事议题' }).click();
    const form = page.getByTestId('hot-topic-deliberation-form');
    assert.ok((await form.getByLabel('议题名称').inputValue()).length > 0, 'the title starts from the label');
    assert.match(await form.getByLabel('议题说明').inputValue(), /共收到相关群众意见 \d+ 条/);
    await page.getByRole('dialog').getByRole('button', { name: '转为议事议题' }).click();
    await page.getByText('议题已进入逢四议事的议题库').waitFor();
    await page.getByRole('button', { name: '查看议题' }).waitFor();
    await page.keyboard.press('Escape');
    // The topic lists what it became, linking to the deliberation topic.
    const taken = detail.getByTestId('hot-topic-taken');
    await taken.getByText('转为议事议题').waitFor();
    assert.match((await taken.getByRole('link').first().getAttribute('href'))!, /^\/deliberations\/topics\/\d+$/);
    assert.ok(label.length > 0);

    // Another topic goes to the open consultation on rural drinking water as input.
    await cards.nth(1).getByRole('link').first().click();
    await detail.getByRole('heading', { name: (await cards.nth(1).getByRole('link').first().innerText()).trim() }).waitFor();
    await detail.getByRole('button', { name: '纳入议题征询' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '征询议题' }).click();
    await chooseOption(page, '农村饮用水安全保障');
    await dialog.getByRole('button', { name: '纳入征询' }).click();
    // A confirm modal shows its title in its body; the header copy of it is hidden.
    await page.getByRole('dialog', { name: /已关联 \d+ 条群众意见/ }).getByText('这些意见已作为议题征询的参考', { exact: false }).waitFor();
    await page.getByRole('button', { name: '查看议题征询' }).click();
    await page.waitForURL(/\/consultations\/\d+$/);
    const linked = page.getByTestId('consultation-linked-opinions');
    await linked.locator('.ant-list-item').first().waitFor();
    assert.match(await linked.innerText(), /关联的群众意见\(\d+\)/);
    assert.doesNotMatch(await linked.innerText(), PHONE);
    await shot(page, 'desktop-consultation-linked-opinions');
    assert.deepEqual(errors, []);
  });

  it('a deputy on a phone turns a hot topic into a draft suggestion', async () => {
    const page = await device('phone', 'liangjun');
    await page.goto('/hot-topics');
    const cards = page.getByTestId('hot-topic-card');
    await cards.first().waitFor();
    await noOverflow(page, 'the list of hot topics');
    await shot(page, 'phone-hot-topics');

    await cards.first().getByRole('link').first().click();
    await page.waitForURL(/\/hot-topics\/\d+$/);
    const detail = page.getByTestId('hot-topic-detail');
    await detail.getByTestId('hot-topic-opinions').locator('.ant-list-item').first().waitFor();
    assert.doesNotMatch(await detail.innerText(), PHONE);
    await noOverflow(page, 'a hot topic');
    await shot(page, 'phone-hot-topic');
    // A deputy drafts suggestions; deliberation topics and consultations are the office's.
    assert.equal(await detail.getByRole('button', { name: '纳入议题征询' }).count(), 0);

    await detail.getByRole('button', { name: '起草代表建议' }).click();
    await page.waitForURL(/\/my-suggestions\/new\?caseIds=\d+(,\d+)*/);
    const caseIds = new URL(page.url()).searchParams.get('caseIds')!.split(',');
    // The opinions of the topic the deputy reaches: how many depends on the day of the week (the
    // list follows the week's rise; early on a Monday his first topic may show him one).
    assert.ok(caseIds.length >= 1, 'the draft starts from the topic\'s opinions');
    // The draft lists the opinions it grows from.
    await page.getByText(`群众意见(${caseIds.length})`).waitFor();
    await noOverflow(page, 'the draft');
    await shot(page, 'phone-hot-topic-suggestion');
    assert.deepEqual(errors, []);
  });
});
