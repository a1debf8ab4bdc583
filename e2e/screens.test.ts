/**
 * Every back-office screen opens for the roles that use it, without page errors, with the
 * navigation their role gives; a screenshot of each is saved (desktop, and phone for the
 * deputy and the unit clerk, who work on phones).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { stationId } from './api.js';
import { collectErrors, launch, newDevice, shot, signIn } from './browser.js';
import { demoDate } from '../server/platform/demo/time.js';

/** `station:<name>` and `deputy:<name>` stand for the detail page of that demo record, `archive:<name>` for a deputy's archive. */
async function resolve(path: string): Promise<string> {
  const [kind, name] = path.split(':') as [string, string | undefined];
  if (!name) return path;
  const station = await stationId(kind === 'station' ? name : '平桂区黄田镇人大代表联络站');
  if (kind === 'station') return `/stations/${station}`;
  const page = await (await fetch(`${process.env.LIANXIN_E2E_URL}/api/public/stations/${station}`)).json() as { deputies: { id: number; name: string }[] };
  const deputy = `/deputies/${page.deputies.find((d) => d.name === name)!.id}`;
  return kind === 'archive' ? `${deputy}/archive` : deputy;
}

const MENU = ['工作台', '我的待办', '意见办理', '代表建议', '民生实事', '办理统计', '建议统计', '热点议题', '预算审查', '预算意见答复', '议题征询', '述职', '逢四议事', '跨省联建', '履职活动', '主题活动', '履职积分', '考核评价', '网格', '网格覆盖', '跨界服务小组', '联络站', '产业联系点', '调解室', '人大代表', '代表之家', '登记簿', '承办单位', '行政区划', '人大届次', '账号管理', '办理时限', '建议办理设置', '节假日', '联邦对端', '审计日志', '通知', '个人中心'];
const WORK = ['工作台', '意见办理', '代表建议', '民生实事', '办理统计', '热点议题', '预算审查', '议题征询', '述职', '逢四议事', '跨省联建', '履职活动', '主题活动', '履职积分', '考核评价', '网格', '联络站', '产业联系点', '调解室', '人大代表', '代表之家', '登记簿', '承办单位'];

const ROLES: { username: string; kind: 'desktop' | 'phone'; menu: string[]; screens: { path: string; ready: RegExp; name: string }[] }[] = [
  {
    username: 'admin', kind: 'desktop', menu: MENU,
    screens: [
      { path: '/', ready: /本月工作概况/, name: 'dashboard' },
      { path: '/activities', ready: /代表接待日/, name: 'activities' },
      { path: '/campaigns', ready: /产业协同发展/, name: 'campaigns' },
      { path: '/points', ready: /梁俊华/, name: 'points' },
      { path: '/assessments', ready: /黄田镇/, name: 'assessments' },
      { path: '/registers', ready: /接待选民登记簿/, name: 'registers' },
      { path: '/cases', ready: /受理编号/, name: 'cases' },
      { path: '/statistics', ready: /分组统计/, name: 'statistics' },
      { path: '/stations', ready: /黄田镇人大代表联络站/, name: 'stations' },
      { path: 'station:平桂区黄田镇人大代表联络站', ready: /八有一册六簿|接待/, name: 'station-detail' },
      { path: 'deputy:梁俊华', ready: /代表名片|梁俊华/, name: 'deputy-card' },
      { path: '/deputies', ready: /梁俊华/, name: 'deputies' },
      { path: '/units', ready: /水利局/, name: 'units' },
      { path: '/regions', ready: /广西壮族自治区/, name: 'regions' },
      { path: '/terms', ready: /平桂区第四届人民代表大会/, name: 'terms' },
      { path: '/accounts', ready: /pinggui/, name: 'accounts' },
      { path: '/case-rules', ready: /饮水供水/, name: 'case-rules' },
      { path: '/holidays', ready: /节假日安排/, name: 'holidays' },
      { path: '/federation', ready: /山东省人大代表联络站平台/, name: 'federation' },
      { path: '/audit', ready: /^登录$/, name: 'audit' },
      { path: '/notifications', ready: /通知/, name: 'notifications' },
    ],
  },
  {
    username: 'pinggui', kind: 'desktop', menu: [WORK[0]!, '我的待办', ...WORK.slice(1, 5), '建议统计', ...WORK.slice(5, WORK.indexOf('网格') + 1), '网格覆盖', '跨界服务小组', ...WORK.slice(WORK.indexOf('网格') + 1), '行政区划', '人大届次', '账号管理', '办理时限', '建议办理设置', '通知', '个人中心'],
    screens: [
      { path: '/', ready: /本月工作概况/, name: 'staff-dashboard' }, { path: '/case-rules', ready: /饮水供水/, name: 'staff-case-rules' },
      { path: '/suggestions', ready: /共 \d+ 件/, name: 'staff-suggestions' },
      { path: '/suggestions/statistics', ready: /面商率/, name: 'staff-suggestion-statistics' },
      { path: '/suggestion-settings', ready: /议案附议人数下限/, name: 'staff-suggestion-settings' },
      { path: '/consultations', ready: /议题征询/, name: 'staff-consultations' },
      { path: '/report-backs', ready: /逾期/, name: 'staff-report-backs' },
      { path: '/budget', ready: /预算审查/, name: 'staff-budget' },
      { path: '/livelihood', ready: /民生实事/, name: 'staff-livelihood' },
      { path: '/deliberations', ready: /议事日历/, name: 'staff-deliberations' },
      { path: '/hot-topics', ready: /条意见归并为/, name: 'staff-hot-topics' },
      { path: '/industry', ready: /平桂区黄金珠宝产业代表联络站/, name: 'staff-industry' },
      { path: '/grids', ready: /公和村第 1 网格/, name: 'staff-grids' },
      { path: '/grids/coverage', ready: /现任代表 \d+ 名/, name: 'staff-grid-coverage' },
      { path: '/grids/teams', ready: /暂无跨界服务小组/, name: 'staff-grid-teams' },
      { path: '/mediation', ready: /墙角砌石墙纠纷/, name: 'staff-mediation' },
      { path: '/former-deputies', ready: /莫德光/, name: 'staff-former-deputies' },
    ],
  },
  {
    username: 'liangjun', kind: 'phone', menu: [WORK[0]!, WORK[1]!, '票决投票', '我的建议', ...WORK.slice(3), '通知', '个人中心'],
    screens: [
      { path: '/', ready: /我所在的联络站/, name: 'deputy-home' },
      { path: '/cases', ready: /共 [1-9]\d* 件|没有符合条件的意见/, name: 'deputy-cases' },
      { path: '/suggestions', ready: /共 \d+ 件/, name: 'deputy-suggestions' },
      { path: '/consultations', ready: /议题征询/, name: 'deputy-consultations' },
      { path: '/report-backs', ready: /我的述职/, name: 'deputy-report-backs' },
      { path: '/hot-topics', ready: /条意见归并为/, name: 'deputy-hot-topics' },
      { path: '/mediation', ready: /矛盾纠纷调解/, name: 'deputy-mediation' },
      { path: '/activities', ready: /代表接待日|走访/, name: 'deputy-activities' },
      // The archive opens on the deputy's running term of the highest level.
      // The demo's county term began on 2021-12-10 as written for its reference day, moved to the server's day.
      { path: 'archive:梁俊华', ready: new RegExp(`平桂区第四届人民代表大会代表 ${demoDate('2021-12-10')} 至今`), name: 'deputy-archive' },
    ],
  },
  {
    username: 'shuiliju', kind: 'phone', menu: ['工作台', '意见办理', '代表建议', '民生实事', '办理统计', '预算审查', '预算意见答复', '逢四议事', '通知', '个人中心'],
    screens: [
      { path: '/', ready: /我的待办/, name: 'unit-home' },
      { path: '/budget-answers', ready: /预算意见答复/, name: 'unit-budget-answers' },
      { path: '/cases', ready: /共 [1-9]\d* 件|没有符合条件的意见/, name: 'unit-cases' },
      { path: '/suggestions', ready: /共 \d+ 件/, name: 'unit-suggestions' },
      { path: '/deliberations', ready: /行动事项/, name: 'unit-deliberations' },
    ],
  },
  {
    // The grid worker (网格员) works on a phone: her grid (the whistle) is her home.
    username: 'wangge', kind: 'phone', menu: ['我的网格', '跨界服务小组', '通知', '个人中心'],
    screens: [
      { path: '/', ready: /负责的网格/, name: 'grid-home' },
      { path: '/grids/teams', ready: /暂无跨界服务小组/, name: 'grid-teams' },
    ],
  },
];

describe('the back-office screens', () => {
  let browser: Browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser.close(); });

  for (const role of ROLES) {
    it(`${role.username} sees the navigation of their role and every screen opens`, async () => {
      const page = await (await newDevice(browser, role.kind)).newPage();
      const errors = collectErrors(page);
      await signIn(page, role.username);
      if (role.kind === 'phone') await page.getByRole('button', { name: '菜单' }).click();
      const nav = page.getByRole('navigation', { name: '主导航' }).last();
      await nav.getByRole('menuitem').first().waitFor();
      const shown = (await nav.getByRole('menuitem').allTextContents()).map((s) => s.trim());
      assert.deepEqual(shown, role.menu);
      if (role.kind === 'phone') await page.keyboard.press('Escape');
      for (const s of role.screens) {
        await page.goto(await resolve(s.path));
        await page.getByText(s.ready).first().waitFor();
        await page.waitForLoadState('networkidle');
        await shot(page, `${role.kind}-${s.name}`);
        if (role.kind === 'phone') {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${s.path} is ${overflow}px wider than the phone`);
        }
      }
      assert.deepEqual(errors, []);
    });
  }
});
