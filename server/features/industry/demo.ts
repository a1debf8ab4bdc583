/**
 * The industry demo: 连平县 (河源市, Guangdong) built its 鹰嘴蜜桃 (eagle-beak honey peach) industry
 * station on the national modern agriculture park at 上坪镇, with nine deputies of four levels
 * (seeds: 连平县人大常委会 "升级小站点 撬动大服务"). Here it is an industry contact point with its
 * member cooperatives, farms and companies (credit codes made valid by the check-character rule),
 * the "1+2+5+N" organisation of 罗湖's 黄金珠宝 point filled in, and a "百日联系计划" (罗湖's 100
 * enterprises in 100 days, here 30 in 100) started 49 days ago and about half done. One visit found
 * that the harvest's parcels wait days for a courier: that issue became a case. Everything is
 * written through the API's commands, dated relative to the clock.
 */
import { loadActor } from '../../platform/access/actors.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import { DEMO_PASSWORD } from '../../platform/demo/password.js';
import type { DemoStep } from '../../platform/feature.js';
import { createAccount } from '../accounts/index.js';
import { createDeputy, type DeputyInput } from '../deputies/index.js';
import { createStation } from '../stations/index.js';
import { createCampaign, createEnterprise, issueToCase, logVisit, setOrganisation } from './commands.js';
import { withCheckCharacter } from './uscc.js';

const LIANPING = '441623';
const SHANGPING = '441623101';
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** [name, gender, phone, level seats, occupation, profession, key]. */
type Seat = DeputyInput['levels'][number];
const seat = (level: Seat['level'], term: number, regionCode: string | null): Seat => ({ level, term, regionCode });
const DEPUTIES: { key: string; name: string; gender: 'male' | 'female'; phone: string; levels: Seat[]; occupation: string; profession: string; role: 'head' | 'liaison' | 'resident' }[] = [
  { key: 'xie', name: '谢志明', gender: 'male', phone: '13907623001', levels: [seat('provincial', 14, '440000'), seat('county', 17, LIANPING)], occupation: '连平县鹰嘴蜜桃农业龙头企业董事长', profession: '企业经营', role: 'head' },
  { key: 'ye', name: '叶桃香', gender: 'female', phone: '13907623002', levels: [seat('county', 17, LIANPING), seat('township', 18, SHANGPING)], occupation: '上坪镇鹰嘴蜜桃种植大户', profession: '桃树种植', role: 'resident' },
  { key: 'zeng', name: '曾国华', gender: 'male', phone: '13907623003', levels: [seat('county', 17, LIANPING)], occupation: '连平县农业技术推广站农艺师', profession: '农业技术', role: 'resident' },
  { key: 'chen', name: '陈丽芳', gender: 'female', phone: '13907623004', levels: [seat('city', 8, '441600')], occupation: '河源市农产品电商协会会长', profession: '电商直播', role: 'resident' },
  { key: 'huang', name: '黄春梅', gender: 'female', phone: '13907623005', levels: [seat('county', 17, LIANPING)], occupation: '连平县快递物流企业负责人', profession: '快递物流', role: 'resident' },
  { key: 'liu', name: '刘志坚', gender: 'male', phone: '13907623006', levels: [seat('county', 17, LIANPING)], occupation: '律师', profession: '法律服务', role: 'resident' },
  { key: 'deng', name: '邓建新', gender: 'male', phone: '13907623007', levels: [seat('township', 18, SHANGPING)], occupation: '上坪镇中村村党支部书记', profession: '基层治理', role: 'liaison' },
  { key: 'he', name: '何伟强', gender: 'male', phone: '13907623008', levels: [seat('township', 18, SHANGPING)], occupation: '鹰嘴蜜桃专业合作社理事长', profession: '合作社', role: 'resident' },
  { key: 'zhong', name: '钟美玲', gender: 'female', phone: '13907623009', levels: [seat('city', 8, '441600'), seat('county', 17, LIANPING)], occupation: '连平县市场监督管理局干部', profession: '品牌质量', role: 'resident' },
];

/** [name, industry, address]: cooperatives (93…), farms and companies (92…/91…). */
const ENTERPRISES: [string, string, string][] = [
  ['连平县上坪镇鹰嘴蜜桃专业合作社', '鹰嘴蜜桃种植', '上坪镇中村村'], ['连平县上坪镇桃源果业专业合作社', '鹰嘴蜜桃种植', '上坪镇上坪村'],
  ['连平县中村鹰嘴蜜桃种植专业合作社', '鹰嘴蜜桃种植', '上坪镇中村村'], ['连平县惠化桃农专业合作社', '鹰嘴蜜桃种植', '上坪镇惠化村'],
  ['连平县内莞镇蜜桃专业合作社', '鹰嘴蜜桃种植', '内莞镇'], ['连平县陂头镇桃花源种养专业合作社', '鹰嘴蜜桃种植', '陂头镇'],
  ['连平县溪山镇鹰嘴桃专业合作社', '鹰嘴蜜桃种植', '溪山镇'], ['连平县隆街镇果蔬专业合作社', '水果种植', '隆街镇'],
  ['连平县上坪镇叶氏家庭农场', '家庭农场', '上坪镇上坪村'], ['连平县上坪镇曾记家庭农场', '家庭农场', '上坪镇中村村'],
  ['连平县上坪镇何家桃园家庭农场', '家庭农场', '上坪镇惠化村'], ['连平县田源镇刘氏家庭农场', '家庭农场', '田源镇'],
  ['连平县鹰嘴蜜桃农业发展有限公司', '种植与收购', '上坪镇鹰嘴蜜桃产业园'], ['广东上坪桃业科技有限公司', '种苗繁育', '上坪镇鹰嘴蜜桃产业园'],
  ['连平县桃乡农产品加工有限公司', '农产品加工', '元善镇工业园'], ['连平县蜜桃冷链物流有限公司', '冷链物流', '元善镇'],
  ['河源市桃之源电子商务有限公司', '农产品电商', '元善镇'], ['连平县上坪快递服务站', '快递物流', '上坪镇圩镇'],
  ['连平县绿源农资有限公司', '农资', '元善镇'], ['连平县桃花谷乡村旅游有限公司', '乡村旅游', '上坪镇'],
  ['连平县果农包装制品有限公司', '包装', '元善镇工业园'], ['连平县山里人家农业有限公司', '种植与收购', '忠信镇'],
  ['连平县桃香食品有限公司', '桃脯与果酒', '元善镇工业园'], ['连平县优果农业科技有限公司', '农业技术服务', '元善镇'],
  ['连平县上坪镇桃农直播工作室', '农产品电商', '上坪镇圩镇'], ['连平县大湖镇生态农业专业合作社', '水果种植', '大湖镇'],
  ['连平县三角镇果业专业合作社', '水果种植', '三角镇'], ['连平县油溪镇桃李专业合作社', '水果种植', '油溪镇'],
  ['连平县绣缎镇富农专业合作社', '水果种植', '绣缎镇'], ['连平县高莞镇山水果园家庭农场', '家庭农场', '高莞镇'],
  ['连平县忠信镇华丰果业有限公司', '种植与收购', '忠信镇'], ['连平县元善镇农村电商服务中心', '农产品电商', '元善镇'],
];
const SURNAMES = '叶曾何刘谢陈黄邓钟罗邱赖';
const GIVEN = ['建华', '秀英', '桂芳', '志强', '国平', '丽娟', '永红', '春生', '海燕', '德明', '玉兰', '文辉'];

/** A valid credit code for the nth demo enterprise: 93 (cooperative), 92 (individual) or 91 (company), registered in 连平县. */
export function demoCreditCode(n: number, name: string): string {
  const kind = name.includes('合作社') ? '93' : name.includes('家庭农场') || name.includes('工作室') || name.includes('服务站') ? '92' : '91';
  let body = '';
  let v = 7919 * (n + 1) + 104729;
  for (let i = 0; i < 5; i += 1) { body += CHARS[v % 31]; v = Math.floor(v / 31) + 13 * (i + 1); }
  return withCheckCharacter(`${kind}${LIANPING}MA4W${body}`);
}

/** [days after the start, kind, enterprise indexes, deputy keys, summary]. */
const VISITS: [number, 'visit' | 'research', number[], string[], string][] = [
  [1, 'visit', [0, 1], ['xie', 'ye'], '走访合作社,了解今年挂果情况和收购价格预期。'],
  [4, 'research', [12, 13], ['zeng', 'zhong'], '调研种苗繁育和病虫害统防统治,企业希望增加农技培训场次。'],
  [8, 'visit', [2, 8], ['ye', 'he'], '走访种植户,反映山地果园机耕路窄、运果难。'],
  [13, 'visit', [16, 24], ['chen'], '走访电商企业,商议旺季直播带货排期。'],
  [17, 'visit', [17, 15], ['huang', 'chen'], '走访快递与冷链企业:采摘旺季包裹积压,揽收点不够。'],
  [22, 'visit', [3, 10], ['he', 'deng'], '走访惠化村合作社和家庭农场,了解品牌标识使用情况。'],
  [27, 'research', [14, 22], ['zhong', 'liu'], '调研加工企业的食品许可和商标保护。'],
  [33, 'visit', [0], ['zeng'], '回访合作社,跟进农技培训需求。'],
  [40, 'visit', [19], ['xie', 'liu'], '走访乡村旅游企业,了解赏花季客流和用工。'],
  [46, 'visit', [4], ['ye', 'deng'], '走访内莞镇合作社,了解新扩种桃园的补贴申请。'],
];

async function loadIndustryDemo(system: WriteContext): Promise<void> {
  const ctx = system;
  const stationId = await createStation(ctx, {
    name: '连平县鹰嘴蜜桃产业代表联络站', type: 'industry', tier: 'town_center', parentId: null, homeRegionCode: SHANGPING, memberRegionCodes: [],
    address: '广东省河源市连平县上坪镇鹰嘴蜜桃现代农业产业园', phone: '0762-4661001', openingHours: '工作日 08:30-17:30',
    receptionSchedule: { weekdays: [2], monthDays: [], hours: '09:00-12:00', note: '代表接待轮值 + 定向走访;桃季开展“代表夜谈”' },
    checklist: { has_venue: true, has_sign: true, has_rules: true, has_deputies: true, has_activities: true, has_results: true, roster: true, opinion_register: true },
    grade: 'first', stars: null, description: '把代表联络站建在鹰嘴蜜桃产业链上,9 名省、市、县、镇四级人大代表驻站,助力国家级鹰嘴蜜桃现代农业产业园建设。',
  });
  const deputies: Record<string, number> = {};
  for (const d of DEPUTIES) {
    deputies[d.key] = await createDeputy(ctx, {
      name: d.name, gender: d.gender, ethnicity: '汉族', party: '', birthYear: null, phone: d.phone, status: 'current', specialLiaison: false,
      regionCode: d.levels.some((l) => l.level === 'township') ? SHANGPING : LIANPING, constituency: '', professionTags: [d.profession], occupation: d.occupation,
      gridCell: null, levels: d.levels, stations: [{ stationId, role: d.role }],
    });
  }
  const staffId = await createAccount(ctx, { username: 'lianping', displayName: '连平县人大常委会 赖工', password: DEMO_PASSWORD, role: 'staff', regionCode: LIANPING }, { mustChangePassword: false });
  const deputyAccountId = await createAccount(ctx, { username: 'yetaoxiang', displayName: '叶桃香 代表', password: DEMO_PASSWORD, role: 'deputy', deputyId: deputies.ye! }, { mustChangePassword: false });
  // From here on as the county's staff, and 叶桃香 logs the visits she made herself.
  const staff: WriteContext = { ...system, actor: await loadActor(system.trx, staffId) };
  const ye: WriteContext = { ...system, actor: await loadActor(system.trx, deputyAccountId) };

  await setOrganisation(staff, stationId, {
    lead: [{ deputyId: null, name: '罗建东', title: '连平县人大常委会副主任' }],
    conveners: [{ deputyId: deputies.xie!, name: '', title: '省人大代表' }, { deputyId: null, name: '邱振华', title: '上坪镇人大主席' }],
    residents: (['ye', 'zeng', 'chen', 'huang', 'liu', 'zhong'] as const).map((k) => ({ deputyId: deputies[k]!, profession: DEPUTIES.find((d) => d.key === k)!.profession })),
    participants: [{ deputyId: deputies.deng! }, { deputyId: deputies.he! }],
  });

  const enterprises: number[] = [];
  for (const [i, [name, industry, address]] of ENTERPRISES.entries()) {
    enterprises.push(await createEnterprise(staff, stationId, {
      name, creditCode: demoCreditCode(i, name), industry, address: `广东省河源市连平县${address}`,
      contactName: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 5) % GIVEN.length]}`, contactPhone: `1390762${String(4100 + i * 37).padStart(4, '0')}`,
    }));
  }

  const startsOn = addDays(today(), -49);
  const campaignId = await createCampaign(staff, stationId, {
    title: '鹰嘴蜜桃产业“百日联系计划”', target: 30, startsOn, endsOn: addDays(startsOn, 99),
    description: '学习罗湖黄金珠宝产业联系点“百日联系计划”:100 天内驻站代表走访 30 家以上桃业合作社、家庭农场和企业,了解产业优势和困难,问题转交办理。',
  });
  for (const [day, kind, which, who, summary] of VISITS) {
    const { visitId } = await logVisit(who.includes('ye') ? ye : staff, campaignId, {
      kind, visitedOn: addDays(startsOn, day), enterpriseIds: which.map((i) => enterprises[i]!), deputyIds: who.map((k) => deputies[k]!),
      place: ENTERPRISES[which[0]!]![2], summary,
    });
    if (day === 17) {
      const category = await ctx.trx.selectFrom('case_category').select('id').where('code', '=', 'economy').executeTakeFirstOrThrow();
      await issueToCase(staff, visitId, {
        summary: '采摘旺季快递揽收点不足,包裹积压', categoryId: category.id, place: '连平县上坪镇圩镇',
        content: '鹰嘴蜜桃采摘旺季,上坪镇只有一个快递揽收点,果农每天排队发货,包裹积压两三天,鲜桃容易变质。建议协调邮政和快递企业在产业园和中村村增设临时揽收点、延长揽收时间。',
        name: null, phone: null,
      });
    }
  }
}

/** After the demo's stations and accounts, and the points and terms steps. */
export const INDUSTRY_DEMO: DemoStep = { order: 50, run: loadIndustryDemo };
