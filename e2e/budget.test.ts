/**
 * A budget review with the deputies (预算审查): the 平桂区 congress's staff prepare a review with
 * one key project and open it to the deputies (through the API, as their desktop would); 梁俊华,
 * on a phone, reads the key project before the session and comments on it, asking the finance
 * office to answer; the finance office's clerk finds the comment among those awaiting the
 * office's answer and answers it; the deputy reads the answer on his phone; the staff download
 * the key projects as Excel (read back with exceljs) and the review opinions as PDF (read back
 * with pdftotext). The review's year is placed after every review the server already holds, so
 * nothing depends on today's date.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from './api.js';
import { collectErrors, launch, newDevice, SCREENSHOTS, shot, signIn } from './browser.js';

const FINANCE = '贺州市平桂区财政局';
const DEPARTMENT = '贺州市平桂区水利局';

interface Term { id: number; level: string; current: boolean; region: { code: string; name: string } | null }
interface Named { id: number; name: string }

async function unitId(staff: ApiClient, name: string): Promise<number> {
  const page = await staff.get<{ items: Named[] }>(`/api/units?q=${encodeURIComponent(name.replace('贺州市平桂区', ''))}&limit=50`);
  const unit = page.items.find((u) => u.name === name);
  assert.ok(unit, `no unit ${name}`);
  return unit.id;
}

describe('a budget review: a deputy comments on a key project on a phone, the finance office answers', () => {
  let browser: Browser;
  let reviewId: number;
  let projectId: number;
  const project = `平桂区农村饮水安全巩固提升工程 ${Date.now() % 100000}`;
  const comment = '建议明确各村管网延伸的资金分配,优先保障枯水期缺水的水并片区。';
  const answer = '已将水并片区列为首批实施片区,资金按受益人口分配,详见项目实施方案。';
  const opinion = '项目必要,建议细化分年度实施计划,明确管护资金来源。';
  const errors: string[] = [];

  async function person(kind: 'phone' | 'desktop', username: string): Promise<Page> {
    const page = await (await newDevice(browser, kind)).newPage();
    errors.push(...collectErrors(page));
    await signIn(page, username);
    return page;
  }

  before(async () => {
    browser = await launch();
    const staff = await ApiClient.signIn('pinggui');
    const terms = await staff.get<{ items: Term[] }>('/api/terms?limit=100');
    const term = terms.items.find((t) => t.level === 'county' && t.current && t.region?.name.includes('平桂'));
    assert.ok(term, 'the 平桂区 congress has a running term');
    const existing = await staff.get<{ items: { year: number }[] }>('/api/budget-reviews?limit=100');
    const year = Math.max(2000, ...existing.items.map((r) => r.year)) + 1;
    const review = await staff.post<{ id: number }>('/api/budget-reviews', {
      termId: term.id, year, kind: 'draft', financeUnitId: await unitId(staff, FINANCE), answerDays: 7,
      summary: '全区一般公共预算支出安排及重点项目说明。',
    });
    reviewId = review.id;
    const prepared = await staff.post<{ projects: Named[] }>(`/api/budget-reviews/${reviewId}/projects`, {
      name: project, departmentUnitId: await unitId(staff, DEPARTMENT), amountYuan: 12_800_000, category: '民生保障',
      description: '新建和改造农村供水管网 36 公里,覆盖 14 个行政村。',
    });
    projectId = prepared.projects.find((p) => p.name === project)!.id;
    await staff.post(`/api/budget-reviews/${reviewId}/actions`, { action: 'open' });
  });
  after(async () => {
    await browser.close();
    assert.deepEqual(errors, []);
  });

  it('the deputy reads the key project on a phone and comments, the finance clerk answers, the deputy reads the answer', async () => {
    const phone = await person('phone', 'liangjun');
    await phone.goto('/budget');
    await phone.getByTestId('budget-review-card').filter({ hasText: '征求代表意见' }).first().waitFor();
    await phone.goto(`/budget/${reviewId}`);
    await phone.getByTestId('budget-projects').waitFor();
    await shot(phone, 'budget-review-phone');
    await phone.getByTestId('budget-project-card').filter({ hasText: project }).getByText(project).click();
    await phone.waitForURL(new RegExp(`/budget/${reviewId}/projects/${projectId}$`));
    await phone.getByRole('heading', { name: project }).waitFor();
    await phone.getByText('1,280 万元').first().waitFor();
    const form = phone.getByTestId('budget-comment-form');
    await form.getByLabel('意见内容').fill(comment);
    await form.getByText('财政部门').click();
    await form.getByRole('button', { name: /提交意见/ }).click();
    const mine = phone.getByTestId('budget-comment').filter({ hasText: comment });
    await mine.getByText('待答复').waitFor();
    await mine.getByText(FINANCE, { exact: false }).waitFor();
    await shot(phone, 'budget-comment-phone');
    assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the project page fits the phone');

    const clerk = await person('desktop', 'caizhengju');
    await clerk.goto('/budget-answers');
    const waiting = clerk.getByTestId('budget-comment').filter({ hasText: comment });
    await waiting.getByLabel('答复内容').fill(answer);
    await waiting.getByRole('button', { name: /提交答复/ }).click();
    await waiting.waitFor({ state: 'hidden' }); // no longer awaiting the office's answer
    await clerk.getByText('已答复', { exact: true }).click();
    await clerk.getByTestId('budget-comment').filter({ hasText: comment }).getByTestId('budget-comment-answer').getByText(answer).waitFor();
    await shot(clerk, 'budget-answered');

    await phone.reload();
    const answered = phone.getByTestId('budget-comment').filter({ hasText: comment });
    await answered.getByTestId('budget-comment-answer').getByText(answer).waitFor();
    await answered.getByText('已答复').waitFor();
    await shot(phone, 'budget-answer-phone');
  });

  it('the staff download the key projects as Excel and the review opinions as PDF', async () => {
    const page = await person('desktop', 'pinggui');
    await page.goto(`/budget/${reviewId}`);
    await page.getByTestId('budget-projects').getByText(project).waitFor();
    // The committee's preliminary opinion on the project, recorded on the review's page.
    await page.getByRole('button', { name: '提出初审意见' }).click();
    const dialog = page.getByRole('dialog', { name: /初审意见/ });
    await dialog.getByText('原则同意,建议调整').click();
    await dialog.getByLabel('意见内容').fill(opinion);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('budget-projects').getByText(opinion).waitFor();
    await shot(page, 'budget-review');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /重点项目 Excel/ }).click()]);
    const sheetFile = path.join(SCREENSHOTS, '..', `budget-${reviewId}.xlsx`);
    await xlsx.saveAs(sheetFile);
    assert.equal(readFileSync(sheetFile).subarray(0, 2).toString(), 'PK', 'a zip (xlsx) file');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(sheetFile);
    const text = book.worksheets.map((s) => s.getSheetValues().flat().map(String).join(' ')).join(' ');
    assert.match(text, new RegExp(project));

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /审查意见 PDF/ }).click()]);
    const pdfFile = path.join(SCREENSHOTS, '..', `budget-${reviewId}.pdf`);
    await pdf.saveAs(pdfFile);
    const pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    assert.match(pdfText.replace(/\s+/g, ''), new RegExp(project.replace(/\s+/g, '')));
    assert.match(pdfText.replace(/\s+/g, ''), /分年度实施计划/, 'the committee\'s opinion is in the PDF');
  });

  it('once the budget is approved, a deputy scores the project\'s performance on a phone', async () => {
    const staff = await ApiClient.signIn('pinggui');
    await staff.request('PUT', `/api/budget-reviews/${reviewId}/opinion`, { projectId: null, recommendation: 'agree', body: '预算草案总体可行,建议批准。' });
    for (const action of ['finish_preliminary', 'submit']) await staff.post(`/api/budget-reviews/${reviewId}/actions`, { action });
    await staff.post(`/api/budget-reviews/${reviewId}/actions`, { action: 'approve', comment: '平桂区人民代表大会审查批准' });
    const deputy = await ApiClient.signIn('liangjun');
    const me = await deputy.get<{ account: { scope: { deputy: { id: number } } } }>('/api/auth/me');
    await staff.post(`/api/budget-reviews/${reviewId}/evaluations`, { projectId, participantIds: [me.account.scope.deputy.id] });

    const phone = await person('phone', 'liangjun');
    await phone.goto(`/budget/${reviewId}`);
    const evaluation = phone.getByTestId('budget-evaluation').filter({ hasText: project });
    const form = evaluation.getByTestId('budget-score-form');
    await form.getByLabel('综合评分(0–100)').fill('88');
    await form.getByLabel('项目效益(选填)').fill('90');
    await form.getByLabel('评价意见').fill('管网已通水,建议加强后期管护。');
    await form.getByRole('button', { name: /提交评分/ }).click();
    await evaluation.getByText('已评 88 分').waitFor();
    await evaluation.getByText('管网已通水,建议加强后期管护。').waitFor();
    await shot(phone, 'budget-evaluation-phone');
  });
});
