import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

describe('audit log', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await startTestApp();
    admin = await signIn(t.app, 'admin');
  });
  after(() => t.close());

  it('records every write with actor, action, entity, before/after, time and address', async () => {
    const pinggui = await signIn(t.app, 'pinggui');
    const created = await pinggui.post('/api/units', { name: '审计测试局', regionCode: '451103' });
    const unit = created.json();
    await pinggui.patch(`/api/units/${unit.id}`, { version: unit.version, address: '新址' });
    const res = await admin.get(`/api/audit?entityType=unit&entityId=${unit.id}`);
    assert.equal(res.statusCode, 200);
    const [update, create] = res.json().items;
    assert.equal(create.action, 'unit.create');
    assert.equal(update.action, 'unit.update');
    assert.equal(update.actorName, '平桂区人大常委会 韦工');
    assert.equal(update.before.address, '');
    assert.equal(update.after.address, '新址');
    assert.equal(update.ip, pinggui.remoteAddress);
    assert.ok(Date.now() - new Date(update.at).getTime() < 60_000);
    const byAction = await admin.get('/api/audit?action=unit.&limit=200');
    assert.ok(byAction.json().items.every((e: { action: string }) => e.action.startsWith('unit.')));
  });

  it('pages newest first by key', async () => {
    const first = (await admin.get('/api/audit?limit=5')).json();
    const second = (await admin.get(`/api/audit?limit=5&cursor=${first.nextCursor}`)).json();
    const ids = [...first.items, ...second.items].map((e: { id: number }) => e.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
    assert.equal(new Set(ids).size, 10);
  });

  it('refuses any update or delete of the log, whoever asks', async () => {
    await assert.rejects(sql`update audit_log set action = 'forged' where id = 1`.execute(t.database.db), /append-only/);
    await assert.rejects(sql`delete from audit_log where id = 1`.execute(t.database.db), /append-only/);
    await assert.rejects(sql`truncate audit_log`.execute(t.database.db), /append-only/);
  });

  it('seals the chains\' heads into a signed checkpoint on demand, and compares the log with it', async () => {
    const sealed = await admin.post('/api/audit/checkpoints');
    assert.equal(sealed.statusCode, 200, sealed.body);
    assert.equal(sealed.json().written, true);
    assert.equal((await admin.post('/api/audit/checkpoints')).json().written, false, 'unchanged: no new line');
    const report = (await admin.get('/api/audit/verify')).json();
    assert.equal(report.ok, true);
    assert.deepEqual(report.checkpoints, { lines: 1, last: { seq: 1, at: sealed.json().at, root: report.root }, problems: [] });
  });

  it('verifies the hash chain, and finds the row that was tampered with behind the triggers\' back', async () => {
    const ok = (await admin.get('/api/audit/verify')).json();
    assert.equal(ok.ok, true);
    assert.ok(ok.checked > 50, `${ok.checked} links checked`);
    const victim = (await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'deputy.create').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.database.db);
    await sql`update audit_log set after = jsonb_set(after, '{phone}', '"13800000000"') where id = ${victim}`.execute(t.database.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.database.db);
    const broken = (await admin.get('/api/audit/verify')).json();
    assert.equal(broken.ok, false);
    const chain = (await t.database.db.selectFrom('audit_log').select('chain').where('id', '=', victim).executeTakeFirstOrThrow()).chain;
    assert.deepEqual(broken.broken, { id: victim, chain, reason: 'hash_mismatch', gap: null });
  });
});
