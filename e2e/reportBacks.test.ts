/**
 * 述职 at a village meeting, each person on their own device: the staff plan a report-back of
 * 梁俊华 at the banyan tree; the deputy writes the report on the phone from the draft his archive
 * gives; the staff enter the headcount and open the evaluation, and the QR screen shows the code;
 * 30 constituents evaluate on 30 phones sharing ONE village Wi-Fi address (the rate limit lets
 * them through); a second try from one phone is refused in plain words; the staff's page and the
 * projector screen count the 30; a paper form is entered; after the close a late phone is told
 * the evaluation is over; a comment goes on the issue list and the deputy closes it on the phone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient, stationId } from './api.js';
import { BASE_URL, collectErrors, launch, watchPolicy, newDevice, shot, signIn } from './browser.js';

const TOKEN = `${Date.now() % 100000}`;
const PHONES = 30;
/** The village Wi-Fi: every constituent's phone comes from this one address. */
const VILLAGE_ADDRESS = `10.79.${Number(TOKEN) % 250}.1`;
const RATINGS = ['满意', '基本满意', '不满意'] as const;

interface ReportBack {
  id: number;
  state: string;
  headcount: number | null;
  report: { version: number; text: string } | null;
  evaluation: { open: boolean; publicUrl: string | null; counts: { satisfied: number; basically_satisfied: number; unsatisfied: number; total: number; qr: number; paper: number } };
}

/** A Beijing-time instant `hours` from now, as ISO. */
const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

describe('a report-back evaluated on the constituents\' phones', () => {
  let browser: Browser;
  let staff: ApiClient;
  let rb: ReportBack;
  let desk: Page;
  let evaluatePath = '';
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];

  before(async () => {
    browser = await launch();
    staff = await ApiClient.signIn('pinggui');
    const station = await stationId('平桂区黄田镇人大代表联络站');
    const page = await new ApiClient().get<{ deputies: { id: number; name: string }[] }>(`/api/public/stations/${station}`);
    const deputy = page.deputies.find((d) => d.name === '梁俊华');
    assert.ok(deputy, '梁俊华 is a deputy of the 黄田镇 station');
    // The meeting began an hour ago under the banyan tree.
    rb = await staff.post<ReportBack>('/api/report-backs', {
      deputyId: deputy.id,
      title: `梁俊华代表向选民述职(${TOKEN})`, startsAt: inHours(-1), endsAt: inHours(1), place: '路花村榕树头', stationId: station, invited: '路花村第一至第八村民小组选民',
    });
  });
  after(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser.close();
  });

  async function device(kind: 'phone' | 'desktop'): Promise<Page> {
    const page = await (await newDevice(browser, kind)).newPage();
    errors.push(...collectErrors(page));
    return page;
  }

  /** A constituent's phone on the village Wi-Fi: its own cookies, the shared address. */
  async function villagePhone(): Promise<Page> {
    const context = await browser.newContext({
      baseURL: BASE_URL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
      extraHTTPHeaders: { 'x-forwarded-for': VILLAGE_ADDRESS },
      viewport: { width: 375, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true,
    });
    context.setDefaultTimeout(30_000);
    await watchPolicy(context, 'village phone');
    // As for every device: the API's refusals and failures are printed with their code.
    context.on('response', (r) => {
      if (r.status() < 400 || !r.url().includes('/api/')) return;
      r.text().then((body) => console.error(`[village phone] ${r.status()} ${new URL(r.url()).pathname} ${body.slice(0, 200)}`), () => undefined);
    });
    contexts.push(context);
    const page = await context.newPage();
    errors.push(...collectErrors(page));
    return page;
  }

  async function noOverflow(page: Page): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${page.url()} is ${overflow}px wider than the phone`);
  }

  it('the deputy writes the report on the phone, from the draft his archive gives', async () => {
    const phone = await device('phone');
    await signIn(phone, 'liangjun');
    await phone.goto('/report-backs');
    await phone.getByRole('heading', { name: '我的述职' }).waitFor();
    await phone.getByTestId('report-back-card').filter({ hasText: `(${TOKEN})` }).click();
    await phone.getByRole('button', { name: /撰写述职报告/ }).click();
    const editor = phone.getByTestId('report-text');
    await editor.waitFor();
    await phone.getByRole('button', { name: /从履职档案生成初稿/ }).click();
    await phone.waitForFunction(() => ((document.querySelector('[data-testid="report-text"]') as HTMLTextAreaElement | null)?.value.length ?? 0) > 20);
    const draft = await editor.inputValue();
    const added = `下一步,我将继续推动路花村茶园道路硬化(${TOKEN})。`;
    await editor.fill(`${draft}\n${added}`);
    await shot(phone, 'phone-report-back-editor');
    await noOverflow(phone);
    await phone.getByRole('button', { name: '保存', exact: true }).click();
    await phone.getByText('第 1 版').first().waitFor();
    const saved = await staff.get<{ current: { version: number; text: string; source: string } | null }>(`/api/report-backs/${rb.id}/report`);
    assert.equal(saved.current?.version, 1);
    assert.ok(saved.current.text.includes(added), 'the saved report holds the deputy\'s words');
    // A second edit makes a second version.
    await editor.fill(`${draft}\n${added}\n感谢乡亲们的监督。`);
    await phone.getByRole('button', { name: '保存', exact: true }).click();
    await phone.getByText('第 2 版').first().waitFor();
    assert.equal((await staff.get<{ versions: unknown[] }>(`/api/report-backs/${rb.id}/report`)).versions.length, 2);
  });

  it('the staff enter the headcount, open the evaluation and put the QR code on the screen', async () => {
    desk = await device('desktop');
    await signIn(desk, 'pinggui');
    await desk.goto(`/report-backs/${rb.id}`);
    const card = desk.getByTestId('evaluation');
    await card.waitFor();
    await card.getByRole('button', { name: '到会人数' }).click();
    await desk.getByRole('dialog').getByLabel('到会群众人数').fill('32');
    await desk.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await desk.getByRole('dialog').waitFor({ state: 'hidden' });
    await card.getByText('到会群众 32 人').waitFor();
    await card.getByRole('button', { name: '开始评议' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await card.getByRole('button', { name: '结束评议' }).waitFor();
    rb = await staff.get<ReportBack>(`/api/report-backs/${rb.id}`);
    assert.equal(rb.evaluation.open, true);
    assert.ok(rb.evaluation.publicUrl, 'the evaluation has its public address');
    evaluatePath = new URL(rb.evaluation.publicUrl).pathname;
    assert.match(evaluatePath, /^\/m\/report-backs\/evaluate\/[^/]+$/);
    await shot(desk, 'desktop-report-back-open');

    await card.getByRole('button', { name: /投屏二维码/ }).click();
    const screen = desk.getByTestId('qr-screen');
    await screen.waitFor();
    await screen.getByText(rb.evaluation.publicUrl).waitFor();
    await desk.waitForFunction(() => {
      const img = document.querySelector('[data-testid="qr-screen"] img') as HTMLImageElement | null;
      return Boolean(img?.complete && img.naturalWidth > 0);
    });
    await screen.getByTestId('screen-total').getByText('0', { exact: true }).waitFor();
    await shot(desk, 'desktop-report-back-screen');
  });

  it('30 constituents evaluate on their phones over one village Wi-Fi; a second try from one phone is refused', async () => {
    const phones = await Promise.all(Array.from({ length: PHONES }, () => villagePhone()));
    const evaluate = async (page: Page, i: number) => {
      const loaded = page.getByTestId('evaluate-deputy').getByText('梁俊华');
      await page.goto(evaluatePath);
      // On a crowded two-core machine a page load can stall: the constituent reloads once, as people do.
      try { await loaded.waitFor({ timeout: 45_000 }); } catch { await page.reload(); await loaded.waitFor({ timeout: 45_000 }); }
      await page.locator('.adm-selector-item').filter({ hasText: new RegExp(`^${RATINGS[i % 3]}$`) }).click();
      if (i % 4 === 0) await page.getByPlaceholder('希望代表关注和推动解决的问题').fill(`第${i + 1}位村民:路花村${i % 8 + 1}组的路灯坏了,请代表跟进(${TOKEN})`);
      await page.getByPlaceholder('仅用于防止重复评议').fill(`139${TOKEN.padStart(5, '0').slice(-4)}${String(i).padStart(4, '0')}`);
      if (i === 0) { await shot(page, 'phone-report-back-evaluate'); await noOverflow(page); }
      await page.getByRole('button', { name: '提交评议' }).click();
      await page.getByTestId('evaluate-outcome').getByText('感谢您的评议').waitFor();
    };
    // The first phone opens the page twice (two tabs) before sending from one of them.
    const second = await phones[0]!.context().newPage();
    await second.goto(evaluatePath);
    await second.getByRole('button', { name: '提交评议' }).waitFor();
    // Five at a time, as people in a crowd do.
    for (let start = 0; start < PHONES; start += 5) {
      await Promise.all(phones.slice(start, start + 5).map((page, k) => evaluate(page, start + k)));
    }
    await shot(phones[0]!, 'phone-report-back-evaluated');

    // The other tab of the first phone tries again with another number: the phone is refused.
    await second.locator('.adm-selector-item').filter({ hasText: /^满意$/ }).click();
    await second.getByPlaceholder('仅用于防止重复评议').fill('13800000000');
    await second.getByRole('button', { name: '提交评议' }).click();
    await second.getByTestId('evaluate-outcome').getByText('这部手机已经评议过了').waitFor();
    // Opened again, the page says so at once and offers no form.
    await phones[0]!.reload();
    await phones[0]!.getByTestId('evaluate-outcome').getByText('这部手机已经评议过了').waitFor();
    assert.equal(await phones[0]!.getByRole('button', { name: '提交评议' }).count(), 0);
    await shot(phones[0]!, 'phone-report-back-duplicate');

    rb = await staff.get<ReportBack>(`/api/report-backs/${rb.id}`);
    assert.deepEqual(rb.evaluation.counts, { satisfied: 10, basically_satisfied: 10, unsatisfied: 10, total: 30, qr: 30, paper: 0 });
  });

  it('the staff see the 30 counted, on the screen and on the page; a paper form is added; after the close a late phone is told', async () => {
    await desk.getByTestId('screen-total').getByText('30', { exact: true }).waitFor();
    await shot(desk, 'desktop-report-back-screen-30');
    await desk.getByRole('button', { name: '退出投屏' }).click();
    const card = desk.getByTestId('evaluation');
    await card.getByTestId('evaluation-counts').getByText('30', { exact: true }).first().waitFor();
    await card.getByTestId('evaluation-comments').getByText(`第29位村民:路花村5组的路灯坏了,请代表跟进(${TOKEN})`).waitFor();
    assert.equal(await card.getByTestId('over-headcount').count(), 0, 'no warning: 30 evaluations, 32 present');

    await card.getByRole('button', { name: '录入纸质评议表' }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByText('基本满意', { exact: true }).click();
    await dialog.getByLabel('意见建议').fill(`纸质表:希望多来村里走走(${TOKEN})`);
    await dialog.getByRole('button', { name: /录\s*入/ }).click();
    await desk.getByRole('dialog').waitFor({ state: 'hidden' });
    await card.getByTestId('evaluation-counts').getByText('31', { exact: true }).first().waitFor();
    await card.getByText('扫码 30 · 纸质 1').waitFor();

    await card.getByRole('button', { name: '结束评议' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await card.getByText(/结束于/).waitFor();
    await shot(desk, 'desktop-report-back-results');

    const late = await villagePhone();
    await late.goto(evaluatePath);
    await late.getByTestId('evaluate-outcome').getByText('评议已经结束').waitFor();
    rb = await staff.get<ReportBack>(`/api/report-backs/${rb.id}`);
    assert.equal(rb.evaluation.counts.total, 31);
    assert.equal(rb.state, 'evaluated');
  });

  it('a comment goes on the issue list and the deputy closes it on the phone with a note', async () => {
    const card = desk.getByTestId('evaluation');
    const comment = card.getByTestId('evaluation-comments').getByRole('listitem').filter({ hasText: `第29位村民` });
    await comment.getByRole('button', { name: '列入问题清单' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    const issues = desk.getByTestId('issues');
    await issues.getByTestId('issue').filter({ hasText: '第29位村民' }).waitFor();

    const phone = await device('phone');
    await signIn(phone, 'liangjun');
    await phone.goto(`/report-backs/${rb.id}`);
    const item = phone.getByTestId('issue').filter({ hasText: '第29位村民' });
    await item.getByRole('button', { name: '办结' }).click();
    await phone.getByRole('dialog').getByLabel('办理情况').fill('已联系镇供电所,路灯已于本周修复。');
    await phone.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await item.getByText('已联系镇供电所,路灯已于本周修复。', { exact: false }).waitFor();
    await shot(phone, 'phone-report-back-issue-closed');
    await noOverflow(phone);
    assert.deepEqual(errors, []);
  });
});
