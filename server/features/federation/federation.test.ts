/**
 * Federation, the receiving end, through the API with real Ed25519 keys: an administrator
 * registers another province's instance; its signed cases are accepted once, retries (also
 * concurrent ones) answer the same tracking code, and every tampered or out-of-bounds request
 * is refused with its code and leaves nothing behind (no case, no audit record).
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { now } from '../../platform/clock.js';
import { idOf, signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { describePublicKey, signedHeaders } from './protocol.js';

const CASES = '/api/federation/v1/cases';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: describePublicKey(publicKey) };
}

describe('federation: receiving cases from another province instance', () => {
  let t: TestApp;
  let admin: Client;
  let yulu: number;
  let yuegui: number;
  let categoryCode: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-federation-'));
  const henan = keyPair();
  const hubei = keyPair();

  before(async () => {
    t = await startTestApp({ federationId: 'guangxi', federationKeyFile: path.join(dir, 'key.pem') });
    admin = await signIn(t.app, 'admin');
    yulu = await idOf(t.database.db, 'station', '豫鲁跨省联建人大代表联络站');
    yuegui = await idOf(t.database.db, 'station', '廉江市石角镇粤桂省际人大代表联络站');
    categoryCode = (await t.database.db.selectFrom('case_category').select('code').where('active', '=', true).orderBy('sort').executeTakeFirstOrThrow()).code;
  });
  after(async () => { await t.close(); rmSync(dir, { recursive: true, force: true }); });

  function envelope(over: { messageId?: string; from?: string; sentAt?: string; content?: string; stationId?: number } = {}) {
    const sentAt = over.sentAt ?? now().toISOString();
    return {
      messageId: over.messageId ?? randomUUID(), from: over.from ?? 'henan', sentAt,
      case: {
        stationId: over.stationId ?? yulu, categoryCode, content: over.content ?? '刘子渔村排水沟淤堵,两省交界处无人清理',
        submitter: { name: '刘群众', phone: '13800138000' }, receivedAt: sentAt, originTrackingCode: 'HN-20261205-0001',
      },
    };
  }

  /** Sends `body` (an object, or exact bytes) signed by `key` as `peer`, optionally with a different body in place of the signed one. */
  function send(body: object | string | Buffer, opts: { key?: KeyObject; peer?: string; sentAt?: string; signedBody?: string; signature?: string } = {}) {
    const bytes = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const sentAt = opts.sentAt ?? (typeof body === 'object' && !Buffer.isBuffer(body) && 'sentAt' in body ? String(body.sentAt) : now().toISOString());
    const headers = signedHeaders(opts.key ?? henan.privateKey, { method: 'POST', path: CASES, peer: opts.peer ?? 'henan', sentAt, body: opts.signedBody ?? bytes });
    if (opts.signature) headers['lianxin-signature'] = opts.signature;
    return t.app.inject({ method: 'POST', url: CASES, payload: bytes, headers: { ...headers, 'content-type': 'application/json' } });
  }

  function status(messageId: string, key: KeyObject = henan.privateKey, peer = 'henan') {
    const url = `${CASES}/${messageId}`;
    return t.app.inject({ method: 'GET', url, headers: signedHeaders(key, { method: 'GET', path: url, peer, sentAt: now().toISOString() }) });
  }

  async function counts() {
    const db = t.database.db;
    const n = async (table: 'opinion' | 'audit_log' | 'federation_inbound') => Number((await db.selectFrom(table).select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    return { cases: await n('opinion'), audit: await n('audit_log'), inbound: await n('federation_inbound') };
  }

  /** The request is refused with `code` and nothing is written. */
  async function refused(res: Promise<{ statusCode: number; body: string; json<T>(): T }>, statusCode: number, code: string) {
    const before = await counts();
    const r = await res;
    assert.equal(r.statusCode, statusCode, r.body);
    assert.equal(r.json<{ error: { code: string } }>().error.code, code);
    assert.deepEqual(await counts(), before);
    return r.json<{ error: { code: string; details?: { field?: string }; fields?: { path: string; code: string }[] } }>().error;
  }

  it('shows this instance identity, its key created in the key file (0600)', async () => {
    const res = await admin.get('/api/federation/identity');
    assert.equal(res.statusCode, 200, res.body);
    const id = res.json<{ id: string; publicKey: string; publicKeyRaw: string; fingerprint: string }>();
    assert.equal(id.id, 'guangxi');
    assert.match(id.publicKey, /^-----BEGIN PUBLIC KEY-----/);
    assert.equal(Buffer.from(id.publicKeyRaw, 'base64').length, 32);
    assert.equal(statSync(path.join(dir, 'key.pem')).mode & 0o777, 0o600);
    assert.equal((await (await signIn(t.app, 'pinggui')).get('/api/federation/identity')).statusCode, 403);
  });

  it('the administrator registers peers (PEM or raw key), with their audit records; bad keys and stations are refused', async () => {
    const before = await counts();
    const res = await admin.post('/api/federation/peers', { id: 'henan', name: '河南省人大代表联络站平台', baseUrl: 'https://lianxin.henan.example.gov.cn', publicKey: henan.publicKey.raw, stationIds: [yulu] });
    assert.equal(res.statusCode, 201, res.body);
    const peer = res.json<{ fingerprint: string; stations: { id: number }[]; publicKey: string }>();
    assert.equal(peer.fingerprint, henan.publicKey.fingerprint);
    assert.equal(peer.publicKey, henan.publicKey.pem);
    assert.deepEqual(peer.stations.map((s) => s.id), [yulu]);
    assert.equal((await counts()).audit, before.audit + 1);
    const hb = await admin.post('/api/federation/peers', { id: 'hubei', name: '湖北省平台', baseUrl: 'https://lianxin.hubei.example.gov.cn', publicKey: hubei.publicKey.pem, stationIds: [] });
    assert.equal(hb.statusCode, 201, hb.body);

    const again = await admin.post('/api/federation/peers', { id: 'henan', name: 'x', baseUrl: 'https://x.example', publicKey: henan.publicKey.raw });
    assert.equal(again.json<{ error: { code: string } }>().error.code, 'FEDERATION_PEER_EXISTS');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const badKey = await admin.post('/api/federation/peers', { id: 'hebei', name: '河北', baseUrl: 'https://x.example', publicKey: rsa });
    assert.equal(badKey.json<{ error: { code: string } }>().error.code, 'FEDERATION_KEY_INVALID');
    const plainStation = await idOf(t.database.db, 'station', '平桂区黄田镇人大代表联络站');
    const badStation = await admin.post('/api/federation/peers', { id: 'hebei', name: '河北', baseUrl: 'https://x.example', publicKey: keyPair().publicKey.raw, stationIds: [plainStation] });
    assert.equal(badStation.json<{ error: { code: string } }>().error.code, 'FEDERATION_STATION_INVALID');
    assert.equal((await counts()).audit, before.audit + 2);
    assert.equal((await (await signIn(t.app, 'pinggui')).post('/api/federation/peers', { id: 'hebei', name: '河北', baseUrl: 'https://x.example', publicKey: keyPair().publicKey.raw })).statusCode, 403);
  });

  it('accepts a signed case once: channel federation, its origin on the timeline, audit in the same write; a retry answers the same tracking code', async () => {
    const first = envelope();
    const before = await counts();
    const res = await send(first);
    assert.equal(res.statusCode, 201, res.body);
    const { trackingCode, replayed } = res.json<{ trackingCode: string; replayed: boolean }>();
    assert.equal(replayed, false);
    const after1 = await counts();
    assert.deepEqual(after1, { cases: before.cases + 1, audit: before.audit + 2, inbound: before.inbound + 1 });

    const db = t.database.db;
    const c = await db.selectFrom('opinion').select(['id', 'channel', 'station_id', 'submitter_name', 'state']).where('tracking_code', '=', trackingCode).executeTakeFirstOrThrow();
    assert.deepEqual([c.channel, c.station_id, c.submitter_name, c.state], ['federation', yulu, '刘群众', 'submitted']);
    const step = await db.selectFrom('opinion_event').select(['actor_name', 'comment', 'action']).where('opinion_id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(step.actor_name, '河南省人大代表联络站平台');
    assert.match(step.comment!, /henan.*HN-20261205-0001/);
    const inbound = await db.selectFrom('federation_inbound').selectAll().where('message_id', '=', first.messageId).executeTakeFirstOrThrow();
    assert.deepEqual([inbound.peer_id, Number(inbound.opinion_id), inbound.origin_tracking_code], ['henan', c.id, 'HN-20261205-0001']);
    const audits = await db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity_type', '=', 'case').where('entity_id', '=', String(c.id)).orderBy('id').execute();
    assert.deepEqual(audits.map((a) => a.action), ['case.submit', 'federation.case_receive']);

    // A retry is signed afresh (a later sentAt): same answer, nothing written.
    const retry = await send({ ...first, sentAt: new Date(now().getTime() + 1000).toISOString() });
    assert.equal(retry.statusCode, 200, retry.body);
    assert.deepEqual(retry.json(), { messageId: first.messageId, trackingCode, replayed: true });
    assert.deepEqual(await counts(), after1);

    // The same message id with another case is refused.
    await refused(send({ ...first, case: { ...first.case, content: '另一件事' } }), 409, 'FEDERATION_MESSAGE_REUSED');

    // The status, for the sender only.
    const s = await status(first.messageId);
    assert.equal(s.statusCode, 200, s.body);
    assert.deepEqual(
      (({ trackingCode: code, state, originTrackingCode }) => ({ code, state, originTrackingCode }))(s.json<{ trackingCode: string; state: string; originTrackingCode: string }>()),
      { code: trackingCode, state: 'submitted', originTrackingCode: 'HN-20261205-0001' },
    );
    assert.equal((await status(first.messageId, hubei.privateKey, 'hubei')).json<{ error: { code: string } }>().error.code, 'FEDERATION_MESSAGE_UNKNOWN');
    assert.equal((await status(first.messageId, hubei.privateKey, 'henan')).json<{ error: { code: string } }>().error.code, 'FEDERATION_SIGNATURE_INVALID');
    assert.equal((await t.app.inject({ method: 'GET', url: `${CASES}/${first.messageId}` })).statusCode, 401);
  });

  it('concurrent deliveries of one message register one case', async () => {
    const message = envelope({ content: '并发重试的同一条意见' });
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(message)));
    const codes = new Set(answers.map((r) => r.json<{ trackingCode: string }>().trackingCode));
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 201], answers.map((r) => r.body).join('\n'));
    assert.equal(codes.size, 1);
    assert.deepEqual(await counts(), { cases: before.cases + 1, audit: before.audit + 2, inbound: before.inbound + 1 });
  });

  it('refuses tampered, stale, unknown and unauthorised requests, writing nothing', async () => {
    const e = envelope();
    await refused(send(e, { signedBody: JSON.stringify({ ...e, case: { ...e.case, content: '原文' } }) }), 401, 'FEDERATION_SIGNATURE_INVALID');
    await refused(send(e, { signature: Buffer.alloc(64, 7).toString('base64') }), 401, 'FEDERATION_SIGNATURE_INVALID');
    await refused(send(e, { key: hubei.privateKey }), 401, 'FEDERATION_SIGNATURE_INVALID');
    await refused(t.app.inject({ method: 'POST', url: CASES, payload: e }), 401, 'FEDERATION_SIGNATURE_INVALID');
    await refused(send({ ...e, from: 'shanxi' }, { peer: 'shanxi' }), 401, 'FEDERATION_PEER_UNKNOWN');
    const stale = new Date(now().getTime() - 6 * 60_000).toISOString();
    await refused(send(envelope({ sentAt: stale })), 401, 'FEDERATION_CLOCK_SKEW');
    const ahead = new Date(now().getTime() + 6 * 60_000).toISOString();
    await refused(send(envelope({ sentAt: ahead })), 401, 'FEDERATION_CLOCK_SKEW');
    await refused(send(envelope({ stationId: yuegui })), 403, 'FEDERATION_STATION_NOT_ALLOWED');
    await refused(send({ ...e, from: 'hubei' }), 400, 'FEDERATION_BODY_INVALID');
    await refused(send({ ...e, case: { ...e.case, content: '' } }), 400, 'FEDERATION_BODY_INVALID');
    await refused(send('{not json', { sentAt: now().toISOString() }), 400, 'FEDERATION_BODY_INVALID');
    await refused(send({ ...e, case: { ...e.case, categoryCode: 'no-such-category' } }), 400, 'VALIDATION_FAILED');
    // The hubei peer may hand cases to no station.
    await refused(send({ ...e, from: 'hubei' }, { key: hubei.privateKey, peer: 'hubei' }), 403, 'FEDERATION_STATION_NOT_ALLOWED');
  });

  it('refuses a signed body that is not UTF-8 or holds a lone surrogate, naming the field, after the signature, writing nothing', async () => {
    const e = envelope({ content: 'CONTENT' });
    const [head, tail] = JSON.stringify(e).split('CONTENT') as [string, string];
    // 刘 cut short after two of its three bytes, in the case's text.
    const cut = Buffer.concat([Buffer.from(`${head}排水沟`), Buffer.from('刘').subarray(0, 2), Buffer.from(`淤堵${tail}`)]);
    const error = await refused(send(cut), 400, 'TEXT_ENCODING_INVALID');
    assert.equal(error.details?.field, 'body.case.content');
    assert.deepEqual(error.fields?.map((f) => [f.path, f.code]), [['body.case.content', 'ENCODING_INVALID']]);
    // A Latin-1 byte in the submitter's name.
    const name = Buffer.from(JSON.stringify(envelope()).replace('刘群众', 'NAME'));
    const at = name.indexOf('NAME');
    const latin = Buffer.concat([name.subarray(0, at), Buffer.from([0x4c, 0xe9, 0x6f]), name.subarray(at + 4)]);
    assert.equal((await refused(send(latin), 400, 'TEXT_ENCODING_INVALID')).details?.field, 'body.case.submitter.name');
    // Not inside a string: the body as a whole.
    assert.equal((await refused(send(Buffer.concat([cut, Buffer.from([0xff])])), 400, 'TEXT_ENCODING_INVALID')).details?.field, 'body');
    // A lone surrogate spelled as a JSON escape.
    const lone = JSON.stringify(envelope()).replace('刘群众', '\\udfff');
    assert.equal((await refused(send(lone), 400, 'TEXT_LONE_SURROGATE')).details?.field, 'body.case.submitter.name');
    // The signature comes first: unsigned or wrongly signed bad bytes answer as any unsigned request.
    await refused(send(cut, { key: hubei.privateKey }), 401, 'FEDERATION_SIGNATURE_INVALID');
  });

  it('a disabled peer is refused; a rotated key replaces the old one', async () => {
    const peer = (await admin.get('/api/federation/peers/henan')).json<{ version: number }>();
    const off = await admin.patch('/api/federation/peers/henan', { version: peer.version, active: false });
    assert.equal(off.statusCode, 200, off.body);
    await refused(send(envelope()), 403, 'FEDERATION_PEER_DISABLED');

    const rotated = keyPair();
    const on = await admin.patch('/api/federation/peers/henan', { version: peer.version + 1, active: true, publicKey: rotated.publicKey.pem });
    assert.equal(on.statusCode, 200, on.body);
    await refused(send(envelope()), 401, 'FEDERATION_SIGNATURE_INVALID');
    assert.equal((await send(envelope(), { key: rotated.privateKey })).statusCode, 201);

    const stale = await admin.patch('/api/federation/peers/henan', { version: peer.version, name: '旧版本' });
    assert.equal(stale.json<{ error: { code: string } }>().error.code, 'CONFLICT');
    const list = (await admin.get('/api/federation/peers')).json<{ items: { id: string; received: number }[] }>().items;
    assert.ok(list.find((p) => p.id === 'henan')!.received >= 3);
    assert.ok(list.some((p) => p.id === 'shandong'), 'the demo peer');
    assert.equal((await admin.request('DELETE', '/api/federation/peers/henan')).json<{ error: { code: string } }>().error.code, 'FEDERATION_PEER_IN_USE');
    assert.equal((await admin.request('DELETE', '/api/federation/peers/hubei')).statusCode, 200);
  });
});
