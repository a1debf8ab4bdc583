/**
 * A joint suggestion from two opinions, each person on their own phone: two villagers write to
 * the 黄田镇 station; the deputy 梁俊华 picks both cases in the case list, turns them into one
 * suggestion to the 平桂区 congress (he also sits in 黄田镇's, so he chooses) and invites 王惠敏;
 * she confirms in her own account under 我的建议; he submits it; the first villager's tracking
 * page says that her opinion went into the suggestion, and links to it once the congress has
 * registered it. Anyone reads the published suggestions
 * of a place, and one with its answer and rating, on the phone pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ApiClient, stationId } from './api.js';
import { audit, describeViolations } from './axe.js';
import { chooseOption, collectErrors, launch, newDevice, shot, signIn } from './browser.js';

const STATION = '平桂区黄田镇人大代表联络站';
const TOKEN = `T${Date.now().toString(36)}`;
const TITLE = `关于公和村五组、六组自来水水压不足的建议(${TOKEN})`;

describe('a joint suggestion drafted on a phone', () => {
  let browser: Browser;
  const errors: string[] = [];
  const receipts: { trackingCode: string; queryKey: string }[] = [];
  let editUrl = '';

  before(async () => {
    browser = await launch();
    const station = await stationId(STATION);
    const categories = await new ApiClient().get<{ id: number; name: string }[]>(`/api/case-categories?stationId=${station}`);
    const categoryId = categories.find((c) => c.name === '饮水供水')!.id;
    for (const group of ['五组', '六组']) {
      receipts.push(await new ApiClient().post('/api/public/opinions', {
        stationId: station, categoryId, content: `公和村${group}水压不足,高处住户白天接不到水(${TOKEN})`, place: `公和村${group}`,
      }));
    }
  });
  after(async () => { await browser.close(); });

  async function phone(username: string): Promise<Page> {
    const page = await (await newDevice(browser, 'phone')).newPage();
    errors.push(...collectErrors(page));
    await signIn(page, username);
    await page.getByRole('link', { name: /条未读/ }).waitFor();
    return page;
  }

  /** Chooses `option` in the antd select named `name`, again if a list re-rendering as the click lands lost it. */
  async function choose(page: Page, name: string | RegExp, option: string | RegExp) {
    await page.getByRole('combobox', { name }).click();
    await chooseOption(page, option);
  }

  it('the deputy picks two cases and drafts one suggestion, inviting a co-signer', async () => {
    const page = await phone('liangjun');
    await page.goto(`/cases?q=${TOKEN}`);
    // Each case's page offers the same, for one case.
    await page.getByRole('link', { name: new RegExp(receipts[0]!.trackingCode) }).click();
    const one = page.getByRole('link', { name: '转为代表建议' });
    assert.match((await one.getAttribute('href'))!, /^\/my-suggestions\/new\?caseIds=\d+$/);
    await page.goBack();
    for (const r of receipts) await page.getByRole('checkbox', { name: `选择 ${r.trackingCode}` }).check();
    await page.getByText('已选 2 件').waitFor();
    await shot(page, 'phone-cases-to-suggestion');
    await page.getByRole('button', { name: '转为代表建议' }).click();

    await page.waitForURL(/\/my-suggestions\/new\?caseIds=\d+,\d+$/);
    for (const r of receipts) await page.getByRole('link', { name: r.trackingCode }).waitFor();
    // He sits in the county's and the town's congress: this one goes to the county's.
    await choose(page, '提交至', /平桂区第四届人民代表大会/);
    await page.getByLabel('标题').fill(TITLE);
    await page.getByLabel('案由').fill('公和村五组、六组地势较高,现有管网末端水压不足,群众多次反映。');
    await page.getByLabel('建议内容').fill('一、请区水利局对公和村管网进行加压改造;二、将高处住户纳入今年农村供水保障工程。');
    await choose(page, '类别', '饮水供水');
    await page.getByRole('combobox', { name: '邀请附议的代表' }).click();
    await page.getByRole('combobox', { name: '邀请附议的代表' }).fill('王惠敏');
    await page.locator('.ant-select-item-option').filter({ hasText: '王惠敏' }).click();
    await page.getByLabel('标题').click(); // closes the list of deputies
    await shot(page, 'phone-suggestion-draft');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存').waitFor();
    await page.waitForURL(/\/my-suggestions\/\d+\/edit$/);
    editUrl = new URL(page.url()).pathname;
    await page.getByText('王惠敏 · 待确认').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than the phone`);
  });

  it('the invited deputy confirms in her own account', async () => {
    const page = await phone('wanghuimin');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '我的建议' }).click();
    const invitation = page.getByTestId('invitation').filter({ hasText: TITLE });
    await invitation.getByText('梁俊华 代表领衔,邀请您附议').waitFor();
    await shot(page, 'phone-suggestion-invitation');
    await invitation.getByRole('button', { name: '确认附议' }).click();
    await page.getByText('已确认附议').first().waitFor();
    await invitation.getByText('已确认').waitFor();
  });

  it('the deputy submits it and the villager reads the note on her tracking page', async () => {
    const page = await phone('liangjun');
    await page.goto(editUrl);
    await page.getByText('王惠敏 · 已确认').waitFor();
    await page.getByRole('button', { name: /^提\s*交$/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /^提\s*交$/ }).click();
    await page.getByText('已提交').first().waitFor();
    await page.waitForURL(/\/suggestions\/\d+$/);

    const id = Number(editUrl.split('/')[2]);
    const deputy = await ApiClient.signIn('liangjun');
    const s = await deputy.get<{ state: string; title: string; signers: { name: string; status: string }[]; sources: { cases: { trackingCode: string }[] } }>(`/api/suggestions/${id}`);
    assert.equal(s.state, 'submitted');
    assert.equal(s.title, TITLE);
    assert.deepEqual(s.signers.map((x) => `${x.name} ${x.status}`).sort(), ['梁俊华 confirmed', '王惠敏 confirmed']);
    assert.deepEqual(s.sources.cases.map((c) => c.trackingCode).sort(), receipts.map((r) => r.trackingCode).sort());

    const villager = await (await newDevice(browser, 'phone')).newPage();
    errors.push(...collectErrors(villager));
    const [first] = receipts;
    await villager.goto(`/m/t/${first!.trackingCode}?key=${encodeURIComponent(first!.queryKey)}`);
    const note = villager.getByTestId('suggestion-note');
    await note.getByText(`《${TITLE}》`).waitFor();
    await note.getByText('建议经人大常委会立案并公开后,可在此查看').waitFor();
    await shot(villager, 'phone-track-suggestion-note');

    // Registered by the district's congress, it is published: the note links to it.
    const staff = await ApiClient.signIn('pinggui');
    await staff.post(`/api/suggestions/${id}/actions`, { action: 'register' });
    await villager.reload();
    await note.getByRole('link', { name: '查看建议及办理答复' }).click();
    await villager.getByRole('heading', { name: TITLE }).waitFor();
    await villager.getByText('王惠敏', { exact: false }).first().waitFor();
    assert.deepEqual(errors, []);
  });

  it('anyone reads the published suggestions of a place and one with its answer, on a phone', async () => {
    const page = await (await newDevice(browser, 'phone')).newPage();
    errors.push(...collectErrors(page));
    await page.goto('/m/');
    await page.getByRole('link', { name: '代表建议及办理答复公开' }).click();
    await page.getByRole('heading', { name: '代表建议公开' }).waitFor();
    await page.getByRole('button', { name: '广西壮族自治区' }).click();
    await page.getByRole('button', { name: '贺州市' }).click();
    await page.getByRole('button', { name: '平桂区' }).click();
    await page.waitForURL(/\/m\/suggestions\?region=451103$/);
    await page.getByText('关于解决公和村水并片区自来水工程通水的建议').click();
    await page.getByRole('heading', { name: '关于解决公和村水并片区自来水工程通水的建议' }).waitFor();
    await page.getByText('A 类:已解决或基本解决').first().waitFor();
    await page.getByText('满意', { exact: true }).first().waitFor();
    await page.getByRole('heading', { name: '答复函' }).waitFor();
    await shot(page, 'phone-public-suggestion');
    const violations = await audit(page);
    assert.equal(violations.length, 0, describeViolations(violations));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than the phone`);
    assert.deepEqual(errors, []);
  });
});
