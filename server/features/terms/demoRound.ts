/**
 * 黄田镇's township congress in the middle of its election round (换届): the 12th term ended
 * on 2026-11-25 and the 13th began on 2026-11-26 (as written on the demo's reference date,
 * moved to today). 梁俊华, 韦秀兰 and 黄志强 were re-elected, 黎永昌 left and was made a
 * 特邀联络员, keeping his place at the 公和村 point, and 蒙丽萍 came in from the roster as a new
 * deputy at the 黄田镇 station.
 * The roster is uploaded and the round run by 平桂区's staff through the same code as the API.
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { WriteContext } from '../../platform/audit/audit.js';
import { loadActor } from '../../platform/access/actors.js';
import { runRound } from './roundCommands.js';
import { createImportBatch } from '../imports/index.js';
import type { DB } from '../../platform/db/schema.js';
import { stageImportFile } from '../imports/index.js';
import { demoDate } from '../../platform/demo/time.js';

const HUANGTIAN = '451103101';
const STATION = '平桂区黄田镇人大代表联络站';

/** The 13th term's roster as the town sent it: the three re-elected deputies (matched by phone) and one new. */
const ROSTER = [
  ['姓名', '性别', '民族', '政治面貌', '手机号码', '代表层级', '届次', '所属区划', '工作单位及职务', '专业领域', '所在联络站', '站内职责'],
  ['梁俊华', '男', '汉族', '中共党员', '13907741001', '乡镇', '第十三届', HUANGTIAN, '黄田镇公和村党总支书记', '农业', '', ''],
  ['韦秀兰', '女', '壮族', '群众', '13907741002', '乡镇', '第十三届', HUANGTIAN, '个体工商户', '企业家', '', ''],
  ['黄志强', '男', '瑶族', '中共党员', '13907741003', '乡镇', '第十三届', HUANGTIAN, '乡村医生', '医疗', '', ''],
  ['蒙丽萍', '女', '壮族', '群众', '13907741006', '乡镇', '第十三届', HUANGTIAN, '黄田镇返乡创业青年、电商合作社负责人', '企业家', STATION, '驻站代表'],
];

export async function loadDemoRound(ctx: WriteContext): Promise<void> {
  const db = ctx.trx as unknown as Kysely<DB>;
  const staffAccount = await ctx.trx.selectFrom('account').select('id').where('username', '=', 'pinggui').executeTakeFirstOrThrow();
  const staff = { trx: ctx.trx, actor: await loadActor(db, staffAccount.id), ip: null };
  const term = await ctx.trx.selectFrom('congress_term').select(['id', 'version'])
    .where('level', '=', 'township').where('region_code', '=', HUANGTIAN).where('number', '=', 12).executeTakeFirstOrThrow();

  const batchId = await createImportBatch(db, staff.actor, 'deputies', '黄田镇第十三届人大代表花名册.csv', term.id);
  const csv = `\ufeff${ROSTER.map((r) => r.join(',')).join('\r\n')}\r\n`;
  await stageImportFile(db, staff.actor, 'deputies', batchId, Readable.from([Buffer.from(csv, 'utf8')]));

  const deputy = async (name: string) => (await ctx.trx.selectFrom('deputy').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  await runRound(staff, term.id, {
    version: term.version,
    next: { number: 13, startsOn: demoDate('2026-11-26') },
    deputies: [
      { deputyId: await deputy('梁俊华'), outcome: 're_elected' },
      { deputyId: await deputy('黄志强'), outcome: 're_elected' },
      { deputyId: await deputy('韦秀兰'), outcome: 're_elected' },
      { deputyId: await deputy('黎永昌'), outcome: 'leaves', specialLiaison: true },
    ],
    rosterImportId: batchId,
    successors: [],
  });
}
