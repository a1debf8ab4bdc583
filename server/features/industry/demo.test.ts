/**
 * The 连平 鹰嘴蜜桃 demo as its staff and its deputy find it: the point with its structure complete,
 * every member's credit code valid, the 100-day campaign about half done by day 50, and the
 * courier issue of one visit turned into a case at the point.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { isCreditCode } from './uscc.js';

describe('the 连平 industry demo', () => {
  let t: TestApp;
  let staff: Client;
  let deputy: Client;
  let pointId: number;

  before(async () => {
    t = await startTestApp();
    staff = await signIn(t.app, 'lianping');
    deputy = await signIn(t.app, 'yetaoxiang');
  });
  after(async () => { await t.close(); });

  it('shows the point with its 1+2+5+N structure complete and valid credit codes', async () => {
    const points = (await staff.get('/api/industry/points')).json().items as { id: number; name: string; organisationGaps: string[]; enterpriseCount: number }[];
    const point = points.find((p) => p.name === '连平县鹰嘴蜜桃产业代表联络站')!;
    pointId = point.id;
    assert.deepEqual(point.organisationGaps, []);
    assert.equal(point.enterpriseCount, 32);
    const detail = (await deputy.get(`/api/industry/points/${pointId}`)).json();
    assert.equal(detail.organisation.lead[0].name, '罗建东');
    assert.equal(detail.organisation.conveners.length, 2);
    assert.ok(detail.organisation.residents.length >= 5);
    const enterprises = (await deputy.get(`/api/industry/points/${pointId}/enterprises?limit=100`)).json().items as { creditCode: string; contactPhone: string }[];
    assert.ok(enterprises.every((e) => isCreditCode(e.creditCode)));
    assert.ok(enterprises.every((e) => e.contactPhone.includes('****')));
    const jewellery = points.find((p) => p.name === '平桂区黄金珠宝产业代表联络站');
    assert.equal(jewellery, undefined, '连平 staff see only their county');
  });

  it('has a 100-day campaign about half done, with one visit issue made a case', async () => {
    const campaigns = (await staff.get(`/api/industry/points/${pointId}/campaigns`)).json().items as { id: number; progress: { target: number; visited: number; daysElapsed: number; periodDays: number } }[];
    const c = campaigns[0]!;
    assert.equal(c.progress.periodDays, 100);
    // Day 50 on the day the demo was loaded; the test database is prepared once per run, so a run
    // that crosses midnight (Asia/Shanghai) reads it on day 51.
    assert.ok(c.progress.daysElapsed === 50 || c.progress.daysElapsed === 51, `day ${c.progress.daysElapsed}`);
    assert.ok(c.progress.visited >= c.progress.target * 0.4 && c.progress.visited <= c.progress.target * 0.6, `${c.progress.visited}/${c.progress.target}`);
    const detail = (await deputy.get(`/api/industry/campaigns/${c.id}`)).json();
    const issues = detail.visits.flatMap((v: { issues: { caseId: number | null }[] }) => v.issues);
    assert.equal(issues.length, 1);
    const origin = (await staff.get(`/api/industry/issues?caseId=${issues[0].caseId}`)).json();
    assert.equal(origin.items[0].campaignId, c.id);
    const visitsByYe = detail.visits.filter((v: { deputies: { name: string }[] }) => v.deputies.some((d) => d.name === '叶桃香'));
    assert.ok(visitsByYe.length >= 3);
  });
});
