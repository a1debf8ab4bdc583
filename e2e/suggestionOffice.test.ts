/**
 * A suggestion handled in the back office: 梁俊华 files a suggestion to the 平桂区 congress
 * (through the API, as his phone would); its staff register it and assign it to the water bureau
 * on the suggestion's page; the bureau's clerk answers on the suggestion's page with a B letter (正在解决或已列入计划) that
 * commits to a date — the form refuses a B letter without a commitment — and the deputy, on a
 * phone, finds it in his list and rates it 基本满意; a B answer with its commitment open is then
 * followed up.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ApiClient } from './api.js';
import { chooseOption, collectErrors, launch, newDevice, shot, signIn } from './browser.js';

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day `months` months from today in Beijing, YYYY-MM-DD. */
function monthsAhead(months: number): string {
  const [y, m, d] = DAY.format(new Date()).split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1 + months, Math.min(d, 28)));
  return at.toISOString().slice(0, 10);
}

describe('the unit answers a suggestion with a B letter and the deputy rates it', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  it('answers with category, signing official and a commitment; the lead deputy rates it on a phone', async () => {
    const title = `关于公和村水并片区自来水管网延伸的建议 ${Date.now() % 100000}`;
    const deputy = await ApiClient.signIn('liangjun');
    const staff = await ApiClient.signIn('pinggui');
    const categories = await deputy.get<{ id: number; code: string }[]>('/api/case-categories');
    const congresses = await deputy.get<{ level: string; regionCode: string }[]>('/api/suggestions/congresses');
    const county = congresses.find((c) => c.level === 'county')!;
    const { id } = await deputy.post<{ id: number }>('/api/suggestions', {
      kind: 'suggestion', title, level: 'county', regionCode: county.regionCode, categoryId: categories.find((k) => k.code === 'water')!.id,
      reasons: '水并片区 120 户群众仍靠山泉水,枯水期吃水困难。', proposals: '将县城供水管网延伸至水并片区,年内完成入户。',
    });
    await deputy.post(`/api/suggestions/${id}/actions`, { action: 'submit' });

    // The county congress's staff register it (it gets its number) and assign it to the water bureau.
    const staffPage = await (await newDevice(browser, 'desktop')).newPage();
    const staffErrors = collectErrors(staffPage);
    await signIn(staffPage, 'pinggui');
    await staffPage.goto(`/suggestions/${id}`);
    const header = staffPage.getByTestId('suggestion-header');
    await header.getByRole('button', { name: /^立\s*案$/ }).click();
    await staffPage.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await staffPage.getByTestId('suggestion-state').getByText('已立案').waitFor();
    await header.getByText(/第四届.*第\d{4}号/).waitFor();
    await header.getByRole('button', { name: /^交\s*办$/ }).click();
    const assign = staffPage.getByRole('dialog', { name: '交办' });
    await assign.getByRole('combobox', { name: '主办单位' }).click();
    await assign.getByRole('combobox', { name: '主办单位' }).fill('水利局');
    await chooseOption(staffPage, '贺州市平桂区水利局');
    await assign.getByLabel('主办单位承办内容').fill('管网延伸与入户');
    await assign.getByRole('button', { name: /提\s*交/ }).click();
    await assign.waitFor({ state: 'hidden' });
    await staffPage.getByTestId('suggestion-state').getByText('办理中').waitFor();
    await shot(staffPage, 'suggestion-assigned');
    assert.deepEqual(staffErrors, []);

    // The clerk answers on a desktop.
    const clerkPage = await (await newDevice(browser, 'desktop')).newPage();
    const clerkErrors = collectErrors(clerkPage);
    await signIn(clerkPage, 'shuiliju');
    await clerkPage.goto(`/suggestions/${id}`);
    await clerkPage.getByRole('heading', { name: title }).waitFor();
    await clerkPage.getByTestId('suggestion-units').getByText('管网延伸与入户').waitFor();
    await clerkPage.getByTestId('suggestion-header').getByRole('button', { name: /^答\s*复$/ }).click();
    const dialog = clerkPage.getByRole('dialog', { name: '答复' });
    await dialog.getByRole('radio', { name: 'B 类:正在解决或已列入计划' }).check(); // checked, or the step fails here
    await dialog.getByLabel('签发领导').fill('覃志明');
    await dialog.getByLabel('答复函正文').fill('贵代表提出的建议收悉。我局已将水并片区管网延伸列入今年农村供水保障工程,现将办理情况答复如下……');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.getByText('B 类答复须至少列出一项承诺事项').waitFor(); // a B letter names what it commits to
    await dialog.getByRole('button', { name: /添加承诺事项/ }).click();
    await dialog.getByLabel('承诺事项 1', { exact: true }).fill('完成水并片区主管网铺设并开放入户报装');
    const due = monthsAhead(2);
    await dialog.getByLabel('承诺事项 1 完成期限').click();
    await clerkPage.keyboard.type(due);
    await clerkPage.keyboard.press('Enter');
    await shot(clerkPage, 'suggestion-answer-dialog');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const answers = clerkPage.getByTestId('suggestion-answers');
    await answers.getByText('B 类(正在解决或已列入计划)').waitFor();
    await answers.getByText('覃志明', { exact: false }).waitFor();
    await answers.getByTestId('suggestion-commitment').getByText('完成水并片区主管网铺设并开放入户报装').waitFor();
    await clerkPage.getByTestId('suggestion-state').getByText('已答复待评价').waitFor();
    await shot(clerkPage, 'suggestion-answered');
    assert.deepEqual(clerkErrors, []);

    // The lead deputy finds it in his list on a phone and rates it.
    const phone = await (await newDevice(browser, 'phone')).newPage();
    const phoneErrors = collectErrors(phone);
    await signIn(phone, 'liangjun');
    await phone.goto(`/suggestions?q=${encodeURIComponent(title)}`);
    await phone.getByText(title).click();
    await phone.getByRole('heading', { name: title }).waitFor();
    await phone.getByTestId('suggestion-header').getByRole('button', { name: /^评\s*价$/ }).click();
    const rate = phone.getByRole('dialog', { name: '评价' });
    await rate.getByText('基本满意', { exact: true }).click();
    await rate.getByLabel('评价意见').fill('答复及时,请按承诺时间完成入户。');
    await rate.getByRole('button', { name: /提\s*交/ }).click();
    await rate.waitFor({ state: 'hidden' });
    await phone.getByTestId('suggestion-state').getByText('跟踪落实').waitFor();
    await phone.getByTestId('suggestion-ratings').getByText('答复及时,请按承诺时间完成入户。').waitFor();
    await shot(phone, 'suggestion-rated-phone');
    assert.deepEqual(phoneErrors, []);

    const detail = await staff.get<{ state: string; rating: string; answerCategory: string; commitments: { body: string; dueOn: string; doneAt: string | null }[] }>(`/api/suggestions/${id}`);
    assert.deepEqual(
      [detail.state, detail.rating, detail.answerCategory, detail.commitments.map((c) => [c.body, c.dueOn, c.doneAt])],
      ['following_up', 'basically_satisfied', 'B', [['完成水并片区主管网铺设并开放入户报装', due, null]]],
    );
  });
});
