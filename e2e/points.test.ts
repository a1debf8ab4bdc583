/**
 * 考核评价 and 履职之星 in the back office. 宜城市's clerk reads the stations graded by the
 * city's own scheme and confirms 雷河镇's result, setting the station's grade with it; 平桂区's
 * clerk confirms the year's stars from the ranking, and the deputy named sees the star on a
 * phone. The demo's facts are dated relative to today, so what the screens should show is read
 * from the API first rather than written down here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import { ApiClient, stationId } from './api.js';
import { collectErrors, launch, newDevice, shot, signIn } from './browser.js';

interface Label { zh: string; en: string }
interface Assessment {
  station: { id: number; name: string; grade: string | null };
  year: number;
  score: number;
  grade: string;
  gradeLabel: Label;
  indicators: { key: string; label: Label; value: number | null }[];
  confirmed: { score: number; grade: string; gradeApplied: boolean; confirmedBy: string } | null;
}
interface RankingRow { rank: number; deputy: { id: number; name: string }; points: number; serving: boolean }
interface Stars {
  year: number;
  proposal: RankingRow[] | null;
  confirmed: { note: string; confirmedBy: string; stars: { deputy: { id: number; name: string }; rank: number; points: number }[] } | null;
}

/** The cell of a row under a column header, wherever the table puts that column. */
async function cell(table: Locator, row: Locator, header: string): Promise<Locator> {
  const headers = (await table.locator('thead').getByRole('columnheader').allTextContents()).map((t) => t.trim());
  const i = headers.indexOf(header);
  assert.ok(i >= 0, `no column ${header} in ${headers.join('|')}`);
  return row.getByRole('cell').nth(i);
}

describe('station assessment', () => {
  const STATION = '宜城市雷河镇人大代表中心联络站';
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  it('宜城市\'s clerk confirms 雷河镇\'s result by the city\'s scheme and sets the station\'s grade with it', async () => {
    const api = await ApiClient.signIn('yicheng');
    const id = await stationId(STATION);
    const computed = (await api.get<{ items: Assessment[] }>('/api/assessments')).items.find((a) => a.station.id === id)!;
    const year = computed.year;
    assert.equal(computed.confirmed, null, 'not confirmed yet');
    assert.notEqual(computed.station.grade, computed.grade, 'the station\'s grade on record differs from the one earned, so confirming changes it');
    const before = await api.get<{ grade: string; version: number }>(`/api/stations/${id}`);

    const page = await (await newDevice(browser, 'desktop')).newPage();
    const errors = collectErrors(page);
    await signIn(page, 'yicheng');
    await page.goto('/assessments');
    const table = page.locator('.ant-table').first();
    const row = table.getByRole('row', { name: new RegExp(STATION) });
    await row.getByRole('link', { name: STATION }).waitFor();
    await (await cell(table, row, '已确认')).getByText('未确认').waitFor();
    assert.equal((await (await cell(table, row, '得分')).textContent())?.trim(), String(computed.score));
    assert.equal((await (await cell(table, row, '考核等级')).textContent())?.trim(), computed.gradeLabel.zh);
    await page.waitForLoadState('networkidle');
    await shot(page, 'desktop-assessments');

    // The indicators behind the score: those that cannot apply yet (no reception days due, no replies) say so.
    await row.getByRole('button', { name: '展开行' }).click();
    const indicators = page.locator('.ant-table-expanded-row');
    for (const i of computed.indicators) await indicators.getByRole('row', { name: new RegExp(i.label.zh) }).waitFor();
    assert.equal(await indicators.getByText('不适用').count(), computed.indicators.filter((i) => i.value === null).length);

    // The scheme is 宜城市's own, stricter than the default: 一类 from 90, 二类 from 75.
    await page.getByRole('button', { name: /考核方案/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(`${year} 年度适用:湖北省襄阳市宜城市(2022 年起)`).waitFor();
    assert.equal(await drawer.getByLabel('一类分数线').inputValue(), '90');
    assert.equal(await drawer.getByLabel('二类分数线').inputValue(), '75');
    await shot(page, 'desktop-assessment-scheme');
    await drawer.getByRole('button', { name: /^取\s*消$/ }).click();
    await drawer.waitFor({ state: 'hidden' });

    await row.getByRole('button', { name: /^确\s*认$/ }).click();
    const dialog = page.getByRole('dialog', { name: `确认 ${STATION} ${year} 年度考核结果?` });
    await dialog.getByText(`得分 ${computed.score},${computed.gradeLabel.zh}`).waitFor();
    const applyGrade = dialog.getByRole('checkbox', { name: `同时将联络站等级设为“${computed.gradeLabel.zh}”` });
    assert.ok(await applyGrade.isChecked(), 'offered by default when the grade earned differs from the station\'s');
    await shot(page, 'desktop-assessment-confirm');
    await dialog.getByRole('button', { name: /^确\s*认$/ }).click();
    await page.locator('.ant-message').getByText('已确认').waitFor();

    // The row now shows the confirmed result and the station's new grade, and offers to confirm again.
    await row.getByRole('button', { name: '重新确认' }).waitFor();
    const confirmedCell = await cell(table, row, '已确认');
    await confirmedCell.getByText(computed.gradeLabel.zh).waitFor();
    await (await cell(table, row, '现等级')).getByText(computed.gradeLabel.zh).waitFor();
    await confirmedCell.getByText(String(computed.score)).hover();
    await page.getByRole('tooltip').getByText(/^宜城市人大常委会 周工 于 .+ 确认,已设定站点等级$/).waitFor();
    await shot(page, 'desktop-assessment-confirmed');

    // Kept by the server, not just shown: after a reload, and through the API.
    await page.reload();
    await row.getByRole('button', { name: '重新确认' }).waitFor();
    await (await cell(table, row, '现等级')).getByText(computed.gradeLabel.zh).waitFor();
    const stored = (await api.get<{ items: Assessment[] }>(`/api/assessments?year=${year}`)).items.find((a) => a.station.id === id)!;
    assert.deepEqual(
      { score: stored.confirmed?.score, grade: stored.confirmed?.grade, gradeApplied: stored.confirmed?.gradeApplied, by: stored.confirmed?.confirmedBy },
      { score: computed.score, grade: computed.grade, gradeApplied: true, by: '宜城市人大常委会 周工' },
    );
    const station = await api.get<{ grade: string; version: number }>(`/api/stations/${id}`);
    assert.equal(station.grade, computed.grade);
    assert.equal(station.version, before.version + 1, 'set through the station\'s own versioned update');
    assert.deepEqual(errors, []);
  });
});

describe('履职之星', () => {
  const REGION = '451103';
  const DEPUTY = '梁俊华';
  const NOTE = '区人大常委会主任会议评定';
  let browser: Browser;
  let year = 0;
  let stars: RankingRow[] = [];

  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  it('平桂区\'s clerk sees the ranking and confirms the proposed stars', async () => {
    const api = await ApiClient.signIn('pinggui');
    // The demo's weeks reach back from today: early in January the year before holds them.
    const now = await api.get<Stars>(`/api/points/stars?regionCode=${REGION}`);
    const ranked = now.proposal!.some((r) => r.deputy.name === DEPUTY);
    year = ranked ? now.year : now.year - 1;
    const proposed = ranked ? now : await api.get<Stars>(`/api/points/stars?regionCode=${REGION}&year=${year}`);
    assert.equal(proposed.confirmed, null, 'not confirmed yet');
    stars = proposed.proposal!;
    assert.ok(stars.some((r) => r.deputy.name === DEPUTY), `${DEPUTY} is among the proposed stars of ${year}`);
    const ranking = (await api.get<{ rows: RankingRow[] }>(`/api/points/ranking?regionCode=${REGION}&year=${year}`)).rows;

    const page = await (await newDevice(browser, 'desktop')).newPage();
    const errors = collectErrors(page);
    await signIn(page, 'pinggui');
    await page.goto(`/points?year=${year}`);
    await page.getByText(`广西壮族自治区贺州市平桂区 · ${year} 年度 · 共 ${ranking.length} 名代表`).waitFor();
    const rankingTable = page.locator('.ant-table').first();
    await rankingTable.getByRole('link', { name: ranking[0]!.deputy.name }).waitFor();
    // Only deputies still serving are proposed: a former deputy's points stay in the ranking.
    const serving = new Set(ranking.filter((r) => r.serving).map((r) => r.deputy.name));
    assert.deepEqual(
      (await rankingTable.locator('tbody').getByRole('link').allTextContents()).filter((name) => serving.has(name)).slice(0, stars.length),
      stars.map((r) => r.deputy.name),
      'the top of the ranking among serving deputies is the proposal',
    );
    await page.waitForLoadState('networkidle');
    await shot(page, 'desktop-points-ranking');

    await page.getByRole('tab', { name: '履职之星' }).click();
    const proposal = page.locator('.ant-card', { has: page.getByText('按积分排名推荐前 10 名') });
    await proposal.getByRole('link', { name: stars[0]!.deputy.name }).waitFor();
    assert.deepEqual(await proposal.locator('tbody').getByRole('link').allTextContents(), stars.map((r) => r.deputy.name));
    const ticks = proposal.locator('tbody').getByRole('checkbox');
    assert.equal(await ticks.count(), stars.length);
    for (const tick of await ticks.all()) assert.ok(await tick.isChecked(), 'each proposed deputy starts ticked');
    await proposal.getByRole('textbox', { name: '说明' }).fill(NOTE);
    await shot(page, 'desktop-stars-proposal');
    await proposal.getByRole('button', { name: `确认履职之星(${stars.length} 名)` }).click();
    await page.locator('.ant-message').getByText('履职之星已确认').waitFor();

    const award = page.locator('.ant-card', { has: page.getByText(`${year} 年度履职之星(已确认)`) });
    await award.getByText(new RegExp(`^平桂区人大常委会 韦工 于 .+ 确认 · ${NOTE}$`)).waitFor();
    assert.deepEqual(await award.locator('tbody').getByRole('link').allTextContents(), stars.map((r) => r.deputy.name));
    await proposal.getByRole('button', { name: `重新确认(${stars.length} 名)` }).waitFor();
    await shot(page, 'desktop-stars-confirmed');

    // Kept by the server with each star's rank and total as they stood.
    const stored = await api.get<Stars>(`/api/points/stars?regionCode=${REGION}&year=${year}`);
    assert.equal(stored.confirmed?.confirmedBy, '平桂区人大常委会 韦工');
    assert.equal(stored.confirmed?.note, NOTE);
    assert.deepEqual(stored.confirmed?.stars.map((s) => [s.deputy.name, s.rank, s.points]), stars.map((r) => [r.deputy.name, r.rank, r.points]));
    assert.deepEqual(errors, []);
  });

  it('the deputy named sees the star with their points, on a phone', async () => {
    assert.ok(year, 'the stars were confirmed');
    const star = stars.find((r) => r.deputy.name === DEPUTY)!;
    const badge = `${year} 年度履职之星 · 广西壮族自治区贺州市平桂区 第 ${star.rank} 名`;
    const page = await (await newDevice(browser, 'phone')).newPage();
    const errors = collectErrors(page);
    await signIn(page, 'liangjun');
    await page.goto(`/points?year=${year}`);
    const mine = page.getByRole('link', { name: '查看我的积分明细' });
    await mine.getByText(badge).waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, 'phone-points-star');

    await mine.click();
    await page.getByRole('heading', { name: '我的履职积分' }).waitFor();
    await page.getByText(badge).waitFor();
    await shot(page, 'phone-ledger-star');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than the phone`);

    // The ledger names the award as it was recorded.
    const api = await ApiClient.signIn('liangjun');
    const ledger = await api.get<{ stars: { region: { code: string; fullName: string }; rank: number; points: number }[] }>(`/api/points/deputies/${star.deputy.id}?year=${year}`);
    assert.deepEqual(ledger.stars, [{ region: { code: REGION, fullName: '广西壮族自治区贺州市平桂区' }, rank: star.rank, points: star.points }]);
    assert.deepEqual(errors, []);
  });
});
