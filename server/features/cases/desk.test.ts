/**
 * The queue's desk work: batch assign and batch urge (each case through its own workflow action,
 * per-case outcomes), the numbered, counted queue, and the handling form as a PDF read back by
 * pdftotext (poppler-utils, scripts/install-system-deps.sh; the test fails without it).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { factories, type Case, type Factories, type SignedIn } from '../../testing/factories.js';
import { startTestApp, type TestApp } from '../../testing/harness.js';

interface BatchAnswer { action: string; succeeded: number; failed: number; results: { id: number; ok: boolean; to: string | null; error: { code: string; message: string } | null }[] }

describe('batch actions, the counted queue and the handling form', () => {
  let t: TestApp;
  let make: Factories;
  let staff: SignedIn;
  let officer: SignedIn;
  let clerk: SignedIn;
  let unitId: number;
  let stationId: number;
  let dir: string;

  before(async () => {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    dir = mkdtempSync(path.join(tmpdir(), 'lianxin-form-'));
    t = await startTestApp();
    make = factories(t);
    const county = await make.county();
    stationId = (await make.station({ regionCode: county.towns[0]!.code })).id;
    unitId = (await make.unit({ regionCode: county.code })).id;
    staff = await make.signedIn('staff', { regionCode: county.code });
    officer = await make.signedIn('officer', { stationIds: [stationId] });
    clerk = await make.signedIn('unit', { unitId });
  });
  after(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const auditCount = async (action: string, ids: number[]) => Number((await t.database.db.selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).where('entity_type', '=', 'case')
    .where('entity_id', 'in', ids.map(String)).executeTakeFirstOrThrow()).n);

  it('assigns three cases in one go, each through the assign action with its audit record, and reports the others one by one', async () => {
    const accepted = await Promise.all([1, 2, 3].map(() => make.case({ stationId, state: 'accepted' })));
    const submitted = await make.case({ stationId, state: 'submitted' });
    const elsewhere = await make.case({ state: 'accepted' }); // another county's
    const ids = [...accepted.map((c) => c.id), submitted.id, elsewhere.id];
    const res = await staff.client.post('/api/cases/batch/assign', { ids, unitId, deadlineDays: 3 });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<BatchAnswer>();
    assert.equal(body.succeeded, 3);
    assert.equal(body.failed, 2);
    assert.deepEqual(body.results.map((r) => [r.id, r.ok, r.to, r.error?.code ?? null]), [
      ...accepted.map((c) => [c.id, true, 'assigned', null]),
      [submitted.id, false, null, 'CASE_TRANSITION_INVALID'],
      [elsewhere.id, false, null, 'NOT_FOUND'],
    ]);
    assert.match(body.results[3]!.error!.message, /交办/);
    assert.equal(await auditCount('case.assign', accepted.map((c) => c.id)), 3);
    assert.equal(await auditCount('case.assign', [submitted.id, elsewhere.id]), 0);
    const queue = await clerk.client.get('/api/cases?todo=case.sign&limit=50');
    const signable = queue.json<{ items: { id: number }[] }>().items.map((i) => i.id);
    for (const c of accepted) assert.ok(signable.includes(c.id), `case ${c.id} waits for the unit's signature`);
  });

  it('urges the unit on several cases, needs the reason before touching any, and refuses the roles that never urge', async () => {
    const cases: Case[] = await Promise.all([1, 2].map(() => make.case({ stationId, unitId, clerk, state: 'in_progress' })));
    const ids = cases.map((c) => c.id);
    const missing = await staff.client.post('/api/cases/batch/urge', { ids });
    assert.equal(missing.statusCode, 400, missing.body);
    assert.equal(missing.json<{ error: { fields: { path: string }[] } }>().error.fields[0]!.path, 'comment');
    assert.equal(await auditCount('case.urge', ids), 0);
    const res = await staff.client.post('/api/cases/batch/urge', { ids, comment: '请加快办理进度' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<BatchAnswer>().succeeded, 2);
    assert.equal(await auditCount('case.urge', ids), 2);
    const urged = await t.database.db.selectFrom('opinion').select('urge_count').where('id', 'in', ids).execute();
    assert.deepEqual(urged.map((u) => u.urge_count), [1, 1]);
    // An officer may batch-assign, but urging is the supervisors': each case says so.
    const byOfficer = await officer.client.post('/api/cases/batch/urge', { ids, comment: '请加快' });
    assert.equal(byOfficer.statusCode, 200, byOfficer.body);
    assert.deepEqual(byOfficer.json<BatchAnswer>().results.map((r) => r.error?.code), ['CASE_ACTION_FORBIDDEN', 'CASE_ACTION_FORBIDDEN']);
    assert.equal((await clerk.client.post('/api/cases/batch/urge', { ids, comment: '请加快' })).statusCode, 403);
  });

  it('counts the matching cases and jumps to a numbered page', async () => {
    const first = await staff.client.get(`/api/cases?stationId=${stationId}&count=true&limit=2`);
    assert.equal(first.statusCode, 200, first.body);
    const page1 = first.json<{ total: number; items: { id: number; abilities: string[]; content: string }[] }>();
    assert.equal(page1.total, 6); // the cases made above at this station
    const last = Math.ceil(page1.total / 2);
    const jump = await staff.client.get(`/api/cases?stationId=${stationId}&count=true&limit=2&page=${last}`);
    const pageN = jump.json<{ total: number; items: { id: number }[]; nextCursor: string | null }>();
    assert.equal(pageN.total, page1.total);
    assert.equal(pageN.items.length, page1.total - 2 * (last - 1));
    assert.equal(pageN.nextCursor, null);
    // Without count, no total is worked out.
    assert.equal((await staff.client.get(`/api/cases?stationId=${stationId}&limit=2`)).json<{ total: null }>().total, null);
  });

  it('prints the handling form as a PDF whose text pdftotext reads back, and records the print', async () => {
    const content = '测试办理单:公和村三组自来水管破裂,已经停水两天';
    const c = await make.case({ stationId, unitId, clerk, state: 'in_progress', content });
    const res = await staff.client.get(`/api/cases/${c.id}/form.pdf`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const file = path.join(dir, 'form.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.ok(text.includes('群众意见办理单'), text);
    assert.ok(text.includes(c.trackingCode), `the tracking code ${c.trackingCode} in: ${text}`);
    assert.ok(text.includes(content.replace(/\s+/g, '')), `the content in: ${text}`);
    assert.ok(text.includes('签收'), 'the timeline');
    assert.equal(await auditCount('case.print_form', [c.id]), 1);
    const stranger = await make.signedIn('staff');
    assert.equal((await stranger.client.get(`/api/cases/${c.id}/form.pdf`)).statusCode, 404);
  });
});
