/**
 * 黄田镇's livelihood projects for the demo, from the source report: the town's 2024 vote of its
 * major livelihood projects (重大民生实事项目票决), at which 廖学聪 — the deputy of the 路花片
 * liaison point who had heard the villagers and proposed it — saw 路花村茶产业园园路硬化 (900 m
 * long, 4.5 m wide, 440 000 元) voted in with a high vote; the road built through 2024 with its
 * milestones, spending and a deputies' inspection, accepted on 2024-12-22 serving 4 273 people,
 * and the year-end satisfaction evaluation (one project below the threshold, rectified and closed
 * in 2025). Then the current year's round of the new (13th) congress, its ballot approved by the
 * presidium, ready for the staff to open the vote and the deputies to vote on their phones.
 *
 * The town's congress that voted in 2024 is the term the demo numbers 12 (2021–2026; the report
 * calls it the 18th, the demo's terms of 黄田镇 are numbered from 11): its deputies who were not
 * re-elected at the 换届 are made here, sit in that term for the 2024 story, and are former
 * deputies afterwards. Everything goes through the commands the API uses: the candidates, the
 * shortlist, the presidium, the paper ballots (who voted apart from the ballots' contents, so the
 * vote stays secret), the count, the delivery actions and the ratings. The 2024 days are history
 * and fixed: the delivery carries its 2024 days, and the vote's moments are set to the session's day once it is counted.
 * Loaded at the server's first start (bootstrap.ts), after the suggestions.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Rating } from '../../../common/caseVocabulary.js';
import { loadActor } from '../../platform/access/actors.js';
import type { Actor } from '../../platform/access/actor.js';
import type { WriteContext } from '../../platform/audit/audit.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { LivelihoodProjectState } from '../../platform/db/schemaLivelihood.js';
import { DEMO_PASSWORD } from '../../platform/demo/password.js';
import { createAccount } from '../accounts/index.js';
import { createDeputy, updateDeputy } from '../deputies/index.js';
import { createUnit } from '../units/index.js';
import { closeEvaluation, openEvaluation, rateProject } from './evaluation.js';
import { takeProjectAction, type ProjectActionBody } from './projectActions.js';
import { proposeProject, type ProposalInput } from './projects.js';
import { createRound, takeRoundAction } from './rounds.js';
import { closeVote, enterPaperBallots, markPaperTurnout, openVote, type BallotInput } from './vote.js';
import { recordVisit } from './visits.js';

const HUANGTIAN = '451103101';
/** The town government, responsible for the projects, with its clerk's login (the demo password), who reports their progress. */
const UNIT = { name: '贺州市平桂区黄田镇人民政府', clerk: 'huangtianzf' } as const;

/** The 2024 congress's deputies not re-elected at the 换届 (30, with 廖学聪 first), as [name, gender, constituency]. */
const DEPUTIES_2024: [string, 'male' | 'female', string][] = [
  ['廖学聪', 'male', '黄田镇路花片'], ['钟海燕', 'female', '黄田镇路花片'], ['陈家旺', 'male', '黄田镇长龙片'], ['李秋菊', 'female', '黄田镇长龙片'],
  ['黄德明', 'male', '黄田镇拱桥片'], ['莫少华', 'male', '黄田镇拱桥片'], ['邓桂英', 'female', '黄田镇清面片'], ['何志刚', 'male', '黄田镇清面片'],
  ['罗美娟', 'female', '黄田镇新村片'], ['梁永福', 'male', '黄田镇新村片'], ['盘金凤', 'female', '黄田镇马窝片'], ['赵国平', 'male', '黄田镇马窝片'],
  ['张丽群', 'female', '黄田镇公和片'], ['周建文', 'male', '黄田镇公和片'], ['欧阳春', 'male', '黄田镇凤岩片'], ['吴小梅', 'female', '黄田镇凤岩片'],
  ['谢振华', 'male', '黄田镇老虎头片'], ['覃丽萍', 'female', '黄田镇老虎头片'], ['杨开明', 'male', '黄田镇镇区片'], ['林秀英', 'female', '黄田镇镇区片'],
  ['胡德才', 'male', '黄田镇镇区片'], ['苏红梅', 'female', '黄田镇路花片'], ['韦明亮', 'male', '黄田镇长龙片'], ['冯玉兰', 'female', '黄田镇拱桥片'],
  ['唐志强', 'male', '黄田镇清面片'], ['蒋晓燕', 'female', '黄田镇新村片'], ['邱伟东', 'male', '黄田镇马窝片'], ['曾桂香', 'female', '黄田镇公和片'],
  ['潘建国', 'male', '黄田镇凤岩片'], ['刘月娥', 'female', '黄田镇老虎头片'],
];

/** The 2024 candidates (7 on the ballot for 5 places), with the for-votes of the 28 paper ballots. */
interface Candidate extends Omit<ProposalInput, 'regionCode' | 'unitId'> { forVotes: number; against: number }
const ROAD_TITLE = '路花村茶产业园园路硬化';
const CANDIDATES_2024: Candidate[] = [
  {
    title: ROAD_TITLE, address: '黄田镇路花村茶产业园', budgetYuan: 440_000, origin: 'deputy', forVotes: 27, against: 0,
    description: '通往路花村茶产业园的道路是狭窄且崎岖不平的土路,雨天泥泞积水,村民步行前往茶园易滑倒,车辆颠簸受损,农产品运输不便。'
      + '拟硬化园路长 900 米、宽 4.5 米、厚 0.18 米,投资约 44 万元。(廖学聪代表经村民小组座谈会、多次走访选民征求意见后提出)',
  },
  { title: '黄田镇中心小学运动场改造', address: '黄田镇中心小学', budgetYuan: 380_000, origin: 'department', forVotes: 25, against: 2, description: '将泥地操场改造为塑胶跑道和硬化球场,解决学生雨天无法开展体育活动的问题。' },
  { title: '长龙村饮水安全巩固提升', address: '黄田镇长龙村', budgetYuan: 520_000, origin: 'station', forVotes: 24, against: 1, description: '新建蓄水池一座、更换老化管网 3.2 公里,保障 600 余户群众饮水安全。' },
  { title: '黄田镇农贸市场雨棚建设', address: '黄田镇农贸市场', budgetYuan: 260_000, origin: 'constituent', proposerName: '罗大姐', proposerPhone: '13977412468', forVotes: 21, against: 4, description: '农贸市场露天摊位无遮挡,雨天群众买菜不便,商户经营受影响,建议加建钢结构雨棚。' },
  { title: '拱桥村至新村道路安全防护栏', address: '拱桥村至新村道路急弯路段', budgetYuan: 150_000, origin: 'deputy', forVotes: 19, against: 5, description: '急弯陡坡路段临水临崖,缺少防护设施,已发生多起车辆侧滑事故,建议安装波形护栏 1.5 公里。' },
  { title: '清面村文化活动广场', address: '黄田镇清面村', budgetYuan: 300_000, origin: 'station', forVotes: 13, against: 9, description: '建设村级文化活动广场及配套健身器材,丰富群众文化生活。' },
  { title: '黄田镇敬老院适老化改造', address: '黄田镇敬老院', budgetYuan: 220_000, origin: 'department', forVotes: 11, against: 10, description: '对敬老院卫生间、走廊进行适老化改造,加装扶手和呼叫设施。' },
];

/** The current year's ballot of the 13th congress (5 candidates for 3 places). */
const CANDIDATES_NOW: (Omit<ProposalInput, 'regionCode' | 'unitId'> & { deputy?: string })[] = [
  { title: '公和村水并片区自来水管网延伸', address: '黄田镇公和村水并片区', budgetYuan: 680_000, origin: 'deputy', deputy: '梁俊华', description: '将自来水管网延伸至水并片区未通水的自然村,解决 120 余户群众饮水问题。' },
  { title: '黄田镇卫生院发热门诊改造', address: '黄田镇卫生院', budgetYuan: 450_000, origin: 'deputy', deputy: '黄志强', description: '改造发热门诊,配齐诊室、留观室,提高基层医疗服务能力。' },
  { title: '路花村茶园观光步道', address: '黄田镇路花村茶产业园', budgetYuan: 360_000, origin: 'station', description: '在已硬化园路基础上修建观光步道和休息亭,带动茶旅融合发展。' },
  { title: '黄田镇中学学生宿舍热水改造', address: '黄田镇中学', budgetYuan: 290_000, origin: 'department', description: '为学生宿舍安装空气能热水系统,解决冬季学生洗澡难。' },
  { title: '长龙村农产品冷链仓储点', address: '黄田镇长龙村', budgetYuan: 500_000, origin: 'constituent', proposerName: '陈师傅', proposerPhone: '13877415566', description: '建设小型冷库和分拣场地,减少沙糖桔等农产品损耗。' },
];

const PINGGUI = '451103';
/** Next year's candidates of 平桂区's congress, collected now. */
const CANDIDATES_NEXT: (Omit<ProposalInput, 'unitId'> & { regionCode: string })[] = [
  { title: '公会镇至水口镇农村公路安全生命防护工程', regionCode: '451103104', address: '公会镇至水口镇县道沿线', budgetYuan: 1_200_000, origin: 'deputy', description: '县道急弯、临水路段缺少护栏和警示标志,建议安装波形护栏 6 公里并完善标志标线。' },
  { title: '平桂区城区供水管网改造(一期)', regionCode: PINGGUI, address: '西湾街道老城区', budgetYuan: 2_600_000, origin: 'department', description: '更换使用超过 20 年的铸铁供水管 8.5 公里,降低漏损率,解决老城区高峰期水压不足。' },
  { title: '黄田镇卫生院至公和村公交线路', regionCode: HUANGTIAN, address: '黄田镇卫生院—公和村', budgetYuan: 0, origin: 'constituent', proposerName: '梁大哥', proposerPhone: '13977410088', description: '公和村到镇上看病、赶集只能坐摩托车,老人出行不便,希望开通一条公交线路。' },
];

/** A moment of a fixed 2024 (or 2025) day, at a Beijing office hour. */
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

async function actorOf(trx: Transaction<DB>, username: string): Promise<Actor | null> {
  const row = await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst();
  return row ? loadActor(trx as unknown as Kysely<DB>, row.id) : null;
}

/** A deputy acting without a login of their own (the 2024 deputies rated on paper forms that the staff entered as theirs). */
function deputyActor(id: number, name: string): Actor {
  return {
    kind: 'account', accountId: 0, username: `deputy-${id}`, displayName: `${name} 代表`, role: 'deputy', regionCode: null, scopePath: null,
    deputyId: id, unitId: null, mustChangePassword: false,
  };
}

/**
 * The 2024 vote's commands stamp the moment they run (the demo's loading); its story has days of
 * its own: proposals in the collection window, the government's shortlist in December, the
 * presidium on the session's first morning, the vote at the session, the results published the same day.
 */
async function restampVote2024(trx: Transaction<DB>, roundId: number, voteId: number, sessionDay: string): Promise<void> {
  const projects = trx.selectFrom('livelihood_project').select('id').where('round_id', '=', roundId);
  // Each step by the state it led to (the steps run before this are the vote's alone).
  const days: [LivelihoodProjectState, Date][] = [
    ['proposed', at('2023-11-20')], ['shortlisted', at('2023-12-18')], ['not_shortlisted', at('2023-12-18')],
    ['on_ballot', at(sessionDay, 9)], ['adopted', at(sessionDay, 11)], ['not_adopted', at(sessionDay, 11)],
  ];
  for (const [state, when] of days) {
    await trx.updateTable('livelihood_project_event').set({ at: when }).where('project_id', 'in', projects).where('to_state', '=', state).execute();
  }
  await trx.updateTable('livelihood_project').set({ decided_at: at(sessionDay, 11) }).where('round_id', '=', roundId).execute();
  await trx.updateTable('livelihood_vote').set({ opened_at: at(sessionDay, 10), closed_at: at(sessionDay, 11) }).where('id', '=', voteId).execute();
  await trx.updateTable('livelihood_round').set({ published_at: at(sessionDay, 15) }).where('id', '=', roundId).execute();
}

export interface DemoLivelihood { round2024: number; road: number; rectified: number; current: number; collecting: number | null; deputies2024: number[] }

export async function loadDemoLivelihood(trx: Transaction<DB>, now: Date = clockNow()): Promise<DemoLivelihood> {
  // 黄田镇 has no staff login in the demo: its congress's steps are the administrator's.
  const admin = (await actorOf(trx, 'admin'))!;
  const ctx: WriteContext = { trx, actor: admin, ip: null };
  const existing = await trx.selectFrom('unit').select('id').where('name', '=', UNIT.name).executeTakeFirst();
  const unitId = existing?.id ?? await createUnit(ctx, { name: UNIT.name, regionCode: HUANGTIAN, address: '平桂区黄田镇黄田街', contacts: [] });
  if (!(await actorOf(trx, UNIT.clerk))) {
    await createAccount(ctx, { username: UNIT.clerk, displayName: '黄田镇人民政府 办事员', role: 'unit', unitId, password: DEMO_PASSWORD }, { mustChangePassword: false });
  }
  const clerk = (await actorOf(trx, UNIT.clerk))!;
  const termOf = async (number: number) => (await trx.selectFrom('congress_term').select(['id', 'number']).where('level', '=', 'township')
    .where('region_code', '=', HUANGTIAN).where('number', '=', number).executeTakeFirstOrThrow()).id;
  const term12 = await termOf(12);
  const term13 = await termOf(13);
  const station = await trx.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow();

  // The 2024 congress's deputies.
  const deputies: { id: number; name: string }[] = [];
  for (const [name, gender, constituency] of DEPUTIES_2024) {
    const id = await createDeputy(ctx, {
      name, gender, ethnicity: '汉族', party: '', birthYear: null, phone: null, status: 'current', specialLiaison: false, regionCode: HUANGTIAN,
      constituency, professionTags: [], occupation: name === '廖学聪' ? '路花片人大代表联络站站代表' : '', gridCell: null,
      levels: [{ level: 'township', term: 12, regionCode: HUANGTIAN }], stations: name === '廖学聪' ? [{ stationId: station.id, role: 'resident' }] : [],
    });
    deputies.push({ id, name });
  }
  const liao = deputies[0]!;

  // The 2024 round at the congress's session held that year, if the demo's sessions have one.
  const session = await trx.selectFrom('congress_session').select(['id', 'opens_on']).where('term_id', '=', term12)
    .where('opens_on', '>=', '2024-01-01').where('opens_on', '<=', '2024-12-31').orderBy('opens_on').executeTakeFirst();
  const round2024 = await createRound(ctx, term12, {
    sessionId: session?.id ?? null, year: 2024, title: '黄田镇2024年重大民生实事项目票决', collectOpensOn: '2023-10-09', collectClosesOn: '2023-11-30',
    places: 5, ballotSize: 7, mode: 'for_against',
  });
  const ids: number[] = [];
  for (const c of CANDIDATES_2024) {
    const { forVotes: _f, against: _a, ...input } = c;
    ids.push(await proposeProject(ctx, round2024, {
      ...input, regionCode: HUANGTIAN, unitId,
      ...(c.origin === 'deputy' ? { proposerDeputyId: c.title === ROAD_TITLE ? liao.id : deputies[4]!.id } : {}),
      ...(c.origin === 'station' ? { stationId: station.id } : {}),
    }));
  }
  for (const id of ids) await takeProjectAction(ctx, id, { action: 'shortlist' });
  await takeRoundAction(ctx, round2024, { action: 'close_collection' });
  const sessionDay = session?.opens_on ?? '2024-01-08';
  await takeRoundAction(ctx, round2024, { action: 'approve_ballot', presidiumOn: sessionDay, comment: '主席团第二次会议审定 7 个候选项目,差额票决 5 个', order: ids });
  // 28 of 30 present, all on paper: who voted is marked apart from the ballots, entered without a name.
  const present = deputies.slice(0, 28);
  const voteId = await openVote(ctx, round2024, present.length);
  await markPaperTurnout(ctx, voteId, present.map((d) => d.id));
  const ballots: BallotInput[] = present.map((_, i) => ({
    choices: Object.fromEntries(CANDIDATES_2024.map((c, k) => [String(ids[k]), i < c.forVotes ? 'for' : i < c.forVotes + c.against ? 'against' : 'abstain'])),
  }));
  await enterPaperBallots(ctx, voteId, ballots);
  await closeVote(ctx, voteId);
  await takeRoundAction(ctx, round2024, { action: 'publish' });
  await restampVote2024(trx, round2024, voteId, sessionDay);

  // The road carried out and accepted.
  const road = ids[0]!;
  const act = (who: Actor, id: number, body: ProjectActionBody, day: string, hour = 10) =>
    takeProjectAction({ trx, actor: who, ip: null }, id, body, { now: at(day, hour) });
  await act(admin, road, { action: 'start', startedOn: '2024-04-15', milestones: [
    { title: '完成施工图设计及预算评审', plannedOn: '2024-05-20' }, { title: '完成招投标', plannedOn: '2024-06-30' },
    { title: '路基整平及排水沟施工', plannedOn: '2024-09-15' }, { title: '水泥混凝土路面浇筑', plannedOn: '2024-11-20' },
  ] }, '2024-04-15');
  const milestones = await trx.selectFrom('livelihood_milestone').select(['id', 'planned_on']).where('project_id', '=', road).orderBy('planned_on').execute();
  const done: [string, string][] = [['2024-05-17', '预算评审通过'], ['2024-06-28', '确定施工单位'], ['2024-09-20', '受连续降雨影响推迟 5 天完成'], ['2024-12-06', '路面浇筑完成,养护中']];
  for (const [i, m] of milestones.entries()) await act(clerk, road, { action: 'record_milestone', milestoneId: m.id, doneOn: done[i]![0], comment: done[i]![1] }, done[i]![0], 16);
  for (const [day, amount, note] of [['2024-07-10', 132_000, '预付工程款 30%'], ['2024-10-15', 176_000, '进度款 40%'], ['2024-12-30', 110_000, '验收后支付至 95%']] as const) {
    await act(clerk, road, { action: 'record_spending', spending: { spentOn: day, amountYuan: amount }, comment: note }, day, 15);
  }
  const visit = { title: '人大代表视察路花村茶产业园园路硬化项目', place: '黄田镇路花村茶产业园', summary: '代表查看路基和排水沟施工质量,提出加强雨季施工安全和排水的意见。' };
  await recordVisit(ctx, road, { ...visit, startsAt: at('2024-10-18', 9).toISOString(), deputyIds: [liao.id, deputies[1]!.id, deputies[21]!.id, deputies[2]!.id] }, at('2024-10-18', 17));
  await act(admin, road, { action: 'complete', acceptance: { acceptedOn: '2024-12-22', beneficiaries: 4273 }, comment: '长 900 米、宽 4.5 米、厚 0.18 米,工程质量合格,投入使用,解决 4273 名群众前往茶园的出行难题。' }, '2024-12-22', 11);

  // The other adopted projects, accepted in the autumn.
  const adopted = (await trx.selectFrom('livelihood_project').select('id').where('round_id', '=', round2024).where('state', '=', 'adopted').orderBy('ballot_order').execute()).map((p) => p.id);
  for (const [i, id] of adopted.entries()) {
    await act(admin, id, { action: 'start', startedOn: '2024-03-18' }, '2024-03-18');
    const accepted = addDays('2024-11-08', i * 5);
    await act(admin, id, { action: 'complete', acceptance: { acceptedOn: accepted, beneficiaries: null } }, accepted);
  }

  // The year-end evaluation: the market's rain shelter leaks at its joints and falls short.
  const shelter = ids[3]!;
  await openEvaluation(ctx, round2024, { thresholdPercent: 80, closesOn: '2024-12-31' }, at('2024-12-23', 9));
  for (const [k, id] of ids.entries()) {
    if (!(await trx.selectFrom('livelihood_project').select('state').where('id', '=', id).where('state', '=', 'completed').executeTakeFirst())) continue;
    for (const [i, d] of present.entries()) {
      const rating: Rating = id === shelter ? (i < 14 ? 'satisfied' : i < 18 ? 'basically_satisfied' : 'unsatisfied')
        : (i + k) % 13 === 0 ? 'basically_satisfied' : 'satisfied';
      await rateProject({ trx, actor: deputyActor(d.id, d.name), ip: null }, id, rating, at('2024-12-27', 9 + (i % 8)));
    }
  }
  await closeEvaluation(ctx, round2024, at('2024-12-31', 16));
  const item = await trx.selectFrom('livelihood_rectification').select('id').where('project_id', '=', shelter).executeTakeFirstOrThrow();
  await act(admin, shelter, { action: 'close_rectification', rectificationId: item.id, comment: '施工单位已对雨棚接缝重新打胶并加装排水槽,经代表复查无渗漏。' }, '2025-03-20', 15);

  // The 换届: the 2024 congress's deputies not re-elected are former deputies now.
  for (const d of deputies) {
    const { version } = await trx.selectFrom('deputy').select('version').where('id', '=', d.id).executeTakeFirstOrThrow();
    await updateDeputy(ctx, d.id, version, { status: 'former' });
  }

  // The current year's round of the 13th congress, its ballot approved: the staff open the vote, the deputies vote on their phones.
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const current = await createRound(ctx, term13, {
    sessionId: null, year, title: `黄田镇${year}年民生实事项目票决`, collectOpensOn: addDays(today, -40), collectClosesOn: addDays(today, -10),
    places: 3, ballotSize: 5, mode: 'for_against',
  });
  const currentIds: number[] = [];
  for (const c of CANDIDATES_NOW) {
    const { deputy, ...input } = c;
    const proposer = deputy ? (await trx.selectFrom('deputy').select('id').where('name', '=', deputy).executeTakeFirstOrThrow()).id : undefined;
    currentIds.push(await proposeProject(ctx, current, { ...input, regionCode: HUANGTIAN, unitId, ...(proposer ? { proposerDeputyId: proposer } : {}), ...(c.origin === 'station' ? { stationId: station.id } : {}) }));
  }
  for (const id of currentIds) await takeProjectAction(ctx, id, { action: 'shortlist' });
  await takeRoundAction(ctx, current, { action: 'close_collection' });
  await takeRoundAction(ctx, current, { action: 'approve_ballot', presidiumOn: today, order: currentIds });

  // 平桂区's congress collects next year's candidates now: a deputy's, a department's and a villager's, so the public form has a round to post to.
  const pinggui = await trx.selectFrom('congress_term').select('id').where('level', '=', 'county').where('region_code', '=', PINGGUI)
    .where('starts_on', '<=', today).where((w) => w.or([w('ends_on', 'is', null), w('ends_on', '>=', today)])).orderBy('number', 'desc').executeTakeFirst();
  let collecting: number | null = null;
  if (pinggui) {
    collecting = await createRound(ctx, pinggui.id, {
      sessionId: null, year: year + 1, title: `平桂区${year + 1}年民生实事项目征集`, collectOpensOn: addDays(today, -14), collectClosesOn: addDays(today, 30),
      places: 5, ballotSize: 7, mode: 'choose',
    });
    const water = await trx.selectFrom('unit').select('id').where('name', '=', '贺州市平桂区水利局').executeTakeFirst();
    const wang = await trx.selectFrom('deputy').select('id').where('name', '=', '王惠敏').where('status', '=', 'current').executeTakeFirst();
    for (const c of CANDIDATES_NEXT) {
      if (c.origin === 'deputy' && !wang) continue;
      if (c.origin === 'department' && !water) continue;
      await proposeProject(ctx, collecting, {
        ...c, regionCode: c.regionCode, unitId: water?.id ?? null,
        ...(c.origin === 'deputy' ? { proposerDeputyId: wang!.id } : {}),
      });
    }
  }

  return { round2024, road, rectified: shelter, current, collecting, deputies2024: deputies.map((d) => d.id) };
}
