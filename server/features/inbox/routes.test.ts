import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { notify } from '../../platform/notify/notify.js';
import { factories, type Factories } from '../../testing/factories.js';
import { startTestApp, type Client, type TestApp } from '../../testing/harness.js';

interface Item { id: number; kind: string; title: string; body: string; link: string | null; caseId: number | null; createdAt: string; readAt: string | null }
interface Page { items: Item[]; nextCursor: string | null; unreadCount: number }

describe('notifications API', () => {
  let t: TestApp;
  let pinggui: Client;
  let liangjun: Client;
  const mine: number[] = [];
  let theirs: number;
  let make: Factories;

  before(async () => {
    t = await startTestApp();
    make = factories(t);
    const staff = await make.signedIn('staff');
    const deputy = await make.signedIn('deputy');
    [pinggui, liangjun] = [staff.client, deputy.client];
    const db = t.database.db;
    const [pingguiId, liangjunId] = [staff.id, deputy.id];
    for (let i = 1; i <= 5; i++) {
      const { notificationIds } = await db.transaction().execute((trx) => notify(trx, {
        accountIds: [pingguiId], kind: 'case.assigned', title: `交办件 ${i}`, body: `第 ${i} 件`, link: `/cases/${i}`, caseId: i,
      }));
      mine.push(notificationIds[0]!);
    }
    theirs = (await db.transaction().execute((trx) => notify(trx, { accountIds: [liangjunId], kind: 'case.reply', title: '代表的通知', body: '' }))).notificationIds[0]!;
  });
  after(() => t.close());

  const list = async (client: Client, query = '') => {
    const res = await client.get(`/api/notifications${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Page>();
  };
  const count = async (client: Client) => (await client.get('/api/notifications/unread-count')).json<{ count: number }>().count;
  const audits = (action: string) => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  it('lists only your own notifications, newest first, with the unread count', async () => {
    const page = await list(pinggui);
    assert.deepEqual(page.items.map((n) => n.id), [...mine].reverse());
    assert.equal(page.unreadCount, 5);
    assert.equal(page.nextCursor, null);
    assert.deepEqual(page.items[0], {
      id: mine[4], kind: 'case.assigned', type: 'other', title: '交办件 5', body: '第 5 件', link: '/cases/5', caseId: 5,
      createdAt: page.items[0]!.createdAt, readAt: null,
    });
    assert.ok(!page.items.some((n) => n.id === theirs));
    assert.deepEqual((await list(liangjun)).items.map((n) => n.id), [theirs]);
    assert.equal((await list((await make.signedIn('admin')).client)).items.length, 0);
  });

  it('pages by key', async () => {
    const first = await list(pinggui, '?limit=2');
    assert.deepEqual(first.items.map((n) => n.id), [mine[4], mine[3]]);
    assert.ok(first.nextCursor);
    const second = await list(pinggui, `?limit=2&cursor=${first.nextCursor}`);
    assert.deepEqual(second.items.map((n) => n.id), [mine[2], mine[1]]);
    const third = await list(pinggui, `?limit=2&cursor=${second.nextCursor}`);
    assert.deepEqual(third.items.map((n) => n.id), [mine[0]]);
    assert.equal(third.nextCursor, null);
    const bad = await pinggui.get('/api/notifications?cursor=not-a-cursor');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].code, 'CURSOR_INVALID');
  });

  it('marks one read, audited once; again changes nothing; someone else\'s answers 404 like a missing one', async () => {
    const res = await pinggui.post(`/api/notifications/${mine[1]}/read`);
    assert.equal(res.statusCode, 200, res.body);
    const readAt = res.json<Item>().readAt;
    assert.ok(readAt);
    assert.equal(await count(pinggui), 4);
    const again = await pinggui.post(`/api/notifications/${mine[1]}/read`);
    assert.equal(again.json<Item>().readAt, readAt);
    const rows = await audits('notification.read');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.entity_id, String(mine[1]));
    assert.deepEqual(rows[0]!.after, { readAt });

    const other = await pinggui.post(`/api/notifications/${theirs}/read`);
    const missing = await pinggui.post('/api/notifications/999999999/read');
    assert.equal(other.statusCode, 404);
    assert.equal(other.body, missing.body);
    assert.equal((await list(liangjun)).items[0]!.readAt, null, 'untouched');

    const unread = await list(pinggui, '?unread=true');
    assert.deepEqual(unread.items.map((n) => n.id), [mine[4], mine[3], mine[2], mine[0]]);
    assert.equal(unread.unreadCount, 4);
  });

  it('marks all read, only your own', async () => {
    const res = await pinggui.post('/api/notifications/read-all');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { count: 4 });
    assert.equal(await count(pinggui), 0);
    assert.equal((await list(pinggui, '?unread=true')).items.length, 0);
    assert.equal(await count(liangjun), 1);
    assert.deepEqual((await pinggui.post('/api/notifications/read-all')).json(), { count: 0 });
    const rows = await audits('notification.read_all');
    assert.equal(rows.length, 1, 'a read-all that changes nothing is not audited');
    assert.equal((rows[0]!.after as { count: number }).count, 4);
  });

  it('needs a session, and the CSRF token to mark read', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count' });
    assert.equal(anon.statusCode, 401);
    const noCsrf = await liangjun.request('POST', `/api/notifications/${theirs}/read`, {}, { 'x-csrf-token': '' });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json().error.code, 'CSRF_FAILED');
  });
});
