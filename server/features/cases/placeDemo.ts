/**
 * Routing by place (属地管理) in the demo: at the 豫鲁 cross-province station, a case about a
 * village of 阳谷县十五里园镇 is accepted and assigned by 阳谷's staff to 阳谷县水利局, whose clerk
 * (`ygshuili`) has signed for it, while 台前's staff keep sight of it; a case about 打渔陈镇 stays
 * with 台前. At 信都镇's remote liaison point in 佛山 a case heard there waits for 八步区's staff.
 * Run with the demo's cases (bootstrap), on top of the demo set's stations, units and accounts.
 */
import type { Kysely } from 'kysely';
import { loadActor } from '../../platform/access/actors.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import type { DB } from '../../platform/db/schema.js';
import { takeCaseAction } from './actions.js';
import { registerOpinions } from './intake.js';
import { weekdayBefore } from '../../platform/demo/time.js';

export async function loadPlaceRoutingDemo(trx: WriteContext['trx'], now: Date): Promise<void> {
  const db = trx as unknown as Kysely<DB>;
  const actor = async (username: string) =>
    loadActor(db, (await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
  const as = async (username: string) => ({ trx, actor: await actor(username), ip: null });
  const idOf = async (table: 'station' | 'unit', name: string) =>
    (await trx.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const category = async (code: string) => (await trx.selectFrom('case_category').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const yulu = await idOf('station', '豫鲁跨省联建人大代表联络站');
  const [taiqian, yanggu, clerk] = [await as('taiqian'), await as('yanggu'), await as('ygshuili')];

  // About 十五里园镇 (山东阳谷), heard at the station in 打渔陈镇: 阳谷's side handles it.
  const [other] = await registerOpinions(taiqian, {
    stationId: yulu, deputyId: null, channel: 'reception', receivedAt: weekdayBefore(now, 3, 9.5),
    items: [{
      categoryId: await category('water'), content: '十五里园镇沿黄村的灌溉渠年久失修,渗漏严重,春灌时下游几个村用水困难。',
      place: '阳谷县十五里园镇沿黄村', placeRegionCode: '371521111', name: null, phone: null,
    }],
  });
  await takeCaseAction(yanggu, other!.id, { action: 'accept' }, { kind: 'account' }, weekdayBefore(now, 3, 11));
  await takeCaseAction(yanggu, other!.id, { action: 'assign', unitId: await idOf('unit', '阳谷县水利局') }, { kind: 'account' }, weekdayBefore(now, 3, 15));
  await takeCaseAction(clerk, other!.id, { action: 'sign' }, { kind: 'account' }, weekdayBefore(now, 2, 9));

  // About 打渔陈镇 itself: the home side (台前) handles it.
  const [home] = await registerOpinions(taiqian, {
    stationId: yulu, deputyId: null, channel: 'reception', receivedAt: weekdayBefore(now, 1, 9.5),
    items: [{
      categoryId: await category('roads'), content: '打渔陈镇滩区的生产路雨后泥泞,农机下不了地。',
      place: '台前县打渔陈镇', placeRegionCode: '410927103', name: null, phone: null,
    }],
  });
  await takeCaseAction(taiqian, home!.id, { action: 'accept' }, { kind: 'account' }, weekdayBefore(now, 1, 10.5));

  // At 信都镇's point in 佛山: its home congress's staff (八步区) take it in.
  const xindu = await idOf('station', '八步区信都镇驻佛山异地人大代表联络点');
  await registerOpinions(await as('babu'), {
    stationId: xindu, deputyId: null, channel: 'reception', receivedAt: weekdayBefore(now, 2, 14.5),
    items: [{
      categoryId: await category('education_health'), content: '在佛山务工的信都籍群众反映,子女回乡就读的转学手续要来回跑,希望能网上办理。',
      place: '佛山市顺德区', name: null, phone: null,
    }],
  });
}
