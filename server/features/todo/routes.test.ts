/**
 * The to-do centre per role, on cases of a fresh county: each role counts and lists exactly what
 * awaits its own action, inside its reach, and nothing of another role's or another place's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { now, today } from '../../platform/clock.js';
import { factories, type Case, type Factories, type SignedIn } from '../../testing/factories.js';
import { startTestApp, type TestApp } from '../../testing/harness.js';

interface Counts { total: number; items: { key: string; count: number; href: string; label: { zh: string } }[] }

describe('the to-do centre (待办)', () => {
  let t: TestApp;
  let make: Factories;
  let staff: SignedIn;
  let officer: SignedIn;
  let deputy: SignedIn;
  let otherDeputy: SignedIn;
  let clerk: SignedIn;
  let otherClerk: SignedIn;
  let stranger: SignedIn;
  const c: Record<string, Case> = {};

  before(async () => {
    t = await startTestApp();
    make = factories(t);
    const county = await make.county();
    const station = await make.station({ regionCode: county.towns[0]!.code });
    const d1 = await make.deputy({ stations: [{ id: station.id }] });
    const d2 = await make.deputy({ stations: [{ id: station.id }] });
    const unit = await make.unit({ regionCode: county.code });
    const otherUnit = await make.unit({ regionCode: county.code });
    staff = await make.signedIn('staff', { regionCode: county.code });
    officer = await make.signedIn('officer', { stationIds: [station.id] });
    deputy = await make.signedIn('deputy', { deputyId: d1.id });
    otherDeputy = await make.signedIn('deputy', { deputyId: d2.id });
    clerk = await make.signedIn('unit', { unitId: unit.id });
    otherClerk = await make.signedIn('unit', { unitId: otherUnit.id });
    stranger = await make.signedIn('staff');
    const at = { stationId: station.id, unitId: unit.id, clerk };
    c.submitted = await make.case({ ...at, state: 'submitted', deputyId: d1.id });
    c.accepted = await make.case({ ...at, state: 'accepted' });
    c.assigned = await make.case({ ...at, state: 'assigned' });
    c.dueSoon = await make.case({ ...at, state: 'in_progress' });
    c.overdue = await make.case({ ...at, state: 'in_progress' });
    c.later = await make.case({ ...at, state: 'in_progress' });
    c.extension = await make.case({ ...at, state: 'extension_requested' });
    c.replied = await make.case({ ...at, state: 'replied' });
    c.approved = await make.case({ ...at, state: 'reply_approved', deputyId: d1.id });
    c.answered = await make.case({ ...at, state: 'answered' });
    c.closed = await make.case({ ...at, state: 'closed' });
    // One case due within the hour, one past its deadline, one due in a fortnight.
    const db = t.database.db;
    const hour = 3_600_000;
    await db.updateTable('opinion').set({ deadline_at: new Date(now().getTime() + hour) }).where('id', '=', c.dueSoon.id).execute();
    await db.updateTable('opinion').set({ deadline_at: new Date(now().getTime() - 30 * hour) }).where('id', '=', c.overdue.id).execute();
    await db.updateTable('opinion').set({ deadline_at: new Date(now().getTime() + 14 * 24 * hour) }).where('id', '=', c.later.id).execute();
  });
  after(() => t.close());

  const counts = async (who: SignedIn) => {
    const res = await who.client.get('/api/todo');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<Counts>();
    assert.equal(body.total, body.items.reduce((s, i) => s + i.count, 0));
    return Object.fromEntries(body.items.map((i) => [i.key, i.count]));
  };
  const listed = async (who: SignedIn, query: string) => {
    const res = await who.client.get(`/api/cases?${query}&limit=100`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ items: { id: number }[] }>().items.map((i) => i.id).sort((a, b) => a - b);
  };
  const ids = (...keys: string[]) => keys.map((k) => c[k]!.id).sort((a, b) => a - b);

  /** The items of the other instruments each role also has, none of them here. */
  const NO_SUGGESTIONS = {
    staff: { 'cross_province.handover': 0, 'suggestion.review': 0, 'suggestion.assign': 0, 'suggestion.reassignment': 0, 'suggestion.overdue': 0, 'budget.overdue': 0, 'livelihood.slipped': 0, 'deliberation.review': 0, 'deliberation.feedback': 0 },
    unit: { 'suggestion.answer': 0, 'suggestion.co_view': 0, 'suggestion.commitments': 0, 'budget.answer': 0, 'livelihood.milestone_due': 0, 'deliberation.sign': 0, 'deliberation.answer': 0 },
    deputy: { 'cross_province.handover': 0, 'suggestion.cosign': 0, 'suggestion.rate': 0, 'consultation.gather': 0, 'budget.comment': 0, 'budget.evaluate': 0, 'livelihood.vote': 0, 'livelihood.evaluate': 0, 'report_back.issue': 0 },
  };

  it('gives the county staff what waits at the station and what needs supervising', async () => {
    assert.deepEqual(await counts(staff), {
      'case.accept': 1, 'case.assign': 1, 'case.approve': 1, 'case.overdue': 1, 'case.extension': 1, 'case.unrated': 1,
      ...NO_SUGGESTIONS.staff,
    });
  });

  it('gives the station officer the station\'s items and the answers to give', async () => {
    assert.deepEqual(await counts(officer), { 'case.accept': 1, 'case.assign': 1, 'case.approve': 1, 'case.answer': 1, 'consultation.gather': 0 });
  });

  it('gives the unit clerk what to sign, what is due soon and what is overdue, of their own unit only', async () => {
    assert.deepEqual(await counts(clerk), { 'case.sign': 1, 'case.due_soon': 1, 'case.unit_overdue': 1, ...NO_SUGGESTIONS.unit });
    assert.deepEqual(await counts(otherClerk), { 'case.sign': 0, 'case.due_soon': 0, 'case.unit_overdue': 0, ...NO_SUGGESTIONS.unit });
  });

  it('gives a deputy what was brought to them and the answers they owe, not a fellow deputy\'s', async () => {
    assert.deepEqual(await counts(deputy), { 'case.review': 1, 'case.answer': 1, ...NO_SUGGESTIONS.deputy });
    assert.deepEqual(await counts(otherDeputy), { 'case.review': 0, 'case.answer': 0, ...NO_SUGGESTIONS.deputy });
  });

  it('counts nothing of another county', async () => {
    const theirs = await counts(stranger);
    for (const key of ['case.accept', 'case.assign', 'case.approve', 'case.extension', 'case.unrated']) assert.equal(theirs[key], 0, key);
  });

  it('lists each item in the queue (?todo=) and all of them (?awaitingMe=true)', async () => {
    assert.deepEqual(await listed(clerk, 'todo=case.sign'), ids('assigned'));
    assert.deepEqual(await listed(clerk, 'todo=case.due_soon'), ids('dueSoon'));
    assert.deepEqual(await listed(clerk, 'awaitingMe=true'), ids('assigned', 'dueSoon', 'overdue'));
    assert.deepEqual(await listed(deputy, 'awaitingMe=true'), ids('submitted', 'approved'));
    assert.deepEqual(await listed(officer, 'awaitingMe=true'), ids('submitted', 'accepted', 'replied', 'approved'));
    // Another role's item matches nothing, rather than everything.
    assert.deepEqual(await listed(clerk, 'todo=case.accept'), []);
  });

  it('lists an item as to-do entries, and answers 404 for an item that is not the role\'s', async () => {
    const res = await clerk.client.get('/api/todo/case.sign');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{ label: { zh: string }; items: { id: number; code: string; href: string }[] }>();
    assert.equal(body.label.zh, '待签收');
    assert.deepEqual(body.items.map((i) => [i.id, i.code, i.href]), [[c.assigned!.id, c.assigned!.trackingCode, `/cases/${c.assigned!.id}`]]);
    assert.equal((await clerk.client.get('/api/todo/case.accept')).statusCode, 404);
    assert.equal((await clerk.client.get('/api/todo/case.nothing')).statusCode, 404);
  });

  it('takes an item off once it is done', async () => {
    const res = await clerk.client.post(`/api/cases/${c.assigned!.id}/actions/sign`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await counts(clerk))['case.sign'], 0);
  });

  it('puts an open consultation in the work list of the officers and deputies of the stations asked', async () => {
    const county = await t.database.db.selectFrom('region').select('code').where('code', '=', staff.regionCode!).executeTakeFirstOrThrow();
    const made = await staff.client.post('/api/consultations', {
      title: '待办测试议题', questions: ['意见?'], opensOn: today(), closesOn: '2999-12-31',
      congress: { level: 'county', regionCode: county.code }, stationIds: [officer.stationIds[0]!],
    });
    assert.equal(made.statusCode, 201, made.body);
    const { id } = made.json<{ id: number }>();
    assert.equal((await counts(officer))['consultation.gather'], 0, 'not while a draft');
    assert.equal((await staff.client.post(`/api/consultations/${id}/publish`)).statusCode, 200);
    for (const who of [officer, deputy, otherDeputy]) assert.equal((await counts(who))['consultation.gather'], 1);
    const res = await deputy.client.get('/api/todo/consultation.gather');
    assert.deepEqual(res.json<{ items: { href: string }[] }>().items.map((i) => i.href), [`/consultations/${id}`]);
    assert.equal((await clerk.client.get('/api/todo/consultation.gather')).statusCode, 404);
  });
});
