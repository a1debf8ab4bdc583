/**
 * 莫德光 for the demo: a retired teacher, a former deputy of 黄田镇's congress kept at 黄田镇's
 * station as 特邀联络员 (香洲's "一届当代表, 终身为人民"). The station's officer (huangtian) puts
 * him on the 代表之家 roster with his card (issued half a year ago), two of the six fields and
 * two of the four roles; registers two opinions he collected — one answered on the spot, one
 * carried by 梁俊华, who takes responsibility (a case addressed to him) — and records a deed in
 * the station's 先进事迹登记簿. Dates follow the clock.
 */
import type { Kysely } from 'kysely';
import { loadActor } from '../../platform/access/actors.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { recordDeed } from '../registers/index.js';
import { answerFormerOpinion, carryFormerOpinion, putProfile, registerFormerOpinion } from './commands.js';

type Trx = WriteContext['trx'];

export async function loadDemoFormerDeputies(trx: Trx): Promise<{ deputyId: number; carried: number; caseId: number }> {
  const account = await trx.selectFrom('account').select('id').where('username', '=', 'huangtian').executeTakeFirst();
  if (!account) throw new Error('The former deputies demo needs the demo account huangtian');
  const ctx = { trx, actor: await loadActor(trx as unknown as Kysely<DB>, account.id), ip: null };
  const id = async (table: 'deputy' | 'station', name: string) => (await trx.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const mo = await id('deputy', '莫德光');
  const liang = await id('deputy', '梁俊华');
  const station = await id('station', '平桂区黄田镇人大代表联络站');
  const category = (await trx.selectFrom('case_category').select('id').where('code', '=', 'roads').executeTakeFirstOrThrow()).id;

  await putProfile(ctx, mo, { stationId: station, fields: ['hear_opinions', 'contact_people'], roles: ['informant', 'liaison'], cardIssuedOn: addDays(today(), -180) });
  const answered = await registerFormerOpinion(ctx, mo, {
    collectedOn: addDays(today(), -30), content: '村里老人问城乡居民养老保险今年的缴费档次和截止时间。', place: '黄田镇黄田村', name: '韦大娘', phone: null,
  });
  await answerFormerOpinion(ctx, answered, { answer: '莫德光当场讲解了今年的缴费档次,并告知到村委会社保协理员处缴费,年底前截止。' });
  const carried = await registerFormerOpinion(ctx, mo, {
    collectedOn: addDays(today(), -12), content: '黄田圩日街道两侧摊位占道,早晚车辆通行困难,群众希望划定临时摊位区并安排人员疏导。',
    place: '黄田镇圩亭路', name: '黎伯', phone: '13977416601',
  });
  const { caseId } = await carryFormerOpinion(ctx, carried, { carrierDeputyId: liang, categoryId: category });
  await recordDeed(ctx, {
    stationId: station, deputyId: mo, occurredOn: addDays(today(), -45), title: '退休不褪色,义务宣讲惠民政策',
    description: '往届代表莫德光以特邀联络员身份走村入户宣讲养老保险和耕地保护政策,收集群众意见12条,其中3条由现届代表转交办理。',
  });
  return { deputyId: mo, carried, caseId };
}
