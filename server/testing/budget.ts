/**
 * Test helpers of budget review: a county congress with a running term, its staff, two deputies
 * of the term and one of no congress, the finance office, a department and another unit, each
 * with a signed-in clerk; and calls through the API that assert the status.
 */
import assert from 'node:assert/strict';
import type { Client } from './harness.js';
import type { Factories, SignedIn } from './factories.js';

export interface BudgetWorld {
  staff: SignedIn; finance: SignedIn; department: SignedIn; otherUnit: SignedIn;
  deputy: SignedIn; deputy2: SignedIn; outsider: SignedIn;
  countyCode: string; termId: number; financeUnitId: number; departmentUnitId: number;
}

export async function budgetWorld(make: Factories): Promise<BudgetWorld> {
  const county = await make.county();
  const term = await make.term({ level: 'county', regionCode: county.code });
  const seat = [{ level: 'county' as const, term: term.number, regionCode: county.code }];
  const station = await make.station({ regionCode: county.towns[0]!.code });
  const [d1, d2, d3] = [
    await make.deputy({ stations: [{ id: station.id }], levels: seat }),
    await make.deputy({ stations: [{ id: station.id }], levels: seat }),
    await make.deputy({ stations: [{ id: station.id }] }),
  ];
  const [fu, du, ou] = [await make.unit({ regionCode: county.code }), await make.unit({ regionCode: county.code }), await make.unit({ regionCode: county.code })];
  return {
    staff: await make.signedIn('staff', { regionCode: county.code }),
    finance: await make.signedIn('unit', { unitId: fu.id }),
    department: await make.signedIn('unit', { unitId: du.id }),
    otherUnit: await make.signedIn('unit', { unitId: ou.id }),
    deputy: await make.signedIn('deputy', { deputyId: d1.id }),
    deputy2: await make.signedIn('deputy', { deputyId: d2.id }),
    outsider: await make.signedIn('deputy', { deputyId: d3.id }),
    countyCode: county.code, termId: term.id, financeUnitId: fu.id, departmentUnitId: du.id,
  };
}

export type Json = Record<string, any>;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A call that must answer `status`; its JSON. */
export async function call(c: Client, method: Method, url: string, body?: Json, status = 200): Promise<Json> {
  const res = await c.request(method, url, body);
  assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
  return res.json() as Json;
}

/** A call that must be refused with `status` and `code`. */
export async function refused(c: Client, method: Method, url: string, body: Json | undefined, status: number, code: string): Promise<void> {
  const res = await c.request(method, url, body);
  assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
  assert.equal(res.json().error.code, code);
}

/** A draft review of `year` with two key projects (one of the department), opened to the deputies. */
export async function openReview(w: BudgetWorld, year: number): Promise<{ id: number; projectId: number }> {
  const created = await call(w.staff.client, 'POST', '/api/budget-reviews', { termId: w.termId, year, kind: 'draft', financeUnitId: w.financeUnitId, answerDays: 5 }, 201);
  const id = created.id as number;
  const r = await call(w.finance.client, 'POST', `/api/budget-reviews/${id}/projects`, {
    name: '城区老旧小区改造', category: '民生', departmentUnitId: w.departmentUnitId, amountYuan: 35_000_000,
  }, 201);
  await call(w.staff.client, 'POST', `/api/budget-reviews/${id}/projects`, { name: '乡村道路养护', amountYuan: 8_000_000 }, 201);
  await call(w.staff.client, 'POST', `/api/budget-reviews/${id}/actions`, { action: 'open' });
  return { id, projectId: r.projects[0].id as number };
}
