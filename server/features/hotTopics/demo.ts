/**
 * The hot-topic demo: 平桂区's stations heard more about a few issues in the last two weeks —
 * street lights out around 公和村, sewage overflowing in 西湾街道's 平桂社区, sand lorries on
 * 公会镇's roads, the market-day jam in 黄田镇, medical-insurance payments — registered through the
 * cases' intake command at several stations, stamped relative to the clock; then 平桂区's topics
 * are computed for each window, as the nightly housekeeping would.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { loadActor } from '../../platform/access/actors.js';
import { now as clockNow } from '../../platform/clock.js';
import { registerOpinions } from '../cases/index.js';
import { computeRun, WINDOWS } from './compute.js';

type StationKey = 'huangtian' | 'gonghe' | 'xiwan' | 'gonghui' | 'jewellery';
const STATION_NAMES: Record<StationKey, string> = {
  huangtian: '平桂区黄田镇人大代表联络站',
  gonghe: '平桂区黄田镇公和村人大代表联络点',
  xiwan: '平桂区西湾街道人大代表联络站',
  gonghui: '平桂区公会镇代表法庭联络室',
  jewellery: '平桂区黄金珠宝产业代表联络站',
};

/** [days ago, station, category code, place, text]. */
const RISING: [number, StationKey, string, string, string][] = [
  [13, 'gonghe', 'roads', '公和村', '公和村主路的路灯又不亮了,晚上回家黑乎乎的。'],
  [11, 'huangtian', 'livelihood', '公和村五组', '公和村五组到村委那段路灯坏了好几盏,晚上孩子放学不安全。'],
  [9, 'gonghe', 'roads', '公和村', '路灯晚上不亮,老人出门摔了一跤,请尽快修路灯。'],
  [8, 'huangtian', 'roads', '公和村三组', '公和村三组新装的太阳能路灯才用半年就不亮了。'],
  [6, 'gonghe', 'livelihood', '公和村', '村里路灯坏了没人修,晚上出去只能打手电筒。有事可打138 7740 1234联系我。'],
  [4, 'huangtian', 'roads', '公和村六组', '公和村六组路口路灯整晚不亮,车辆经过看不清行人。'],
  [3, 'gonghe', 'roads', '公和村', '路灯不亮已经两个星期了,村民晚上都不敢出门散步。'],
  [1, 'huangtian', 'roads', '公和村', '反映公和村路灯损坏问题,晚上整条路一片漆黑。'],
  [12, 'xiwan', 'environment', '西湾街道平桂社区', '平桂社区污水管堵塞,污水从井盖冒出来流到路上,臭气熏天。'],
  [10, 'jewellery', 'environment', '西湾街道平桂社区', '平桂社区后街下水道堵了,一下雨污水就漫到店门口。'],
  [7, 'xiwan', 'livelihood', '西湾街道平桂社区', '小区旁边污水井外溢好几天了,蚊子苍蝇很多。'],
  [5, 'xiwan', 'environment', '平桂社区', '平桂社区污水管道老化堵塞,污水外溢,希望疏通改造。'],
  [3, 'jewellery', 'environment', '西湾街道平桂社区', '产业园对面平桂社区的污水渠堵塞发臭,影响员工上下班。'],
  [2, 'xiwan', 'water', '平桂社区', '污水从下水道反冒进了一楼住户家里,请赶紧疏通。'],
  [12, 'gonghui', 'roads', '公会镇', '拉砂石的大货车天天超载从镇上过,路面压得坑坑洼洼。'],
  [9, 'gonghui', 'environment', '公会镇', '砂石车跑得飞快,车上的砂子一路掉,扬尘很大。'],
  [6, 'huangtian', 'roads', '公会镇', '公会往黄田方向的砂石车太多,超载严重,路都压烂了。'],
  [4, 'gonghui', 'roads', '公会镇', '砂石货车超载超速,学生上学路上很危险,希望交警管一管。'],
  [2, 'gonghui', 'environment', '公会镇', '运砂石的货车不盖篷布,扬尘把路边房子都弄脏了。'],
  [11, 'huangtian', 'livelihood', '黄田镇', '黄田镇赶集日街上摆摊占道,车子堵得走不动。'],
  [8, 'gonghe', 'livelihood', '黄田镇', '每逢赶集圩日,镇上主街占道经营,交通堵塞一两个小时。'],
  [5, 'huangtian', 'roads', '黄田镇', '圩日占道摆卖严重,救护车都进不来,希望规划集市摆摊区域。'],
  [2, 'huangtian', 'livelihood', '黄田镇', '赶集那天镇上堵车太厉害,占道经营没人管。'],
  [10, 'xiwan', 'social', '西湾街道', '今年城乡居民医保缴费标准又涨了,家里人口多负担重。'],
  [7, 'gonghe', 'social', '公和村', '医保缴费年年涨,村里不少老人不想交医保了。'],
  [5, 'gonghui', 'social', '公会镇', '居民医保缴费提高了,能不能给困难家庭一些补助?'],
  [3, 'huangtian', 'social', '黄田镇', '医保缴费太贵,报销比例却没有提高,希望解释政策。'],
  [1, 'jewellery', 'social', '西湾街道', '园区员工的家属想交城乡居民医保,缴费标准涨了不少,咨询有没有补助。'],
];

const DAY = 86_400_000;

/** Adds the rising opinions and computes 平桂区's runs. Runs after the cases' demo (bootstrap). */
export async function loadDemoHotTopics(trx: WriteContext['trx'], at: Date = clockNow()): Promise<void> {
  const db = trx as unknown as Kysely<DB>;
  const actorOf = async (username: string) => loadActor(db, (await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
  const officer = await actorOf('huangtian');
  const staff = await actorOf('pinggui');
  const stations = Object.fromEntries(await Promise.all(Object.entries(STATION_NAMES).map(async ([k, name]) =>
    [k, (await trx.selectFrom('station').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id] as const))) as Record<StationKey, number>;
  const categories = new Map((await trx.selectFrom('case_category').select(['id', 'code']).execute()).map((c) => [c.code, c.id]));
  for (const [i, [daysAgo, station, category, place, content]] of RISING.entries()) {
    // Office hours on the day, Beijing time (09:00 + a few minutes per opinion).
    const day = new Date(at.getTime() - daysAgo * DAY);
    const receivedAt = new Date(Math.min(at.getTime(), Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 1, (i * 7) % 60)));
    const actor = station === 'huangtian' || station === 'gonghe' ? officer : staff;
    await registerOpinions({ trx, actor, ip: null }, {
      stationId: stations[station], deputyId: null, channel: 'reception', receivedAt,
      items: [{ categoryId: categories.get(category)!, content, place, name: null, phone: null }],
    });
  }
  const pinggui = '451103';
  for (const days of WINDOWS) await computeRun(trx, pinggui, days, 'demo', null);
}
