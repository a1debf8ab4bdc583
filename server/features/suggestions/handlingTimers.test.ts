/**
 * The suggestion reminders on the job queue: set at assignment (15 and 5 days before the
 * deadline, the day, then each working day while overdue; the co-units' views on their due day),
 * told to the units on their day, and doing nothing once the suggestion no longer stands as
 * when they were set (answered, or on another deadline).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { factories, type Factories } from '../../testing/factories.js';
import { addDays, shanghaiDate, type WorkingCalendar } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { runDueJobs } from '../../platform/jobs/runner.js';
import { morningOf } from '../../platform/workflow/timers.js';
import { loadCalendar } from '../calendar/index.js';
import { takeSuggestionAction } from './act.js';
import type { ActionBody } from './actionBody.js';
import { scheduleReminder } from './reminders.js';
import { congress, suggestionIn, type Congress, type Person } from '../../testing/suggestions.js';

describe('suggestion reminders', () => {
  let t: TestApp;
  let make: Factories;
  let c: Congress;
  let cal: WorkingCalendar;
  before(async () => {
    t = await startTestApp();
    make = factories(t);
    c = await congress(make);
    cal = await loadCalendar(t.database.db);
  });
  after(() => t.close());

  const db = () => t.database.db;
  const act = (who: Person, id: number, body: ActionBody) =>
    db().transaction().execute((trx) => takeSuggestionAction({ trx, actor: who.actor, ip: null }, id, body));
  const assigned = async () => {
    const id = await suggestionIn(make, c);
    await act(c.staff, id, { action: 'assign', leadUnit: { unitId: c.unit.unitId!, part: '' }, coUnits: [{ unitId: c.coUnit.unitId!, part: '' }] });
    return { id, ...(await db().selectFrom('suggestion').select(['deadline_date', 'co_view_due']).where('id', '=', id).executeTakeFirstOrThrow()) };
  };
  const pending = async (id: number) => (await db().selectFrom('job').select(['dedupe_key', 'run_at']).where('kind', '=', 'suggestion.remind')
    .where('done_at', 'is', null).where('payload', '@>', JSON.stringify({ suggestionId: id })).orderBy('run_at').execute());
  const reminders = async (id: number) => (await db().selectFrom('suggestion_event').select('comment').where('suggestion_id', '=', id)
    .where('action', '=', 'remind').orderBy('id').execute()).map((e) => e.comment);
  const inbox = async (who: Person, id: number) => (await db().selectFrom('notification').select('title').where('account_id', '=', who.id)
    .where('link', '=', `/suggestions/${id}`).where('kind', '=', 'suggestion.remind').orderBy('id').execute()).map((n) => n.title);
  /** The day a reminder ahead of `date` goes out: that day, or the working day before it. */
  const onOrBefore = (date: string) => { let d = date; while (!cal.isWorkingDay(d)) d = addDays(d, -1); return d; };
  const runAt = (day: string) => runDueJobs(db(), { workerId: 'test', now: new Date(morningOf(day).getTime() + 60_000) });

  it('sets the reminders of the deadline and of the co-units\' views at assignment', async () => {
    const s = await assigned();
    const keys = (await pending(s.id)).map((j) => j.dedupe_key);
    const ahead = (days: number) => onOrBefore(addDays(s.deadline_date!, -days));
    const dueDay = s.deadline_date!;
    assert.deepEqual(new Set(keys), new Set([
      `suggestion:${s.id}:remind:${dueDay}:before_15:${ahead(15)}`,
      `suggestion:${s.id}:remind:${dueDay}:before_5:${ahead(5)}`,
      `suggestion:${s.id}:remind:${dueDay}:due:${dueDay}`,
      `suggestion:${s.id}:remind:${dueDay}:overdue:${cal.addWorkingDays(dueDay, 1)}`,
      `suggestion:${s.id}:co_view:${s.co_view_due}`,
    ]));
  });

  it('tells the lead unit on the deadline day and each working day overdue, the staff too once overdue; an answer ends it', async () => {
    const s = await assigned();
    const dueDay = s.deadline_date!;
    await runAt(onOrBefore(s.co_view_due!));
    assert.deepEqual(await inbox(c.coUnit, s.id), ['会办意见今天到期,请向主办单位提交会办意见'], 'the co-unit that sent no view is told on its day');
    await runAt(dueDay);
    assert.ok((await inbox(c.unit, s.id)).includes('代表建议今天到期,请今日答复'));
    assert.ok((await reminders(s.id)).includes('代表建议今天到期,请今日答复'), 'on the timeline');
    assert.ok(!(await inbox(c.unit, s.id)).includes(`代表建议将于 ${dueDay} 到期,请抓紧办理`), 'a reminder ahead of time is not told late');

    const late = cal.addWorkingDays(dueDay, 1);
    await runAt(late);
    const overdue = `代表建议已超过办理期限(${dueDay}),请尽快答复`;
    assert.ok((await inbox(c.unit, s.id)).includes(overdue));
    assert.ok((await inbox(c.staff, s.id)).includes(`督办提醒:${overdue}`));
    const next = await pending(s.id);
    assert.deepEqual(next.map((j) => j.dedupe_key), [`suggestion:${s.id}:remind:${dueDay}:overdue:${cal.addWorkingDays(late, 1)}`], 'the next working day is next');

    await act(c.unit, s.id, { action: 'answer', comment: '已办理。', answer: { category: 'A', signedBy: '张局长', commitments: [] } });
    assert.deepEqual(await pending(s.id), [], 'answering drops the reminders still waiting');
  });

  it('a stale reminder does nothing: another deadline, or an answered suggestion', async () => {
    const s = await assigned();
    const today = shanghaiDate(clockNow());
    const day = cal.addWorkingDays(today, 1);
    await db().transaction().execute(async (trx) => {
      await scheduleReminder(trx, { suggestionId: s.id, kind: 'due', date: addDays(s.deadline_date!, -7), day });
      await scheduleReminder(trx, { suggestionId: s.id, kind: 'co_view', date: addDays(s.co_view_due!, 1), day });
    });
    await runAt(day);
    assert.deepEqual(await reminders(s.id), []);
    assert.deepEqual(await inbox(c.unit, s.id), []);

    await act(c.unit, s.id, { action: 'answer', comment: '已办理。', answer: { category: 'A', signedBy: '张局长', commitments: [] } });
    await db().transaction().execute((trx) => scheduleReminder(trx, { suggestionId: s.id, kind: 'due', date: s.deadline_date!, day: s.deadline_date! }));
    await runAt(s.deadline_date!);
    assert.deepEqual(await reminders(s.id), [], 'answered: the deadline no longer runs');
  });

  it('reminds of a commitment while it is followed up, not once it is kept', async () => {
    const s = await assigned();
    const today = shanghaiDate(clockNow());
    const dueOn = cal.addWorkingDays(today, 20);
    await act(c.unit, s.id, { action: 'answer', comment: '已列入计划。', answer: { category: 'B', signedBy: '李主任', commitments: [{ body: '完成通水', dueOn }, { body: '验收', dueOn }] } });
    await act(c.lead, s.id, { action: 'rate', rating: 'satisfied' });
    const [first, second] = await db().selectFrom('suggestion_commitment').select('id').where('suggestion_id', '=', s.id).orderBy('id').execute();
    await act(c.unit, s.id, { action: 'report_progress', comment: '已通水', commitmentsDone: [{ id: Number(first!.id), note: '已通水' }] });
    // The kept one's timers are gone; a stale one set again does nothing.
    await db().transaction().execute((trx) => scheduleReminder(trx, { suggestionId: s.id, kind: 'commitment_due', date: dueOn, day: dueOn, commitmentId: Number(first!.id) }));
    await runAt(dueOn);
    assert.deepEqual(await inbox(c.unit, s.id), ['答复中承诺的事项今天到期,请报告落实情况'], 'one reminder: the open commitment');
    assert.ok((await pending(s.id)).every((j) => !j.dedupe_key!.includes(`:commitment:${second!.id}:`)));
  });
});
