/**
 * No raw telephone number goes into the append-only audit log: a deputy's, an account's, a
 * constituent's, an enterprise contact's. Snapshots hold them masked (`139****1001`), and the
 * chain still verifies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

describe('phone numbers in the audit log', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await startTestApp();
    admin = await signIn(t.app, 'admin');
  });
  after(() => t.close());

  const recorded = async (since: number) => (await t.database.db.selectFrom('audit_log').select(['action', 'before', 'after'])
    .where('id', '>', since).orderBy('id').execute()).map((r) => ({ action: r.action, text: JSON.stringify([r.before, r.after]) }));
  const lastId = async () => (await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0;

  it('keeps deputies\', constituents\' and contacts\' numbers masked in every snapshot, and the chain verifies', async () => {
    const since = await lastId();
    const made = await admin.post('/api/deputies', { name: '审计电话', gender: 'female', regionCode: '451103101', phone: '13912340001' });
    assert.equal(made.statusCode, 201, made.body);
    const deputy = made.json<{ id: number; version: number }>();
    const changed = await admin.patch(`/api/deputies/${deputy.id}`, { version: deputy.version, phone: '13912340002' });
    assert.equal(changed.statusCode, 200, changed.body);

    const db = t.database.db;
    const categoryId = (await db.selectFrom('case_category').select('id').where('code', '=', 'other').executeTakeFirstOrThrow()).id;
    const stationId = await idOf(db, 'station', '平桂区黄田镇人大代表联络站');
    const submitted = await new Client(t.app).post('/api/public/opinions', { stationId, categoryId, content: '路灯坏了', name: '张大姐', phone: '13912340003' });
    assert.equal(submitted.statusCode, 201, submitted.body);

    const station = await admin.post('/api/stations', { name: '审计电话联络点', type: 'point', tier: 'village_point', homeRegionCode: '451103101', phone: '13912340004' });
    assert.equal(station.statusCode, 201, station.body);
    const rows = await recorded(since);
    assert.ok(rows.some((r) => r.action === 'deputy.create') && rows.some((r) => r.action === 'deputy.update'), JSON.stringify(rows.map((r) => r.action)));
    for (const raw of ['13912340001', '13912340002', '13912340003', '13912340004']) {
      const leaks = rows.filter((r) => r.text.includes(raw));
      assert.deepEqual(leaks.map((r) => r.action), [], `${raw} is in the audit log`);
    }
    const update = rows.find((r) => r.action === 'deputy.update')!;
    assert.ok(update.text.includes('139****0001') && update.text.includes('139****0002'), 'before and after still tell the numbers apart');

    const verified = (await admin.get('/api/audit/verify')).json<{ ok: boolean }>();
    assert.equal(verified.ok, true);
    // The live record keeps the number: only the log is masked.
    assert.equal((await db.selectFrom('deputy').select('phone').where('id', '=', deputy.id).executeTakeFirstOrThrow()).phone, '13912340002');
  });
});
