/**
 * What taking part in budget review earns a deputy, read through the API: the points (one fact per
 * review commented on, one per evaluation scored), the performance archive and its PDF; and the
 * budget notifications sorted into their types, as users' preferences and inbox filters read them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { factories, type SignedIn } from '../../testing/factories.js';
import { budgetWorld, call, openReview, type BudgetWorld } from '../../testing/budget.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';

describe('budget review credits the deputies who take part', () => {
  let t: TestApp;
  let w: BudgetWorld;
  let dir: string;
  let reviewId: number;
  const year = () => Number(shanghaiDate(clockNow()).slice(0, 4));
  before(async () => {
    t = await startTestApp();
    w = await budgetWorld(factories(t));
    dir = mkdtempSync(path.join(tmpdir(), 'lx-budget-credit-'));
    const review = await openReview(w, year());
    reviewId = review.id;
    // deputy: two comments and a question on a report; deputy2: nothing before the evaluation.
    const first = await call(w.deputy.client, 'POST', `/api/budget-reviews/${reviewId}/comments`, { projectId: review.projectId, body: '建议公开改造小区名单。' }, 201);
    await call(w.deputy.client, 'POST', `/api/budget-reviews/${reviewId}/comments`, { body: '三公经费应继续压减。' }, 201);
    const report = await call(w.finance.client, 'POST', `/api/budget-reviews/${reviewId}/reports`, { kind: 'debt', title: '政府债务管理情况的报告', summary: '债务余额在限额之内。' }, 201);
    await call(w.deputy.client, 'POST', `/api/budget-reviews/${reviewId}/comments`, { reportId: report.id, body: '隐性债务化解进度如何?' }, 201);
    await call(w.department.client, 'POST', `/api/budget-comments/${first.id}/answer`, { body: '名单将在政务公开栏公布。' });
    await call(w.staff.client, 'PUT', `/api/budget-reviews/${reviewId}/opinion`, { projectId: null, recommendation: 'agree', body: '预算草案总体可行。' });
    for (const action of ['finish_preliminary', 'submit']) await call(w.staff.client, 'POST', `/api/budget-reviews/${reviewId}/actions`, { action });
    await call(w.staff.client, 'POST', `/api/budget-reviews/${reviewId}/actions`, { action: 'approve', comment: '区人民代表大会批准' });
    const started = await call(w.staff.client, 'POST', `/api/budget-reviews/${reviewId}/evaluations`,
      { projectId: review.projectId, participantIds: [w.deputy.deputyId, w.deputy2.deputyId] }, 201);
    const evaluationId = started.evaluations[0].id as number;
    await call(w.deputy2.client, 'POST', `/api/budget-evaluations/${evaluationId}/score`, { score: 80 });
    // Scoring again earns nothing more.
    await call(w.deputy2.client, 'POST', `/api/budget-evaluations/${evaluationId}/score`, { score: 85 });
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const ledger = async (who: SignedIn) => {
    const res = await who.client.get(`/api/points/deputies/${who.deputyId}?year=${year()}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ entries: { source: string; ref: { type: string; id: number; title: string; link: string | null }; rule: { key: string; value: number } | null }[] }>();
  };

  it('gives one point per review commented on, however many comments and questions, and one per evaluation scored', async () => {
    const mine = (await ledger(w.deputy)).entries.filter((e) => e.source.startsWith('budget_'));
    assert.deepEqual(mine.map((e) => [e.source, e.ref.type, e.ref.id, e.ref.link, e.rule?.key, e.rule?.value]),
      [['budget_comment', 'budget_review', reviewId, `/budget/${reviewId}`, 'budgetComment', 1]], 'a participant who has not scored earns no evaluation point');
    const theirs = (await ledger(w.deputy2)).entries.filter((e) => e.source.startsWith('budget_'));
    assert.deepEqual(theirs.map((e) => [e.source, e.rule?.key, e.rule?.value]), [['budget_evaluation', 'budgetEvaluation', 1]]);
    assert.match(theirs[0]!.ref.title, /城区老旧小区改造/);
  });

  it('prices the budget rules as a region sets them', async () => {
    const rules = await call(w.staff.client, 'GET', '/api/points/rules');
    const text = JSON.stringify(rules);
    assert.ok(text.includes('budgetComment') && text.includes('budgetEvaluation'), 'the rules name the budget keys');
  });

  it('lists the reviews taken part in on the performance archive and its PDF', async () => {
    const archive = await call(w.deputy.client, 'GET', `/api/deputies/${w.deputy.deputyId}/archive`);
    assert.deepEqual(archive.summary.budget, { reviews: 1, comments: 2, questions: 1, evaluations: 0 });
    assert.equal(archive.budgetReviews.length, 1);
    assert.equal(archive.budgetReviews[0].id, reviewId);
    assert.equal(archive.budgetReviews[0].kind, 'draft');
    const other = await call(w.deputy2.client, 'GET', `/api/deputies/${w.deputy2.deputyId}/archive`);
    assert.deepEqual(other.summary.budget, { reviews: 1, comments: 0, questions: 0, evaluations: 1 });
    const outsider = await call(w.outsider.client, 'GET', `/api/deputies/${w.outsider.deputyId}/archive`);
    assert.deepEqual(outsider.budgetReviews, []);

    const pdf = await w.deputy.client.get(`/api/deputies/${w.deputy.deputyId}/archive.pdf`);
    assert.equal(pdf.statusCode, 200, pdf.body);
    const file = path.join(dir, 'archive.pdf');
    writeFileSync(file, pdf.rawPayload);
    const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const text = run.stdout.replace(/\s+/g, '');
    for (const s of ['参与预算审查', '提出意见2条,询问报告1条,参加绩效评价0项', archive.budgetReviews[0].title]) assert.ok(text.includes(s.replace(/\s+/g, '')), s);
  });

  it('sorts the budget notifications into types, none under other', async () => {
    const kinds = async (who: SignedIn, type: string) => {
      const res = await who.client.get(`/api/notifications?type=${type}&limit=100`);
      assert.equal(res.statusCode, 200, res.body);
      return new Set(res.json<{ items: { kind: string }[] }>().items.map((n) => n.kind).filter((k) => k.startsWith('budget.')));
    };
    assert.deepEqual([...await kinds(w.deputy, 'task')].sort(), ['budget.evaluate', 'budget.open']);
    assert.deepEqual([...await kinds(w.deputy, 'result')], ['budget.answer']);
    assert.deepEqual([...await kinds(w.department, 'task')], ['budget.comment']);
    for (const who of [w.deputy, w.deputy2, w.finance, w.department, w.staff]) assert.equal((await kinds(who, 'other')).size, 0);
  });
});
