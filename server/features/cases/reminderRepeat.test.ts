import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { morningOf } from './followUps.js';
import { CASE_REMIND } from './timerKinds.js';
import { loadCalendar } from '../calendar/index.js';
import { factories, type Factories } from '../../testing/factories.js';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { runDueJobs } from '../../platform/jobs/runner.js';
import { notify } from '../../platform/notify/notify.js';

/**
 * A reminder chain that starts late (the worker was down, or the demo placed a case signed weeks
 * ago at start-up) sends one reminder, not one for every day missed in a row within a minute.
 */
describe('case reminders that run late', () => {
  let t: TestApp;
  let make: Factories;
  before(async () => { t = await startTestApp(); make = factories(t); });
  after(() => t.close());

  const db = () => t.database.db;
  const reminders = async (id: number) => (await db().selectFrom('opinion_event').select('id')
    .where('opinion_id', '=', id).where('action', '=', 'remind').execute()).length;
  const inboxOf = async (accountId: number, caseId: number) => (await db().selectFrom('notification').select('title')
    .where('account_id', '=', accountId).where('case_id', '=', caseId).where('kind', '=', 'case.remind').execute()).length;
  const outboxOf = async (accountId: number, caseId: number) => (await db().selectFrom('outbox as o')
    .innerJoin('notification as n', 'n.id', 'o.notification_id')
    .select('o.id').where('n.account_id', '=', accountId).where('n.case_id', '=', caseId).where('n.kind', '=', 'case.remind').execute()).length;
  const pendingReminders = (caseId: number) => db().selectFrom('job').select(['run_at', 'payload'])
    .where('kind', '=', CASE_REMIND).where('done_at', 'is', null).where('payload', '@>', JSON.stringify({ caseId })).orderBy('run_at').execute();

  it('catches up with one reminder, then one each working day', async () => {
    const c = await make.case({ state: 'in_progress' });
    const { deadline_date: deadline } = await db().selectFrom('opinion').select('deadline_date').where('id', '=', c.id).executeTakeFirstOrThrow();
    const calendar = await loadCalendar(db());
    // Four working days overdue before any worker runs: the day before, the day itself and
    // four overdue mornings have all passed.
    const late = calendar.addWorkingDays(deadline!, 4);
    await runDueJobs(db(), { workerId: 'a', now: new Date(morningOf(late).getTime() + 60_000) });
    assert.equal(await reminders(c.id), 1, 'one reminder on the timeline');
    assert.equal(await inboxOf(c.clerk!.id, c.id), 1, 'one reminder in the clerk\'s inbox');
    assert.equal(await outboxOf(c.clerk!.id, c.id), 1, 'one message sent to the clerk');
    const [next] = await pendingReminders(c.id);
    assert.equal(next!.run_at.toISOString(), morningOf(calendar.addWorkingDays(late, 1)).toISOString(), 'the next one is tomorrow morning');

    // A second worker (another node) polling the same minute finds nothing more to send.
    await runDueJobs(db(), { workerId: 'b', now: new Date(morningOf(late).getTime() + 90_000) });
    assert.equal(await reminders(c.id), 1);

    const tomorrow = calendar.addWorkingDays(late, 1);
    await runDueJobs(db(), { workerId: 'a', now: new Date(morningOf(tomorrow).getTime() + 60_000) });
    assert.equal(await reminders(c.id), 2, 'reminded again the next working day');
    assert.equal(await inboxOf(c.clerk!.id, c.id), 2);
  });

  it('a reminder set again for a day already reminded (a second chain) is not told twice', async () => {
    const c = await make.case({ state: 'in_progress' });
    const { deadline_date: deadline } = await db().selectFrom('opinion').select('deadline_date').where('id', '=', c.id).executeTakeFirstOrThrow();
    const calendar = await loadCalendar(db());
    const late = calendar.addWorkingDays(deadline!, 1);
    // Two chains for the same case and deadline (e.g. set by two nodes from different starting days).
    await db().transaction().execute(async (trx) => {
      const { scheduleReminder } = await import('./followUps.js');
      await scheduleReminder(trx, { caseId: c.id, kind: 'overdue', deadlineDate: deadline!, day: late });
      await scheduleReminder(trx, { caseId: c.id, kind: 'overdue', deadlineDate: deadline!, day: deadline! });
    });
    await runDueJobs(db(), { workerId: 'a', now: new Date(morningOf(late).getTime() + 60_000) });
    assert.equal(await reminders(c.id), 1);
    assert.equal(await inboxOf(c.clerk!.id, c.id), 1);
  });

  it('the database keeps one notification per account and key, whoever writes it', async () => {
    const clerk = await make.account('unit');
    const send = () => db().transaction().execute((trx) => notify(trx, {
      accountIds: [clerk.id], kind: 'case.remind', title: '交办件已超期,请尽快办复', body: 'x', dedupeKey: 'test:remind:1',
    }));
    const [first, second] = await Promise.all([send(), send()]);
    assert.equal(first.notificationIds.length + second.notificationIds.length, 1);
    const rows = await db().selectFrom('notification').select('id').where('account_id', '=', clerk.id).execute();
    assert.equal(rows.length, 1);
    const messages = await db().selectFrom('outbox').select('id').where('notification_id', '=', rows[0]!.id).execute();
    assert.equal(messages.length, 1);
  });
});
