/**
 * 平桂区's standing committee consults its stations (议题征询), for the demo:
 *
 * - 《平桂区城乡生活垃圾分类管理办法(草案)》: asked of 黄田镇's centre station, 西湾街道's station
 *   and 公会镇's court liaison room five weeks ago, closed two weeks ago, with views from all three
 *   (the public form, a reception day where 梁俊华 heard a villager, an activity at 黄田镇), and
 *   the committee's deliberation opinion recorded last week: the stations and the constituents
 *   with a receipt code can read it; the government's handling report is still to come.
 * - 《关于平桂区农村饮用水安全保障工作情况的报告》: open now for another three weeks at 黄田镇,
 *   公和村 and 西湾街道, so anyone can answer it from the phone page (/m/consultations/<id>).
 *
 * Everything goes through the commands the API uses, as 平桂区's staff, 梁俊华 and the public
 * would; the first topic's moments are then set back to the days they tell of, relative to the
 * clock (no date of the demo is fixed).
 */
import { sql, type Kysely } from 'kysely';
import type { WriteContext } from '../../platform/audit/audit.js';
import { loadActor } from '../../platform/access/actors.js';
import { PUBLIC_ACTOR, type Actor } from '../../platform/access/actor.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { createActivity } from '../activities/index.js';
import { createTopic, takeStep } from './commands.js';
import { linkActivity, registerView, submitPublicView } from './views.js';

const PINGGUI = '451103';

async function actorOf(trx: WriteContext['trx'], username: string): Promise<Actor | null> {
  const row = await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst();
  return row ? loadActor(trx as unknown as Kysely<DB>, row.id) : null;
}

async function stationId(trx: WriteContext['trx'], name: string): Promise<number> {
  return (await trx.selectFrom('station').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

export async function loadDemoConsultations(trx: WriteContext['trx']): Promise<{ closed: number; open: number }> {
  const staffActor = await actorOf(trx, 'pinggui');
  const liangActor = await actorOf(trx, 'liangjun');
  const officerActor = await actorOf(trx, 'huangtian');
  if (!staffActor || !liangActor || !officerActor) throw new Error('The consultations demo needs the demo accounts pinggui, liangjun and huangtian');
  const staff = { trx, actor: staffActor, ip: null };
  const pub = { trx, actor: PUBLIC_ACTOR, ip: null };
  const day = today();
  const huangtian = await stationId(trx, '平桂区黄田镇人大代表联络站');
  const gonghe = await stationId(trx, '平桂区黄田镇公和村人大代表联络点');
  const xiwan = await stationId(trx, '平桂区西湾街道人大代表联络站');
  const court = await stationId(trx, '平桂区公会镇代表法庭联络室');

  // The first topic: gathered over five weeks (its window is moved back once the story is told).
  const closed = await createTopic(staff, {
    title: '《平桂区城乡生活垃圾分类管理办法(草案)》意见征询',
    background: '区人大常委会拟于近期审议《平桂区城乡生活垃圾分类管理办法(草案)》。草案共六章三十二条,对生活垃圾分类标准、投放收运、'
      + '农村垃圾就地减量和监督考核作出规定。为使办法更接地气,现通过各代表联络站广泛征求群众意见。',
    questions: ['您所在的村(社区)目前生活垃圾是如何收集处理的?存在哪些问题?', '草案规定的“四分类”标准在农村是否可行?您有什么建议?', '对垃圾分类的宣传引导和奖惩措施,您有什么意见?'],
    opensOn: addDays(day, -35), closesOn: day, congress: { level: 'county', regionCode: PINGGUI }, stationIds: [huangtian, xiwan, court],
  });
  await takeStep(staff, closed, 'publish');
  const q = (await trx.selectFrom('consultation_question').select(['id', 'position']).where('topic_id', '=', closed).orderBy('position').execute()).map((r) => r.id);
  await submitPublicView(pub, closed, { stationId: huangtian, name: '黄明', phone: '13907741234', answers: [
    { questionId: q[0]!, text: '村里每个组有两个垃圾池,镇里的车一周来收两次,夏天来不及收时气味很大。' },
    { questionId: q[1]!, text: '四分类对老人来说太复杂,建议农村先分“可腐烂”和“不可腐烂”两类。' },
  ] });
  await submitPublicView(pub, closed, { stationId: xiwan, name: null, phone: null, answers: [
    { questionId: q[2]!, text: '建议在小区设积分兑换点,分类做得好的家庭可以换米换油,比罚款更容易推行。' },
    { questionId: null, text: '希望办法出台后给半年的宣传过渡期。' },
  ] });
  await submitPublicView(pub, closed, { stationId: court, name: '李桂芳', phone: null, answers: [
    { questionId: q[1]!, text: '圩日垃圾量大,建议草案对集市垃圾单独规定清运时间。' },
  ] });
  await registerView({ trx, actor: liangActor, ip: null }, closed, { stationId: huangtian, heardOn: day, name: '陈伯', phone: null, answers: [
    { questionId: q[0]!, text: '接待日上村民反映:河边堆放垃圾的问题多年未解决,希望办法明确河道垃圾由谁负责。' },
  ] });
  const activity = await createActivity({ trx, actor: officerActor, ip: null }, {
    kind: 'theme', title: '垃圾分类管理办法(草案)代表座谈会', stationId: huangtian, regionCode: null, campaignId: null,
    startsAt: at(addDays(day, -20), '09:30'), endsAt: at(addDays(day, -20), '11:30'), place: '黄田镇人大代表联络站会议室',
    summary: '区、镇人大代表与村干部、保洁员座谈,认为草案应明确镇村两级保洁经费保障,建议把集中清运频次写入办法。', suggestionsMade: 0,
    participants: [{ deputyId: liangActor.deputyId!, attendance: 'present' }], unitIds: [], rotaSlotId: null,
  });
  await linkActivity({ trx, actor: officerActor, ip: null }, closed, activity);
  await takeStep(staff, closed, 'close');
  await takeStep(staff, closed, 'deliberate', '区人大常委会第三十次会议审议认为:草案总体可行。建议区人民政府:一、农村地区先行推行“两分类”,逐步过渡到“四分类”;'
    + '二、明确河道、集市垃圾的清运责任和频次;三、保障镇村保洁经费,建立积分兑换等激励机制;四、设置不少于六个月的宣传过渡期。');
  // The story's days: published five weeks ago, closed two weeks ago, deliberated last week.
  const opened = addDays(day, -35);
  await trx.updateTable('consultation_topic').set({
    opens_on: opened, closes_on: addDays(day, -14), created_at: at(addDays(day, -36), '16:00'), published_at: at(opened, '09:00'),
    closed_at: at(addDays(day, -13), '09:00'), opinion_at: at(addDays(day, -6), '15:00'), updated_at: at(addDays(day, -6), '15:00'),
  }).where('id', '=', closed).execute();
  await trx.updateTable('consultation_view').set({ created_at: sql`${at(addDays(day, -30), '10:00')}::timestamptz + (id % 7) * interval '2 days'`, heard_on: sql`case when source = 'reception' then ${addDays(day, -21)}::date end` })
    .where('topic_id', '=', closed).execute();

  // The second topic: open now, so that anyone can answer it.
  const open = await createTopic(staff, {
    title: '《关于平桂区农村饮用水安全保障工作情况的报告》意见征询',
    background: '区人民政府将向区人大常委会报告农村饮用水安全保障工作情况。请群众就本村供水的水质、水量、水费和管护情况谈谈看法。',
    questions: ['您家的自来水水质、水压怎么样?一年中有没有停水的时候?', '对农村供水工程的管护和水费收取,您有什么意见建议?'],
    opensOn: addDays(day, -3), closesOn: addDays(day, 21), congress: { level: 'county', regionCode: PINGGUI }, stationIds: [huangtian, gonghe, xiwan],
  });
  await takeStep(staff, open, 'publish');
  const q2 = (await trx.selectFrom('consultation_question').select('id').where('topic_id', '=', open).orderBy('position').execute()).map((r) => r.id);
  await submitPublicView(pub, open, { stationId: gonghe, name: null, phone: null, answers: [{ questionId: q2[0]!, text: '水并片区每到旱季水压不足,三楼以上经常没水。' }] });
  await trx.updateTable('consultation_topic').set({ created_at: at(addDays(day, -4), '16:00'), published_at: at(addDays(day, -3), '09:00') }).where('id', '=', open).execute();
  return { closed, open };
}
