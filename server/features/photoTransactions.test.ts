/**
 * Every route that accepts a photo decodes and re-encodes it (sharp/libvips) before its write's
 * transaction opens: on the embedded database a transaction holds the only connection, so a
 * photo decoded inside one stalls every other request for as long as libvips works. Shown by a
 * photo that sniffs as PNG but does not decode: each route refuses it without opening a
 * transaction and without an audit record, whatever the record it names (here one that does
 * not exist, which the write would only find inside its transaction).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, signIn, startTestApp, type TestApp } from '../testing/harness.js';

/** PNG's signature, then bytes that are no PNG: sniffed as a photo, refused when decoded. */
const BROKEN_PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 7)]).toString('base64');
const USERS = ['admin', 'pinggui', 'huangtian', 'wanghuimin', 'wangge', 'shuiliju', 'taiqian'];
const MISSING = 999_999;

const ROUTES: { name: string; method: 'POST' | 'PUT'; url: string; body: Record<string, unknown>; isPublic?: boolean }[] = [
  { name: 'public submission', method: 'POST', url: '/api/public/opinions', isPublic: true, body: { stationId: MISSING, categoryId: MISSING, content: '路灯坏了', photos: [{ data: BROKEN_PNG }] } },
  { name: 'grid whistle', method: 'POST', url: '/api/grids/whistles', body: { cellId: MISSING, categoryId: MISSING, content: '路塌了', place: '村口', photos: [{ data: BROKEN_PNG }] } },
  { name: 'case reply', method: 'POST', url: `/api/cases/${MISSING}/actions/reply`, body: { comment: '已办理', attachments: [{ name: '现场.png', data: BROKEN_PNG, public: true }] } },
  { name: 'activity files', method: 'POST', url: `/api/activities/${MISSING}/files`, body: { photos: [{ data: BROKEN_PNG }] } },
  { name: 'consultation document', method: 'POST', url: `/api/consultations/${MISSING}/documents`, body: { name: '图.png', data: BROKEN_PNG } },
  { name: 'cross-province file', method: 'POST', url: `/api/cross-province/agreements/${MISSING}/files`, body: { kind: 'other', name: '图.png', data: BROKEN_PNG } },
  { name: 'suggestion draft file', method: 'POST', url: `/api/suggestions/${MISSING}/files`, body: { name: '图.png', data: BROKEN_PNG, public: false } },
  { name: 'suggestion action files', method: 'POST', url: `/api/suggestions/${MISSING}/actions`, body: { action: 'send_view', comment: '同意', files: [{ name: '图.png', data: BROKEN_PNG, public: false }] } },
  { name: 'mediation agreement', method: 'PUT', url: `/api/mediation/${MISSING}/agreement`, body: { name: '协议.png', data: BROKEN_PNG } },
  { name: 'budget report', method: 'POST', url: `/api/budget-reviews/${MISSING}/reports`, body: { kind: 'debt', title: '报告', files: [{ name: '图.png', data: BROKEN_PNG }] } },
  { name: 'livelihood photo', method: 'POST', url: `/api/livelihood/projects/${MISSING}/actions`, body: { action: 'add_photo', photos: [{ name: '图.png', data: BROKEN_PNG }] } },
];

describe('photos are decoded before the write transaction', () => {
  let t: TestApp;
  const clients = new Map<string, Client>();
  let opened = 0;

  before(async () => {
    t = await startTestApp();
    for (const u of USERS) clients.set(u, await signIn(t.app, u));
    const db = t.app.db;
    const transaction = db.transaction.bind(db);
    db.transaction = () => { opened++; return transaction(); };
  });
  after(() => t.close());

  const audits = async () => Number((await t.database.db.selectFrom('audit_log').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  for (const route of ROUTES) {
    it(`${route.name}: a photo that does not decode is refused before any transaction`, async () => {
      const senders = route.isPublic ? [new Client(t.app)] : USERS.map((u) => clients.get(u)!);
      const auditsBefore = await audits();
      for (const c of senders) {
        opened = 0;
        const res = await c.request(route.method, route.url, route.body);
        if (res.statusCode === 403) continue;
        assert.equal(res.statusCode, 400, res.body);
        const error = res.json<{ error: { code: string; fields?: { code: string }[] } }>().error;
        assert.ok(['IMAGE_UNREADABLE', 'VALIDATION_FAILED'].includes(error.code), res.body);
        if (error.code === 'VALIDATION_FAILED') assert.ok(error.fields?.some((f) => f.code === 'PHOTO_UNREADABLE'), res.body);
        assert.equal(opened, 0, 'no transaction opened');
        assert.equal(await audits(), auditsBefore, 'no audit record');
        return;
      }
      assert.fail('no demo account may use the route');
    });
  }
});
