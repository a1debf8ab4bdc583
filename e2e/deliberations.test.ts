/**
 * 逢四议事 in 平桂区西湾街道: the street's clerk (xiwan) proposes a topic and scores it on the
 * topic pool (the weighted score shown as the street's weights give it, the ranking best
 * first); on the coming day she takes the best-scored topics (the choice ticks the top of the
 * ranking), sends the notice, records the meeting (attendance, the departments present, the
 * minutes, the decisions) and assigns an action item to 水利局; the unit's clerk signs for it
 * on a phone. A constituent reads the street's published result on her phone and is not
 * satisfied with a finished item; the clerk sends that item back to its unit. Whatever the
 * demo's days are, the test reads them through the API first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from './api.js';
import { audit, describeViolations } from './axe.js';
import { chooseOption, collectErrors, launch, newDevice, shot, signIn } from './browser.js';

const STAMP = `${Date.now() % 100000}`;
const TITLE = `西湾路农贸市场周边占道经营整治(${STAMP})`;
const MINUTES = `代表们听取了街道城管办关于农贸市场周边占道经营情况的汇报,实地察看了西湾路市场南门(${STAMP})。`;
const DECISION = `由城管办牵头划定临时疏导摊区,一个月内完成(${STAMP})`;
const ITEM = `市场南门排水沟清淤改造(${STAMP})`;

interface Weights { importance: number; urgency: number; impact: number }
interface DayItem { id: number; state: string; heldOn: string; regionCode: string }

/** A score as the pool shows it: weighted by the street's weights, two decimals. */
function weighted(s: Weights, w: Weights): string {
  return ((s.importance * w.importance + s.urgency * w.urgency + s.impact * w.impact) / (w.importance + w.urgency + w.impact)).toFixed(2);
}

/** The numbers of a score column, in the order shown (— for an unscored topic). */
async function scoreColumn(rows: ReturnType<Page['locator']>, column: number): Promise<(number | null)[]> {
  const texts = await rows.evaluateAll((trs, c) => trs.map((tr) => tr.querySelectorAll('td')[c]?.textContent?.trim() ?? ''), column);
  return texts.map((t) => (/^\d/.test(t) ? Number(t) : null));
}

describe('a street clerk chooses the month\'s topics by their scores and records the meeting', () => {
  let browser: Browser;
  const errors: string[] = [];
  let staff: ApiClient;
  let regionCode = '';
  let weights: Weights;
  let day: DayItem;

  before(async () => {
    browser = await launch();
    staff = await ApiClient.signIn('xiwan');
    const regions = await staff.get<{ items: { regionCode: string; name: string }[] }>('/api/deliberations/regions');
    const region = regions.items.find((r) => r.name.includes('西湾'));
    assert.ok(region, `西湾街道 among ${JSON.stringify(regions.items)}`);
    regionCode = region.regionCode;
    weights = (await staff.get<{ weights: Weights }>(`/api/deliberations/rules/${regionCode}`)).weights;
    const days = await staff.get<{ items: DayItem[] }>(`/api/deliberations/days?regionCode=${regionCode}`);
    const coming = days.items.find((d) => d.state === 'scheduled' || d.state === 'noticed');
    assert.ok(coming, `a coming day in ${JSON.stringify(days.items.map((d) => [d.heldOn, d.state]))}`);
    day = coming;
  });
  after(async () => { await browser.close(); });

  async function device(kind: 'phone' | 'desktop'): Promise<Page> {
    const page = await (await newDevice(browser, kind)).newPage();
    errors.push(...collectErrors(page));
    return page;
  }

  it('from the scored pool to the meeting record and the action plan', async () => {
    const desk = await device('desktop');
    await signIn(desk, 'xiwan');

    // The topic pool, ranked by weighted score; a new topic proposed and scored.
    await desk.goto(`/deliberations?tab=topics&region=${regionCode}`);
    const ranking = desk.getByTestId('topic-ranking');
    await ranking.locator('tbody tr.ant-table-row').first().waitFor();
    await desk.getByRole('button', { name: '提出议题' }).click();
    const propose = desk.getByRole('dialog', { name: /提出议题/ });
    await propose.getByLabel('议题', { exact: true }).fill(TITLE);
    await propose.getByLabel(/议题说明/).fill('西湾路农贸市场南门、东门早晚高峰占道经营,群众多次反映通行困难、垃圾清运不及时。');
    await propose.getByRole('button', { name: /提\s*交/ }).click();
    await propose.waitFor({ state: 'hidden' });
    const row = ranking.locator('tr').filter({ hasText: TITLE });
    await row.getByRole('button', { name: '评分' }).click();
    const scoring = desk.getByRole('dialog', { name: '议题评分' });
    const scores = { importance: 5, urgency: 5, impact: 4 };
    for (const [i, n] of [scores.importance, scores.urgency, scores.impact].entries()) {
      await scoring.locator('.ant-rate').nth(i).locator('.ant-rate-star').nth(n - 1).click();
    }
    const expected = weighted(scores, weights);
    await scoring.getByTestId('weighted-preview').getByText(expected).waitFor();
    await scoring.getByRole('button', { name: /保\s*存/ }).click();
    await scoring.waitFor({ state: 'hidden' });
    await row.getByText(expected, { exact: true }).waitFor();
    // Best first: the weighted scores never rise down the list (unscored last).
    const column = 8; // 排名, 议题, 来源, 提出人, 重要性, 紧迫性, 社会影响, 加权得分
    const pool = await scoreColumn(ranking.locator('tbody tr.ant-table-row'), column - 1);
    const scored = pool.filter((s): s is number => s !== null);
    assert.deepEqual(scored, [...scored].sort((a, b) => b - a), `ranked best first: ${pool.join(', ')}`);
    assert.ok(pool.indexOf(null) === -1 || pool.slice(pool.indexOf(null)).every((s) => s === null), 'unscored last');
    await shot(desk, 'deliberation-topic-pool');

    // The coming day: the topics taken by their scores.
    await desk.goto(`/deliberations/days/${day.id}`);
    const header = desk.getByTestId('day-header');
    await header.getByRole('heading', { name: /逢四议事/ }).waitFor();
    await header.getByRole('button', { name: /选定议题|调整议题/ }).click();
    const choose = desk.getByRole('dialog', { name: '选定本次议题' });
    const rows = choose.getByTestId('choose-ranking').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    await choose.getByRole('button', { name: /按得分选前/ }).click();
    const chooseScores = await scoreColumn(rows, 4); // ☐, 排名, 议题, 评分, 得分
    assert.deepEqual(chooseScores, [...chooseScores].sort((a, b) => b! - a!), `the choice is ranked: ${chooseScores.join(', ')}`);
    const rule = await staff.get<{ topicsMax: number }>(`/api/deliberations/rules/${regionCode}`);
    const n = Math.min(rule.topicsMax, chooseScores.length);
    const ticked = await rows.evaluateAll((trs) => trs.map((tr) => tr.classList.contains('ant-table-row-selected')));
    assert.deepEqual(ticked, ticked.map((_, i) => i < n), 'the best-scored topics are ticked');
    const titles = await rows.evaluateAll((trs, k) => trs.slice(0, k).map((tr) => tr.querySelectorAll('td')[2]?.textContent?.trim() ?? ''), n);
    await shot(desk, 'deliberation-choose');
    await choose.getByRole('button', { name: /确定选定/ }).click();
    await choose.waitFor({ state: 'hidden' });
    for (const t of titles) await desk.getByTestId('day-topics').getByText(t, { exact: true }).waitFor();

    // The notice, if the job has not sent it yet.
    const notice = header.getByRole('button', { name: '发送通知' });
    if (await notice.isVisible()) {
      await notice.click();
      await desk.getByRole('dialog').getByRole('button', { name: /发\s*送/ }).click();
      await desk.getByTestId('notice-status').getByText(/已于/).waitFor();
    }

    // The meeting record: attendance, the departments present, the minutes, a decision.
    await header.getByRole('button', { name: '录入会议记录' }).click();
    const record = desk.getByRole('dialog', { name: '会议记录' });
    // Minutes are of a meeting held: this one was brought forward to yesterday, by the Beijing clock.
    const shanghaiDay = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    if (day.heldOn > shanghaiDay(Date.now())) await record.getByText(/尚未到期/).waitFor();
    const heldOn = shanghaiDay(Date.now() - 86_400_000);
    const dateInput = record.getByLabel('日期');
    await dateInput.click();
    await dateInput.fill(heldOn);
    await dateInput.press('Enter');
    assert.equal(await dateInput.inputValue(), heldOn);
    const attendance = record.getByTestId('attendance');
    let onLeave = false;
    if (await attendance.count()) {
      // One deputy on leave, the others present (the default).
      const groups = attendance.locator('.ant-radio-group');
      if (await groups.count() > 1) {
        await groups.nth(1).getByText('请假').click();
        onLeave = true;
      }
    } else {
      await record.getByRole('combobox', { name: '出席代表' }).click();
      await desk.locator('.ant-select-item-option').first().waitFor();
      await desk.locator('.ant-select-item-option').first().click();
      await desk.keyboard.press('Escape');
    }
    // 水利局 present, unless invited already (then it is there).
    if (!await record.locator('.ant-select-selection-item', { hasText: '水利局' }).count()) {
      await record.getByRole('combobox', { name: '列席职能部门' }).fill('水利');
      await desk.locator('.ant-select-item-option').filter({ hasText: '水利局' }).first().click();
      await desk.keyboard.press('Escape');
    }
    await record.getByLabel('会议纪要').fill(MINUTES);
    await record.getByLabel('议定事项 1').fill(DECISION);
    await shot(desk, 'deliberation-record-form');
    await record.getByRole('button', { name: /保存记录/ }).click();
    await record.waitFor({ state: 'hidden' });
    const held = desk.getByTestId('day-record');
    await held.getByText(MINUTES).waitFor();
    await held.getByTestId('record-decisions').getByText(DECISION).waitFor();
    await held.getByTestId('record-attendance').getByText(/出席/).waitFor();
    if (onLeave) await held.getByTestId('record-attendance').getByText('请假(1)').waitFor();
    await desk.getByTestId('day-state').getByText('已议事').waitFor();

    // The action plan: an item for 水利局.
    await header.getByRole('button', { name: '添加行动事项' }).click();
    const add = desk.getByRole('dialog', { name: '添加行动事项' });
    await add.getByLabel('事项', { exact: true }).fill(ITEM);
    await add.getByLabel('具体要求').fill('对市场南门排水沟清淤并加盖板,雨季前完成。');
    await add.getByRole('combobox', { name: '责任单位' }).fill('水利');
    await chooseOption(desk, '水利局');
    await add.getByRole('button', { name: /交\s*办/ }).click();
    await add.waitFor({ state: 'hidden' });
    const plan = desk.getByTestId('day-items');
    const itemRow = plan.locator('tr').filter({ hasText: ITEM });
    await itemRow.getByText('待签收').waitFor();
    await itemRow.getByText(/水利局/).waitFor();
    await shot(desk, 'deliberation-day-held');

    // The unit's clerk finds the item on a phone and signs for it.
    const clerk = await device('phone');
    await signIn(clerk, 'shuiliju');
    await clerk.goto('/deliberations');
    await clerk.getByTestId('item-card').filter({ hasText: ITEM }).click();
    await clerk.getByTestId('item-header').getByRole('button', { name: '签收' }).click();
    await clerk.getByTestId('item-state').getByText('办理中').waitFor();
    const overflow = await clerk.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the item page is ${overflow}px wider than the phone`);
    await shot(clerk, 'deliberation-item-phone');
    assert.deepEqual(errors, []);
  });

  it('a constituent is unsatisfied with a published item, and the clerk sends it back', async () => {
    const pub = new ApiClient();
    const list = await pub.get<{ items: { id: number; regionName: string }[] }>('/api/public/deliberations');
    const published = list.items.find((d) => d.regionName.includes('西湾'));
    assert.ok(published, `a published day of 西湾街道 among ${JSON.stringify(list.items)}`);
    const result = await pub.get<{ items: { id: number; title: string; state: string }[] }>(`/api/public/deliberations/${published.id}`);
    // A finished item: the office approves an answered one first, if none is finished yet.
    const done = result.items.find((i) => i.state === 'approved') ?? result.items.find((i) => i.state === 'answered');
    assert.ok(done, `an answered or finished item in ${JSON.stringify(result.items.map((i) => [i.title, i.state]))}`);
    const comment = `问题还没有解决,雨天还是积水(${STAMP})`;
    const desk = await device('desktop');
    await signIn(desk, 'xiwan');
    if (done.state === 'answered') {
      await desk.goto(`/deliberations/items/${done.id}`);
      await desk.getByTestId('item-answer').waitFor();
      await desk.getByTestId('item-header').getByRole('button', { name: '审核通过' }).click();
      await desk.getByTestId('item-state').getByText('已办结').waitFor();
      await shot(desk, 'deliberation-item-approved');
    }

    const phone = await device('phone');
    await phone.goto('/m/deliberations');
    await phone.getByTestId('public-day').first().waitFor();
    await phone.goto(`/m/deliberations/${published.id}`);
    await phone.getByRole('heading', { name: /逢四议事/ }).waitFor();
    await phone.getByTestId('public-items').getByText(done.title).first().waitFor();
    const violations = await audit(phone);
    assert.equal(violations.length, 0, describeViolations(violations));
    await phone.getByText('不满意', { exact: true }).click();
    await phone.getByText(new RegExp(`^${done.title.replace(/[()()]/g, '.')}`)).last().click();
    await phone.getByLabel('不满意的原因').fill(comment);
    await shot(phone, 'deliberation-public-feedback');
    await phone.getByRole('button', { name: '提交评价' }).click();
    await phone.getByText('感谢您的评价').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the public result is ${overflow}px wider than the phone`);

    await desk.goto(`/deliberations/days/${published.id}`);
    const feedback = desk.getByTestId('day-feedback').locator('.ant-list-item').filter({ hasText: comment });
    await feedback.getByRole('button', { name: '退回事项重新办理' }).click();
    const decide = desk.getByRole('dialog', { name: '退回事项重新办理' });
    await decide.getByLabel('说明').fill('群众反映仍有积水,请水利局重新清淤并核实排水坡度。');
    await decide.getByRole('button', { name: /确\s*定/ }).click();
    await decide.waitFor({ state: 'hidden' });
    await feedback.getByText('已退回重办').waitFor();
    const itemRow = desk.getByTestId('day-items').locator('tr').filter({ hasText: done.title });
    await itemRow.getByText('办理中').waitFor();
    await itemRow.getByText(/重办 \d+ 次/).waitFor();
    await shot(desk, 'deliberation-sent-back');
    assert.deepEqual(errors, []);
  });
});
