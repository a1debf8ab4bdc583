/**
 * What budget review produces besides its pages: the Excel lists read back by LibreOffice, the
 * review opinions PDF read by pdftotext, the to-do items of deputies, units and staff, and the
 * reminder of an unanswered comment on its due day and after it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { factories, type Factories, type SignedIn } from '../../testing/factories.js';
import { budgetWorld, call, openReview, type BudgetWorld } from '../../testing/budget.js';
import { libreOfficeCsv } from '../../testing/officeFiles.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { runDueJobs } from '../../platform/jobs/runner.js';
import { morningOf } from '../../platform/workflow/timers.js';

describe('budget review documents, to-dos and reminders', () => {
  let t: TestApp;
  let make: Factories;
  let w: BudgetWorld;
  let dir: string;
  let review: { id: number; projectId: number };
  let comment: number;
  const year = () => Number(shanghaiDate(clockNow()).slice(0, 4));
  before(async () => {
    t = await startTestApp();
    make = factories(t);
    w = await budgetWorld(make);
    dir = mkdtempSync(path.join(tmpdir(), 'lx-budget-'));
    review = await openReview(w, year());
    comment = (await call(w.deputy.client, 'POST', `/api/budget-reviews/${review.id}/comments`, { projectId: review.projectId, body: '建议公开改造小区名单。' }, 201)).id as number;
    await call(w.deputy2.client, 'POST', `/api/budget-reviews/${review.id}/comments`, { body: '三公经费应继续压减。' }, 201);
    await call(w.staff.client, 'PUT', `/api/budget-reviews/${review.id}/opinion`, { projectId: review.projectId, recommendation: 'agree_with_changes', body: '建议细化绩效目标。' });
    await call(w.staff.client, 'PUT', `/api/budget-reviews/${review.id}/opinion`, { projectId: null, recommendation: 'agree', body: '预算草案总体可行。' });
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const todo = async (who: SignedIn) => {
    const res = await who.client.get('/api/todo');
    assert.equal(res.statusCode, 200, res.body);
    return Object.fromEntries(res.json<{ items: { key: string; count: number }[] }>().items.filter((i) => i.key.startsWith('budget.')).map((i) => [i.key, i.count]));
  };

  it('exports the key projects with opinions and the comments with answers, as LibreOffice reads them; a department gets its own', async () => {
    const projects = await w.staff.client.get(`/api/budget-projects.xlsx?reviewId=${review.id}`);
    assert.equal(projects.statusCode, 200, projects.body);
    const sheet = libreOfficeCsv(projects.rawPayload);
    assert.deepEqual(sheet[0]!.slice(0, 4), ['项目名称', '类别', '主管部门', '预算金额(元)']);
    const row = sheet.find((r) => r[0] === '城区老旧小区改造')!;
    assert.equal(row[3], '35000000');
    assert.equal(row[6], '原则同意,建议调整');
    assert.equal(row[8], '1');
    assert.equal(sheet.length, 3);
    const comments = libreOfficeCsv((await w.finance.client.get(`/api/budget-comments.xlsx?reviewId=${review.id}`)).rawPayload);
    assert.equal(comments.length, 3);
    const mine = libreOfficeCsv((await w.department.client.get(`/api/budget-comments.xlsx?reviewId=${review.id}`)).rawPayload);
    assert.deepEqual(mine.slice(1).map((r) => r[2]), ['建议公开改造小区名单。']);
    assert.equal((await w.otherUnit.client.get(`/api/budget-projects.xlsx?reviewId=${review.id}`)).statusCode, 404);
  });

  it('prints the review opinions as a PDF that pdftotext reads; not for a department', async () => {
    const res = await w.deputy.client.get(`/api/budget-reviews/${review.id}/opinions.pdf`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const file = path.join(dir, 'opinions.pdf');
    writeFileSync(file, res.rawPayload);
    const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const text = run.stdout.replace(/\s+/g, '');
    for (const s of ['预算审查委员会总体初审意见', '预算草案总体可行', '城区老旧小区改造', '建议细化绩效目标', '三公经费应继续压减', '3,500万元']) assert.ok(text.includes(s), s);
    assert.equal((await w.department.client.get(`/api/budget-reviews/${review.id}/opinions.pdf`)).statusCode, 403);
  });

  it('lists the work waiting: comments to answer, reviews to comment on, evaluations to score, overdue comments', async () => {
    assert.deepEqual(await todo(w.department), { 'budget.answer': 1 });
    assert.deepEqual(await todo(w.finance), { 'budget.answer': 1 });
    assert.deepEqual(await todo(w.otherUnit), { 'budget.answer': 0 });
    const other = await make.signedIn('deputy', { deputyId: (await t.database.db.selectFrom('deputy').select('id').where('id', 'not in', [w.deputy.deputyId!, w.deputy2.deputyId!, w.outsider.deputyId!]).limit(1).executeTakeFirstOrThrow()).id });
    assert.equal((await todo(other))['budget.comment'], 0);
    assert.deepEqual(await todo(w.deputy), { 'budget.comment': 0, 'budget.evaluate': 0 });
    assert.deepEqual(await todo(w.staff), { 'budget.overdue': 0 });
    const list = await call(w.department.client, 'GET', '/api/todo/budget.answer');
    assert.deepEqual(list.items.map((i: { href: string }) => i.href), ['/budget-answers']);
    const mine = await call(w.department.client, 'GET', '/api/budget-comments?state=open');
    assert.deepEqual(mine.items.map((c: { id: number }) => c.id), [comment]);
    assert.equal(mine.items[0].review.id, review.id);
  });

  it('reminds the unit on the due day and, overdue, the congress\'s staff every day after until answered', async () => {
    const db = t.database.db;
    const due = (await db.selectFrom('budget_comment').select('due_on').where('id', '=', comment).executeTakeFirstOrThrow()).due_on;
    assert.equal(due, addDays(shanghaiDate(clockNow()), 5));
    const runAt = (day: string) => runDueJobs(db, { workerId: 'test', now: new Date(morningOf(day).getTime() + 60_000) });
    const told = async (accountId: number) => (await db.selectFrom('notification').select('title').where('account_id', '=', accountId).where('kind', '=', 'budget.remind').execute()).map((n) => n.title);
    const ran = await runAt(due);
    const failed = await db.selectFrom('job').select(['kind', 'last_error']).where('kind', '=', 'budget.remind').execute();
    assert.equal(ran.failed + ran.retry, 0, JSON.stringify(failed));
    assert.equal((await told(w.department.id)).length, 1);
    assert.match((await told(w.department.id))[0]!, /今天到期/);
    assert.equal((await told(w.staff.id)).length, 0);
    await runAt(addDays(due, 1));
    assert.equal((await told(w.department.id)).length, 2);
    assert.match((await told(w.staff.id))[0]!, /督办提醒.*超过答复期限/);
    // Seen from a day after it was due, the staff's to-do lists it as overdue.
    await db.updateTable('budget_comment').set({ due_on: addDays(shanghaiDate(clockNow()), -1) }).where('id', '=', comment).execute();
    assert.equal((await call(w.staff.client, 'GET', '/api/todo')).items.find((i: { key: string }) => i.key === 'budget.overdue').count, 1);
    await call(w.department.client, 'POST', `/api/budget-comments/${comment}/answer`, { body: '名单已公开。' });
    await runAt(addDays(due, 2));
    assert.equal((await told(w.department.id)).length, 2, 'answered: no more reminders');
  });
});
