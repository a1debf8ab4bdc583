/**
 * The demo's budget review: 平桂区人大's review of the current year's budget draft (the year of
 * the clock), with the finance office 贺州市平桂区财政局 (its clerk `caizhengju`), key projects of
 * the departments, the deputies' comments and the answers, the budget review committee's
 * preliminary opinions, the approval, the state-asset and debt reports with a question and its
 * answer (and one still waiting for the finance office), and the performance evaluation of a key
 * project. From July on (the clock's month) the mid-year adjustment is open to the deputies too.
 * Everything goes through the same commands as the API, by the people who would do it.
 */
import { sql, type Kysely } from 'kysely';
import type { WriteContext } from '../../platform/audit/audit.js';
import { loadActor } from '../../platform/access/actors.js';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { DEMO_PASSWORD } from '../../platform/demo/password.js';
import { createAccount } from '../accounts/index.js';
import { createUnit } from '../units/index.js';
import { sitsInTerm } from '../../platform/access/terms.js';
import { addComment, answerComment } from './comments.js';
import { concludeEvaluation, scoreEvaluation, startEvaluation } from './evaluations.js';
import { addProject, recordOpinion, updateProject } from './projects.js';
import { fileReport } from './reports.js';
import { createReview, takeReviewAction } from './reviewCommands.js';

const PINGGUI = '451103';
const FINANCE = '贺州市平桂区财政局';

type Trx = WriteContext['trx'];

async function actorOf(trx: Trx, username: string): Promise<Actor | null> {
  const row = await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst();
  return row ? loadActor(trx as unknown as Kysely<DB>, row.id) : null;
}

const unitId = async (trx: Trx, name: string) => (await trx.selectFrom('unit').select('id').where('name', '=', name).executeTakeFirst())?.id ?? null;

export async function loadDemoBudget(trx: Trx): Promise<void> {
  const now = clockNow();
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const staff = await actorOf(trx, 'pinggui');
  const term = await trx.selectFrom('congress_term').select(['id']).where('level', '=', 'county').where('region_code', '=', PINGGUI)
    .where('starts_on', '<=', today).where('ends_on', 'is', null).orderBy('starts_on', 'desc').executeTakeFirst();
  if (!staff || !term) return;
  const as = (actor: Actor) => ({ trx, actor, ip: null });
  const ctx = as(staff);

  const financeId = await unitId(trx, FINANCE) ?? await createUnit(ctx, { name: FINANCE, regionCode: PINGGUI, address: '平桂区西湾街道平桂大道', contacts: [{ name: '黎敏', title: '预算股股长', phone: '0774-8890110' }] });
  if (!await actorOf(trx, 'caizhengju')) {
    await createAccount(ctx, { username: 'caizhengju', displayName: '平桂区财政局 办事员 黎工', role: 'unit', unitId: financeId, password: DEMO_PASSWORD }, { mustChangePassword: false });
  }
  const finance = (await actorOf(trx, 'caizhengju'))!;
  const water = await unitId(trx, '贺州市平桂区水利局');
  const housing = await unitId(trx, '贺州市平桂区住房和城乡建设局');
  const waterClerk = await actorOf(trx, 'shuiliju');

  // The deputies of the term who have logins, in a fixed order.
  const deputies = await Promise.all((await trx.selectFrom('account as a').innerJoin('deputy as d', 'd.id', 'a.deputy_id').select(['a.id', 'a.username'])
    .where('a.role', '=', 'deputy').where('a.active', '=', true).where(sitsInTerm(sql.ref('a.deputy_id'), sql.lit(term.id)))
    .orderBy('a.username').execute()).map((a) => loadActor(trx as unknown as Kysely<DB>, a.id)));
  if (deputies.length < 2) return;
  const [d1, d2, d3 = deputies[0]!] = deputies as [Actor, Actor, Actor?];

  const session = await trx.selectFrom('congress_session').select('id').where('term_id', '=', term.id)
    .where(sql<boolean>`extract(year from opens_on) = ${year}`).orderBy('number').executeTakeFirst();
  const id = await createReview(ctx, {
    termId: term.id, year, kind: 'draft', financeUnitId: financeId, sessionId: session?.id ?? null, answerDays: 7,
    summary: `${year}年全区一般公共预算收入安排 12.6 亿元,支出安排 31.8 亿元;政府性基金预算收入 9.2 亿元。重点保障教育、医疗、乡村振兴和城市更新。`,
    revenueYuan: 1_260_000_000, expenditureYuan: 3_180_000_000,
  });
  const fin = as(finance);
  const roads = await addProject(fin, id, { name: '城区老旧小区改造提升工程', category: '城市更新', departmentUnitId: housing, amountYuan: 48_500_000, description: '改造西湾、黄田等片区 14 个老旧小区,含雨污分流、加装电梯和停车位。', sort: 1 });
  const irrigation = await addProject(fin, id, { name: '农村饮水安全巩固提升工程', category: '乡村振兴', departmentUnitId: water, amountYuan: 22_000_000, description: '新建和改造集中供水工程 26 处,覆盖 3.1 万人。', sort: 2 });
  await addProject(fin, id, { name: '义务教育学校校舍改扩建', category: '教育', amountYuan: 36_800_000, description: '新增学位 1 800 个。', sort: 3 });
  await addProject(ctx, id, { name: '乡镇卫生院能力提升', category: '医疗卫生', amountYuan: 12_400_000, description: '为 6 个乡镇卫生院配置 DR、彩超等设备。', sort: 4 });
  await takeReviewAction(ctx, id, 'open', null);

  const c1 = await addComment(as(d1), id, { projectId: roads, body: '建议公开改造小区名单和分年度实施计划,加装电梯要充分征求住户意见。' });
  const c2 = await addComment(as(d2), id, { projectId: irrigation, body: '部分村屯水源地保护不到位,建议在项目中安排水源保护资金。' });
  const c3 = await addComment(as(d3), id, { body: '建议进一步压减一般性支出和“三公”经费,优先保障民生。' });
  const housingClerk = housing === null ? null : await actorOf(trx, 'zhujianju');
  await answerComment(housingClerk ? as(housingClerk) : as((await actorOf(trx, 'admin'))!), c1, '改造名单已在区政府网站公示,分两年实施;加装电梯按单元征求意见,同意率达到三分之二以上的方可实施。');
  if (waterClerk) await answerComment(as(waterClerk), c2, '已在项目中安排水源地保护资金 180 万元,用于 12 处水源地的防护设施建设。');
  await answerComment(fin, c3, '今年一般性支出压减 5%,“三公”经费压减 8%,腾出资金全部用于民生。');

  await recordOpinion(ctx, id, { projectId: roads, recommendation: 'agree_with_changes', body: '建议细化绩效目标,明确每个小区的完工时间,加强施工期间的安全管理。' });
  await recordOpinion(ctx, id, { projectId: irrigation, recommendation: 'agree', body: '项目符合群众需求,资金安排合理。' });
  await recordOpinion(ctx, id, { projectId: null, recommendation: 'agree', body: `${year}年预算草案编制较为规范,收入预算积极稳妥,支出安排突出重点,建议提请大会审查批准;同时要加强预算绩效管理,严控一般性支出。` });
  await takeReviewAction(ctx, id, 'finish_preliminary', null);
  await takeReviewAction(ctx, id, 'submit', null);

  await fileReport(fin, id, { kind: 'state_assets', title: `平桂区人民政府关于${year - 1}年度国有资产管理情况的综合报告`, summary: `截至${year - 1}年底,全区行政事业性国有资产总额 86.4 亿元,企业国有资产总额 42.1 亿元。` });
  await fileReport(fin, id, { kind: 'debt', title: `平桂区人民政府关于政府债务管理情况的报告`, summary: `截至${year - 1}年底,全区政府债务余额 58.7 亿元,在限额之内;隐性债务化解按计划推进。` });
  const reports = await trx.selectFrom('budget_report').select(['id', 'kind']).where('review_id', '=', id).execute();
  const debt = reports.find((r) => r.kind === 'debt')!.id;
  const assets = reports.find((r) => r.kind === 'state_assets')!.id;
  const q1 = await addComment(as(d2), id, { reportId: debt, body: '专项债券项目的收益能否覆盖本息?请说明偿债资金来源。' });
  await answerComment(fin, q1, '专项债券项目均经过收益与融资平衡测算,偿债资金来源于项目收益和政府性基金收入。');
  // One question still waits for the finance office (its to-do and reminder).
  await addComment(as(d1), id, { reportId: assets, body: '闲置的行政事业性资产有多少?有无盘活计划?' });

  await takeReviewAction(ctx, id, 'approve', `平桂区人民代表大会审查批准${year}年全区预算`);

  const evaluation = await startEvaluation(ctx, id, { projectId: irrigation, participantIds: [d1.deputyId!, d2.deputyId!, d3.deputyId!].filter((x, i, a) => a.indexOf(x) === i) });
  await scoreEvaluation(as(d1), evaluation, { score: 88, criteria: { decision: 90, process: 86, output: 88, effect: 87 }, opinion: '工程进度符合计划,部分村屯管网末端水压不足。' });
  await scoreEvaluation(as(d2), evaluation, { score: 92, opinion: '群众满意度高。' });
  await concludeEvaluation(ctx, evaluation, '项目决策依据充分,资金使用规范,产出和效益目标基本实现;建议解决管网末端水压不足问题。');

  // From July on, the mid-year adjustment is open to the deputies.
  if (Number(today.slice(5, 7)) >= 7) {
    const adjustment = await createReview(ctx, {
      termId: term.id, year, kind: 'adjustment', financeUnitId: financeId, answerDays: 7,
      summary: '因上级转移支付增加和土地出让收入减少,调整部分项目支出。',
    });
    const copied = await trx.selectFrom('budget_project').select(['id', 'amount_yuan', 'name', 'category', 'department_unit_id', 'description', 'sort', 'original_amount_yuan'])
      .where('review_id', '=', adjustment).orderBy('sort').execute();
    const first = copied[0];
    if (first) {
      await updateProject(fin, first.id, {
        name: first.name, category: first.category, departmentUnitId: first.department_unit_id, amountYuan: first.amount_yuan - 6_500_000,
        originalAmountYuan: first.original_amount_yuan, description: `${first.description}(因部分小区改造方案调整,调减 650 万元)`, sort: first.sort,
      });
    }
    await takeReviewAction(ctx, adjustment, 'open', null);
    await addComment(as(d3), adjustment, { projectId: first?.id ?? null, body: '调减资金后,已列入计划的小区能否按期完工?' });
  }
}
