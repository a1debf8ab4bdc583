/**
 * The demo's 述职, loaded as at the first start on whatever day the clock says: 王惠敏's
 * report-back at 公和村's banyan tree five weeks ago, evaluated, with a three-item issue list;
 * 梁俊华's in three days; 平桂区's plan with due and overdue deputies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { resetClock, setClock, today } from '../../platform/clock.js';
import { onTemplateDay } from '../../testing/demoDates.js';
import { verifyAuditChain } from '../audit/index.js';
import { signIn, startTestApp, type TestApp } from '../../testing/harness.js';
import { loadDemoReportBacks } from './demo.js';

describe('the demo report-backs of 平桂区', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof loadDemoReportBacks>>;
  before(async () => {
    // The demo loaded and read on one day: the template's, on a clock that stays put (a run may cross midnight).
    setClock(onTemplateDay());
    t = await startTestApp();
    ids = await t.database.db.transaction().execute((trx) => loadDemoReportBacks(trx));
  });
  after(async () => {
    await t.close();
    resetClock();
  });

  it('tells 王惠敏\'s evaluated report-back under the banyan tree, its days before today, with a three-item issue list', async () => {
    const wang = await signIn(t.app, 'wanghuimin');
    const mine = (await wang.get('/api/report-backs?mine=true')).json<{ items: { id: number }[] }>();
    assert.deepEqual(mine.items.map((i) => i.id), [ids.held]);
    const rb = (await wang.get(`/api/report-backs/${ids.held}`)).json<{
      state: string; activity: { startsAt: string; place: string }; headcount: number; report: { version: number; source: string };
      evaluation: { counts: { total: number; paper: number; unsatisfied: number }; satisfiedPercent: number; overHeadcount: boolean };
    }>();
    assert.equal(rb.state, 'evaluated');
    assert.equal(shanghaiDate(new Date(rb.activity.startsAt)), addDays(today(), -35));
    assert.match(rb.activity.place, /榕树头/);
    assert.equal(rb.evaluation.counts.total, 34);
    assert.equal(rb.evaluation.counts.paper, 4);
    assert.ok(rb.evaluation.counts.unsatisfied > 0 && rb.evaluation.satisfiedPercent > 90);
    assert.equal(rb.evaluation.overHeadcount, false);
    assert.deepEqual([rb.report.version, rb.report.source], [2, 'edited']);
    const text = (await wang.get(`/api/report-backs/${ids.held}/report`)).json<{ current: { text: string } }>().current.text;
    assert.doesNotMatch(text, /请代表补充/, 'her edit replaced the placeholder');
    assert.equal(text.match(/五、存在的不足/g)?.length, 1, 'one heading of the section');
    assert.match(text, /五、存在的不足和今后打算\n一是到村入户走访/);
    assert.match(text, /请大家继续监督。\n\n以上报告/, 'her part before the closing words');
    const issues = (await wang.get(`/api/report-backs/${ids.held}/issues`)).json<{ items: { state: string; overdue: boolean; case: unknown }[] }>();
    assert.deepEqual(issues.items.map((i) => i.state), ['closed', 'handed_case', 'open']);
    assert.equal(issues.items[2]!.overdue, true);
    assert.ok(issues.items[1]!.case);
    assert.equal((await verifyAuditChain(t.database.db)).ok, true);
  });

  it('schedules 梁俊华\'s report-back in three days and shows 平桂区\'s plan with overdue deputies', async () => {
    const officer = await signIn(t.app, 'huangtian');
    const next = (await officer.get(`/api/report-backs/${ids.upcoming}`)).json<{ state: string; actions: string[]; congress: { level: string } }>();
    assert.equal(next.state, 'scheduled');
    assert.equal(next.congress.level, 'township');
    assert.ok(!next.actions.includes('open_evaluation') && next.actions.includes('cancel'), 'the evaluation opens on the meeting\'s day');
    const staff = await signIn(t.app, 'pinggui');
    const plan = (await staff.get('/api/report-backs/plan?level=county&regionCode=451103')).json<{ counts: { reported: number; overdue: number }; deputies: { name: string; status: string }[] }>();
    assert.equal(plan.deputies.find((d) => d.name === '王惠敏')?.status, 'reported');
    assert.ok(plan.counts.overdue > 0);
    const township = (await staff.get('/api/report-backs/plan?level=township&regionCode=451103101')).json<{ congress: { cadence: string }; counts: { due: number } }>();
    assert.equal(township.congress.cadence, 'yearly');
    assert.ok(township.counts.due > 0);
  });
});
