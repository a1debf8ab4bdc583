/**
 * 民生实事项目票决 at a session of the 平桂区 congress, each person on their own device: a villager
 * proposes a project on the phone form; the staff shortlist it with two departments' projects and
 * the presidium approves the ballot; the staff open the vote with every deputy present; three
 * deputies vote on their phones while the staff's console shows the turnout rise; a second
 * ballot is refused; the others vote on paper (marked and entered on the console); the count
 * gives 通过 / 未通过 by more than half of ALL deputies (exactly half fails); the result sheet PDF
 * says so (read by pdftotext); published, the adopted project shows on the public phone page.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from './api.js';
import { collectErrors, launch, newDevice, shot, signIn } from './browser.js';

const TOKEN = `${Date.now() % 100000}`;
const A = `西湾街道老旧小区雨污分流改造(${TOKEN})`;
const B = `公和村五组、六组供水管网加压改造(${TOKEN})`;
const C = `黄田镇路花村茶园道路硬化(${TOKEN})`;
const PHONE_DEPUTIES = [['liangjun', '梁俊华'], ['wanghuimin', '王惠敏'], ['xiebaozhu', '谢宝珠']] as const;

interface Round { id: number; state: string; vote: { id: number } | null }
interface Item { id: number; title: string; state: string }
interface Turnout { totalDeputies: number; present: number; voted: number; deputies: { id: number; name: string; voted: boolean }[] }

/** The year the test's round is for: this year in Beijing, whatever the day (one round per congress and year). */
function thisYear(): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
}
function shanghaiDay(offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

describe('a livelihood-project vote on the deputies\' phones', () => {
  let browser: Browser;
  let dir: string;
  const errors: string[] = [];
  let staff: ApiClient;
  let round: Round;
  let congressRegion = '';
  const ids: Record<string, number> = {};
  let desk: Page;

  before(async () => {
    browser = await launch();
    dir = mkdtempSync(path.join(tmpdir(), 'lx-livelihood-'));
    staff = await ApiClient.signIn('pinggui');
    const congresses = await staff.get<{ termId: number; level: string; regionCode: string | null; congressName: { zh: string } }[]>('/api/livelihood/congresses');
    const county = congresses.find((c) => c.congressName.zh.includes('平桂区') && c.level === 'county');
    assert.ok(county, `no 平桂区 congress among ${JSON.stringify(congresses.map((c) => c.congressName.zh))}`);
    congressRegion = county.regionCode!;
    const year = thisYear();
    round = await staff.post<Round>('/api/livelihood/rounds', {
      termId: county.termId, year, title: `平桂区${year}年民生实事项目票决(${TOKEN})`,
      collectOpensOn: shanghaiDay(0), collectClosesOn: shanghaiDay(30), places: 2, ballotSize: 3, mode: 'for_against',
    });
    const units = await staff.get<{ items: { id: number; name: string }[] }>('/api/units?q=%E6%B0%B4%E5%88%A9%E5%B1%80&limit=5');
    const water = units.items[0]!.id;
    for (const title of [A, B]) {
      const p = await staff.post<Item>(`/api/livelihood/rounds/${round.id}/projects`, {
        title, regionCode: congressRegion, address: '平桂区', description: `${title}:项目内容说明。`, budgetYuan: 440000, unitId: water, origin: 'department',
      });
      ids[title] = p.id;
    }
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

  it('a villager proposes a project on the phone form', async () => {
    const page = await device('phone');
    await page.goto(`/m/projects/propose?region=${congressRegion}`);
    await page.getByRole('heading', { name: '民生实事项目建议' }).waitFor();
    // The round collecting is offered (chosen already when it is the only one).
    const choice = page.locator('.adm-selector-item').filter({ hasText: `平桂区${thisYear()}年民生实事项目票决(${TOKEN})` });
    if (!/adm-selector-item-active/.test((await choice.getAttribute('class')) ?? '')) await choice.click();
    await page.getByLabel('项目名称').fill(C);
    await page.getByLabel('地点').fill('黄田镇路花村');
    await page.getByLabel(/需要解决什么问题/).fill('茶园道路坑洼,雨天车辆进不去,茶叶运不出来,建议硬化 900 米。');
    await page.getByLabel('姓名').fill('黄秀英');
    await page.getByLabel(/手机号/).fill('13907749999');
    await shot(page, 'phone-livelihood-propose');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('proposal-sent').waitFor();
    const list = await staff.get<Item[]>(`/api/livelihood/rounds/${round.id}/projects`);
    const proposed = list.find((p) => p.title === C);
    assert.ok(proposed, 'the proposal is among the candidates');
    ids[C] = proposed.id;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than the phone`);
  });

  it('the staff shortlist the three and the presidium approves the ballot', async () => {
    desk = await device('desktop');
    await signIn(desk, 'pinggui');
    await desk.goto(`/livelihood/${round.id}`);
    for (const title of [A, B, C]) {
      const row = desk.getByRole('row').filter({ hasText: title });
      await row.getByRole('button', { name: '列入候选' }).click();
      await row.getByText('政府提出候选').waitFor();
    }
    await desk.getByTestId('shortlist-count').getByText('政府已提出候选项目 3 个').waitFor();
    await desk.getByRole('button', { name: '结束征集' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await desk.getByRole('button', { name: '主席团审定候选项目' }).click();
    await desk.getByRole('dialog').getByLabel('审定意见').fill('主席团第二次会议审定,提请大会票决。');
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await desk.getByRole('button', { name: '开始投票' }).waitFor();
    await shot(desk, 'desktop-livelihood-ballot-approved');
  });

  it('the deputies vote on their phones while the console shows the turnout rise', async () => {
    // Everyone is present: the quorum (two thirds) is met.
    const r = await staff.get<Round & { vote: null }>(`/api/livelihood/rounds/${round.id}`);
    assert.equal(r.state, 'ballot_ready');
    const total = await serving();
    await desk.getByLabel('实到代表人数').fill(String(total));
    await desk.getByRole('button', { name: '开始投票' }).click();
    const console = desk.getByTestId('turnout');
    await console.waitFor();
    await console.getByText('还没有代表投票').waitFor();

    const phones = await Promise.all(PHONE_DEPUTIES.map(async ([username]) => {
      const page = await device('phone');
      await signIn(page, username);
      await page.goto('/my-vote');
      await page.getByTestId('ballot').waitFor();
      return page;
    }));
    for (const [i, page] of phones.entries()) {
      const ballot = page.getByTestId('ballot');
      for (const title of [A, B, C]) {
        await ballot.getByTestId('ballot-candidate').filter({ hasText: title }).getByText('赞成', { exact: true }).click();
      }
      await ballot.getByTestId('ballot-count').getByText('已表决 3 / 3 项').waitFor();
      if (i === 0) await shot(page, 'phone-livelihood-ballot');
      await page.getByRole('button', { name: '投票', exact: true }).click();
      const confirm = page.getByRole('dialog');
      await confirm.getByText('赞成 3 · 反对 0 · 弃权 0').waitFor();
      if (i === 0) await shot(page, 'phone-livelihood-confirm');
      await confirm.getByRole('button', { name: '确认投票' }).click();
      await page.getByText('您已投票', { exact: true }).waitFor();
      // The staff's console shows one more, by name, without how.
      await console.getByTestId('voters').getByText(PHONE_DEPUTIES[i]![1]).waitFor();
      await console.getByText(`${i + 1}/${total}`).waitFor();
      if (i === 1) await shot(desk, 'desktop-livelihood-turnout');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${overflow}px wider than the phone`);
    }
    // Back on the page later: 您已投票, and no choice shown.
    await phones[0]!.reload();
    await phones[0]!.getByText('您已投票', { exact: true }).waitFor();
    assert.equal(await phones[0]!.getByTestId('ballot').count(), 0);
    assert.equal(await phones[0]!.getByText('赞成', { exact: true }).count(), 0);
    await shot(phones[0]!, 'phone-livelihood-voted');

    // A second ballot is refused.
    const again = await ApiClient.signIn('liangjun');
    const voteId = (await staff.get<Round>(`/api/livelihood/rounds/${round.id}`)).vote!.id;
    await assert.rejects(
      again.post(`/api/livelihood/votes/${voteId}/ballot`, { choices: { [ids[A]!]: 'against' } }),
      /409.*LIVELIHOOD_VOTE_ALREADY_CAST/,
    );
  });

  /**
   * All deputies of the congress, as the vote will freeze them: the round says so once it can
   * (`servingDeputies`); otherwise the refusal of an impossible count present names the total.
   */
  async function serving(): Promise<number> {
    const r = await staff.get<{ servingDeputies?: number }>(`/api/livelihood/rounds/${round.id}`);
    if (typeof r.servingDeputies === 'number') return r.servingDeputies;
    try {
      await staff.post(`/api/livelihood/rounds/${round.id}/vote`, { present: 9999 });
    } catch (err) {
      const total = /"total":(\d+)/.exec(String(err));
      if (total) return Number(total[1]);
      throw err;
    }
    throw new Error('a vote opened with 9999 present');
  }

  it('the others vote on paper, and the count follows the rule of more than half of all deputies', async () => {
    const voteId = (await staff.get<Round>(`/api/livelihood/rounds/${round.id}`)).vote!.id;
    const t = await staff.get<Turnout>(`/api/livelihood/votes/${voteId}/turnout`);
    const n = t.totalDeputies;
    assert.ok(n >= 6, `the congress has ${n} deputies`);
    const pass = Math.floor(n / 2) + 1;
    const half = Math.floor(n / 2);
    // Ballot k (0-based; the first three were cast on phones, all 赞成): A for by all but the spoiled
    // last, B by exactly more than half, C by half at most (exactly half when n is even): C fails.
    const ballot = (k: number) => ({
      choices: { [ids[A]!]: 'for', [ids[B]!]: k < pass ? 'for' : 'against', [ids[C]!]: k < half ? 'for' : 'abstain' },
    });
    const others = t.deputies.filter((d) => !d.voted);
    assert.equal(others.length, n - 3);

    // One paper voter and one paper ballot through the console; the rest as the clerks' tallies would.
    const paperSelect = desk.getByRole('combobox', { name: '以纸质选票投票的代表' });
    await paperSelect.click();
    // A multiple select stays open after a choice: Escape closes it.
    await desk.locator('.ant-select-item-option').filter({ hasText: others[0]!.name }).first().click();
    await desk.keyboard.press('Escape');
    await desk.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await desk.getByRole('button', { name: '标记已投纸质票' }).click();
    await desk.getByTestId('voters').getByText(`${others[0]!.name}(纸质)`).waitFor();
    await desk.getByRole('button', { name: '录入纸质选票' }).click();
    const entry = desk.getByRole('dialog').filter({ has: desk.getByTestId('ballot') });
    const first = ballot(3).choices;
    const word = { for: '赞成', against: '反对', abstain: '弃权' } as const;
    for (const title of [A, B, C]) {
      await entry.getByTestId('ballot-candidate').filter({ hasText: title }).getByText(word[first[ids[title]!] as keyof typeof word], { exact: true }).click();
    }
    await entry.getByRole('button', { name: '录入这张选票' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: '确认录入' }).click();
    await desk.getByTestId('paper-count').getByText(/纸质投票 1 人,已录入选票 1 张/).waitFor();

    await staff.post(`/api/livelihood/votes/${voteId}/paper-turnout`, { deputyIds: others.slice(1).map((d) => d.id) });
    const rest = Array.from({ length: n - 5 }, (_, i) => ballot(4 + i));
    if (rest.length) await staff.post(`/api/livelihood/votes/${voteId}/paper-ballots`, { ballots: rest });
    // The last paper ballot cannot be read: entered as spoiled (废票), it counts as cast and for no project.
    await desk.getByRole('button', { name: '录入纸质选票' }).click();
    await desk.getByRole('dialog').filter({ has: desk.getByTestId('ballot') }).getByRole('button', { name: '录为废票' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: '确认录为废票' }).click();
    await desk.getByTestId('paper-count').getByText(`纸质投票 ${n - 3} 人,已录入选票 ${n - 3} 张`).waitFor();
    await desk.getByTestId('turnout').getByText(`${n}/${n}`).waitFor();
    await shot(desk, 'desktop-livelihood-all-voted');

    await desk.getByRole('button', { name: '结束投票并计票' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: '结束并计票' }).click();
    const results = desk.getByTestId('results');
    await results.waitFor();
    const row = (title: string) => results.getByRole('row').filter({ hasText: title });
    await row(A).getByText('通过', { exact: true }).waitFor();
    await row(A).getByText(String(n - 1), { exact: true }).first().waitFor();
    await desk.getByTestId('vote-card').getByText(/其中废票 1 张/).waitFor();
    await row(B).getByText('通过', { exact: true }).waitFor();
    await row(B).getByText(String(pass), { exact: true }).first().waitFor();
    await row(C).getByText('未通过', { exact: true }).waitFor();
    await row(C).getByText(String(half), { exact: true }).first().waitFor();
    assert.equal(await row(C).getByText('确定为民生实事项目').count(), 0);
    await shot(desk, 'desktop-livelihood-result');
  });

  it('the result sheet says so, and once published the adopted project shows on the public page', async () => {
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('button', { name: /结果报告单/ }).click()]);
    const file = path.join(dir, 'sheet.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.match(text, /结果报告单/);
    for (const title of [A, B, C]) assert.ok(text.includes(title.replace(/\s+/g, '')), `the sheet names ${title}`);
    assert.match(text, /未通过/);
    assert.match(text, /废票/);

    await desk.getByRole('button', { name: '公布票决结果' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await desk.getByText(/已公布/).first().waitFor();

    const page = await device('phone');
    await page.goto(`/m/projects?region=${congressRegion}`);
    await page.getByRole('heading', { name: '民生实事项目' }).waitFor();
    await page.getByText(A).click();
    await page.getByRole('heading', { name: A }).waitFor();
    await page.getByText(/代表票决赞成 \d+ 票/).waitFor();
    await shot(page, 'phone-livelihood-project');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than the phone`);
    await page.goto(`/m/projects?region=${congressRegion}`);
    assert.equal(await page.getByText(C).count(), 0, 'a project not adopted is not listed');
    assert.deepEqual(errors, []);
  });
});
