/**
 * The grid demo: two cells of 平桂区黄田镇公和村 (梁俊华, whose deputy record names 公和村第 1 网格,
 * is attached to it), the grid worker `wangge` on both; and at the 豫鲁 station a cross-border
 * service team of a 台前 (打渔陈镇) and an 阳谷 (十五里园镇) grid worker with a joint patrol three
 * days ago. With the demo's cases (`loadDemoWhistle`), one whistle `wangge` blew on the last
 * working morning, which the station accepted and passed to the town government. Everything is
 * placed relative to the clock.
 */
import type { WriteContext } from '../../platform/audit/audit.js';
import { loadActor } from '../../platform/access/actors.js';
import { now } from '../../platform/clock.js';
import { DEMO_PASSWORD } from '../../platform/demo/password.js';
import { createAccount } from '../accounts/index.js';
import { checkPhotos, takeCaseAction } from '../cases/index.js';
import { weekdayBefore } from '../../platform/demo/time.js';
import { blowWhistle, createCell, createTeam, logPatrol } from './commands.js';

const HOUR = 3_600_000;
/** A 1×1 PNG: the demo's photo of the collapsed ditch. */
const PHOTO = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000970485973000003e8000003e801b57b526b0000000d49444154789c63606860f80f0002840180fa05561d0000000049454e44ae426082', 'hex');

export async function loadDemoGrids(ctx: WriteContext): Promise<void> {
  const { trx } = ctx;
  const id = async (table: 'station' | 'unit', name: string) => (await trx.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const account = async (username: string) => (await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const deputy = async (name: string) => (await trx.selectFrom('deputy').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const gonghe = await id('station', '平桂区黄田镇公和村人大代表联络点');
  const wangge = await account('wangge');

  // The deputies whose record already names the cell (the free-text grid label) are attached to it.
  const labelled = async (cell: string) => (await trx.selectFrom('deputy').select('id').where('grid_cell', '=', cell)
    .where('region_code', '=', '451103101').where('status', '=', 'current').execute()).map((d) => d.id);
  await createCell(ctx, {
    name: '公和村第 1 网格', regionCode: '451103101', village: '公和村', stationId: gonghe,
    boundary: '东至公和小学,南至村道 X851 线,西至三组水渠,北至后山林地;含一、二、三组,约 210 户。', center: { lat: 24.4612, lng: 111.5873 },
    deputyIds: await labelled('公和村第 1 网格'), workerAccountIds: [wangge],
  });
  await createCell(ctx, {
    name: '公和村第 2 网格', regionCode: '451103101', village: '公和村', stationId: gonghe,
    boundary: '东至黄田河,南至公和村委,西至 X851 线,北至六组晒谷场;含四、五、六组,约 180 户。', center: null,
    deputyIds: [await deputy('黄志强')], workerAccountIds: [wangge],
  });

  // 豫鲁: a grid worker on each side, and their cross-border service team with a joint patrol.
  const yulu = await id('station', '豫鲁跨省联建人大代表联络站');
  const side = async (username: string, displayName: string, regionCode: string, village: string) => {
    const accountId = await createAccount(ctx, { username, displayName, role: 'grid', regionCode, password: DEMO_PASSWORD }, { mustChangePassword: false });
    await createCell(ctx, { name: `${village}第 1 网格`, regionCode, village, stationId: yulu, boundary: `${village}沿金堤河一带`, center: null, deputyIds: [], workerAccountIds: [accountId] });
    return accountId;
  };
  const tq = await side('tqwangge', '打渔陈镇刘子渔村 网格员 陈峰', '410927103', '刘子渔村');
  const yg = await side('ygwangge', '十五里园镇 网格员 李娜', '371521111', '十五里园村');
  const team = await createTeam(ctx, {
    stationId: yulu, name: '豫鲁跨界服务小组', description: '台前县打渔陈镇与阳谷县十五里园镇网格员组成,沿金堤河边界共同巡查、共同化解矛盾。', memberAccountIds: [tq, yg],
  });
  const start = new Date(now().getTime() - 3 * 24 * HOUR);
  await logPatrol(ctx, team, {
    title: '豫鲁生态联合巡查', startsAt: start, endsAt: new Date(start.getTime() + 3 * HOUR), place: '刘子渔村排水沟至十五里园镇交界段',
    summary: '沿排水沟查看清淤后的水质和河岸垃圾,未发现新的倾倒点。', memberAccountIds: [tq, yg],
  });
}

/**
 * With the demo's cases: `wangge`'s whistle about the collapsed village road of 公和村, blown on
 * the last working morning, accepted by the 公和村 point and assigned to 黄田镇人民政府 within the hour.
 */
export async function loadDemoWhistle(trx: WriteContext['trx'], at: Date = now()): Promise<void> {
  const account = async (username: string) => (await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const unit = (await trx.selectFrom('unit').select('id').where('name', '=', '平桂区黄田镇人民政府').executeTakeFirstOrThrow()).id;
  const cell1 = (await trx.selectFrom('grid_cell').select('id').where('name', '=', '公和村第 1 网格').where('region_code', '=', '451103101').executeTakeFirstOrThrow()).id;
  const worker = await loadActor(trx, await account('wangge'));
  const roads = (await trx.selectFrom('case_category').select('id').where('code', '=', 'roads').executeTakeFirstOrThrow()).id;
  const caseId = await blowWhistle({ trx, actor: worker, ip: null }, {
    cellId: cell1, categoryId: roads, content: '三组水渠边的村道塌了一段约 3 米,雨天积水,摩托车和学生经过很危险,需要尽快修复并设置警示。',
    place: '公和村三组水渠边村道', location: { lat: 24.4598, lng: 111.5851 }, photos: await checkPhotos([{ bytes: new Uint8Array(PHOTO) }]),
  });
  // The case, its first events and the whistle record are dated when it was blown.
  const blown = weekdayBefore(at, 1, 9.25);
  await trx.updateTable('opinion').set({ submitted_at: blown }).where('id', '=', caseId).execute();
  await trx.updateTable('opinion_event').set({ at: blown }).where('opinion_id', '=', caseId).where('action', 'in', ['submit', 'whistled']).execute();
  await trx.updateTable('grid_whistle').set({ created_at: blown }).where('opinion_id', '=', caseId).execute();
  const officer = await loadActor(trx, await account('huangtian'));
  await takeCaseAction({ trx, actor: officer, ip: null }, caseId, { action: 'accept', comment: '已受理,已请黄田镇人民政府现场查看并设置警示。' }, { kind: 'account' }, weekdayBefore(at, 1, 9.75));
  const staff = await loadActor(trx, await account('pinggui'));
  await takeCaseAction({ trx, actor: staff, ip: null }, caseId, { action: 'assign', unitId: unit }, { kind: 'account' }, weekdayBefore(at, 1, 10.5));
}
