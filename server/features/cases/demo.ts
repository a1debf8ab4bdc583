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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEKS = 12;

/** What villagers write about, by category code. */
const OPINIONS: Record<string, { content: string; place: string }[]> = {
  water: [
    { content: '屯里自来水水压太低,高处几户经常没水。', place: '公和村六组' },
    { content: '供水管道老化,经常爆管停水,希望更换。', place: '黄田镇街道' },
    { content: '水井旁边堆放垃圾,担心影响饮水安全。', place: '西湾街道' },
  ],
  roads: [
    { content: '村道有一段塌方,摩托车晚上经过很危险。', place: '公会镇' },
    { content: '学校门口没有减速带,接送孩子不安全。', place: '黄田镇中心小学' },
    { content: '村里路灯坏了一个多月,晚上出行不方便。', place: '公和村' },
  ],
  agriculture: [
    { content: '灌溉水渠淤塞,春耕用水困难。', place: '公和村三组' },
    { content: '希望组织果树嫁接技术培训。', place: '黄田镇' },
  ],
  environment: [
    { content: '河边有人倾倒建筑垃圾,请有关部门处理。', place: '西湾街道' },
    { content: '石材加工厂粉尘大,附近居民意见很大。', place: '平桂区' },
  ],
  social: [
    { content: '高龄补贴发放时间不固定,老人不清楚。', place: '黄田镇' },
    { content: '残疾人两项补贴申请流程不清楚,希望有人指导。', place: '公会镇' },
  ],
  education_health: [
    { content: '村卫生室缺少常用药品,看病要跑很远。', place: '公和村' },
    { content: '希望增加幼儿园学位。', place: '西湾街道' },
  ],
  livelihood: [
    { content: '菜市场没有公共厕所,赶集很不方便。', place: '黄田镇' },
    { content: '小区楼道灯坏了,老人上下楼不方便。', place: '西湾街道' },
  ],
  dispute: [{ content: '两户人家因宅基地边界发生纠纷,希望调解。', place: '公会镇' }],
  economy: [{ content: '珠宝产业园希望增加技能培训和用工对接。', place: '平桂区黄金珠宝产业园' }],
};

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

/** An instant during Beijing office hours on the day `daysAgo` days before `now`. */
function officeHour(now: Date, daysAgo: number, hour: number): Date {
  const day = new Date(now.getTime() - daysAgo * DAY);
  const beijing = new Date(day.getTime() + 8 * HOUR);
  return new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate(), hour - 8, Math.floor((hour % 1) * 60)));
}

interface Cast { officer: Actor; staff: Actor; deputy: Actor; unit: Actor }

export async function loadDemoCases(trx: WriteContext['trx'], now: Date = clockNow()): Promise<number> {
  const db = trx as unknown as Kysely<DB>;
  const account = async (username: string) =>
    loadActor(db, (await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
  const cast: Cast = { officer: await account('huangtian'), staff: await account('pinggui'), deputy: await account('liangjun'), unit: await account('shuiliju') };
  const stationId = async (name: string) => (await trx.selectFrom('station').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const huangtian = await stationId('平桂区黄田镇人大代表联络站');
  const gonghe = await stationId('平桂区黄田镇公和村人大代表联络点');
  const xiwan = await stationId('平桂区西湾街道人大代表联络站');
  const water = (await trx.selectFrom('unit').select('id').where('name', '=', '贺州市平桂区水利局').executeTakeFirstOrThrow()).id;
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
      let at = officeHour(now, daysAgo, 9 + rand() * 7);
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
        const when = new Date(at.getTime() + hours * HOUR);
        if (when > now) return false;
        at = when;
        const acting: Acting = who === 'constituent' ? { kind: 'constituent' } : { kind: 'account' };
        await takeCaseAction({ trx, actor: who === 'constituent' ? PUBLIC_ACTOR : who, ip: null }, id, req, acting, at);
        return true;
      };
      const answerer = station === xiwan ? cast.staff : cast.deputy;
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
        if (!await step(stationActor, round === 1 ? 2 + rand() * 20 : 6, { action: 'assign', unitId: water })) return false;
        if (!await step(cast.unit, 2 + rand() * 30, { action: 'sign' })) return false;
        // A few from the last weeks stall at the unit: the overdue list and the reminders have something to chase.
        if (round === 1 && daysAgo >= 8 && daysAgo <= 24 && rand() < 0.2) return false;
        // Most replies come within the deadline; some drag on past it.
        const late = rand() < 0.25;
        if (!await step(cast.unit, (late ? 5 + rand() * 6 : 0.5 + rand() * 2.5) * DAY / HOUR, { action: 'reply', comment: round === 1 ? '已派人现场查看并组织整改,预计本周内完成。' : '已重新组织施工,问题已彻底解决。' })) return false;
        if (!await step(stationActor, 1 + rand() * 20, { action: 'approve_reply' })) return false;
        return step(answerer, 1 + rand() * 24, { action: 'answer', comment: round === 1 ? '水利局已安排整改,请您留意,如有问题随时联系代表。' : '经重新办理,问题已解决,感谢您的监督。', mode: round === 1 ? 'agreed_time' : 'after_rehandling' });
      };
      if (!await step(stationActor, 1 + rand() * 6, { action: 'accept' })) continue;
      if (!await handle(1)) continue;
      if (rand() < 0.15) continue; // never rated: closed by the timer after 15 days
      const unhappy = rand() < 0.12;
      if (!await step('constituent', 24 + rand() * 96, { action: 'rate', rating: unhappy ? 'unsatisfied' : rand() < 0.8 ? 'satisfied' : 'basically_satisfied' })) continue;
      if (unhappy && await handle(2)) await step('constituent', 24 + rand() * 48, { action: 'rate', rating: rand() < 0.4 ? 'unsatisfied' : 'basically_satisfied' });
    }
  }
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
  await generateRota(officer, stations.gonghe, { from: addDays(today, -WEEKS * 7), to: addDays(today, 28), perDay: 2, deputyIds: null });
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
      startsAt: officeHour(now, t.daysAgo, 14.5), endsAt: null, place: t.place, summary: '代表与企业负责人面对面交流,梳理问题清单。',
      suggestionsMade: t.suggestions,
      participants: deputies.map((d, i) => ({ deputyId: d.deputy_id, attendance: i % 4 === 3 ? 'absent' as const : 'present' as const })),
      unitIds: [], rotaSlotId: null,
    });
  }
  const deputy = { trx, actor: cast.deputy, ip: null };
  for (const daysAgo of [60, 33, 19, 5]) {
    await createActivity(deputy, {
      kind: 'visit', title: '走访公和村困难群众', stationId: stations.gonghe, regionCode: null, campaignId: null,
      startsAt: officeHour(now, daysAgo, 15), endsAt: null, place: '公和村', summary: '上门了解生产生活困难,收集意见建议。',
      suggestionsMade: 0, participants: [], unitIds: [], rotaSlotId: null,
    });
  }
  return receptions;
}
