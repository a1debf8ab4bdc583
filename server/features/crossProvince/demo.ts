/**
 * The demo of cross-province stations, placed relative to the clock:
 * - 豫鲁 (台前县打渔陈镇): 《豫鲁跨省人大联建工作协议》 signed by three towns (打渔陈镇, 阳谷
 *   十五里园镇, 梁山 小路口镇), joined later by two more 台前 towns (夹河乡, 孙口镇) — five towns;
 *   its rules, flow chart and manual attached; the rota with 十五里园镇 (阳谷) chairing this
 *   quarter; a joint meeting held five months ago and the next one scheduled; the governance list
 *   with 刘子渔村's drainage ditch (排水沟清淤) and the joint ecological patrol (联合生态巡河) held.
 * - 粤桂 (廉江市石角镇): the cadence "周周有接待, 月月有交流, 季季有互动", receptions held in
 *   most past weeks, one week left without: the monitor flags it.
 */
import type { WriteContext } from '../../platform/audit/audit.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { now, today } from '../../platform/clock.js';
import type { DemoStep } from '../../platform/feature.js';
import { createActivity } from '../activities/index.js';
import { addFile, checkAgreementFile, addIssueNote, addParty, createAgreement, createIssue, generateRota, holdMeeting, scheduleMeeting, setCadence } from './commands.js';
import { month, quarter, rotaOf, week } from './periods.js';
import { DEFAULT_CADENCE } from './queries.js';

const DAYUCHEN = '410927103';
const SHIWULIYUAN = '371521111';
const XIAOLUKOU = '370832101';
const JIAHE = '410927205';
const SUNKOU = '410927102';

/** A one-page PDF with a line of text, enough to stand for a scanned document in the demo. */
function tinyPdf(line: string): Uint8Array {
  const body = `BT /F1 12 Tf 72 720 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const atHour = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

async function loadYulu(ctx: WriteContext) {
  const { trx } = ctx;
  const station = (await trx.selectFrom('station').select('id').where('name', '=', '豫鲁跨省联建人大代表联络站').executeTakeFirstOrThrow()).id;
  const deputy = async (name: string) => (await trx.selectFrom('deputy').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const day = today();
  const signedOn = addDays(day, -480);
  const joinedOn = addDays(day, -120);
  const agreement = await createAgreement(ctx, station, {
    title: '豫鲁跨省人大联建工作协议', signedOn, validFrom: signedOn, validTo: addDays(signedOn, 5 * 365),
    scope: '豫鲁跨区域问题共商共管共解:联合接待选民、联合视察调研、跨界矛盾纠纷联调、生态环境联合巡查、活动共享;五镇人大主席每季度轮值担任站长,每半年召开一次联席会议,轮值方牵头负责《协同治理清单》。',
    parties: [
      { regionCode: DAYUCHEN, congressName: '台前县打渔陈镇人大主席团', joinedOn: null, chairName: '刘长河', chairDeputyId: await deputy('刘长河') },
      { regionCode: SHIWULIYUAN, congressName: '阳谷县十五里园镇人大主席团', joinedOn: null, chairName: '任建军', chairDeputyId: await deputy('任建军') },
      { regionCode: XIAOLUKOU, congressName: '梁山县小路口镇人大主席团', joinedOn: null, chairName: '宋广利', chairDeputyId: await deputy('宋广利') },
    ],
  });
  await addParty(ctx, agreement, { regionCode: JIAHE, congressName: '台前县夹河乡人大主席团', joinedOn, chairName: '夹河乡人大主席 王建峰', chairDeputyId: null });
  await addParty(ctx, agreement, { regionCode: SUNKOU, congressName: '台前县孙口镇人大主席团', joinedOn, chairName: '孙口镇人大主席 李秀梅', chairDeputyId: null });
  for (const [kind, name] of [['agreement', '豫鲁跨省人大联建工作协议.pdf'], ['rules', '豫鲁跨省联建人大代表联络站工作制度.pdf'], ['flow', '豫鲁跨省联建人大代表联络站接待流程图.pdf'], ['manual', '跨省联建工作手册.pdf']] as const) {
    await addFile(ctx, agreement, await checkAgreementFile({ kind, name, bytes: tinyPdf(`Yu-Lu joint station: ${kind}`) }));
  }

  // This quarter's chair is 十五里园镇 (阳谷): the rota of the year starts with the side that brings the turn there.
  const year = Number(day.slice(0, 4));
  const parties = (await trx.selectFrom('cross_province_party').select(['region_code as regionCode', 'joined_on as joinedOn']).where('agreement_id', '=', agreement).orderBy('ordinal').execute());
  const current = quarter(day).start;
  const before = [null, ...parties.map((p) => p.regionCode)].find((last) => rotaOf(year, parties, last).find((r) => r.period.start === current)?.party.regionCode === SHIWULIYUAN) ?? null;
  if (before !== null) {
    const prior = quarter(`${year}-01-01`, -1);
    await trx.insertInto('cross_province_chair').values({
      station_id: station, starts_on: prior.start, ends_on: prior.end, region_code: before,
      region_path: (await trx.selectFrom('region').select('path').where('code', '=', before).executeTakeFirstOrThrow()).path,
      chair_name: (await trx.selectFrom('cross_province_party').select('chair_name').where('agreement_id', '=', agreement).where('region_code', '=', before).executeTakeFirstOrThrow()).chair_name,
      chair_deputy_id: null, accepted_at: now(),
    }).execute();
  }
  await generateRota(ctx, station, year);
  await generateRota(ctx, station, year + 1);
  await trx.updateTable('cross_province_chair').set({ accepted_at: now() }).where('station_id', '=', station).where('starts_on', '<=', day).execute();

  // The joint meeting of five months ago, and the next one half a year after it.
  const heldOn = addDays(day, -150);
  const last = await scheduleMeeting(ctx, station, { scheduledOn: heldOn, title: '豫鲁五镇人大联席会议(上半年)', place: '豫鲁跨省联建人大代表联络站 议事厅' });
  const yuluDeputies = await trx.selectFrom('deputy_station').select('deputy_id').where('station_id', '=', station).execute();
  await holdMeeting(ctx, last, {
    startsAt: atHour(heldOn, 9).toISOString(), version: 1, deputyIds: yuluDeputies.map((d) => d.deputy_id),
    minutes: '一、通报上半年跨省联建工作;二、审议《协同治理清单》,确定刘子渔村排水沟清淤由十五里园镇牵头、打渔陈镇配合;三、商定下半年开展生态联合巡查。',
    attendance: [
      { regionCode: DAYUCHEN, present: 5, names: '打渔陈镇人大主席团' }, { regionCode: SHIWULIYUAN, present: 4, names: '十五里园镇人大主席团' },
      { regionCode: XIAOLUKOU, present: 3, names: '小路口镇人大主席团' },
    ],
  });
  await scheduleMeeting(ctx, station, { scheduledOn: addDays(day, 30), title: '豫鲁五镇人大联席会议(下半年)', place: '豫鲁跨省联建人大代表联络站 议事厅' });

  // The joint ecological patrol (联合生态巡河), twelve deputies of both provinces.
  const patrolOn = addDays(day, -20);
  await createActivity(ctx, {
    kind: 'inspection', title: '豫鲁联合生态巡河', stationId: station, regionCode: null, campaignId: null,
    startsAt: atHour(patrolOn, 8), endsAt: atHour(patrolOn, 12), place: '金堤河打渔陈镇至十五里园镇段',
    summary: '打渔陈镇联合小路口镇、十五里园镇,组织豫鲁人大代表组成巡查专班,开展生态联合巡查,沿河查看排污口、河道垃圾和采砂痕迹。',
    suggestionsMade: 2, participants: yuluDeputies.map((d) => ({ deputyId: d.deputy_id, attendance: 'present' as const })), unitIds: [], rotaSlotId: null,
  });

  // The joint governance list.
  const ditch = await createIssue(ctx, station, {
    title: '刘子渔村排水沟清淤', category: 'other', deadline: addDays(day, 20), sides: [SHIWULIYUAN, DAYUCHEN], caseIds: [], suggestionIds: [],
    description: '十五里园镇群众反映刘子渔村排水沟淤塞,雨季积水倒灌农田;排水沟跨豫鲁两省,需两地共同清淤。',
  });
  await addIssueNote(ctx, ditch, { body: '启动“人大代表+法官+村支书”联调机制,两地代表现场查看,商定分段清淤。', status: 'in_progress', version: 1 });
  await addIssueNote(ctx, ditch, { body: '打渔陈镇段清淤完成,十五里园镇段施工中。', status: null, version: 2 });
  await createIssue(ctx, station, {
    title: '金堤河沿岸非法采砂联合整治', category: 'sand_mining', deadline: addDays(day, 60), sides: [DAYUCHEN, SHIWULIYUAN, XIAOLUKOU], caseIds: [], suggestionIds: [],
    description: '生态联合巡查发现河道有采砂痕迹,三镇联合巡查、共享线索,移交执法部门。',
  });
  await createIssue(ctx, station, {
    title: '滩区跨省生产路修复', category: 'road', deadline: null, sides: [DAYUCHEN, XIAOLUKOU], caseIds: [], suggestionIds: [],
    description: '打渔陈镇与小路口镇交界处生产路雨后泥泞,农机通行困难。',
  });
}

async function loadYuegui(ctx: WriteContext) {
  const { trx } = ctx;
  const station = (await trx.selectFrom('station').select('id').where('name', '=', '廉江市石角镇粤桂省际人大代表联络站').executeTakeFirstOrThrow()).id;
  await setCadence(ctx, station, DEFAULT_CADENCE);
  const deputies = (await trx.selectFrom('deputy_station').select('deputy_id').where('station_id', '=', station).execute()).map((d) => ({ deputyId: d.deputy_id, attendance: 'present' as const }));
  const day = today();
  const activity = (kind: 'reception' | 'training' | 'joint_meeting', title: string, on: string, place: string) => createActivity(ctx, {
    kind, title, stationId: station, regionCode: null, campaignId: null, startsAt: atHour(on, 9), endsAt: atHour(on, 11), place, summary: '', suggestionsMade: 0,
    participants: deputies, unitIds: [], rotaSlotId: null,
  });
  // Receptions in the past seven weeks but the third back: that week is the gap.
  for (let w = 1; w <= 7; w++) {
    if (w === 3) continue;
    await activity('reception', '粤桂三地代表联合接待选民', addDays(week(day, -w).start, 1), '石角镇粤桂省际人大代表联络站');
  }
  // An exchange every month, a joint activity every quarter.
  for (let m = 1; m <= 6; m++) await activity('training', '粤桂两地代表交流学习', addDays(month(day, -m).start, 9), '广西博白县文地镇');
  for (let q = 1; q <= 4; q++) await activity('joint_meeting', '石角·古城·文地三镇人大联席会议', addDays(quarter(day, -q).start, 20), '广西陆川县古城镇');
}

export const CROSS_PROVINCE_DEMO: DemoStep = {
  order: 50,
  async run(ctx) {
    await loadYulu(ctx);
    await loadYuegui(ctx);
  },
};
