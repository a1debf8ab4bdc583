/**
 * 平桂区's suggestions for the demo, from the source report: the sessions of the county's 4th
 * congress and of 黄田镇's congresses, and the report's three suggestions with their outcomes.
 *
 * - 王惠敏's 《关于解决公和村水并片区自来水工程通水的建议》: 公和村's 梁大哥 asks her for tap water
 *   at a reception in October; she visits, files the suggestion in November with his opinion
 *   and her visit as its sources; staff register and assign it to 区水利局, whose clerk calls her
 *   and visits the site with her, and answers A in December (120 households applied for their
 *   connections on 20 December); she rates it 满意 and tells 梁大哥, who rates her answer.
 * - 谢宝珠's 《关于留住入驻产业园企业不外迁的建议》, filed at the 5th session: answered B by the
 *   industry bureau (the labour bureau as co-unit) with two commitments, rated 基本满意, one kept
 *   and one still followed up.
 * - 周晓燕's 《关于建立帮办服务中心 提升服务企业效能的建议》 with 梁俊华 and 王惠敏 as co-signers, between sessions,
 *   at the county congress (she also sits in the city's): assigned a few weeks ago to 贺州高新区管委会,
 *   a key suggestion, still being handled within its deadline.
 *
 * Every step goes through the commands the API uses, at the moment it would have happened, on
 * weekdays in office hours: the story is written as on the demo's reference date and moved to
 * today (platform/demo/time.ts); 王惠敏's by whole years, so that it keeps the report's months.
 * Like the demo's cases it is loaded at the server's first start, not into the test fixtures,
 * whose counts it would change.
 */
import type { Kysely } from 'kysely';
import type { WriteContext } from '../../platform/audit/audit.js';
import { loadActor } from '../../platform/access/actors.js';
import { PUBLIC_ACTOR, type Actor } from '../../platform/access/actor.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { DEMO_PASSWORD } from '../../platform/demo/password.js';
import { DEMO_REFERENCE_DATE, demoDate } from '../../platform/demo/time.js';
import { createAccount } from '../accounts/index.js';
import { createActivity } from '../activities/index.js';
import { registerOpinions, takeCaseAction } from '../cases/index.js';
import { createUnit } from '../units/index.js';
import { takeSuggestionAction } from './act.js';
import type { ActionBody } from './actionBody.js';
import { createSuggestion } from './draftCommands.js';
import { createSession } from './sessions.js';

const PINGGUI = '451103';
const HUANGTIAN = '451103101';

/**
 * The sessions (第N次会议) of the county's 4th congress, elected in late 2021, and of 黄田镇's
 * 12th and 13th: [level, region, term number, session number, opens, closes], as written on the
 * reference date. None is open on the demo's day.
 */
const SESSIONS: ['county' | 'township', string, number, number, string, string][] = [
  ['county', PINGGUI, 4, 1, '2021-12-10', '2021-12-12'],
  ['county', PINGGUI, 4, 2, '2023-01-10', '2023-01-12'],
  ['county', PINGGUI, 4, 3, '2024-01-09', '2024-01-11'],
  ['county', PINGGUI, 4, 4, '2025-01-07', '2025-01-09'],
  ['county', PINGGUI, 4, 5, '2026-01-06', '2026-01-08'],
  ['township', HUANGTIAN, 12, 1, '2021-11-26', '2021-11-26'],
  ['township', HUANGTIAN, 12, 2, '2023-01-04', '2023-01-04'],
  ['township', HUANGTIAN, 12, 3, '2024-01-03', '2024-01-03'],
  ['township', HUANGTIAN, 12, 4, '2025-01-03', '2025-01-03'],
  ['township', HUANGTIAN, 12, 5, '2026-01-05', '2026-01-05'],
  ['township', HUANGTIAN, 13, 1, '2026-11-26', '2026-11-27'],
];

/** The units the suggestions go to, each with a clerk (login `clerk`, the demo password); made when the demo lacks them. */
const UNITS = {
  water: { name: '贺州市平桂区水利局', clerk: 'shuiliju' },
  industry: { name: '贺州市平桂区工业和信息化局', clerk: 'gongxinju' },
  labour: { name: '贺州市平桂区人力资源和社会保障局', clerk: 'rensheju' },
  zone: { name: '贺州高新技术产业开发区管理委员会', clerk: 'gaoxinqu' },
} as const;
type UnitKey = keyof typeof UNITS;

/** The deputies who lead the report's suggestions or co-sign, with their logins (made when missing). */
const DEPUTIES = {
  wang: { name: '王惠敏', login: 'wanghuimin' },
  xie: { name: '谢宝珠', login: 'xiebaozhu' },
  zhou: { name: '周晓燕', login: 'zhouxiaoyan' },
  liang: { name: '梁俊华', login: 'liangjun' },
} as const;
type DeputyKey = keyof typeof DEPUTIES;

/** The demo logins these suggestions add (the clerks and deputies not in the demo set). */
export const DEMO_SUGGESTION_LOGINS: readonly string[] = ['gongxinju', 'gaoxinqu', 'xiebaozhu', 'zhouxiaoyan'];

/**
 * The moments of one story: a day as written on the reference date, moved (`move`), a weekend to
 * the Monday after, at a Beijing time; never before the story's moment before it.
 */
class Story {
  private last = 0;
  constructor(private readonly move: (written: string) => string) {}

  /** Moved as the rest of the demo is: by the days from the reference date to today. */
  static relative(today: string): Story {
    return new Story((written) => demoDate(written, today));
  }

  /**
   * Moved by whole years, so that what was written for the year before the reference date's
   * happens in the year before today's: the same months and days, as the source report tells them.
   */
  static yearBefore(today: string): Story {
    const years = Number(today.slice(0, 4)) - Number(DEMO_REFERENCE_DATE.slice(0, 4));
    return new Story((written) => `${String(Number(written.slice(0, 4)) + years).padStart(4, '0')}${written.slice(4)}`);
  }

  date(written: string): string {
    return this.move(written);
  }

  /** The written day moved, a Saturday or Sunday to the Monday after: a day people work. */
  workday(written: string): string {
    const day = this.date(written);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    return weekday === 6 ? addDays(day, 2) : weekday === 0 ? addDays(day, 1) : day;
  }

  at(written: string, time: string): Date {
    const at = Math.max(new Date(`${this.workday(written)}T${time}:00+08:00`).getTime(), this.last + 600_000);
    this.last = at;
    return new Date(at);
  }

  /** `M月D日` of a written day, as the answer letters say it. */
  said(written: string): string {
    const [, m, d] = this.date(written).split('-').map(Number);
    return `${m}月${d}日`;
  }
}

interface Cast {
  staff: Actor;
  admin: Actor;
  officer: Actor;
  units: Record<UnitKey, { id: number; clerk: Actor }>;
  deputies: Record<DeputyKey, { id: number; actor: Actor }>;
}

async function accountActor(trx: WriteContext['trx'], username: string): Promise<Actor | null> {
  const row = await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst();
  return row ? loadActor(trx as unknown as Kysely<DB>, row.id) : null;
}

/** The accounts and units of the story, the missing ones made by 平桂区's staff. */
async function loadCast(trx: WriteContext['trx']): Promise<Cast> {
  const staff = (await accountActor(trx, 'pinggui'))!;
  const ctx = { trx, actor: staff, ip: null };
  const units = {} as Cast['units'];
  for (const [key, { name, clerk }] of Object.entries(UNITS) as [UnitKey, (typeof UNITS)[UnitKey]][]) {
    const existing = await trx.selectFrom('unit').select('id').where('name', '=', name).executeTakeFirst();
    const id = existing?.id ?? await createUnit(ctx, { name, regionCode: PINGGUI, address: '平桂区西湾街道', contacts: [] });
    let actor = await accountActor(trx, clerk);
    if (!actor) {
      const short = name.replace(/^贺州市(平桂区)?/, '').replace('贺州高新技术产业开发区管理委员会', '贺州高新区管委会');
      await createAccount(ctx, { username: clerk, displayName: `${short} 办事员`, role: 'unit', unitId: id, password: DEMO_PASSWORD }, { mustChangePassword: false });
      actor = (await accountActor(trx, clerk))!;
    }
    units[key] = { id, clerk: actor };
  }
  const deputies = {} as Cast['deputies'];
  for (const [key, { name, login }] of Object.entries(DEPUTIES) as [DeputyKey, (typeof DEPUTIES)[DeputyKey]][]) {
    const { id } = await trx.selectFrom('deputy').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    let actor = await accountActor(trx, login);
    if (!actor) {
      await createAccount(ctx, { username: login, displayName: `${name} 代表`, role: 'deputy', deputyId: id, password: DEMO_PASSWORD }, { mustChangePassword: false });
      actor = (await accountActor(trx, login))!;
    }
    deputies[key] = { id, actor };
  }
  return { staff, admin: (await accountActor(trx, 'admin'))!, officer: (await accountActor(trx, 'huangtian'))!, units, deputies };
}

/**
 * The sessions, entered by 平桂区's staff (黄田镇's, which has no staff login in the demo, by the
 * administrator); answers each session's id by `level:term:number`.
 */
async function loadSessions(trx: WriteContext['trx'], cast: Cast, story: Story): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [level, regionCode, termNumber, number, opens, closes] of SESSIONS) {
    const staff = level === 'county' ? cast.staff : cast.admin;
    const term = await trx.selectFrom('congress_term').select('id').where('level', '=', level).where('region_code', '=', regionCode)
      .where('number', '=', termNumber).executeTakeFirstOrThrow();
    const session = await createSession({ trx, actor: staff, ip: null }, term.id, { number, opensOn: story.date(opens), closesOn: story.date(closes) });
    ids.set(`${level}:${termNumber}:${number}`, session.id);
  }
  return ids;
}

/** One action on a suggestion, by `actor`, at `at`. */
function act(trx: WriteContext['trx'], actor: Actor, id: number, body: ActionBody, at: Date) {
  return takeSuggestionAction({ trx, actor, ip: null }, id, body, { now: at });
}

async function categoryId(trx: WriteContext['trx'], code: string): Promise<number> {
  return (await trx.selectFrom('case_category').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

async function stationId(trx: WriteContext['trx'], name: string): Promise<number> {
  return (await trx.selectFrom('station').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/**
 * 王惠敏's path, a year before the reference date: from 梁大哥's opinion at the 公和村 reception
 * to the water bureau's A answer, her rating and her answer to him. Answers the suggestion's id
 * and the case's with its tracking code and key (what 梁大哥's receipt carries).
 */
async function loadWaterStory(trx: WriteContext['trx'], cast: Cast, story: Story) {
  const wang = cast.deputies.wang;
  const gonghe = await stationId(trx, '平桂区黄田镇公和村人大代表联络点');
  const huangtian = await stationId(trx, '平桂区黄田镇人大代表联络站');
  const officer = { trx, actor: cast.officer, ip: null };

  const receptionAt = story.at('2025-10-20', '09:00');
  const reception = await createActivity(officer, {
    kind: 'reception', title: '代表接待选民活动', stationId: gonghe, regionCode: null, campaignId: null,
    startsAt: receptionAt, endsAt: new Date(receptionAt.getTime() + 2.5 * 3_600_000), place: '公和村村民委员会',
    summary: '区、镇人大代表在公和村联络点接待选民,现场登记群众意见。', suggestionsMade: 0,
    participants: [{ deputyId: wang.id, attendance: 'present' }, { deputyId: cast.deputies.liang.id, attendance: 'present' }],
    unitIds: [], rotaSlotId: null,
  });
  const [receipt] = await registerOpinions(officer, {
    stationId: gonghe, deputyId: wang.id, channel: 'reception', receivedAt: story.at('2025-10-20', '10:10'), activityId: reception,
    items: [{
      categoryId: await categoryId(trx, 'water'), place: '黄田镇公和村水并片区', name: '梁大哥', phone: null,
      content: '王代表,我们村到现在都还没完全实现户通自来水,水并片区的群众还用不上北控水务的自来水,啥时候能通呀?',
    }],
  });
  const caseId = receipt!.id;
  await takeCaseAction({ trx, actor: wang.actor, ip: null }, caseId, { action: 'accept' }, { kind: 'account' }, story.at('2025-10-20', '11:20'));

  const visit = await createActivity({ trx, actor: wang.actor, ip: null }, {
    kind: 'visit', title: '走访公和村水并片区了解供水情况', stationId: gonghe, regionCode: null, campaignId: null,
    startsAt: story.at('2025-10-28', '15:00'), endsAt: null, place: '黄田镇公和村水并片区',
    summary: '公和村 2022 年实施人饮工程后,大部分区域已通水并纳入城市供水管理;水并片区接水点为自建自管的高新区供水管网,'
      + '未纳入城市供水范围,群众需额外承担管网水损费、管护费,涉及多部门协调,未能实现北控水务抄表到户。',
    suggestionsMade: 0, participants: [], unitIds: [], rotaSlotId: null,
  });
  const themeAt = story.at('2025-11-12', '09:00');
  const theme = await createActivity({ trx, actor: cast.staff, ip: null }, {
    kind: 'theme', title: '人大代表联络站主题活动:代表建议面对面', stationId: huangtian, regionCode: null, campaignId: null,
    startsAt: themeAt, endsAt: null, place: '黄田镇人大代表联络站', summary: '代表围绕群众反映集中的问题交流调研情况,向联络站提交代表建议。',
    suggestionsMade: 1, participants: [{ deputyId: wang.id, attendance: 'present' }, { deputyId: cast.deputies.liang.id, attendance: 'present' }],
    unitIds: [], rotaSlotId: null,
  });

  const draftedAt = story.at('2025-11-12', '10:30');
  const id = await createSuggestion({ trx, actor: wang.actor, ip: null }, {
    kind: 'suggestion', title: '关于解决公和村水并片区自来水工程通水的建议', categoryId: await categoryId(trx, 'water'), regionCode: HUANGTIAN,
    sessionId: null, caseIds: [caseId], activityIds: [visit, theme],
    reasons: '黄田镇公和村于 2022 年实施人饮工程项目后,大部分区域已经开通水并纳入城市供水管理范围,但水并片区地理位置特殊,'
      + '接水点为自建自管的高新区供水管网,无法纳入城市供水范围,群众需要额外承担管网的水损费、管护费等,且涉及多部门沟通协调,'
      + '导致水并片区村民至今未能实现北控水务公司抄表到户的自来水供水模式。村民多次向代表反映,期盼尽快开通自来水。',
    proposals: '一、由区政府牵头,区水利局会同贺州高新区管委会、黄田镇和北控水务公司,研究水并片区供水管网移交和接入方案;'
      + '二、将水并片区纳入城市供水范围,实行北控水务抄表到户,取消群众额外承担的水损费、管护费;'
      + '三、明确开户办理时间和流程,组织群众集中办理开户申请手续。',
  }, draftedAt);
  await act(trx, wang.actor, id, { action: 'submit' }, story.at('2025-11-12', '11:00'));
  await act(trx, cast.staff, id, { action: 'register' }, story.at('2025-11-14', '10:00'));
  await act(trx, cast.staff, id, {
    action: 'assign', comment: '请区水利局会同有关单位抓紧办理,落实专人跟进。',
    leadUnit: { unitId: cast.units.water.id, part: '牵头研究水并片区供水管网接入和抄表到户方案,协调北控水务公司办理开户' },
  }, story.at('2025-11-17', '09:30'));
  const water = cast.units.water.clerk;
  await act(trx, water, id, {
    action: 'record_contact', comment: '电话联系王惠敏代表,了解水并片区供水现状和群众诉求,约定现场查看时间。',
    contact: { stage: 'before', mode: 'phone', on: story.workday('2025-11-18') },
  }, story.at('2025-11-18', '10:00'));
  await act(trx, water, id, {
    action: 'record_contact', comment: '区政府分管领导率区水利局负责人及业务人员,与王惠敏代表到水并片区现场核实,与高新区、北控水务公司商定管网接入方案。',
    contact: { stage: 'during', mode: 'site_visit', on: story.workday('2025-11-25') },
  }, story.at('2025-11-25', '16:30'));
  await act(trx, water, id, {
    action: 'answer',
    comment: `王惠敏代表:\n您提出的《关于解决公和村水并片区自来水工程通水的建议》收悉。区政府分管领导率我局相关负责人及业务人员对建议进行了核实办理,`
      + `会同贺州高新区管委会、黄田镇和北控水务公司,将水并片区供水管网接入城市供水范围,实行北控水务抄表到户,群众不再额外承担水损费、管护费。`
      + `至${story.said('2025-12-20')},水并片 120 户群众已到北控水务政务窗口办理开户申请手续,困扰群众多年的用水问题得到彻底解决。\n感谢您对水利工作的关心和支持。`,
    answer: { category: 'A', signedBy: '贺州市平桂区水利局 局长 莫建新', commitments: [] },
  }, story.at('2025-12-22', '15:00'));
  await act(trx, water, id, {
    action: 'record_contact', comment: '回访王惠敏代表,通报开户办理情况,代表对办理结果表示满意。',
    contact: { stage: 'after', mode: 'phone', on: story.workday('2025-12-24') },
  }, story.at('2025-12-24', '10:00'));
  await act(trx, wang.actor, id, { action: 'rate', rating: 'satisfied', comment: '办理及时,群众满意。' }, story.at('2025-12-24', '16:00'));

  // She tells 梁大哥, who rates her answer on his tracking page.
  await takeCaseAction({ trx, actor: wang.actor, ip: null }, caseId, {
    action: 'answer_on_spot',
    comment: `梁大哥:您反映的水并片区通自来水问题,我已写成代表建议提交区人大常委会,区水利局已办理答复:水并片区已纳入城市供水范围,`
      + `${story.said('2025-12-20')}起群众可到北控水务政务窗口办理开户。`,
  }, { kind: 'account' }, story.at('2025-12-25', '10:00'));
  await takeCaseAction({ trx, actor: PUBLIC_ACTOR, ip: null }, caseId, { action: 'rate', rating: 'satisfied' }, { kind: 'constituent' }, story.at('2025-12-26', '19:30'));
  return { water: id, villager: { caseId, trackingCode: receipt!.trackingCode, key: receipt!.queryKey } };
}

/** 谢宝珠's suggestion at the 5th session: a B answer, rated 基本满意, one commitment kept and one open. */
async function loadIndustryStory(trx: WriteContext['trx'], cast: Cast, story: Story, sessionId: number): Promise<number> {
  const xie = cast.deputies.xie;
  const id = await createSuggestion({ trx, actor: xie.actor, ip: null }, {
    kind: 'suggestion', title: '关于留住入驻产业园企业不外迁的建议', categoryId: await categoryId(trx, 'economy'), regionCode: PINGGUI, sessionId,
    reasons: '近年来,平桂区出台了黄金珠宝产业园系列优惠政策,包括拎包入住、3 年厂房免租等,吸引了大批企业入驻,但也有许多企业入驻才一至两年就迁移了。'
      + '企业反映招工难、留人难,政策红利期过后经营成本上升。',
    proposals: '一、持续优化营商环境,实施“妈妈式”服务企业机制;二、多形式延长企业享受政策红利期限,厂房以卖代租;'
      + '三、鼓励入驻企业与本地产业形成产业链合作关系;四、帮助企业解决招工、留人问题。',
  }, story.at('2026-01-06', '14:30'));
  await act(trx, xie.actor, id, { action: 'submit' }, story.at('2026-01-06', '16:00'));
  await act(trx, cast.staff, id, { action: 'register' }, story.at('2026-01-08', '10:00'));
  await act(trx, cast.staff, id, {
    action: 'assign',
    leadUnit: { unitId: cast.units.industry.id, part: '牵头研究修订产业扶持政策,建立服务入园企业机制' },
    coUnits: [{ unitId: cast.units.labour.id, part: '帮助入园企业招工引才、稳岗留人' }],
  }, story.at('2026-01-20', '10:00'));
  const industry = cast.units.industry.clerk;
  await act(trx, industry, id, {
    action: 'record_contact', comment: '召开座谈会,与谢宝珠代表及 6 家入园企业负责人面商,梳理企业外迁原因和诉求。',
    contact: { stage: 'before', mode: 'meeting', on: story.workday('2026-02-10') },
  }, story.at('2026-02-10', '17:00'));
  await act(trx, cast.units.labour.clerk, id, {
    action: 'send_view', comment: '我局将为产业园企业开展“招工引才”专场招聘和技能培训,落实稳岗补贴和“培训就业”政策。',
  }, story.at('2026-03-05', '10:00'));
  await act(trx, industry, id, {
    action: 'answer',
    comment: '谢宝珠代表:\n您提出的《关于留住入驻产业园企业不外迁的建议》收悉。我局会同区人社局研究办理:区政府正在修订《贺州市平桂区发展美妆产业扶持办法(试行)》,'
      + '入园企业叠加享受国家、广西、贺州系列优惠政策;已选派“企业副总”、成立 5 个服务专班、搭建“政银企”融资对接平台,帮助企业解决“招工难”“留人难”等问题。'
      + '园区标准厂房以卖代租和延长政策红利期限,需统筹研究,已列入工作计划。',
    answer: {
      category: 'B', signedBy: '贺州市平桂区工业和信息化局 局长 黄德明',
      commitments: [
        { body: '修订出台《贺州市平桂区发展美妆产业扶持办法(试行)》(修订版)', dueOn: story.date('2026-06-30') },
        { body: '研究制定园区标准厂房以卖代租办法,多形式延长入驻企业享受政策红利期限', dueOn: story.date('2027-03-31') },
      ],
    },
  }, story.at('2026-04-10', '15:00'));
  await act(trx, xie.actor, id, { action: 'rate', rating: 'basically_satisfied', comment: '希望加快厂房以卖代租办法的出台。' }, story.at('2026-04-20', '10:00'));
  const first = await trx.selectFrom('suggestion_commitment').select('id').where('suggestion_id', '=', id).orderBy('id').executeTakeFirstOrThrow();
  await act(trx, industry, id, {
    action: 'report_progress', comment: '扶持办法修订版已印发实施;厂房以卖代租办法正在征求入园企业意见。',
    commitmentsDone: [{ id: Number(first.id), note: '《贺州市平桂区发展美妆产业扶持办法(试行)》(修订版)已印发实施,入园企业同步享受 10 多个平桂政策“福袋”。' }],
  }, story.at('2026-07-02', '10:00'));
  return id;
}

/** 周晓燕's joint suggestion between sessions: co-signed, registered, assigned a few weeks ago, flagged for key supervision. */
async function loadServiceCentreStory(trx: WriteContext['trx'], cast: Cast, story: Story): Promise<number> {
  const { zhou, liang, wang } = cast.deputies;
  const id = await createSuggestion({ trx, actor: zhou.actor, ip: null }, {
    kind: 'suggestion', title: '关于建立帮办服务中心 提升服务企业效能的建议', categoryId: await categoryId(trx, 'economy'), regionCode: PINGGUI,
    level: 'county', sessionId: null, cosignerIds: [liang.id, wang.id],
    reasons: '调研走访发现,贺州高新区企业普遍反映政策兑现、申报扶持奖励资金程序较繁杂,企业不清楚能享受哪些政策、找哪个部门办理。',
    proposals: '一、在高新区建立企业帮办服务中心,一窗受理政策兑现和扶持资金申报;二、开展企业大走访,建立“一企一册”跟办机制;'
      + '三、推行“星级帮办服务”,协助企业申报或兑现各类奖补资金。',
  }, story.at('2026-11-02', '10:00'));
  await act(trx, liang.actor, id, { action: 'cosign' }, story.at('2026-11-03', '09:40'));
  await act(trx, wang.actor, id, { action: 'cosign' }, story.at('2026-11-03', '15:10'));
  await act(trx, zhou.actor, id, { action: 'submit' }, story.at('2026-11-04', '10:00'));
  await act(trx, cast.staff, id, { action: 'register' }, story.at('2026-11-06', '10:00'));
  await act(trx, cast.staff, id, {
    action: 'assign',
    leadUnit: { unitId: cast.units.zone.id, part: '牵头建立帮办服务中心,简化扶持奖励资金申报程序' },
    coUnits: [{ unitId: cast.units.industry.id, part: '梳理惠企政策清单,配合做好政策兑现' }],
  }, story.at('2026-11-10', '10:00'));
  await act(trx, cast.staff, id, {
    action: 'flag_key', keyLeader: '平桂区人民政府分管副区长', keyPlan: '每月调度一次办理进展,开展“企业大走访、问题大收集、承诺大兑现”,年内建成帮办服务中心。',
  }, story.at('2026-11-12', '10:00'));
  await act(trx, cast.units.zone.clerk, id, {
    action: 'record_contact', comment: '走访周晓燕代表及高新区 12 家企业,了解政策兑现、申报扶持奖励资金中的堵点。',
    contact: { stage: 'before', mode: 'meeting', on: story.workday('2026-11-20') },
  }, story.at('2026-11-20', '16:00'));
  return id;
}

/** Loads the sessions and 平桂区's three suggestions at the moments of their story; answers their ids and 梁大哥's case. */
export async function loadDemoSuggestions(trx: WriteContext['trx'], now: Date = clockNow()) {
  const today = shanghaiDate(now);
  const cast = await loadCast(trx);
  const sessions = await loadSessions(trx, cast, Story.relative(today));
  // 王惠敏's story keeps the report's months: October, November, 20 December of the year before.
  const { water, villager } = await loadWaterStory(trx, cast, Story.yearBefore(today));
  const industry = await loadIndustryStory(trx, cast, Story.relative(today), sessions.get('county:4:5')!);
  const serviceCentre = await loadServiceCentreStory(trx, cast, Story.relative(today));
  // Those the story's messages went to have read them, but for the latest about each suggestion still
  // open: their inboxes open on what still awaits them.
  const links = [water, industry, serviceCentre].map((id) => `/suggestions/${id}`);
  const latest = trx.selectFrom('notification').select((eb) => eb.fn.max('id').as('id'))
    .where('link', 'in', links.slice(1)).groupBy(['account_id', 'link']);
  await trx.updateTable('notification').set({ read_at: now }).where('link', 'in', links).where('read_at', 'is', null)
    .where('id', 'not in', latest).execute();
  return { water, industry, serviceCentre, villager };
}
