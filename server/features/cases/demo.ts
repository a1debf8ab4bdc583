/**
 * Twelve weeks of constituents' opinions for the demo, so the dashboard, queues, timelines and
 * notifications have something to show on a first start. Every case goes through the real
 * commands — registration, each workflow action, the constituent's rating — at the times it
 * would have happened, so its facts, timeline, audit records and statistics are all true to
 * the rules. A step that would lie in the future is not taken: those cases are still open.
 *
 * Not part of the test fixtures: tests start from the demo set without these cases.
 */
import type { Kysely } from 'kysely';
import { loadActor } from '../../platform/access/actors.js';
import { takeCaseAction, type ActionRequest, type Acting } from './actions.js';
import { registerOpinions } from './intake.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import type { DB } from '../../platform/db/schema.js';
import { PUBLIC_ACTOR, type Actor } from '../../platform/access/actor.js';
import { createActivity } from '../activities/index.js';
import { createCampaign } from '../activities/index.js';
import { generateRota } from '../activities/index.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { createUnit } from '../units/index.js';
import { createAccount } from '../accounts/index.js';
import { DEMO_PASSWORD } from '../../platform/demo/password.js';
import { daysAgoAt } from '../../platform/demo/time.js';
import { loadPlaceRoutingDemo } from './placeDemo.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEKS = 12;

/**
 * What villagers write about, by category code, and the unit (of `DEMO_UNITS`) whose business it is:
 * the school place goes to the education bureau, the village clinic to the health commission.
 */
const OPINIONS: Record<string, { content: string; place: string; unit: DemoUnit }[]> = {
  water: [
    { content: '屯里自来水水压太低,高处几户经常没水。', place: '公和村六组', unit: 'water' },
    { content: '供水管道老化,经常爆管停水,希望更换。', place: '黄田镇街道', unit: 'water' },
    { content: '水井旁边堆放垃圾,担心影响饮水安全。', place: '西湾街道', unit: 'water' },
  ],
  roads: [
    { content: '村道有一段塌方,摩托车晚上经过很危险。', place: '公会镇', unit: 'transport' },
    { content: '学校门口没有减速带,接送孩子不安全。', place: '黄田镇中心小学', unit: 'transport' },
    { content: '村里路灯坏了一个多月,晚上出行不方便。', place: '公和村', unit: 'housing' },
  ],
  agriculture: [
    { content: '灌溉水渠淤塞,春耕用水困难。', place: '公和村三组', unit: 'water' },
    { content: '希望组织果树嫁接技术培训。', place: '黄田镇', unit: 'agriculture' },
  ],
  environment: [
    { content: '河边有人倾倒建筑垃圾,请有关部门处理。', place: '西湾街道', unit: 'environment' },
    { content: '石材加工厂粉尘大,附近居民意见很大。', place: '平桂区', unit: 'environment' },
  ],
  social: [
    { content: '高龄补贴发放时间不固定,老人不清楚。', place: '黄田镇', unit: 'civil' },
    { content: '残疾人两项补贴申请流程不清楚,希望有人指导。', place: '公会镇', unit: 'civil' },
  ],
  education_health: [
    { content: '村卫生室缺少常用药品,看病要跑很远。', place: '公和村', unit: 'health' },
    { content: '希望增加幼儿园学位。', place: '西湾街道', unit: 'education' },
  ],
  livelihood: [
    { content: '菜市场没有公共厕所,赶集很不方便。', place: '黄田镇', unit: 'housing' },
    { content: '小区楼道灯坏了,老人上下楼不方便。', place: '西湾街道', unit: 'housing' },
  ],
  dispute: [{ content: '两户人家因宅基地边界发生纠纷,希望调解。', place: '公会镇', unit: 'justice' }],
  economy: [{ content: '珠宝产业园希望增加技能培训和用工对接。', place: '平桂区黄金珠宝产业园', unit: 'labour' }],
};

/**
 * The 平桂区 units the demo's cases go to. The water and housing bureaus are in the demo set
 * (`shuiliju` is the water bureau's clerk); the others are added here with a clerk each, whose
 * login is `<key>` with the demo password, so every case is signed and answered by its own unit.
 */
const DEMO_UNITS = {
  water: { name: '贺州市平桂区水利局', clerk: 'shuiliju' },
  housing: { name: '贺州市平桂区住房和城乡建设局', clerk: 'zhujianju' },
  transport: { name: '贺州市平桂区交通运输局', clerk: 'jiaotongju' },
  agriculture: { name: '贺州市平桂区农业农村局', clerk: 'nongyeju' },
  environment: { name: '贺州市生态环境局平桂分局', clerk: 'huanbaoju' },
  civil: { name: '贺州市平桂区民政局', clerk: 'minzhengju' },
  health: { name: '贺州市平桂区卫生健康局', clerk: 'weijianju' },
  education: { name: '贺州市平桂区教育局', clerk: 'jiaoyuju' },
  justice: { name: '贺州市平桂区司法局', clerk: 'sifaju' },
  labour: { name: '贺州市平桂区人力资源和社会保障局', clerk: 'rensheju' },
} as const;
type DemoUnit = keyof typeof DEMO_UNITS;

/** The logins of the units' clerks the demo's cases add (all but the demo set's `shuiliju`). */
export const DEMO_UNIT_CLERKS: readonly string[] = Object.values(DEMO_UNITS).map((u) => u.clerk).filter((c) => c !== 'shuiliju');

/** The unit, and its clerk, for each demo unit: made (with its audit records) when the demo set lacks it. */
/**
 * A unit's reply in the demo, with its result type, handler and contact: most solved, some in part,
 * some planned, a few explained (chosen by the case, so the random sequence stays as it was); a
 * second round solves it.
 */
function demoReply(caseId: number, round: number, handlerName: string): ActionRequest {
  const kind = round > 1 ? 0 : [0, 0, 0, 0, 0, 0, 1, 1, 2, 3][caseId % 10]!;
  const [result, comment] = ([
    ['resolved', round > 1 ? '已重新组织施工,问题已彻底解决。' : '已派人现场查看并整改完毕,问题已解决。'],
    ['partly_resolved', '已派人现场查看并组织整改,预计本周内完成。'],
    ['planned', '已现场查看,需统筹资金,已列入明年实施计划。'],
    ['explained', '经现场核查,该事项暂不具备办理条件,已向群众说明政策依据和后续渠道。'],
  ] as const)[kind]!;
  return { action: 'reply', comment, reply: { result, handlerName, handlerContact: `0774-52${String(1000 + (caseId % 9000)).padStart(4, '0')}`, attachments: [] } };
}

async function loadDemoUnits(trx: WriteContext['trx'], staff: Actor): Promise<Record<DemoUnit, { id: number; clerk: Actor; short: string }>> {
  const db = trx as unknown as Kysely<DB>;
  const ctx = { trx, actor: staff, ip: null };
  const units = {} as Record<DemoUnit, { id: number; clerk: Actor; short: string }>;
  for (const [key, { name, clerk }] of Object.entries(DEMO_UNITS) as [DemoUnit, (typeof DEMO_UNITS)[DemoUnit]][]) {
    const existing = await trx.selectFrom('unit').select('id').where('name', '=', name).executeTakeFirst();
    const id = existing?.id ?? await createUnit(ctx, { name, regionCode: PINGGUI, address: '平桂区西湾街道', contacts: [] });
    const short = name.replace(/^贺州市(平桂区)?/, '');
    let account = await trx.selectFrom('account').select('id').where('username', '=', clerk).executeTakeFirst();
    if (!account) {
      const accountId = await createAccount(ctx, {
        username: clerk, displayName: `${short} 办事员`, role: 'unit', unitId: id, password: DEMO_PASSWORD,
      }, { mustChangePassword: false });
      account = { id: accountId };
    }
    units[key] = { id, clerk: await loadActor(db, account.id), short };
  }
  return units;
}

const PINGGUI = '451103';

/** A small deterministic generator: the same demo on every machine. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The first office moment (Monday to Friday, 8:30–12:00 and 14:30–17:30 Beijing time) at or after
 * `at`: staff and clerks act at their desks, so a step that would fall at night or on a weekend
 * waits for the next morning; `rand` spreads it over the first hour.
 */
function atOfficeHours(at: Date, rand: () => number): Date {
  const beijing = new Date(at.getTime() + 8 * HOUR);
  const weekday = beijing.getUTCDay();
  const minutes = beijing.getUTCHours() * 60 + beijing.getUTCMinutes();
  const open = (weekday >= 1 && weekday <= 5) && ((minutes >= 510 && minutes < 720) || (minutes >= 870 && minutes < 1050));
  if (open) return at;
  // Next opening: this afternoon, or a following weekday morning.
  let day = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate()));
  let startMinutes = 510;
  if (weekday >= 1 && weekday <= 5 && minutes < 510) startMinutes = 510;
  else if (weekday >= 1 && weekday <= 5 && minutes >= 720 && minutes < 870) startMinutes = 870;
  else {
    do day = new Date(day.getTime() + DAY); while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  }
  return new Date(day.getTime() - 8 * HOUR + (startMinutes + Math.floor(rand() * 60)) * 60_000);
}

/** A constituent rates in her waking hours (8:00–21:00 Beijing), any day. */
function atWakingHours(at: Date, rand: () => number): Date {
  const hour = new Date(at.getTime() + 8 * HOUR).getUTCHours();
  if (hour >= 8 && hour < 21) return at;
  const wait = ((8 - hour + 24) % 24) * HOUR;
  return new Date(at.getTime() + wait + Math.floor(rand() * 90) * 60_000);
}

interface Cast { officer: Actor; staff: Actor; deputy: Actor }

export async function loadDemoCases(trx: WriteContext['trx'], now: Date = clockNow()): Promise<number> {
  const db = trx as unknown as Kysely<DB>;
  const account = async (username: string) =>
    loadActor(db, (await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
  const cast: Cast = { officer: await account('huangtian'), staff: await account('pinggui'), deputy: await account('liangjun') };
  const units = await loadDemoUnits(trx, cast.staff);
  const stationId = async (name: string) => (await trx.selectFrom('station').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const huangtian = await stationId('平桂区黄田镇人大代表联络站');
  const gonghe = await stationId('平桂区黄田镇公和村人大代表联络点');
  const xiwan = await stationId('平桂区西湾街道人大代表联络站');
  const categories = new Map((await trx.selectFrom('case_category').select(['id', 'code']).execute()).map((c) => [c.code, c.id]));
  const rand = random(20_261_121);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const codes = Object.keys(OPINIONS);

  const receptions = await loadDemoActivities(trx, now, cast, { huangtian, gonghe }, rand);

  let made = 0;
  for (let daysAgo = WEEKS * 7 - 1; daysAgo >= 0; daysAgo--) {
    const weekday = new Date(now.getTime() - daysAgo * DAY + 8 * HOUR).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    // More in recent weeks: the stations' reach grows.
    const count = rand() < 0.5 + (WEEKS * 7 - daysAgo) / (WEEKS * 7) * 0.5 ? 1 + Math.floor(rand() * 3) : 0;
    for (let i = 0; i < count; i++) {
      let at = daysAgoAt(now, daysAgo, 9 + rand() * 7);
      if (at > now) continue;
      const station = pick([huangtian, huangtian, gonghe, xiwan]);
      const code = pick(codes);
      const text = pick(OPINIONS[code]!);
      const stationActor = station === xiwan ? cast.staff : cast.officer;
      const channel = pick(['reception', 'reception', 'visit', 'phone', 'wechat'] as const);
      // Heard on a reception day the station held: the opinion is that day's output.
      const heldThatDay = channel === 'reception' ? receptions.get(`${station}:${shanghaiDate(at)}`) ?? null : null;
      const [receipt] = await registerOpinions({ trx, actor: stationActor, ip: null }, {
        stationId: station, deputyId: null, channel, receivedAt: at, activityId: heldThatDay,
        items: [{ categoryId: categories.get(code)!, content: text.content, place: text.place, name: null, phone: null }],
      });
      made++;
      const id = receipt!.id;
      /** Takes the step `hours` after the last one, unless that is still to come. */
      const step = async (who: Actor | 'constituent', hours: number, req: ActionRequest): Promise<boolean> => {
        const next = new Date(at.getTime() + hours * HOUR);
        const when = who === 'constituent' ? atWakingHours(next, rand) : atOfficeHours(next, rand);
        if (when > now) return false;
        at = when;
        const acting: Acting = who === 'constituent' ? { kind: 'constituent' } : { kind: 'account' };
        await takeCaseAction({ trx, actor: who === 'constituent' ? PUBLIC_ACTOR : who, ip: null }, id, req, acting, at);
        return true;
      };
      const answerer = station === xiwan ? cast.staff : cast.deputy;
      const unit = units[text.unit];
      const path = rand();
      if (path < 0.06) {
        await step(stationActor, 3, { action: 'decline', comment: '该事项属于司法程序,已告知群众依法申请。' });
        continue;
      }
      if (path < 0.2) {
        if (await step(answerer, 2, { action: 'answer_on_spot', comment: '已当场解释相关政策,群众表示理解。', mode: 'on_spot' })) {
          if (rand() < 0.7) await step('constituent', 24 + rand() * 72, { action: 'rate', rating: rand() < 0.85 ? 'satisfied' : 'basically_satisfied' });
        }
        continue;
      }
      const handle = async (round: number): Promise<boolean> => {
        if (!await step(stationActor, round === 1 ? 2 + rand() * 20 : 6, { action: 'assign', unitId: unit.id })) return false;
        if (!await step(unit.clerk, 2 + rand() * 30, { action: 'sign' })) return false;
        // A few from the last weeks stall at the unit: the overdue list and the reminders have something to chase.
        if (round === 1 && daysAgo >= 8 && daysAgo <= 24 && rand() < 0.2) return false;
        // Most replies come within the deadline; some drag on past it.
        const late = rand() < 0.25;
        if (!await step(unit.clerk, (late ? 5 + rand() * 6 : 0.5 + rand() * 2.5) * DAY / HOUR, demoReply(id, round, unit.clerk.displayName))) return false;
        if (!await step(stationActor, 1 + rand() * 20, { action: 'approve_reply' })) return false;
        return step(answerer, 1 + rand() * 24, { action: 'answer', comment: round === 1 ? `${unit.short}已安排办理,请您留意,如有问题随时联系代表。` : '经重新办理,问题已解决,感谢您的监督。', mode: round === 1 ? 'agreed_time' : 'after_rehandling' });
      };
      if (!await step(stationActor, 1 + rand() * 6, { action: 'accept' })) continue;
      if (!await handle(1)) continue;
      if (rand() < 0.15) continue; // never rated: closed by the timer after 15 days
      const unhappy = rand() < 0.12;
      if (!await step('constituent', 24 + rand() * 96, { action: 'rate', rating: unhappy ? 'unsatisfied' : rand() < 0.8 ? 'satisfied' : 'basically_satisfied' })) continue;
      if (unhappy && await handle(2)) await step('constituent', 24 + rand() * 48, { action: 'rate', rating: rand() < 0.4 ? 'unsatisfied' : 'basically_satisfied' });
    }
  }
  await loadPlaceRoutingDemo(trx, now);
  return made;
}

/**
 * The stations' side of the same twelve weeks: the 黄田镇 rota with most reception days held
 * (and recorded as activities), a few missed; visits and a themed campaign. Answers the
 * reception activities by station and date, so opinions heard there are linked to them.
 */
async function loadDemoActivities(
  trx: WriteContext['trx'], now: Date, cast: Cast, stations: { huangtian: number; gonghe: number }, rand: () => number,
): Promise<Map<string, number>> {
  const today = shanghaiDate(now);
  const officer = { trx, actor: cast.officer, ip: null };
  await generateRota(officer, stations.huangtian, { from: addDays(today, -WEEKS * 7), to: addDays(today, 28), perDay: 1, deputyIds: null });
  // At 公和村 the village's own (township) deputies take the turns, two a day; the district's deputy
  // who belongs to the point too (王惠敏) comes for her own visits, outside the rota.
  const villageDeputies = (await trx.selectFrom('deputy_station as ds').innerJoin('deputy_level as l', 'l.deputy_id', 'ds.deputy_id')
    .innerJoin('deputy as d', 'd.id', 'ds.deputy_id').select('ds.deputy_id').where('ds.station_id', '=', stations.gonghe)
    .where('l.level', '=', 'township').where('d.status', '=', 'current').where('d.active', '=', true).orderBy('ds.deputy_id').execute()).map((d) => d.deputy_id);
  await generateRota(officer, stations.gonghe, { from: addDays(today, -WEEKS * 7), to: addDays(today, 28), perDay: 2, deputyIds: villageDeputies });
  const receptions = new Map<string, number>();
  const days = await trx.selectFrom('rota_slot as s').innerJoin('rota_duty as t', 't.slot_id', 's.id')
    .select(['s.id', 's.station_id', 's.on_date', 't.deputy_id']).where('s.on_date', '<', today).orderBy('s.on_date').execute();
  const bySlot = new Map<number, { stationId: number; date: string; deputies: number[] }>();
  for (const d of days) {
    const slot = bySlot.get(d.id) ?? { stationId: d.station_id, date: d.on_date, deputies: [] };
    slot.deputies.push(d.deputy_id);
    bySlot.set(d.id, slot);
  }
  for (const [slotId, slot] of bySlot) {
    if (rand() < 0.12) continue; // missed: nobody recorded the day
    const id = await createActivity(officer, {
      kind: 'reception', title: '代表接待日', stationId: slot.stationId, regionCode: null, campaignId: null,
      startsAt: new Date(`${slot.date}T09:00:00+08:00`), endsAt: new Date(`${slot.date}T12:00:00+08:00`), place: '联络站接待室',
      summary: '代表轮值接待选民,现场登记群众意见,能当场解答的当场解答。', suggestionsMade: 0,
      participants: slot.deputies.map((deputyId) => ({ deputyId, attendance: rand() < 0.9 ? 'present' as const : 'leave' as const })),
      unitIds: [], rotaSlotId: slotId,
    });
    receptions.set(`${slot.stationId}:${slot.date}`, id);
  }

  const staff = { trx, actor: cast.staff, ip: null };
  const campaignStart = addDays(today, -45);
  const campaignId = await createCampaign(staff, {
    name: '产业协同发展·代表在行动', description: '组织代表走进企业、产业园,收集发展中遇到的困难和建议。',
    regionCode: '451103', startsOn: campaignStart, endsOn: addDays(today, 45),
  });
  const themed = [
    { daysAgo: 40, title: '走进黄田镇特色种植合作社', place: '黄田镇', suggestions: 3 },
    { daysAgo: 26, title: '珠宝产业园企业座谈会', place: '平桂区黄金珠宝产业园', suggestions: 5 },
    { daysAgo: 12, title: '农产品销路问题专题调研', place: '公和村', suggestions: 2 },
  ];
  const deputies = await trx.selectFrom('deputy_station').select('deputy_id').where('station_id', '=', stations.huangtian).execute();
  for (const t of themed) {
    await createActivity(staff, {
      kind: 'theme', title: t.title, stationId: stations.huangtian, regionCode: null, campaignId,
      startsAt: daysAgoAt(now, t.daysAgo, 14.5), endsAt: null, place: t.place, summary: '代表与企业负责人面对面交流,梳理问题清单。',
      suggestionsMade: t.suggestions,
      participants: deputies.map((d, i) => ({ deputyId: d.deputy_id, attendance: i % 4 === 3 ? 'absent' as const : 'present' as const })),
      unitIds: [], rotaSlotId: null,
    });
  }
  const deputy = { trx, actor: cast.deputy, ip: null };
  for (const daysAgo of [60, 33, 19, 5]) {
    await createActivity(deputy, {
      kind: 'visit', title: '走访公和村困难群众', stationId: stations.gonghe, regionCode: null, campaignId: null,
      startsAt: daysAgoAt(now, daysAgo, 15), endsAt: null, place: '公和村', summary: '上门了解生产生活困难,收集意见建议。',
      suggestionsMade: 0, participants: [], unitIds: [], rotaSlotId: null,
    });
  }
  return receptions;
}
