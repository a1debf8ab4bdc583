/**
 * 换届: 平桂区's clerk runs the election round of 公会镇's township congress from the terms page.
 * A constituent's opinion is open with 邓丽娟, who will leave. The clerk keeps the suggested
 * next term (the server's today), is told on the field that a term number already taken will
 * not do, uploads the new roster (a bad row first, refused row by row; then the corrected file:
 * 钟立新 and 覃永福 matched with their records, one new deputy), keeps 邓丽娟 as 特邀联络员,
 * names 覃永福 to take over her case, makes the new deputy the station's 联络员, previews and
 * runs the round, and sees the new term and its coverage. The API then shows the terms, the deputies and the hand-over as the page said.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { csvBuffer, ROSTER_HEADER } from '../server/testing/importFiles.js';
import { ApiClient, stationId } from './api.js';
import { audit, describeViolations } from './axe.js';
import { collectErrors, launch, newDevice, resizeTo, SCREENSHOTS, shot, signIn } from './browser.js';

const COURT = '平桂区公会镇代表法庭联络室';
const NEW_DEPUTY = '蓝慧琳';

interface Term { id: number; number: number; name: { zh: string; en: string }; startsOn: string; endsOn: string | null; current: boolean }

/** A roster row in the import template's columns; 代表层级 and 届次 left blank, as the round fills them. */
const row = (name: string, gender: string, phone: string, role: string) =>
  [name, gender, '汉族', '中共党员', '', phone, '', '', '公会镇', '', '村民', '', COURT, role];

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

describe('an election round (换届) of a township congress', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let api: ApiClient;
  let term: Term;
  let court = 0;
  let trackingCode = '';
  let caseId = 0;

  before(async () => {
    browser = await launch();
    api = await ApiClient.signIn('pinggui');
    const terms = await api.get<{ items: Term[] }>('/api/terms?level=township&regionCode=451103104');
    term = terms.items.find((x) => x.current)!;
    assert.equal(term.number, 12);
    court = await stationId(COURT);
    const inputs = await api.get<{ deputies: { id: number; name: string }[] }>(`/api/terms/${term.id}/round`);
    const deng = inputs.deputies.find((d) => d.name === '邓丽娟')!;
    const [category] = await api.get<{ id: number }[]>('/api/case-categories');
    // A villager's opinion addressed to 邓丽娟 at the court station: open when the round comes.
    const receipt = await new ApiClient().post<{ trackingCode: string }>('/api/public/opinions', {
      stationId: court, deputyId: deng.id, categoryId: category!.id, content: '村道路灯坏了三个月,晚上出行不便', name: '覃大姐',
    });
    trackingCode = receipt.trackingCode;
    page = await (await newDevice(browser, 'desktop')).newPage();
    errors = collectErrors(page);
    await signIn(page, 'pinggui');
  });
  after(async () => { await browser.close(); });

  async function choose(file: Buffer, name: string) {
    const saved = path.join(SCREENSHOTS, '..', name);
    writeFileSync(saved, file);
    await page.locator('.ant-drawer input[type=file]').setInputFiles(saved);
  }

  const preview = () => page.waitForResponse((r) => r.url().endsWith(`/api/terms/${term.id}/round/preview`) && r.request().method() === 'POST');

  it('starts from the running term on the terms page, and shows the server\'s objection on the field', async () => {
    await page.goto('/terms');
    await page.getByRole('button', { name: `换届:${term.name.zh}` }).click();
    await page.getByRole('heading', { level: 2, name: `换届:${term.name.zh}` }).waitFor();
    const number = page.getByLabel('新一届届次(第几届)');
    assert.equal(await number.inputValue(), '13');
    // The suggested first day is the server's; the running term would end the day before.
    await number.fill('12');
    await Promise.all([preview(), page.getByRole('button', { name: '下一步' }).click()]);
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    assert.equal(await page.getByText(/本步有 \d+ 个问题/).count(), 1);
    await shot(page, 'desktop-round-next-term-error');
    await number.fill('13');
    await Promise.all([preview(), page.getByRole('button', { name: '下一步' }).click()]);
    await page.getByRole('button', { name: '上传花名册' }).waitFor();
  });

  it('takes the new roster through the import, row errors first, then matches the registered people', async () => {
    await page.getByRole('button', { name: '上传花名册' }).click();
    const bad = [ROSTER_HEADER, row('钟立新', '男', '13907741011', '站长'), row('覃永福', '男', '13907741013', '驻站代表'), row(NEW_DEPUTY, '女', '1390774', '驻站代表')];
    await choose(csvBuffer(bad), 'round-roster-with-error.csv');
    await page.getByText('有问题的行').waitFor();
    await page.getByText('手机号码').first().waitFor();
    assert.ok(await page.getByRole('button', { name: /用于本次换届/ }).isDisabled());
    await shot(page, 'desktop-round-roster-errors');

    await page.getByRole('button', { name: '重新选择文件' }).click();
    const good = bad.map((r) => [...r]);
    good[3]![5] = '13907749901';
    await choose(csvBuffer(good), 'round-roster.csv');
    await page.getByText('全部行检查通过,可以导入。').waitFor();
    await page.getByText('已登记:钟立新').waitFor();
    await Promise.all([preview(), page.getByRole('button', { name: /用于本次换届/ }).click()]);
    const table = page.locator('.ant-table').first();
    await table.getByText(NEW_DEPUTY).waitFor();
    assert.equal(await table.getByText('已登记代表(连任)').count(), 2);
    assert.equal(await table.getByText('新代表').count(), 1);
    await shot(page, 'desktop-round-roster');
    await Promise.all([preview(), page.getByRole('button', { name: '下一步' }).click()]);
  });

  it('marks each deputy of the old term: those on the roster re-elected, 邓丽娟 leaving as 特邀联络员', async () => {
    const outcome = (name: string, choice: string) => page.getByRole('radiogroup', { name: `${name}的去留` }).getByRole('radio', { name: choice });
    await outcome('邓丽娟', '离任').waitFor();
    assert.ok(await outcome('钟立新', '连任').isChecked());
    assert.ok(await outcome('覃永福', '连任').isChecked());
    assert.ok(await outcome('邓丽娟', '离任').isChecked());
    await page.getByRole('row', { name: /邓丽娟/ }).getByRole('checkbox', { name: '聘为特邀联络员' }).check();
    await shot(page, 'desktop-round-deputies');
    await Promise.all([preview(), page.getByRole('button', { name: '下一步' }).click()]);
  });

  it('shows the stations after the round and takes the successor for the open case', async () => {
    const successor = page.getByLabel(`${COURT}:1 件意见`);
    await successor.waitFor();
    await page.getByText(trackingCode).waitFor();
    assert.equal(await page.getByText('进驻率').count() > 0, true);
    await successor.click();
    await Promise.all([preview(), page.locator('.ant-select-item-option', { hasText: '覃永福' }).click()]);
    await page.getByText(/本步有 \d+ 个问题/).waitFor({ state: 'detached' }); // the step's problems, not a passing message about them

    // 编组进站: the new deputy becomes the station's 联络员 instead of the roster's 驻站代表.
    await page.getByRole('button', { name: `调整${NEW_DEPUTY}的进站` }).click();
    const dialog = page.getByRole('dialog', { name: `调整进站:${NEW_DEPUTY}` });
    await dialog.getByLabel('第 1 个联络站的职责').click();
    await page.locator('.ant-select-item-option', { hasText: '联络员' }).click();
    await dialog.locator('.ant-select-content', { hasText: '联络员' }).waitFor();
    await Promise.all([preview(), dialog.getByRole('button', { name: /确\s*定/ }).click()]);
    await page.getByTestId('plan-coverage').getByText(`${NEW_DEPUTY} · 联络员`).waitFor({ timeout: 30_000 });
    await shot(page, 'desktop-round-stations');

    // On a narrow screen the page stays within its width: the steps stack, the tables scroll inside.
    await resizeTo(page, 'phone');
    await page.getByText('换届后的编组进站').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 390px screen`);
    await shot(page, 'phone-round-stations');
    await resizeTo(page, 'desktop');

    const violations = await audit(page);
    assert.equal(violations.length, 0, describeViolations(violations));
  });

  it('previews everything, runs it with one confirm, and shows the new term and its coverage', async () => {
    const [answer] = await Promise.all([preview(), page.getByRole('button', { name: '下一步' }).click()]);
    const plan = await answer.json() as { ok: boolean; handovers: { caseId: number; trackingCode: string; to: { name: string } | null }[] };
    assert.ok(plan.ok);
    const handover = plan.handovers.find((h) => h.trackingCode === trackingCode)!;
    assert.equal(handover.to?.name, '覃永福');
    caseId = handover.caseId;
    await page.getByText('检查通过,可以执行换届。').waitFor();
    await shot(page, 'desktop-round-preview');

    await page.getByRole('button', { name: '执行换届' }).click();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/terms/${term.id}/round`) && r.request().method() === 'POST' && r.status() === 201),
      page.locator('.ant-modal-confirm').getByRole('button', { name: '执行换届' }).click(),
    ]);
    const next = term.name.zh.replace('第十二届', '第十三届');
    await page.getByText(`换届完成:${next}`).waitFor();
    await page.getByRole('heading', { name: `${next}编组进站` }).waitFor();
    const coverage = page.getByTestId('result-coverage');
    await coverage.getByText(COURT).waitFor();
    await coverage.getByText(`${NEW_DEPUTY} · 联络员`).waitFor();
    assert.equal(await coverage.getByText('100.0%').count(), 2);
    await shot(page, 'desktop-round-done');
    const violations = await audit(page);
    assert.equal(violations.length, 0, describeViolations(violations));

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText(/^Round done: /).waitFor();
    await shot(page, 'desktop-round-done-en');
    await page.getByRole('button', { name: /^中\s*文$/ }).click();
    assert.deepEqual(errors, []);
  });

  it('has recorded what the page showed', async () => {
    const terms = (await api.get<{ items: Term[] }>('/api/terms?level=township&regionCode=451103104')).items;
    const running = terms.find((x) => x.current)!;
    const closed = terms.find((x) => x.number === 12)!;
    assert.equal(running.number, 13);
    assert.equal(closed.endsOn, dayBefore(running.startsOn));

    const deputies = await api.get<{ items: { id: number; name: string; status: string; specialLiaison: boolean }[] }>(`/api/deputies?q=${encodeURIComponent('邓丽娟')}&active=all`);
    const deng = deputies.items.find((d) => d.name === '邓丽娟')!;
    assert.equal(deng.status, 'former');
    assert.ok(deng.specialLiaison);
    const created = await api.get<{ items: { name: string; status: string }[] }>(`/api/deputies?q=${encodeURIComponent(NEW_DEPUTY)}`);
    assert.equal(created.items.filter((d) => d.name === NEW_DEPUTY).length, 1);

    const detail = await api.get<{ timeline: { action: string }[] }>(`/api/cases/${caseId}`);
    assert.ok(detail.timeline.some((e) => e.action === 'hand_over'), JSON.stringify(detail.timeline.map((e) => e.action)));

    // The page the terms list offers for the new term shows the same coverage.
    await page.goto('/terms');
    await page.getByRole('button', { name: `编组进站:${running.name.zh}` }).click();
    await page.getByRole('heading', { level: 2, name: `编组进站:${running.name.zh}` }).waitFor();
    await page.getByText(COURT).waitFor();
  });
});
