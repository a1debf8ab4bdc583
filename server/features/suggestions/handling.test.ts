/**
 * The handling paths of a suggestion, through the action runner and its route: assignment on
 * the statutory clock (3 months, 6 when complex), a reassignment asked within the window and
 * after it, granted and refused; a co-unit's view and the unit's contacts; an unsatisfied rating
 * sending it back for a second answer; a B answer followed until its commitments are kept and
 * it becomes A.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { factories, type Factories } from '../../testing/factories.js';
import { AppError } from '../../platform/errors.js';
import { addDays, shanghaiDate, type WorkingCalendar } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { morningOf } from '../../platform/workflow/timers.js';
import { loadCalendar } from '../calendar/index.js';
import { takeSuggestionAction } from './act.js';
import { checkActionFiles } from './files.js';
import type { ActionBody } from './actionBody.js';
import { addMonths, monthsDeadline } from './clock.js';
import { congress, suggestionIn, type Congress, type Person } from '../../testing/suggestions.js';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('suggestion handling', () => {
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
  // As the route does: the files checked before the transaction.
  const act = async (who: Person, id: number, body: ActionBody, now?: Date) => {
    const files = await checkActionFiles(body.files);
    return db().transaction().execute((trx) => takeSuggestionAction({ trx, actor: who.actor, ip: null }, id, body, { now, files }));
  };
  const refused = (p: Promise<unknown>, code: string) => assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code);
  const row = (id: number) => db().selectFrom('suggestion').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const units = async (id: number) => (await db().selectFrom('suggestion_unit').select(['unit_id', 'role']).where('suggestion_id', '=', id)
    .orderBy('role', 'desc').orderBy('unit_id').execute()).map((u) => [u.unit_id, u.role]);
  const assign = (id: number, extra: Partial<ActionBody> = {}, now?: Date) => act(c.staff, id, {
    action: 'assign', leadUnit: { unitId: c.unit.unitId!, part: '牵头办理' }, coUnits: [{ unitId: c.coUnit.unitId!, part: '资金保障' }], ...extra,
  }, now);
  /** The instant `days` calendar days after today, at 10:00 Shanghai time. */
  const dayAfter = (days: number) => new Date(`${addDays(shanghaiDate(clockNow()), days)}T10:00:00+08:00`);

  it('assigns on a 3-month clock, or 6 when complex, to units of the congress only', async () => {
    const today = shanghaiDate(clockNow());
    const normal = await suggestionIn(make, c);
    await assign(normal);
    const n = await row(normal);
    assert.equal(n.state, 'assigned');
    assert.equal(n.assigned_on, today);
    assert.equal(n.deadline_date, monthsDeadline(cal, today, 3));
    assert.ok(cal.isWorkingDay(n.deadline_date!) && n.deadline_date! >= addMonths(today, 3), 'three months on, moved to a working day');
    assert.equal(n.reassign_until, cal.addWorkingDays(today, 5));
    assert.equal(n.co_view_due, addDays(n.deadline_date!, -30));
    assert.deepEqual(await units(normal), [[c.unit.unitId, 'lead'], [c.coUnit.unitId, 'co']]);
    const told = await db().selectFrom('notification').select('title').where('account_id', 'in', [c.unit.id, c.coUnit.id]).where('link', '=', `/suggestions/${normal}`).execute();
    assert.equal(told.length, 2, 'both units are told');

    const complex = await suggestionIn(make, c);
    await assign(complex, { complex: true });
    const x = await row(complex);
    assert.equal(x.complex, true);
    assert.equal(x.deadline_date, monthsDeadline(cal, today, 6));
    assert.ok(x.deadline_date! > n.deadline_date!);

    const stranger = await make.unit();
    const elsewhere = await suggestionIn(make, c);
    await assert.rejects(act(c.staff, elsewhere, { action: 'assign', leadUnit: { unitId: stranger.id, part: '' } }),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.fields?.[0]?.path === 'leadUnit.unitId');
    // The lead named as a co-unit too, or a co-unit named twice: refused, nothing assigned.
    await assert.rejects(assign(elsewhere, { coUnits: [{ unitId: c.unit.unitId!, part: '配合' }] }),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.fields?.[0]?.code === 'LEAD_ALSO_CO_UNIT' && e.fields[0].path === 'coUnits.0.unitId');
    await assert.rejects(assign(elsewhere, { coUnits: [{ unitId: c.coUnit.unitId!, part: '配合' }, { unitId: c.coUnit.unitId!, part: '资金' }] }),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.fields?.[0]?.code === 'DUPLICATE_VALUES' && e.fields[0].path === 'coUnits.1.unitId');
    assert.equal((await row(elsewhere)).state, 'registered');
    await refused(act(c.staff, elsewhere, { action: 'assign' }), 'VALIDATION_FAILED');
  });

  it('takes a reassignment request within the window: granted, the clock starts again with the new units', async () => {
    const id = await suggestionIn(make, c);
    await assign(id);
    await act(c.unit, id, { action: 'request_reassignment', comment: '该事项属于交通部门职责' }, dayAfter(1));
    assert.equal((await row(id)).state, 'reassign_requested');
    await act(c.staff, id, { action: 'grant_reassignment', leadUnit: { unitId: c.otherUnit.unitId!, part: '牵头办理' } }, dayAfter(3));
    const r = await row(id);
    const restarted = addDays(shanghaiDate(clockNow()), 3);
    assert.equal(r.state, 'assigned');
    assert.equal(r.assigned_on, restarted);
    assert.equal(r.deadline_date, monthsDeadline(cal, restarted, 3));
    assert.deepEqual(await units(id), [[c.otherUnit.unitId, 'lead']]);
    const request = await db().selectFrom('suggestion_reassignment').selectAll().where('suggestion_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(request.unit_id, c.unit.unitId);
    assert.equal(request.decision, 'granted');
    await refused(act(c.unit, id, { action: 'record_contact', comment: '电话沟通', contact: { stage: 'before', mode: 'phone', on: shanghaiDate(clockNow()) } }), 'NOT_FOUND');
  });

  it('keeps the view of a co-unit that stays a co-unit when the lead is reassigned', async () => {
    const id = await suggestionIn(make, c);
    await assign(id);
    await act(c.coUnit, id, { action: 'send_view', comment: '本单位同意配合,资金由区财政统筹' });
    await act(c.unit, id, { action: 'request_reassignment', comment: '该事项属于交通部门职责' });
    await act(c.staff, id, { action: 'grant_reassignment', leadUnit: { unitId: c.otherUnit.unitId!, part: '牵头办理' }, coUnits: [{ unitId: c.coUnit.unitId!, part: '配合' }] });
    assert.deepEqual(await units(id), [[c.otherUnit.unitId, 'lead'], [c.coUnit.unitId, 'co']]);
    const kept = await db().selectFrom('suggestion_unit').select(['view', 'part']).where('suggestion_id', '=', id).where('unit_id', '=', c.coUnit.unitId!).executeTakeFirstOrThrow();
    assert.deepEqual(kept, { view: '本单位同意配合,资金由区财政统筹', part: '配合' });
  });

  it('refuses a request after the window, and a refused request leaves units and clock as they were', async () => {
    const late = await suggestionIn(make, c);
    await assign(late);
    const until = (await row(late)).reassign_until!;
    await refused(act(c.coUnit, late, { action: 'request_reassignment', comment: '不属于本单位职责' }, morningOf(addDays(until, 1))), 'REASSIGN_WINDOW_PASSED');

    const id = await suggestionIn(make, c);
    await assign(id);
    const before = await row(id);
    await act(c.coUnit, id, { action: 'request_reassignment', comment: '不属于本单位职责' });
    await act(c.staff, id, { action: 'refuse_reassignment', comment: '该事项需资金保障,请配合办理' });
    const r = await row(id);
    assert.equal(r.state, 'assigned');
    assert.equal(r.deadline_date, before.deadline_date);
    assert.deepEqual(await units(id), [[c.unit.unitId, 'lead'], [c.coUnit.unitId, 'co']]);
    const request = await db().selectFrom('suggestion_reassignment').selectAll().where('suggestion_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(request.decision, 'refused');
    assert.equal(request.decision_comment, '该事项需资金保障,请配合办理');
  });

  it('keeps a co-unit\'s view with its file, and the lead unit\'s contacts with the deputy', async () => {
    const id = await suggestionIn(make, c);
    await assign(id);
    const today = shanghaiDate(clockNow());
    await act(c.coUnit, id, { action: 'send_view', comment: '同意安排专项资金 20 万元', files: [{ name: '会办意见.pdf', data: pdf.toString('base64'), public: false }] });
    const view = await db().selectFrom('suggestion_unit').select(['view', 'view_at']).where('suggestion_id', '=', id).where('unit_id', '=', c.coUnit.unitId!).executeTakeFirstOrThrow();
    assert.equal(view.view, '同意安排专项资金 20 万元');
    assert.ok(view.view_at);
    const files = await db().selectFrom('suggestion_attachment').select(['purpose', 'mime', 'event_id']).where('suggestion_id', '=', id).execute();
    assert.deepEqual(files.map((f) => [f.purpose, f.mime]), [['co_view', 'application/pdf']]);
    assert.ok(files[0]!.event_id, 'the file belongs to its event');

    await act(c.unit, id, { action: 'record_contact', comment: '到村实地查看并与代表面商', contact: { stage: 'before', mode: 'site_visit', on: today } });
    await act(c.unit, id, { action: 'record_contact', comment: '电话告知进展', contact: { stage: 'during', mode: 'phone', on: today } });
    const contacts = await db().selectFrom('suggestion_contact').select(['stage', 'mode', 'contacted_on', 'unit_id']).where('suggestion_id', '=', id).orderBy('id').execute();
    assert.deepEqual(contacts.map((x) => [x.stage, x.mode, x.contacted_on, x.unit_id]), [['before', 'site_visit', today, c.unit.unitId], ['during', 'phone', today, c.unit.unitId]]);
    await refused(act(c.unit, id, { action: 'record_contact', comment: '将来的沟通', contact: { stage: 'after', mode: 'phone', on: addDays(today, 1) } }), 'VALIDATION_FAILED');
    await refused(act(c.unit, id, { action: 'record_contact', comment: '没有日期' }), 'VALIDATION_FAILED');
    await refused(act(c.coUnit, id, { action: 'record_contact', comment: '会办单位沟通', contact: { stage: 'during', mode: 'phone', on: today } }), 'SUGGESTION_ACTION_FORBIDDEN');
  });

  it('sends an answer rated unsatisfied back for re-handling on a 1-month clock; the second answer is rated and closes it', async () => {
    const id = await suggestionIn(make, c);
    await assign(id);
    await act(c.unit, id, { action: 'answer', comment: '经研究,已安排路灯安装。', answer: { category: 'A', signedBy: '张局长', commitments: [] } });
    const answered = await row(id);
    assert.equal(answered.state, 'answered');
    assert.equal(answered.answer_category, 'A');
    assert.equal(answered.answered_on_time, true);
    await refused(act(c.unit, id, { action: 'rate', rating: 'satisfied' }), 'SUGGESTION_ACTION_FORBIDDEN');

    const ratedOn = dayAfter(2);
    await act(c.lead, id, { action: 'rate', rating: 'unsatisfied', comment: '路灯数量不足' }, ratedOn);
    const back = await row(id);
    assert.equal(back.state, 'rehandling');
    assert.equal(back.round, 2);
    assert.equal(back.deadline_date, monthsDeadline(cal, shanghaiDate(ratedOn), 1));
    const reminders = await db().selectFrom('job').select('dedupe_key').where('dedupe_key', 'like', `suggestion:${id}:remind:${back.deadline_date}:%`).execute();
    assert.ok(reminders.length >= 2, 'the new deadline has its reminders');

    await act(c.unit, id, { action: 'answer', comment: '已增设路灯 20 盏。', answer: { category: 'A', signedBy: '张局长', commitments: [] } }, dayAfter(10));
    const second = await row(id);
    assert.equal(second.state, 'answered');
    assert.equal(second.rating, null, 'the second answer waits for its own rating');
    await act(c.cosigner, id, { action: 'add_rating', rating: 'satisfied' }, dayAfter(11));
    await refused(act(c.cosigner, id, { action: 'add_rating', rating: 'basically_satisfied' }, dayAfter(11)), 'SUGGESTION_ALREADY_RATED');
    await act(c.lead, id, { action: 'rate', rating: 'basically_satisfied' }, dayAfter(12));
    const closed = await row(id);
    assert.equal(closed.state, 'closed');
    assert.ok(closed.closed_at);
    const answers = await db().selectFrom('suggestion_answer').select(['round', 'category']).where('suggestion_id', '=', id).orderBy('round').execute();
    assert.deepEqual(answers.map((a) => [a.round, a.category]), [[1, 'A'], [2, 'A']]);
    const ratings = await db().selectFrom('suggestion_rating').select(['round', 'deputy_id', 'rating']).where('suggestion_id', '=', id).orderBy('round').orderBy('rated_at').execute();
    assert.deepEqual(ratings.map((r) => [r.round, r.deputy_id, r.rating]),
      [[1, c.lead.deputyId, 'unsatisfied'], [2, c.cosigner.deputyId, 'satisfied'], [2, c.lead.deputyId, 'basically_satisfied']]);
  });

  it('lets only a co-signer who confirmed add a rating', async () => {
    const id = await suggestionIn(make, c, 'answered');
    await db().updateTable('suggestion_signer').set({ status: 'invited', responded_at: null }).where('suggestion_id', '=', id).where('deputy_id', '=', c.cosigner.deputyId!).execute();
    await refused(act(c.cosigner, id, { action: 'add_rating', rating: 'satisfied' }), 'SUGGESTION_ACTION_FORBIDDEN');
    await refused(act(c.cosigner, id, { action: 'add_rating' }), 'VALIDATION_FAILED');
  });

  it('follows a B answer\'s commitments to completion, then it becomes A; not while one is open', async () => {
    const id = await suggestionIn(make, c);
    await assign(id);
    const today = shanghaiDate(clockNow());
    const letter = (commitments: { body: string; dueOn: string }[]) => ({ action: 'answer' as const, comment: '已列入明年计划。', answer: { category: 'B' as const, signedBy: '李主任', commitments } });
    await refused(act(c.unit, id, letter([])), 'ANSWER_B_NEEDS_COMMITMENT');
    await refused(act(c.unit, id, letter([{ body: '完成设计', dueOn: addDays(today, -1) }])), 'COMMITMENT_DUE_PAST');
    await act(c.unit, id, letter([{ body: '完成管网设计', dueOn: addDays(today, 30) }, { body: '完成通水', dueOn: addDays(today, 60) }]));
    await act(c.lead, id, { action: 'rate', rating: 'satisfied' });
    assert.equal((await row(id)).state, 'following_up');
    const commitments = await db().selectFrom('suggestion_commitment').select(['id', 'due_on']).where('suggestion_id', '=', id).orderBy('id').execute();
    const pending = async () => (await db().selectFrom('job').select('dedupe_key').where('dedupe_key', 'like', `suggestion:${id}:commitment:%`)
      .where('done_at', 'is', null).execute()).length;
    assert.ok(await pending() >= 2, 'each commitment has its reminders');

    await refused(act(c.unit, id, { action: 'upgrade_answer', comment: '承诺已落实' }), 'COMMITMENTS_OPEN');
    await act(c.unit, id, { action: 'report_progress', comment: '设计已完成', commitmentsDone: [{ id: Number(commitments[0]!.id), note: '设计图已批复' }] });
    await refused(act(c.unit, id, { action: 'report_progress', comment: '重复报告', commitmentsDone: [{ id: Number(commitments[0]!.id), note: '再次' }] }), 'VALIDATION_FAILED');
    await refused(act(c.unit, id, { action: 'upgrade_answer', comment: '承诺已落实' }), 'COMMITMENTS_OPEN');
    await act(c.unit, id, { action: 'report_progress', comment: '已通水', commitmentsDone: [{ id: Number(commitments[1]!.id), note: '120 户已申请接水' }],
      files: [{ name: '通水照片.pdf', data: pdf.toString('base64'), public: true }] });
    assert.equal(await pending(), 0, 'no reminder waits for a kept commitment');
    await act(c.unit, id, { action: 'upgrade_answer', comment: '承诺事项均已落实' });
    const done = await row(id);
    assert.equal(done.state, 'closed');
    assert.equal(done.answer_category, 'A');
    const kept = await db().selectFrom('suggestion_commitment').select(['done_at', 'done_note']).where('suggestion_id', '=', id).orderBy('id').execute();
    assert.deepEqual(kept.map((k) => k.done_note), ['设计图已批复', '120 户已申请接水']);
    assert.ok(kept.every((k) => k.done_at));
  });

  it('notes the answer on the timeline of the cases the suggestion grew from, for their constituents', async () => {
    const id = await suggestionIn(make, c);
    const source = await make.case();
    await db().insertInto('suggestion_source').values({ suggestion_id: id, opinion_id: source.id, activity_id: null }).execute();
    await assign(id);
    await act(c.unit, id, { action: 'answer', comment: '已解决。', answer: { category: 'A', signedBy: '张局长', commitments: [] } });
    const notes = await db().selectFrom('opinion_event').select(['action', 'public']).where('opinion_id', '=', source.id)
      .where('action', '=', 'suggestion_answered').execute();
    assert.deepEqual(notes, [{ action: 'suggestion_answered', public: true }]);
  });

  it('takes actions through its route and serves the answer\'s files to those who see the suggestion', async () => {
    const id = await suggestionIn(make, c);
    const res = await c.staff.client.post(`/api/suggestions/${id}/actions`, {
      action: 'assign', leadUnit: { unitId: c.unit.unitId, part: '' }, coUnits: [{ unitId: c.coUnit.unitId, part: '配合' }], complex: true,
    });
    assert.equal(res.statusCode, 200, res.body);
    const { data, ...moved } = res.json<{ id: number; from: string; to: string; data: Record<string, unknown> }>();
    assert.deepEqual(moved, { id, from: 'registered', to: 'assigned' });
    assert.equal(data.complex, true);

    const wrongType = await c.unit.client.post(`/api/suggestions/${id}/actions`, {
      action: 'answer', comment: '答复', answer: { category: 'A', signedBy: '张局长' }, files: [{ name: '答复函.pdf', data: Buffer.from('<html>no</html>').toString('base64') }],
    });
    assert.equal(wrongType.statusCode, 400);
    assert.equal(wrongType.json().error.code, 'REPLY_ATTACHMENT_TYPE');
    const answered = await c.unit.client.post(`/api/suggestions/${id}/actions`, {
      action: 'answer', comment: '已解决。', answer: { category: 'A', signedBy: '张局长' }, files: [{ name: '答复函.pdf', data: pdf.toString('base64'), public: true }],
    });
    assert.equal(answered.statusCode, 200, answered.body);
    const file = await db().selectFrom('suggestion_attachment').select('id').where('suggestion_id', '=', id).where('purpose', '=', 'answer').executeTakeFirstOrThrow();
    const url = `/api/suggestions/${id}/files/${file.id}`;
    const got = await c.lead.client.get(url);
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers['content-type'], 'application/pdf');
    assert.deepEqual(Buffer.from(got.rawPayload), pdf);
    assert.equal((await c.otherUnit.client.get(url)).statusCode, 404, 'a unit it is not assigned to');
    assert.equal((await c.cosigner.client.post(`/api/suggestions/${id}/actions`, { action: 'rate', rating: 'satisfied' })).statusCode, 403);
  });
});
