/**
 * 述职 for the demo, after 白坭镇's "榕树头述职" (seed 002): 平桂区人大代表 王惠敏 reports back to
 * her constituency at 公和村, under the village banyan tree, five weeks before today. The station's
 * officer opened the evaluation at the meeting; 30 villagers evaluated from their phones (no
 * account) and 4 on paper forms; 36 were present. Her report was generated from her archive and
 * then edited by her. Three issues raised became the issue list: the street lights (closed by her
 * with a note), the water pressure in 水并片区 (handed on as a case at the station) and the elderly's
 * health checks (still open, past its date). 梁俊华's report-back to 黄田镇 is scheduled in three
 * days (the evaluation not yet opened). 平桂区's plan asks every district deputy to have reported
 * by a few days ago, so the others show as overdue; 黄田镇's township deputies are due this year.
 *
 * Everything goes through the commands the API uses; the moments are then set back to the days
 * they tell of, relative to the clock (no date of the demo is fixed).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { WriteContext } from '../../platform/audit/audit.js';
import { loadActor } from '../../platform/access/actors.js';
import { PUBLIC_ACTOR, type Actor } from '../../platform/access/actor.js';
import { addDays } from '../../platform/calendar/workingDays.js';
import { today } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { createReportBack, saveReport, savePlan, setHeadcount, takeStep } from './commands.js';
import { enterPaperForms, submitEvaluation } from './evaluation.js';
import { addIssue, closeIssue, handOnAsCase } from './issues.js';
import { generateReport } from './reportDraft.js';
import type { ReportBackRating } from './types.js';
import { containsPattern } from '../../platform/db/sql.js';

async function actorOf(trx: WriteContext['trx'], username: string): Promise<Actor> {
  const row = await trx.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst();
  if (!row) throw new Error(`The report-backs demo needs the demo account ${username}`);
  return loadActor(trx as unknown as Kysely<DB>, row.id);
}

const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

/** The villagers' evaluations: rating and, for some, a comment. */
const EVALUATIONS: [ReportBackRating, string | null][] = [
  ['satisfied', '王代表经常到村里来,群众反映的问题都有回音。'],
  ['satisfied', null], ['satisfied', null], ['satisfied', '饮水问题跟进得很及时,点赞。'],
  ['satisfied', null], ['basically_satisfied', '村口到榕树头这段路的路灯坏了很久,晚上老人孩子出行不方便,希望尽快修好。'],
  ['satisfied', null], ['satisfied', '述职讲得实在,没有空话。'], ['satisfied', null],
  ['basically_satisfied', '水并片区每到旱季水压不足,三楼以上经常没水,希望代表继续反映。'],
  ['satisfied', null], ['satisfied', null], ['unsatisfied', '去年反映的村道硬化问题到现在还没有动静。'],
  ['satisfied', null], ['satisfied', '希望代表多在榕树头下和大家聊聊。'], ['satisfied', null],
  ['basically_satisfied', '希望增加村里老年人免费健康体检的次数,现在一年一次不够。'],
  ['satisfied', null], ['satisfied', null], ['satisfied', null], ['basically_satisfied', null],
  ['satisfied', '感谢王代表帮助我们合作社联系销路。'], ['satisfied', null], ['satisfied', null],
  ['basically_satisfied', null], ['satisfied', null], ['unsatisfied', null], ['satisfied', null],
  ['basically_satisfied', '希望述职能提前一周通知,在外务工的也能赶回来。'], ['satisfied', null],
];

/** What she wrote in place of the draft's placeholder under "五、存在的不足和今后打算". */
const REPORT_PLACEHOLDER = '(请代表补充:存在的不足、下一步履职打算。)';
const REPORT_ADDITION = `一是到村入户走访的次数还不够多,对在外务工人员的意见收集不够;二是个别问题跟踪督办不够及时。
今后我将每月至少一次到公和村联络点接待群众,继续跟进水并片区供水、村道硬化等问题,请大家继续监督。`;

export async function loadDemoReportBacks(trx: WriteContext['trx']): Promise<{ held: number; upcoming: number }> {
  const staff = { trx, actor: await actorOf(trx, 'pinggui'), ip: null };
  const officer = { trx, actor: await actorOf(trx, 'huangtian'), ip: null };
  const wang = { trx, actor: await actorOf(trx, 'wanghuimin'), ip: null };
  const liang = await actorOf(trx, 'liangjun');
  const pub = { trx, actor: PUBLIC_ACTOR, ip: null };
  const day = today();
  const gonghe = (await trx.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇公和村人大代表联络点').executeTakeFirstOrThrow()).id;
  const huangtian = (await trx.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow()).id;

  // The meeting, five weeks ago, in the evening under the banyan tree.
  const meetingDay = addDays(day, -35);
  const held = await createReportBack(officer, {
    deputyId: wang.actor.deputyId!, title: '王惠敏代表向原选区选民述职(榕树头述职)', invited: '公和村党员、村民代表及群众',
    stationId: gonghe, startsAt: at(meetingDay, '19:30'), endsAt: at(meetingDay, '21:00'), place: '黄田镇公和村榕树头人大小公园',
    periodFrom: addDays(meetingDay, -365), periodTo: meetingDay,
  });
  const draft = await generateReport(trx as unknown as Kysely<DB>, wang.actor, held);
  const v1 = await saveReport(wang, held, { text: draft.text, version: null, source: 'generated' });
  if (!draft.text.includes(REPORT_PLACEHOLDER)) throw new Error('The report-backs demo expects the draft\'s placeholder for the deputy\'s own part');
  await saveReport(wang, held, { text: draft.text.replace(REPORT_PLACEHOLDER, REPORT_ADDITION), version: v1, source: 'edited' });
  await takeStep(officer, held, 'open_evaluation', { minutes: 120 });
  const key = (await trx.selectFrom('report_back').select('eval_key').where('id', '=', held).executeTakeFirstOrThrow()).eval_key!;
  for (const [i, [rating, comment]] of EVALUATIONS.entries()) {
    await submitEvaluation(pub, key, randomBytes(24).toString('base64url'), { rating, comment, phone: `1397749${String(1000 + i * 37).padStart(4, '0')}` });
  }
  await enterPaperForms(officer, held, [
    { rating: 'satisfied', comment: '(纸质表)老人不会用手机,填表评价:满意。' }, { rating: 'satisfied' }, { rating: 'basically_satisfied' }, { rating: 'satisfied' },
  ]);
  await setHeadcount(officer, held, 36);
  await takeStep(officer, held, 'close_evaluation');

  // The issue list from three comments.
  const comment = async (like: string) => (await trx.selectFrom('report_back_evaluation').select('id').where('report_back_id', '=', held)
    .where('comment', 'like', containsPattern(like)).executeTakeFirstOrThrow()).id;
  const lights = await addIssue(officer, held, { text: '村口至榕树头路段路灯损坏,夜间出行不便', evaluationId: await comment('路灯'), dueOn: addDays(meetingDay, 20) });
  const water = await addIssue(officer, held, { text: '水并片区旱季自来水水压不足,三楼以上经常停水', evaluationId: await comment('水压'), dueOn: addDays(meetingDay, 30) });
  const checks = await addIssue(wang, held, { text: '增加村里老年人免费健康体检次数', evaluationId: await comment('体检'), dueOn: addDays(meetingDay, 30) });
  await closeIssue(wang, lights, '已协调公和村委会和镇供电所,更换损坏路灯 6 盏,村口至榕树头路段已恢复夜间照明。');
  await handOnAsCase(officer, water, {});

  // The story's moments, relative to today.
  const meetingAt = at(meetingDay, '19:30');
  await trx.updateTable('report_back').set({
    created_at: at(addDays(meetingDay, -10), '10:00'), eval_opened_at: at(meetingDay, '20:15'), eval_closes_at: at(meetingDay, '21:10'),
    eval_closed_at: at(meetingDay, '21:10'), updated_at: at(addDays(meetingDay, 18), '16:00'),
  }).where('id', '=', held).execute();
  await trx.updateTable('report_back_report').set({ created_at: sql`${at(addDays(meetingDay, -3), '09:00')}::timestamptz + (version - 1) * interval '1 day'` })
    .where('report_back_id', '=', held).execute();
  await trx.updateTable('report_back_evaluation').set({ created_at: sql`${at(meetingDay, '20:16')}::timestamptz + (id % 40) * interval '1 minute'` })
    .where('report_back_id', '=', held).execute();
  await trx.updateTable('report_back_issue').set({ created_at: at(addDays(meetingDay, 1), '10:00'), updated_at: at(addDays(meetingDay, 1), '10:00') })
    .where('report_back_id', '=', held).execute();
  await trx.updateTable('report_back_issue').set({ closed_at: at(addDays(meetingDay, 18), '16:00'), updated_at: at(addDays(meetingDay, 18), '16:00') }).where('id', '=', lights).execute();
  await trx.updateTable('report_back_issue').set({ closed_at: at(addDays(meetingDay, 2), '11:00'), updated_at: at(addDays(meetingDay, 2), '11:00') }).where('id', '=', water).execute();
  void checks;
  void meetingAt;

  // 梁俊华's report-back to 黄田镇's township congress, in three days.
  const upcoming = await createReportBack(officer, {
    deputyId: liang.deputyId!, congress: { level: 'township', regionCode: '451103101' }, title: '梁俊华代表向黄田镇第一选区选民述职', invited: '黄田镇第一选区选民代表',
    stationId: huangtian, startsAt: at(addDays(day, 3), '09:30'), endsAt: at(addDays(day, 3), '11:30'), place: '黄田镇人大代表联络站会议室',
  });

  // The plans: 平桂区's district deputies were to report by four days ago; 黄田镇's township deputies every year.
  await savePlan(staff, { level: 'county', regionCode: '451103', cadence: 'per_term', times: 1, dueOn: addDays(day, -4) });
  await savePlan(staff, { level: 'township', regionCode: '451103101', cadence: 'yearly', times: 1, dueOn: null });
  return { held, upcoming };
}
