import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { morningOf, scheduleDeadlineReminders } from './followUps.js';
import { loadCalendar } from '../calendar/index.js';
import { signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { runDueJobs } from '../../platform/jobs/runner.js';

describe('case timers', () => {
  let t: TestApp;
  let officer: Client;
  let clerk: Client;
  let deputy: Client;
  let seq = 0;
  before(async () => {
    t = await startTestApp();
    officer = await signIn(t.app, 'huangtian');
    clerk = await signIn(t.app, 'shuiliju');
    deputy = await signIn(t.app, 'liangjun');
  });
  after(() => t.close());

  const db = () => t.database.db;
  const act = async (client: Client, id: number, action: string, body: Record<string, unknown> = {}) => {
    const res = await client.post(`/api/cases/${id}/actions/${action}`, body);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().case;
  };
  const newCase = async () => {
    const [station, category] = await Promise.all([
      db().selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow(),
      db().selectFrom('case_category').select('id').where('code', '=', 'water').executeTakeFirstOrThrow(),
    ]);
    const res = await t.app.inject({
      method: 'POST', url: '/api/public/opinions', remoteAddress: `192.0.2.${++seq}`,
      payload: { stationId: station.id, categoryId: category.id, content: `定时测试 ${seq}` },
    });
    assert.equal(res.statusCode, 201, res.body);
    const { trackingCode, queryKey } = res.json();
    const { id } = await db().selectFrom('opinion').select('id').where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow();
    return { id, trackingCode, queryKey };
  };
  const signedCase = async () => {
    const c = await newCase();
    await act(officer, c.id, 'accept');
    const water = await db().selectFrom('unit').select('id').where('name', '=', '贺州市平桂区水利局').executeTakeFirstOrThrow();
    await act(officer, c.id, 'assign', { unitId: water.id });
    const signed = await act(clerk, c.id, 'sign');
    return { ...c, deadlineDate: signed.deadlineDate as string };
  };
  const reminders = async (id: number) => (await db().selectFrom('opinion_event').select('id').where('opinion_id', '=', id).where('action', '=', 'remind').execute()).length;
  const clerkInbox = async (caseId: number) => (await db().selectFrom('notification as n').innerJoin('account as a', 'a.id', 'n.account_id')
    .select(['n.title']).where('a.username', '=', 'shuiliju').where('n.case_id', '=', caseId).orderBy('n.id').execute()).map((n) => n.title);

  it('reminds the unit on the deadline day and every working day while overdue, and records the overdue fact', async () => {
    const c = await signedCase();
    const calendar = await loadCalendar(db());
    await runDueJobs(db(), { workerId: 'test', now: new Date(morningOf(c.deadlineDate).getTime() + 60_000) });
    const onDeadlineDay = await reminders(c.id);
    assert.ok(onDeadlineDay >= 1, 'the deadline-day reminder ran');
    assert.ok((await clerkInbox(c.id)).includes('交办件今天到期,请今日办复'));

    const firstLate = calendar.addWorkingDays(c.deadlineDate, 1);
    await runDueJobs(db(), { workerId: 'test', now: new Date(morningOf(firstLate).getTime() + 60_000) });
    const row = await db().selectFrom('opinion').select(['overdue_at', 'deadline_at']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(row.overdue_at, row.deadline_at, 'overdue since the end of the deadline day');
    assert.ok((await clerkInbox(c.id)).includes('交办件已超期,请尽快办复'));
    const afterFirst = await reminders(c.id);

    const secondLate = calendar.addWorkingDays(firstLate, 1);
    await runDueJobs(db(), { workerId: 'test', now: new Date(morningOf(secondLate).getTime() + 60_000) });
    assert.equal(await reminders(c.id), afterFirst + 1, 'reminded again the next working day');
    const next = await db().selectFrom('job').select('run_at').where('kind', '=', 'case.remind').where('done_at', 'is', null)
      .where('payload', '@>', JSON.stringify({ caseId: c.id })).executeTakeFirstOrThrow();
    assert.equal(next.run_at.toISOString(), morningOf(calendar.addWorkingDays(secondLate, 1)).toISOString());

    // Once replied, the pending reminder does nothing.
    await act(clerk, c.id, 'reply', { comment: '已处理完毕' });
    const before = await reminders(c.id);
    await runDueJobs(db(), { workerId: 'test', now: new Date(morningOf(calendar.addWorkingDays(secondLate, 1)).getTime() + 60_000) });
    assert.equal(await reminders(c.id), before);
  });

  it('resumes the overdue reminders when the clock runs again after the deadline (a reply sent back late)', async () => {
    const c = await signedCase();
    const calendar = await loadCalendar(db());
    const late = calendar.addWorkingDays(c.deadlineDate, 3);
    const lateNoon = new Date(`${late}T12:00:00+08:00`);
    await db().transaction().execute((trx) => scheduleDeadlineReminders(trx, calendar, c.id, c.deadlineDate, lateNoon));
    const pending = await db().selectFrom('job').select('run_at').where('kind', '=', 'case.remind').where('done_at', 'is', null)
      .where('payload', '@>', JSON.stringify({ caseId: c.id, kind: 'overdue' })).orderBy('run_at', 'desc').executeTakeFirstOrThrow();
    assert.equal(pending.run_at.toISOString(), morningOf(calendar.addWorkingDays(late, 1)).toISOString());
  });

  it('closes an answer left unrated for 15 days, and not before', async () => {
    const c = await newCase();
    const answered = await act(deputy, c.id, 'answer_on_spot', { comment: '已当面解释政策。' });
    assert.equal(answered.state, 'answered');
    const row = await db().selectFrom('opinion').select('answered_at').where('id', '=', c.id).executeTakeFirstOrThrow();
    await runDueJobs(db(), { workerId: 'test', now: new Date(row.answered_at!.getTime() + 14 * 86_400_000) });
    assert.equal((await db().selectFrom('opinion').select('state').where('id', '=', c.id).executeTakeFirstOrThrow()).state, 'answered');
    await runDueJobs(db(), { workerId: 'test', now: new Date(row.answered_at!.getTime() + 15 * 86_400_000 + 60_000) });
    const closed = await db().selectFrom('opinion').select(['state', 'close_reason']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(closed, { state: 'closed', close_reason: 'unrated' });
  });

  it('leaves a case rated in time alone', async () => {
    const c = await newCase();
    await act(deputy, c.id, 'answer_on_spot', { comment: '已答复。' });
    const rated = await t.app.inject({ method: 'POST', url: `/api/public/opinions/${c.trackingCode}/rating?key=${c.queryKey}`, payload: { rating: 'basically_satisfied' } });
    assert.equal(rated.statusCode, 200, rated.body);
    const row = await db().selectFrom('opinion').select('answered_at').where('id', '=', c.id).executeTakeFirstOrThrow();
    await runDueJobs(db(), { workerId: 'test', now: new Date(row.answered_at!.getTime() + 16 * 86_400_000) });
    const closed = await db().selectFrom('opinion').select(['state', 'close_reason', 'rating']).where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.deepEqual(closed, { state: 'closed', close_reason: 'rated', rating: 'basically_satisfied' });
  });
});
