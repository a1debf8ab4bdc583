/**
 * 平桂区公会镇代表法庭联络室 for the demo, after the seed's report: "代表说理+法官释法".
 *
 * - Last year: the 墙角 dispute — received on 15 November (a villager of 双洋村 building a stone
 *   wall at a corner, a quarrel with a neighbour the village committee could not settle), the
 *   session on 18 November with the room's deputies, the judge and the village secretary,
 *   settled after nearly three hours — and seven labour, grave and forest-land disputes, all
 *   settled: eight resolved in the year; the room's figures: 36 constituents received and
 *   visited, 9 opinions collected.
 * - This year: a labour dispute received a week ago, its first session held, still open.
 *
 * Everything goes through the commands the API uses, as 平桂区's staff (pinggui); dates follow the clock.
 */
import type { Kysely } from 'kysely';
import type { DisputeType, MediationOutcome } from '../../../common/mediation.js';
import { loadActor } from '../../platform/access/actors.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { addSession, checkAgreement, closeMediation, createMediation, putAgreement, setFigures } from './commands.js';

type Trx = WriteContext['trx'];
const COURT = '平桂区公会镇代表法庭联络室';
const PLACE = '平桂区人民法院公会人民法庭 代表法庭联络室';

/** A one-page PDF standing for the signed agreement's scan. */
function agreementPdf(): string {
  const text = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
    + '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  return Buffer.from(text).toString('base64');
}

interface DemoDispute { type: DisputeType; title: string; description: string; parties: [string, string]; received: string; held: string; outcome: MediationOutcome; note: string }

export async function loadDemoMediation(trx: Trx): Promise<{ wallCorner: number; open: number }> {
  const account = await trx.selectFrom('account').select('id').where('username', '=', 'pinggui').executeTakeFirst();
  if (!account) throw new Error('The mediation demo needs the demo account pinggui');
  const ctx = { trx, actor: await loadActor(trx as unknown as Kysely<DB>, account.id), ip: null };
  const station = (await trx.selectFrom('station').select('id').where('name', '=', COURT).executeTakeFirstOrThrow()).id;
  const deputy = async (name: string) => (await trx.selectFrom('deputy').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const zhong = await deputy('钟立新');
  const qin = await deputy('覃永福');
  const deng = await deputy('邓丽娟');
  const year = Number(today().slice(0, 4)) - 1;
  const day = (md: string) => `${year}-${md}`;

  const record = async (d: DemoDispute, deputies: number[], secretary: string | null) => {
    const id = await createMediation(ctx, {
      stationId: station, disputeType: d.type, title: d.title, description: d.description, receivedOn: d.received,
      parties: [{ side: 'applicant', name: d.parties[0], phone: null }, { side: 'respondent', name: d.parties[1], phone: null }],
    });
    await addSession(ctx, id, {
      heldOn: d.held, place: PLACE, deputyIds: deputies, legalOfficerRole: 'judge', legalOfficerName: '李红梅', villageSecretary: secretary,
      notes: d.note, logActivity: true,
    });
    await closeMediation(ctx, id, { outcome: d.outcome, note: d.note, closedOn: d.held });
    return id;
  };

  const wallCorner = await createMediation(ctx, {
    stationId: station, disputeType: 'neighbours', title: '双洋村12组谢庆田与吴粉英墙角砌石墙纠纷', receivedOn: day('11-15'),
    description: '双洋村12组村民谢庆田在墙角砌石墙,与本组村民吴粉英产生纠纷,经村委会多次调解未果,吴粉英希望代表法庭联络室出面帮其调解。',
    parties: [{ side: 'applicant', name: '吴粉英', phone: '13977415201' }, { side: 'respondent', name: '谢庆田', phone: '13977415202' }],
  });
  await addSession(ctx, wallCorner, {
    heldOn: day('11-18'), place: PLACE, deputyIds: [zhong, qin], legalOfficerRole: 'judge', legalOfficerName: '李红梅', villageSecretary: '黄德才',
    notes: '"代表说理+法官释法":驻室代表讲情理,法官讲相邻关系的法律规定,经近3个小时调解,双方就石墙位置和排水达成一致。', logActivity: true,
  });
  await closeMediation(ctx, wallCorner, { outcome: 'agreed', note: '双方签订调解协议:石墙后移0.5米,墙角留出排水沟,费用各半。', closedOn: day('11-18') });
  await putAgreement(ctx, wallCorner, await checkAgreement({ name: '墙角纠纷调解协议书.pdf', data: agreementPdf() }));

  const others: DemoDispute[] = [
    { type: 'labour', title: '务工人员追讨装修工程劳务费纠纷', description: '6名务工人员追讨装修工程劳务费。', parties: ['莫永和', '陈家兴'], received: day('03-04'), held: day('03-11'), outcome: 'agreed', note: '包工头分两期付清劳务费。' },
    { type: 'labour', title: '砂糖橘采摘工钱纠纷', description: '果园主与采摘工就工钱计算发生争执。', parties: ['李春梅', '黄建华'], received: day('01-16'), held: day('01-19'), outcome: 'agreed', note: '按实际采摘重量结算,当场付清。' },
    { type: 'labour', title: '建筑工地受伤误工费纠纷', description: '工人在工地受轻伤,与雇主就误工费协商不成。', parties: ['覃志强', '钟德福'], received: day('07-08'), held: day('07-15'), outcome: 'agreed', note: '雇主一次性支付医疗费和误工费。' },
    { type: 'graves', title: '祖坟迁移补偿纠纷', description: '修建村道需迁移祖坟,双方就补偿发生分歧。', parties: ['黄明亮', '黄明德'], received: day('04-02'), held: day('04-09'), outcome: 'agreed', note: '按村规民约补偿,择日迁坟。' },
    { type: 'graves', title: '新坟占用他人承包地纠纷', description: '新坟选址占用邻组承包地。', parties: ['吴庆丰', '廖金生'], received: day('09-10'), held: day('09-17'), outcome: 'agreed', note: '坟主补偿承包地损失,约定不再扩建。' },
    { type: 'forest_land', title: '两组林地界址纠纷', description: '两个村民小组对山岭林地界址认识不一。', parties: ['邓伟光', '梁志远'], received: day('05-06'), held: day('05-20'), outcome: 'agreed', note: '依据林权证实地勘界,立界桩。' },
    { type: 'forest_land', title: '桉树林砍伐收益分配纠纷', description: '合伙种植桉树,砍伐后就收益分配发生争执。', parties: ['罗春生', '蒙光明'], received: day('08-12'), held: day('08-19'), outcome: 'agreed', note: '按投入比例分配收益。' },
  ];
  for (const d of others) await record(d, [zhong, deng], null);
  await setFigures(ctx, { stationId: station, year, constituentsReceived: 36, opinionsCollected: 9 });

  // This year: a dispute received a week ago, one session held, still being mediated.
  const received = addDays(today(), -7);
  const open = await createMediation(ctx, {
    stationId: station, disputeType: 'labour', title: '养殖场饲养员工资拖欠纠纷', receivedOn: received,
    description: '饲养员反映养殖场拖欠三个月工资,多次催要未果。',
    parties: [{ side: 'applicant', name: '邓秀珍', phone: '13977415203' }, { side: 'respondent', name: '何国富', phone: null }],
  });
  await addSession(ctx, open, {
    heldOn: addDays(today(), -3), place: PLACE, deputyIds: [deng], legalOfficerRole: 'judge', legalOfficerName: '李红梅', villageSecretary: null,
    notes: '首次调解,双方对拖欠金额有分歧,约定补充工资单后再次调解。', logActivity: true,
  });
  return { wallCorner, open };
}
