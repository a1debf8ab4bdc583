import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { factories, type Factories } from '../../testing/factories.js';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { LOOKUP_MAX_FAILURES, LOOKUP_MAX_TOTAL_FAILURES, purgeLookupState } from './lookup.js';
import { now } from '../../platform/clock.js';

describe('finding one\'s case again with the code and the PIN', () => {
  let t: TestApp;
  let make: Factories;
  let stationId: number;
  let categoryId: number;
  let staff: Awaited<ReturnType<Factories['signedIn']>>;
  let stranger: Awaited<ReturnType<Factories['signedIn']>>;
  let address = 0;
  /** Each request from an address of its own, so only the per-code limit can stop them. */
  const nextAddress = () => `198.51.${100 + Math.floor(++address / 250)}.${address % 250 + 1}`;

  before(async () => {
    t = await startTestApp();
    make = factories(t);
    const county = await make.county();
    stationId = (await make.station({ regionCode: county.towns[0]!.code })).id;
    categoryId = (await t.database.db.selectFrom('case_category').select('id').where('active', '=', true).orderBy('sort').executeTakeFirstOrThrow()).id;
    staff = await make.signedIn('staff', { regionCode: county.code });
    stranger = await make.signedIn('staff');
  });
  after(() => t.close());

  const submit = async (body: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/public/opinions', remoteAddress: nextAddress(), headers,
      payload: { stationId, categoryId, content: '村口的桥栏杆断了', phone: '13977412345', ...body },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { trackingCode: string; queryKey: string; pin: string };
  };
  const lookup = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/public/opinions/lookup', payload: body, remoteAddress: nextAddress() });
  const track = (code: string, key: string) => t.app.inject({ method: 'GET', url: `/api/public/opinions/${code}?key=${encodeURIComponent(key)}`, remoteAddress: nextAddress() });
  const wrongPin = (pin: string) => String((Number(pin) + 1) % 1_000_000).padStart(6, '0');
  const caseIdOf = async (code: string) => (await t.database.db.selectFrom('opinion').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow()).id;

  it('gives a 6-digit PIN on the receipt, keeps only its hash, and gives the same PIN to a retry', async () => {
    const headers = { 'idempotency-key': 'retry-key-for-the-pin-1' };
    const first = await submit({}, headers);
    assert.match(first.pin, /^\d{6}$/);
    const again = await submit({}, headers);
    assert.deepEqual(again, first, 'the retried submission answers the same receipt, PIN included');
    const row = await t.database.db.selectFrom('opinion').select(['pin_hash', 'public_id', 'code_published']).where('tracking_code', '=', first.trackingCode).executeTakeFirstOrThrow();
    assert.ok(row.pin_hash && !row.pin_hash.includes(first.pin));
    assert.match(row.public_id, /^[0-9a-f]{32}$/);
    assert.equal(row.code_published, false);
    const stored = JSON.stringify(await t.database.db.selectFrom('idempotency').select('response').execute());
    assert.ok(!stored.includes(first.pin) && !stored.includes(first.queryKey), 'neither the PIN nor the key is stored with the receipt');
  });

  it('opens the case with the code and the PIN (or the phone\'s last four digits): the key works like the query key, for reading and rating', async () => {
    const r = await submit();
    const found = await lookup({ code: r.trackingCode.toLowerCase().replaceAll('-', ' '), pin: `${r.pin.slice(0, 3)} ${r.pin.slice(3)}` });
    assert.equal(found.statusCode, 200, found.body);
    const { trackingCode, key } = found.json();
    assert.equal(trackingCode, r.trackingCode);
    assert.notEqual(key, r.queryKey);
    assert.equal((await track(trackingCode, key)).statusCode, 200);
    const byHeader = await t.app.inject({ method: 'GET', url: `/api/public/opinions/${trackingCode}`, headers: { 'x-query-key': key } });
    assert.equal(byHeader.statusCode, 200);
    assert.equal((await track(trackingCode, r.queryKey)).statusCode, 200, 'the full link keeps working');

    const byPhone = await lookup({ code: r.trackingCode, phoneLast4: '2345' });
    assert.equal(byPhone.statusCode, 200, byPhone.body);

    // Answered on the spot, she rates through the key the look-up gave her.
    const id = await caseIdOf(r.trackingCode);
    assert.equal((await staff.client.post(`/api/cases/${id}/actions/answer_on_spot`, { comment: '已联系镇里修复' })).statusCode, 200);
    const rated = await t.app.inject({ method: 'POST', url: `/api/public/opinions/${trackingCode}/rating?key=${encodeURIComponent(key)}`, payload: { rating: 'satisfied' }, remoteAddress: nextAddress() });
    assert.equal(rated.statusCode, 200, rated.body);
    assert.equal(rated.json().rating, 'satisfied');
  });

  it('answers a wrong PIN, a wrong phone, an unknown code and a malformed code alike, and logs each without the secret', async () => {
    const r = await submit();
    const unknownCode = `${r.trackingCode.slice(0, 8)}${r.trackingCode[8] === '2' ? '3' : '2'}`;
    const answers = [
      await lookup({ code: r.trackingCode, pin: wrongPin(r.pin) }),
      await lookup({ code: r.trackingCode, phoneLast4: '0000' }),
      await lookup({ code: 'XXX-XXX-XXX', pin: r.pin }),
      await lookup({ code: unknownCode, pin: r.pin }),
    ];
    for (const a of answers) {
      assert.equal(a.statusCode, 404);
      assert.deepEqual(a.json(), answers[0]!.json());
    }
    assert.equal(answers[0]!.json().error.code, 'LOOKUP_FAILED');
    const logged = await t.database.db.selectFrom('opinion_lookup_log').selectAll().where('code', 'in', [r.trackingCode, 'XXX-XXX-XXX']).execute();
    assert.equal(logged.filter((l) => l.outcome === 'wrong').length, 3);
    assert.ok(!JSON.stringify(logged).includes(r.pin) && !JSON.stringify(logged).includes(wrongPin(r.pin)));
  });

  it('locks a code after 5 failures in a row from 5 different addresses, for the right PIN too, until the full link opens the case', async () => {
    const r = await submit();
    for (let i = 1; i <= LOOKUP_MAX_FAILURES; i++) {
      const res = await lookup({ code: r.trackingCode, pin: wrongPin(r.pin) });
      assert.equal(res.json().error.code, i < LOOKUP_MAX_FAILURES ? 'LOOKUP_FAILED' : 'LOOKUP_LOCKED', `attempt ${i}`);
    }
    const right = await lookup({ code: r.trackingCode, pin: r.pin });
    assert.equal(right.statusCode, 423);
    assert.equal(right.json().error.code, 'LOOKUP_LOCKED');
    assert.equal((await track(r.trackingCode, r.queryKey)).statusCode, 200);
    assert.equal((await lookup({ code: r.trackingCode, pin: r.pin })).statusCode, 200, 'opening the full link unlocked it');
    const outcomes = (await t.database.db.selectFrom('opinion_lookup_log').select(['method', 'outcome']).where('code', '=', r.trackingCode).orderBy('id').execute())
      .map((l) => `${l.method}:${l.outcome}`);
    assert.deepEqual(outcomes, [...Array(LOOKUP_MAX_FAILURES).fill('pin:wrong'), 'pin:locked', 'link:unlocked', 'pin:ok']);
  });

  it('locks an unknown code exactly like a real one', async () => {
    const r = await submit();
    const raw = r.trackingCode.replaceAll('-', '');
    const unknown = `${raw.slice(0, 4)}${raw[4] === '2' ? '3' : '2'}${raw.slice(5, 8)}`;
    // Compute the check character the way a guesser would, so the code is well-formed.
    const { normaliseTrackingCode, CODE_ALPHABET } = await import('./trackingCode.js');
    const wellFormed = [...CODE_ALPHABET].map((c) => normaliseTrackingCode(`${unknown}${c}`)).find((c) => c !== null)!;
    assert.equal(await t.database.db.selectFrom('opinion').select('id').where('tracking_code', '=', wellFormed).executeTakeFirst(), undefined);
    const codes = [];
    for (let i = 0; i <= LOOKUP_MAX_FAILURES; i++) codes.push((await lookup({ code: wellFormed, pin: '123456' })).json().error.code);
    assert.deepEqual(codes, [...Array(LOOKUP_MAX_FAILURES - 1).fill('LOOKUP_FAILED'), 'LOOKUP_LOCKED', 'LOOKUP_LOCKED']);
  });

  it(`after ${LOOKUP_MAX_TOTAL_FAILURES} failures only staff unlock it, from the case page, with an audit record; other staff cannot`, async () => {
    const r = await submit();
    const id = await caseIdOf(r.trackingCode);
    for (let round = 0; round < LOOKUP_MAX_TOTAL_FAILURES / LOOKUP_MAX_FAILURES; round++) {
      for (let i = 0; i < LOOKUP_MAX_FAILURES; i++) await lookup({ code: r.trackingCode, pin: wrongPin(r.pin) });
      assert.equal((await track(r.trackingCode, r.queryKey)).statusCode, 200);
    }
    assert.equal((await lookup({ code: r.trackingCode, pin: r.pin })).statusCode, 423, 'the full link no longer unlocks it');
    const status = await staff.client.get(`/api/cases/${id}/lookup`);
    assert.equal(status.statusCode, 200, status.body);
    assert.equal(status.json().locked, true);
    assert.equal(status.json().totalFailures, LOOKUP_MAX_TOTAL_FAILURES);
    assert.equal((await stranger.client.get(`/api/cases/${id}/lookup`)).statusCode, 404);
    assert.equal((await stranger.client.post(`/api/cases/${id}/lookup/unlock`)).statusCode, 404);
    const unlocked = await staff.client.post(`/api/cases/${id}/lookup/unlock`);
    assert.equal(unlocked.statusCode, 200, unlocked.body);
    assert.equal(unlocked.json().locked, false);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'case').where('entity_id', '=', String(id))
      .where('action', '=', 'case.lookup_unlock').executeTakeFirstOrThrow();
    assert.deepEqual(audit.before, { locked: true, failures: LOOKUP_MAX_FAILURES, totalFailures: LOOKUP_MAX_TOTAL_FAILURES });
    assert.equal((await lookup({ code: r.trackingCode, pin: r.pin })).statusCode, 200);
  });

  it('refuses the phone digits for a code published before the public ids, and for a case without a phone', async () => {
    const r = await submit();
    await t.database.db.updateTable('opinion').set({ code_published: true }).where('tracking_code', '=', r.trackingCode).execute();
    assert.equal((await lookup({ code: r.trackingCode, phoneLast4: '2345' })).json().error.code, 'LOOKUP_FAILED');
    assert.equal((await lookup({ code: r.trackingCode, pin: r.pin })).statusCode, 200, 'the PIN still works');
    const noPhone = await submit({ phone: null });
    assert.equal((await lookup({ code: noPhone.trackingCode, phoneLast4: '0000' })).statusCode, 404);
  });

  it('takes exactly one secret', async () => {
    const r = await submit();
    assert.equal((await lookup({ code: r.trackingCode })).statusCode, 400);
    assert.equal((await lookup({ code: r.trackingCode, pin: r.pin, phoneLast4: '2345' })).statusCode, 400);
    assert.equal((await lookup({ code: r.trackingCode, pin: 'abcdef' })).statusCode, 400);
  });

  it('texts the link to a submitter who left a phone when her case is answered, and composes nothing without a phone', async () => {
    const withPhone = await submit({ phone: '13977415678' });
    const without = await submit({ phone: null, content: '无电话的意见' });
    for (const r of [withPhone, without]) {
      const id = await caseIdOf(r.trackingCode);
      assert.equal((await staff.client.post(`/api/cases/${id}/actions/answer_on_spot`, { comment: '已当面答复' })).statusCode, 200);
    }
    const texts = await t.database.db.selectFrom('outbox').select(['recipient', 'body']).where('channel', '=', 'sms').execute();
    const mine = texts.filter((m) => m.body.includes(withPhone.trackingCode));
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.recipient, '13977415678');
    assert.ok(!texts.some((m) => m.body.includes(without.trackingCode)), 'no text for the case without a phone');
    const link = /https?:\/\/\S+\/m\/t\/([^?]+)\?key=(\S+)$/.exec(mine[0]!.body);
    assert.ok(link, mine[0]!.body);
    assert.equal(link[1], withPhone.trackingCode);
    assert.ok(!mine[0]!.body.includes(withPhone.queryKey));
    // Locked by guesses, the texted link unlocks it like the receipt's.
    for (let i = 0; i < LOOKUP_MAX_FAILURES; i++) await lookup({ code: withPhone.trackingCode, pin: wrongPin(withPhone.pin) });
    assert.equal((await lookup({ code: withPhone.trackingCode, pin: withPhone.pin })).statusCode, 423);
    assert.equal((await track(withPhone.trackingCode, link[2]!)).statusCode, 200, 'the texted link opens the case');
    assert.equal((await lookup({ code: withPhone.trackingCode, pin: withPhone.pin })).statusCode, 200);
  });

  it('forgets expired keys, stale counters of codes no case has, and the link keys of texts sent more than a day ago', async () => {
    const r = await submit();
    const id = await caseIdOf(r.trackingCode);
    const at = now();
    const day = 86_400_000;
    const db = t.database.db;
    await db.insertInto('opinion_access_key').values([
      { key_hash: 'expired-key-hash', opinion_id: id, purpose: 'lookup', created_at: new Date(at.getTime() - 2 * day), expires_at: new Date(at.getTime() - day) },
      { key_hash: 'live-key-hash', opinion_id: id, purpose: 'lookup', created_at: at, expires_at: new Date(at.getTime() + day) },
    ]).execute();
    await db.insertInto('opinion_lookup_guard').values([
      { code: 'ZZZ-ZZZ-ZZ2', failures: 3, updated_at: new Date(at.getTime() - 31 * day) },
      { code: r.trackingCode, failures: 3, updated_at: new Date(at.getTime() - 31 * day) },
    ]).onConflict((oc) => oc.column('code').doNothing()).execute();
    const { id: textId } = await db.insertInto('outbox').values({
      channel: 'sms', recipient: '13977410001', subject: 's', body: 'link: https://x.example/m/t/AAA-AAA-AAA?key=secretkeyvalue', sent_at: new Date(at.getTime() - 2 * day),
    }).returning('id').executeTakeFirstOrThrow();
    await db.transaction().execute((trx) => purgeLookupState(trx, at));
    assert.deepEqual((await db.selectFrom('opinion_access_key').select('key_hash').where('opinion_id', '=', id).execute()).map((k) => k.key_hash), ['live-key-hash']);
    assert.deepEqual((await db.selectFrom('opinion_lookup_guard').select('code').where('code', 'in', ['ZZZ-ZZZ-ZZ2', r.trackingCode]).execute()).map((g) => g.code), [r.trackingCode]);
    assert.equal((await db.selectFrom('outbox').select('body').where('id', '=', textId).executeTakeFirstOrThrow()).body, 'link: https://x.example/m/t/AAA-AAA-AAA?key=***');
  });
});
