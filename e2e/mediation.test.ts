/**
 * A mediation is recorded at a mediation room: 平桂's staff (`pinggui`) receive a dispute at
 * 公会镇's 代表法庭联络室 with its two parties, record a session with a deputy, the judge and the
 * village secretary, close it with an agreement and its signed document; the dispute then shows
 * in the station's 矛盾纠纷调解登记簿 (the Excel read back).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { stationId } from './api.js';
import { chooseOption, collectErrors, launch, newDevice, SCREENSHOTS, shot, signIn } from './browser.js';

const COURT = '平桂区公会镇代表法庭联络室';
const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
  + '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

describe('recording a mediation', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  it('station staff record a dispute, a session and an agreement; it shows in the mediation register', async () => {
    const page = await (await newDevice(browser, 'desktop')).newPage();
    const errors = collectErrors(page);
    await signIn(page, 'pinggui');
    await page.goto('/mediation');
    await page.getByTestId('mediation-list').waitFor();
    const title = `沙井村两户宅基地滴水檐纠纷(${Date.now() % 100000})`;

    // 受理调解: the room, the type, the dispute and its two parties.
    await page.getByRole('button', { name: '受理调解' }).click();
    const create = page.getByRole('dialog', { name: '受理调解' });
    await create.getByLabel('调解室(联络站)').fill('公会镇代表法庭');
    await chooseOption(page, COURT);
    await create.getByLabel('纠纷类型').click();
    await chooseOption(page, '邻里纠纷');
    await create.getByLabel('纠纷概要').fill(title);
    await create.getByLabel('姓名').nth(0).fill('韦春花');
    await create.getByLabel('手机号(选填)').nth(0).fill('13977410001');
    await create.getByLabel('姓名').nth(1).fill('罗成业');
    await create.getByRole('button', { name: /^受\s*理$/ }).click();
    await page.waitForURL(/\/mediation\/\d+$/);
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByTestId('mediation-parties').getByText('韦春花').waitFor();

    // 记录调解会: the deputy, the judge and the village secretary present.
    await page.getByRole('button', { name: '记录调解会' }).click();
    const session = page.getByRole('dialog', { name: '记录调解会' });
    const deputies = session.getByRole('combobox', { name: '参加调解的代表' });
    await deputies.click();
    await deputies.pressSequentially('钟立新');
    // A list of several stays open after a choice: the option is clicked, then the list closed.
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '钟立新' }).first().click();
    await session.locator('.ant-select-selection-item').filter({ hasText: '钟立新' }).waitFor();
    await session.locator('.ant-modal-title').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await session.getByLabel('法官或检察官').click();
    await chooseOption(page, '法官');
    await session.getByLabel('姓名').fill('李红梅');
    await session.getByLabel('村(社区)书记').fill('黄德才');
    await session.getByLabel('调解情况').fill('代表说理、法官释法,双方同意按原宅基地界址退让。');
    await session.getByRole('button', { name: /保\s*存/ }).click();
    await session.waitFor({ state: 'hidden' });
    await page.getByTestId('mediation-sessions').getByText(/代表 钟立新.*法官 李红梅.*村书记 黄德才/).waitFor();

    // 结案: agreement reached, with the signed agreement.
    await page.getByRole('button', { name: /^结\s*案$/ }).click();
    const close = page.getByRole('dialog', { name: '调解结案' });
    await close.getByLabel('调解结果').click();
    await chooseOption(page, '调解成功');
    await close.getByLabel('结案说明(选填)').fill('双方签订调解协议,当场履行。');
    await close.getByTestId('mediation-agreement-file').setInputFiles({ name: '滴水檐纠纷调解协议书.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
    await close.getByText('滴水檐纠纷调解协议书.pdf').waitFor();
    await close.getByRole('button', { name: /^结\s*案$/ }).click();
    await close.waitFor({ state: 'hidden' });
    const summary = page.getByTestId('mediation-summary');
    await summary.getByText('调解成功').waitFor();
    await summary.getByText(/滴水檐纠纷调解协议书\.pdf/).waitFor();
    await shot(page, 'desktop-mediation-record');

    // The station's 矛盾纠纷调解登记簿 lists it with its outcome.
    await page.goto(`/registers?mode=station&stationId=${await stationId(COURT)}`);
    const card = page.locator('.ant-card').filter({ has: page.getByText('矛盾纠纷调解登记簿', { exact: true }) });
    const [file] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Excel' }).click()]);
    const saved = path.join(SCREENSHOTS, '..', `mediation-${file.suggestedFilename()}`);
    await file.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const text = book.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
    assert.match(text, /矛盾纠纷调解登记簿/);
    assert.ok(text.includes(title), 'the register lists the new dispute');
    assert.match(text, /调解成功:双方签订调解协议/);
    assert.match(text, /韦春花/);
    assert.deepEqual(errors, []);
  });
});
