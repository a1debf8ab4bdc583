/**
 * A standing-committee topic consulted through the stations: 平桂区's staff publish it and
 * download the 黄田镇 station's QR poster; a villager scans it (the QR decoded from the PDF by
 * zbarimg) and answers on her phone, and keeps the receipt code; the station's officer registers
 * the views heard at a reception day on his phone; the staff see both in the compilation (counts
 * per station and source, texts by question, the name and phone masked until deliberately
 * revealed), download it as Excel (read back by LibreOffice) and PDF (read back by pdftotext),
 * close the consultation and record the committee's opinion; the villager reads that opinion
 * with her receipt code. The phone pages pass axe. Staff also draft a topic on the form. The window is placed
 * around today, whatever today is.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Download, Page } from 'playwright-core';
import { libreOfficeCsv } from '../server/testing/officeFiles.js';
import { ApiClient, stationId } from './api.js';
import { audit, describeViolations } from './axe.js';
import { chooseOption, collectErrors, launch, newDevice, shot, signIn } from './browser.js';

const STATION = '平桂区黄田镇人大代表联络站';
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day `days` days from today in Beijing, YYYY-MM-DD. */
function daysAhead(days: number): string {
  return DAY.format(new Date(Date.now() + days * 86_400_000));
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

describe('a constituent answers a consultation through its QR code and reads the committee\'s opinion', () => {
  let browser: Browser;
  let dir: string;
  const errors: string[] = [];
  before(async () => {
    browser = await launch();
    dir = mkdtempSync(path.join(tmpdir(), 'lx-consultation-'));
  });
  after(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function device(kind: 'phone' | 'desktop'): Promise<Page> {
    const page = await (await newDevice(browser, kind)).newPage();
    errors.push(...collectErrors(page));
    return page;
  }
  async function noSeriousViolations(page: Page) {
    const violations = await audit(page);
    assert.equal(violations.length, 0, describeViolations(violations));
  }
  async function save(download: Download, name: string): Promise<string> {
    const file = path.join(dir, name);
    await download.saveAs(file);
    return file;
  }

  it('goes from the poster to the receipt, the compilation and the feedback', async () => {
    const stamp = Date.now() % 100000;
    const title = `关于全区农村饮水安全工作情况的报告 ${stamp}`;
    const q1 = '您所在的村屯饮水还有哪些困难?';
    const q2 = '对农村供水工程的管护有什么建议?';
    const villagerAnswer = `五组的水井枯水期经常没水,希望接通自来水(${stamp})`;
    const officerAnswer = `接待日群众反映水管老化漏水,建议列入维修计划(${stamp})`;
    const opinion = `常委会组成人员认为,农村饮水安全工作取得成效,建议加快管网延伸(${stamp})`;
    const phoneNumber = '13907745678';

    // The staff draft the topic (as the form would send it) for the 黄田镇 station.
    const staff = await ApiClient.signIn('pinggui');
    const me = await staff.get<{ account: { scope: { region: { code: string } | null } } }>('/api/auth/me');
    const station = await stationId(STATION);
    const { id } = await staff.post<{ id: number }>('/api/consultations', {
      title, background: '区人大常委会拟于下月听取和审议区人民政府关于全区农村饮水安全工作情况的报告,现向群众征求意见。',
      questions: [q1, q2], opensOn: daysAhead(-1), closesOn: daysAhead(14),
      congress: { level: 'county', regionCode: me.account.scope.region!.code }, stationIds: [station],
    });

    // On the topic page they publish it and download the station's QR poster.
    const desk = await device('desktop');
    await signIn(desk, 'pinggui');
    await desk.goto(`/consultations/${id}`);
    const header = desk.getByTestId('consultation-header');
    await header.getByRole('heading', { name: title }).waitFor();
    await header.getByRole('button', { name: '发布征询' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await desk.getByTestId('consultation-state').getByText('征询中').waitFor();
    await desk.getByRole('combobox', { name: '海报所属联络站' }).click();
    await chooseOption(desk, STATION);
    const [posterDownload] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('download-poster').click()]);
    const poster = await save(posterDownload, 'poster.pdf');
    assert.equal(readFileSync(poster).subarray(0, 5).toString(), '%PDF-');
    run('pdftoppm', ['-png', '-r', '150', '-singlefile', poster, path.join(dir, 'poster')]);
    const codes = run('zbarimg', ['--raw', '-q', path.join(dir, 'poster.png')]).split('\n').filter(Boolean);
    assert.equal(codes.length, 1, `one QR code on the poster: ${codes.join(' | ')}`);
    const url = new URL(codes[0]!);
    assert.equal(url.pathname, `/m/consultations/${id}`);
    assert.equal(url.searchParams.get('station'), String(station));
    await shot(desk, 'consultation-published');

    // The villager scans it: the topic, its questions, her answer with her name and phone; a receipt code.
    const phone = await device('phone');
    await phone.goto(`${url.pathname}${url.search}`);
    await phone.getByRole('heading', { name: title }).waitFor();
    await phone.getByText(STATION).waitFor();
    await noSeriousViolations(phone);
    await phone.getByLabel(q1).fill(villagerAnswer);
    await phone.getByLabel('姓名(选填)').fill('李秀兰');
    await phone.getByLabel(/手机号/).fill(phoneNumber);
    await shot(phone, 'consultation-phone-answer');
    await phone.getByRole('button', { name: '提交意见' }).click();
    const code = (await phone.getByTestId('receipt-code').textContent())!.trim();
    assert.match(code, /^[A-Z0-9-]{6,}$/);
    await shot(phone, 'consultation-phone-receipt');

    // The station's officer finds the topic on his phone and registers what he heard at reception.
    const officer = await device('phone');
    await signIn(officer, 'huangtian');
    await officer.goto('/consultations');
    await officer.getByTestId('consultation-card').filter({ hasText: title }).click();
    await officer.getByTestId('consultation-header').getByRole('button', { name: '登记意见' }).click();
    const register = officer.getByRole('dialog', { name: '登记接待意见' });
    await register.getByLabel('问题 2 的意见').fill(officerAnswer);
    await shot(officer, 'consultation-officer-register');
    await register.getByRole('button', { name: /提\s*交/ }).click();
    await register.waitFor({ state: 'hidden' });
    await officer.getByTestId('compilation-stations').getByText(STATION).waitFor();

    // The staff see both in the compilation: per station and source, texts by question, the contact masked.
    await desk.reload();
    const compilation = desk.getByTestId('consultation-compilation');
    const texts = compilation.getByTestId('compilation-texts');
    await texts.getByText(villagerAnswer).waitFor();
    const row = compilation.getByTestId('compilation-stations').locator('tr').filter({ hasText: STATION });
    await row.waitFor();
    assert.deepEqual((await row.locator('td').allTextContents()).map((s) => s.trim()), [STATION, '1', '1', '0', '2']);
    assert.equal(await texts.getByText(phoneNumber).count(), 0);
    await texts.getByTestId('reveal-contact').first().click();
    await desk.getByRole('dialog').getByRole('button', { name: /查\s*看/ }).click();
    await texts.getByTestId('revealed-contact').getByText(phoneNumber).waitFor();
    await compilation.getByRole('combobox', { name: '按问题查看' }).click();
    await chooseOption(desk, q2);
    await texts.getByText(officerAnswer).waitFor();
    await shot(desk, 'consultation-compilation');

    // The compilation as Excel (LibreOffice reads the per-station sheet) and as PDF (pdftotext reads the texts), masked.
    const [xlsxDownload] = await Promise.all([desk.waitForEvent('download'), compilation.getByRole('button', { name: /Excel/ }).click()]);
    const xlsx = await save(xlsxDownload, 'compilation.xlsx');
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
    const sheet = libreOfficeCsv(readFileSync(xlsx)).map((r) => r.join(' ')).join('\n');
    assert.match(sheet, new RegExp(STATION));
    const [pdfDownload] = await Promise.all([desk.waitForEvent('download'), compilation.getByRole('button', { name: /PDF/ }).click()]);
    const pdf = await save(pdfDownload, 'compilation.pdf');
    const text = run('pdftotext', [pdf, '-']).replace(/\s+/g, '');
    assert.ok(text.includes(villagerAnswer.replace(/\s+/g, '')), 'the PDF holds the villager\'s answer as text');
    assert.ok(text.includes(officerAnswer.replace(/\s+/g, '')), 'the PDF holds the officer\'s record as text');
    assert.ok(!text.includes(phoneNumber), 'the PDF masks the phone');

    // The staff close the consultation and record the committee's opinion.
    await header.getByRole('button', { name: '结束征询' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await desk.getByTestId('consultation-state').getByText('征询结束').waitFor();
    await header.getByRole('button', { name: '录入审议意见' }).click();
    const record = desk.getByRole('dialog', { name: '录入常委会审议意见' });
    await record.getByLabel('审议意见').fill(opinion);
    await record.getByRole('button', { name: /提\s*交/ }).click();
    await record.waitFor({ state: 'hidden' });
    await desk.getByTestId('consultation-feedback').getByText(opinion).waitFor();
    await desk.getByTestId('consultation-state').getByText('已审议').waitFor();
    await shot(desk, 'consultation-opinion');

    // Days later the villager reads it with her receipt code.
    const later = await device('phone');
    await later.goto('/m/consultations/feedback');
    await later.getByLabel('回执码').fill(code);
    await later.getByRole('button', { name: '查看反馈' }).click();
    await later.getByRole('heading', { name: title }).waitFor();
    await later.getByText(villagerAnswer).waitFor();
    await later.getByTestId('public-opinion').getByText(opinion).waitFor();
    await noSeriousViolations(later);
    await shot(later, 'consultation-phone-feedback');
    assert.deepEqual(errors, []);
  });
  it('staff draft a topic on the form: ordered questions, the window from today, the stations asked', async () => {
    const title = `关于城乡环境卫生整治工作的报告 ${Date.now() % 100000}`;
    const page = await device('desktop');
    await signIn(page, 'pinggui');
    await page.goto('/consultations');
    await page.getByRole('button', { name: '新建议题' }).click();
    await page.getByLabel('议题名称').fill(title);
    await page.getByLabel('背景介绍').fill('常委会拟听取区政府关于城乡环境卫生整治工作情况的报告。');
    await page.getByLabel('问题 1', { exact: true }).fill('您身边的环境卫生还有哪些问题?');
    await page.getByRole('button', { name: '添加问题' }).click();
    await page.getByLabel('问题 2', { exact: true }).fill('对垃圾清运有什么建议?');
    await page.getByRole('button', { name: '问题 2 上移' }).click();
    await page.getByRole('combobox', { name: '联络站' }).fill('黄田镇');
    // A list of several choices stays open after a choice: closed by hand.
    await page.locator('.ant-select-item-option').filter({ hasText: STATION }).first().click();
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await shot(page, 'consultation-form');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    const header = page.getByTestId('consultation-header');
    await header.getByRole('heading', { name: title }).waitFor();
    await page.getByTestId('consultation-state').getByText('草稿').waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const staff = await ApiClient.signIn('pinggui');
    const topic = await staff.get<{ questions: { text: string }[]; stations: { name: string }[]; opensOn: string; closesOn: string; congress: { level: string } }>(`/api/consultations/${id}`);
    assert.deepEqual(topic.questions.map((q) => q.text), ['对垃圾清运有什么建议?', '您身边的环境卫生还有哪些问题?']);
    assert.deepEqual(topic.stations.map((s) => s.name), [STATION]);
    assert.deepEqual([topic.opensOn, topic.closesOn, topic.congress.level], [daysAhead(0), daysAhead(14), 'county']);
    assert.deepEqual(errors, []);
  });
});
