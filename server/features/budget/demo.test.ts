/**
 * The demo's budget review of 平桂区, as loaded today (whatever day that is): the finance
 * office's clerk signs in and finds the question waiting for it; a deputy of the term reads the
 * approved draft with its opinions, answers, reports and the concluded evaluation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { loadDemoSuggestions } from '../suggestions/index.js';
import { loadDemoBudget } from './demo.js';

describe('the demo budget review of 平桂区', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    // As the first start loads it: after the suggestions' demo (its deputies' and clerks' logins).
    await t.database.db.transaction().execute(async (trx) => {
      await loadDemoSuggestions(trx);
      await loadDemoBudget(trx);
    });
  });
  after(() => t.close());

  it('has the year\'s draft approved, with the finance office\'s question waiting and the evaluation concluded', async () => {
    const year = Number(shanghaiDate(clockNow()).slice(0, 4));
    const finance = await signIn(t.app, 'caizhengju');
    const list = (await finance.get('/api/budget-reviews')).json<{ items: { id: number; kind: string; year: number; state: string; myPart: string }[] }>().items;
    const draft = list.find((r) => r.kind === 'draft')!;
    assert.equal(draft.year, year);
    assert.equal(draft.state, 'approved');
    assert.equal(draft.myPart, 'finance');
    const todo = (await finance.get('/api/todo')).json<{ items: { key: string; count: number }[] }>().items;
    assert.equal(todo.find((i) => i.key === 'budget.answer')!.count, 1);

    const deputy = await signIn(t.app, 'wanghuimin');
    const review = (await deputy.get(`/api/budget-reviews/${draft.id}`)).json<{
      myPart: string; projects: unknown[]; generalOpinion: unknown; reports: { kind: string }[]; evaluations: { grade: string }[]; openCommentCount: number;
    }>();
    assert.equal(review.myPart, 'deputy');
    assert.equal(review.projects.length, 4);
    assert.ok(review.generalOpinion);
    assert.deepEqual(review.reports.map((r) => r.kind).sort(), ['debt', 'state_assets']);
    assert.equal(review.evaluations[0]!.grade, 'excellent');
    assert.equal(review.openCommentCount, 1);
  });
});
