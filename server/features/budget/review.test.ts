/**
 * The budget review's paths through the API: a county congress's staff create the draft's review
 * with its finance office; the finance office enters key projects; opened, the term's deputies
 * comment and the department and the finance office answer; the committee records its opinions;
 * the cycle runs to approval; reports with their questions; a performance evaluation; the
 * adjustment starting from the approved draft. Who reaches what is checked on the way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { factories, type Factories } from '../../testing/factories.js';
import { budgetWorld, call, refused, type BudgetWorld, type Json } from '../../testing/budget.js';
import { shanghaiDate, addDays } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('budget review through the API', () => {
  let t: TestApp;
  let make: Factories;
  let w: BudgetWorld;
  before(async () => {
    t = await startTestApp();
    make = factories(t);
    w = await budgetWorld(make);
  });
  after(() => t.close());

  const year = () => Number(shanghaiDate(clockNow()).slice(0, 4));

  it('runs the draft through its cycle with comments, answers, opinions, reports and an evaluation; then the adjustment', async () => {
    const today = shanghaiDate(clockNow());
    const created = await call(w.staff.client, 'POST', '/api/budget-reviews', {
      termId: w.termId, year: year(), kind: 'draft', financeUnitId: w.financeUnitId, commentsDueOn: addDays(today, 10), answerDays: 5,
      summary: '一般公共预算收入…', revenueYuan: 1_200_000_000, expenditureYuan: 2_300_000_000,
    }, 201);
    const id = created.id as number;
    assert.equal(created.state, 'preparing');
    assert.equal(created.myPart, 'staff');
    assert.match(created.title, /年预算草案审查$/);
    await refused(w.staff.client, 'POST', '/api/budget-reviews', { termId: w.termId, year: year(), kind: 'draft', financeUnitId: w.financeUnitId }, 409, 'BUDGET_REVIEW_EXISTS');
    await refused(w.staff.client, 'POST', '/api/budget-reviews', { termId: w.termId, year: year(), kind: 'adjustment', financeUnitId: w.financeUnitId }, 409, 'BUDGET_DRAFT_NOT_APPROVED');

    // Being prepared: deputies and departments do not see it; the finance office does and enters projects.
    await refused(w.deputy.client, 'GET', `/api/budget-reviews/${id}`, undefined, 404, 'NOT_FOUND');
    assert.equal((await call(w.deputy.client, 'GET', '/api/budget-reviews')).items.length, 0);
    await refused(w.staff.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'open' }, 409, 'BUDGET_NO_PROJECTS');
    const withProject = await call(w.finance.client, 'POST', `/api/budget-reviews/${id}/projects`, {
      name: '城区老旧小区改造', category: '民生', departmentUnitId: w.departmentUnitId, amountYuan: 35_000_000, description: '改造 12 个小区',
    }, 201);
    assert.equal(withProject.myPart, 'finance');
    const projectId = withProject.projects[0].id as number;
    await call(w.staff.client, 'POST', `/api/budget-reviews/${id}/projects`, { name: '乡村道路养护', amountYuan: 8_000_000 }, 201);
    const spare = await call(w.staff.client, 'POST', `/api/budget-reviews/${id}/projects`, { name: '待删除项目', amountYuan: 1 }, 201);
    await call(w.staff.client, 'DELETE', `/api/budget-projects/${spare.projects[2].id}`);
    await refused(w.deputy.client, 'POST', `/api/budget-reviews/${id}/projects`, { name: 'x', amountYuan: 1 }, 403, 'FORBIDDEN');

    // Opened: the deputies of the term read it; a deputy of another congress does not.
    await refused(w.finance.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'open' }, 403, 'FORBIDDEN');
    const opened = await call(w.staff.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'open' });
    assert.equal(opened.state, 'open');
    await refused(w.staff.client, 'POST', `/api/budget-reviews/${id}/projects`, { name: 'x', amountYuan: 1 }, 409, 'BUDGET_PROJECTS_LOCKED');
    const seen = await call(w.deputy.client, 'GET', `/api/budget-reviews/${id}`);
    assert.equal(seen.myPart, 'deputy');
    assert.equal(seen.can.comment, true);
    assert.equal(seen.projects.length, 2);
    await refused(w.outsider.client, 'GET', `/api/budget-reviews/${id}`, undefined, 404, 'NOT_FOUND');
    await refused(w.otherUnit.client, 'GET', `/api/budget-reviews/${id}`, undefined, 404, 'NOT_FOUND');

    // Comments: on the project to its department; a general one to the finance office.
    const onProject = await call(w.deputy.client, 'POST', `/api/budget-reviews/${id}/comments`, { projectId, body: '建议公开改造小区名单和分年度计划。' }, 201);
    assert.equal(onProject.addressedKind, 'department');
    assert.equal(onProject.addressedTo.id, w.departmentUnitId);
    assert.equal(onProject.dueOn, addDays(today, 5));
    const general = await call(w.deputy2.client, 'POST', `/api/budget-reviews/${id}/comments`, { body: '三公经费应继续压减。' }, 201);
    assert.equal(general.addressedKind, 'finance');
    await refused(w.outsider.client, 'POST', `/api/budget-reviews/${id}/comments`, { body: 'x' }, 404, 'NOT_FOUND');

    // The department reads its project and the comment addressed to it only.
    const asDepartment = await call(w.department.client, 'GET', `/api/budget-reviews/${id}`);
    assert.equal(asDepartment.myPart, 'department');
    assert.deepEqual(asDepartment.projects.map((p: Json) => p.id), [projectId]);
    assert.deepEqual((await call(w.department.client, 'GET', `/api/budget-reviews/${id}/comments`)).map((c: Json) => c.id), [onProject.id]);
    assert.equal((await call(w.finance.client, 'GET', `/api/budget-reviews/${id}/comments`)).length, 2);
    await refused(w.finance.client, 'POST', `/api/budget-comments/${onProject.id}/answer`, { body: 'x' }, 403, 'FORBIDDEN');
    await refused(w.department.client, 'POST', `/api/budget-comments/${general.id}/answer`, { body: 'x' }, 404, 'NOT_FOUND');
    const answered = await call(w.department.client, 'POST', `/api/budget-comments/${onProject.id}/answer`, { body: '名单已在政府网站公开。' });
    assert.equal(answered.state, 'answered');
    await refused(w.department.client, 'POST', `/api/budget-comments/${onProject.id}/answer`, { body: 'again' }, 409, 'BUDGET_COMMENT_ANSWERED');

    // The committee's opinions, then the cycle.
    await refused(w.staff.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'finish_preliminary' }, 409, 'BUDGET_OPINION_MISSING');
    await call(w.staff.client, 'PUT', `/api/budget-reviews/${id}/opinion`, { projectId, recommendation: 'agree_with_changes', body: '建议细化绩效目标。' });
    const withGeneral = await call(w.staff.client, 'PUT', `/api/budget-reviews/${id}/opinion`, { projectId: null, recommendation: 'agree', body: '预算草案总体可行。' });
    assert.equal(withGeneral.generalOpinion.recommendation, 'agree');
    assert.equal(withGeneral.projects[0].opinion.body, '建议细化绩效目标。');
    await call(w.staff.client, 'PUT', `/api/budget-reviews/${id}/opinion`, { projectId: null, recommendation: 'agree', body: '预算草案总体可行,建议通过。' });
    await call(w.staff.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'finish_preliminary' });
    await call(w.staff.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'submit' });
    await refused(w.deputy.client, 'POST', `/api/budget-reviews/${id}/comments`, { body: 'late' }, 409, 'BUDGET_COMMENTS_CLOSED');
    await refused(w.staff.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'approve' }, 400, 'VALIDATION_FAILED');
    await refused(w.staff.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'submit' }, 409, 'BUDGET_TRANSITION_INVALID');

    // A report with its document and a question on it, answered by the finance office.
    const reported = await call(w.finance.client, 'POST', `/api/budget-reviews/${id}/reports`, {
      kind: 'debt', title: '政府债务情况报告', summary: '债务余额…', files: [{ name: '债务报告.pdf', data: pdf.toString('base64') }],
    }, 201);
    const report = reported.reports[0];
    const file = await w.deputy.client.get(report.files[0].url);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    const question = await call(w.deputy.client, 'POST', `/api/budget-reviews/${id}/comments`, { reportId: report.id, body: '隐性债务化解进度如何?' }, 201);
    assert.equal(question.addressedKind, 'finance');
    await call(w.finance.client, 'POST', `/api/budget-comments/${question.id}/answer`, { body: '已化解 60%。' });

    const approved = await call(w.staff.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'approve', comment: '第一次会议批准' });
    assert.equal(approved.resolution, '第一次会议批准');
    await refused(w.staff.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'close' }, 409, 'BUDGET_COMMENTS_OPEN');
    await call(w.finance.client, 'POST', `/api/budget-comments/${general.id}/answer`, { body: '已压减 5%。' });

    // Performance evaluation.
    await refused(w.staff.client, 'POST', `/api/budget-reviews/${id}/evaluations`, { projectId, participantIds: [w.outsider.deputyId] }, 400, 'VALIDATION_FAILED');
    const started = await call(w.staff.client, 'POST', `/api/budget-reviews/${id}/evaluations`, { projectId, participantIds: [w.deputy.deputyId, w.deputy2.deputyId] }, 201);
    const evaluationId = started.evaluations[0].id as number;
    await refused(w.staff.client, 'POST', `/api/budget-evaluations/${evaluationId}/conclude`, { findings: 'x' }, 409, 'BUDGET_EVALUATION_UNSCORED');
    await call(w.deputy.client, 'POST', `/api/budget-evaluations/${evaluationId}/score`, { score: 88, criteria: { decision: 90, output: 85 }, opinion: '进度正常' });
    await call(w.deputy2.client, 'POST', `/api/budget-evaluations/${evaluationId}/score`, { score: 93 });
    const concluded = await call(w.staff.client, 'POST', `/api/budget-evaluations/${evaluationId}/conclude`, { findings: '项目按计划推进。' });
    assert.equal(concluded.evaluations[0].averageScore, 90.5);
    assert.equal(concluded.evaluations[0].grade, 'excellent');
    await refused(w.deputy.client, 'POST', `/api/budget-evaluations/${evaluationId}/score`, { score: 10 }, 409, 'BUDGET_EVALUATION_CONCLUDED');

    // The adjustment starts from the approved draft's projects.
    const adjustment = await call(w.staff.client, 'POST', '/api/budget-reviews', { termId: w.termId, year: year(), kind: 'adjustment', financeUnitId: w.financeUnitId }, 201);
    assert.equal(adjustment.projects.length, 2);
    assert.equal(adjustment.projects[0].originalAmountYuan, 35_000_000);
    const closed = await call(w.staff.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'close' });
    assert.equal(closed.state, 'closed');

    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'budget%').execute();
    for (const a of ['budget_review.create', 'budget_review.open', 'budget_comment.create', 'budget_comment.answer', 'budget_opinion.record', 'budget_evaluation.conclude', 'budget_report.create']) {
      assert.ok(audit.some((x) => x.action === a), a);
    }
  });
});
