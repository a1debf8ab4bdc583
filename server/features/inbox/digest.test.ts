import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { composeDigests } from '../../platform/notify/digest.js';
import { notify } from '../../platform/notify/notify.js';
import { housekeepingTasks } from '../../platform/feature.js';
import { now } from '../../platform/clock.js';
import { factories, type Factories } from '../../testing/factories.js';
import { startTestApp, type Client, type TestApp } from '../../testing/harness.js';

interface Item { id: number; kind: string; type: string; title: string; body: string; link: string | null; readAt: string | null }
interface Page { items: Item[]; nextCursor: string | null; unreadCount: number }
interface Prefs { channels: string[]; prefs: { type: string; channel: string; mode: string }[] }

describe('notification preferences, type filters and the daily digest', () => {
  let t: TestApp;
  let make: Factories;
  before(async () => { t = await startTestApp(); make = factories(t); });
  after(() => t.close());

  const db = () => t.database.db;
  const list = async (client: Client, query = '') => {
    const res = await client.get(`/api/notifications${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Page>();
  };
  const tell = (accountId: number, kind: string, title: string) => db().transaction().execute((trx) => notify(trx, {
    accountIds: [accountId], kind, title, body: `${title} 的内容`, link: '/cases/1', caseId: null,
  }));
  const outboxOf = async (accountId: number) => db().selectFrom('outbox as o').innerJoin('notification as n', 'n.id', 'o.notification_id')
    .select(['o.subject', 'n.kind']).where('n.account_id', '=', accountId).orderBy('o.id').execute();
  /** The digest as the daily housekeeping makes it, the next morning. */
  const tomorrowMorning = () => new Date(now().getTime() + 86_400_000);

  it('answers every type and channel, immediately by default, and saves one\'s choices', async () => {
    const me = await make.signedIn('deputy');
    const initial = (await me.client.get('/api/notifications/preferences')).json<Prefs>();
    assert.deepEqual(initial.channels, ['app', 'log']);
    assert.equal(initial.prefs.length, 4 * 2);
    assert.ok(initial.prefs.every((p) => p.mode === 'immediate'));

    const saved = await me.client.request('PUT', '/api/notifications/preferences', { prefs: [{ type: 'reminder', channel: 'app', mode: 'digest' }, { type: 'result', channel: 'log', mode: 'off' }] });
    assert.equal(saved.statusCode, 200, saved.body);
    const after = saved.json<Prefs>().prefs;
    assert.equal(after.find((p) => p.type === 'reminder' && p.channel === 'app')!.mode, 'digest');
    assert.equal(after.find((p) => p.type === 'result' && p.channel === 'log')!.mode, 'off');
    assert.equal(after.find((p) => p.type === 'task' && p.channel === 'app')!.mode, 'immediate');
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'notification.preferences').where('entity_id', '=', String(me.id)).execute();
    assert.equal(audit.length, 1);
    // Saving the same again changes nothing and writes no audit record.
    await me.client.request('PUT', '/api/notifications/preferences', { prefs: [{ type: 'reminder', channel: 'app', mode: 'digest' }] });
    assert.equal((await db().selectFrom('audit_log').select('id').where('action', '=', 'notification.preferences').where('entity_id', '=', String(me.id)).execute()).length, 1);

    const sms = await me.client.request('PUT', '/api/notifications/preferences', { prefs: [{ type: 'task', channel: 'sms', mode: 'off' }] });
    assert.equal(sms.statusCode, 400);
    assert.equal(sms.json().error.code, 'NOTIFICATION_CHANNEL_UNAVAILABLE');
    const bad = await me.client.request('PUT', '/api/notifications/preferences', { prefs: [{ type: 'task', channel: 'app', mode: 'weekly' }] });
    assert.equal(bad.statusCode, 400);
    // One's preferences are one's own.
    const other = (await (await make.signedIn('deputy')).client.get('/api/notifications/preferences')).json<Prefs>();
    assert.ok(other.prefs.every((p) => p.mode === 'immediate'));
  });

  it('filters the inbox by type', async () => {
    const me = await make.signedIn('staff');
    await tell(me.id, 'case.assign', '新的交办件');
    await tell(me.id, 'case.remind', '交办件已超期');
    await tell(me.id, 'case.rate', '群众已评价');
    await tell(me.id, 'account.something', '其他事');
    assert.deepEqual((await list(me.client, '?type=task')).items.map((n) => n.title), ['新的交办件']);
    assert.deepEqual((await list(me.client, '?type=reminder')).items.map((n) => [n.title, n.type]), [['交办件已超期', 'reminder']]);
    assert.deepEqual((await list(me.client, '?type=result')).items.map((n) => n.title), ['群众已评价']);
    assert.deepEqual((await list(me.client, '?type=other')).items.map((n) => n.title), ['其他事']);
    assert.equal((await list(me.client)).items.length, 4);
    assert.equal((await me.client.get('/api/notifications?type=nonsense')).statusCode, 400);
  });

  it('keeps what one wants daily for one digest the next morning, on each channel as chosen', async () => {
    const me = await make.signedIn('unit');
    const saved = await me.client.request('PUT', '/api/notifications/preferences', { prefs: [
      { type: 'reminder', channel: 'app', mode: 'digest' }, { type: 'reminder', channel: 'log', mode: 'digest' },
      { type: 'task', channel: 'log', mode: 'digest' },
      { type: 'result', channel: 'app', mode: 'off' }, { type: 'result', channel: 'log', mode: 'off' },
    ] });
    assert.equal(saved.statusCode, 200, saved.body);
    for (let i = 1; i <= 12; i++) await tell(me.id, 'case.remind', `交办件已超期 ${i}`);
    await tell(me.id, 'case.assign', '新的交办件,请签收');
    await tell(me.id, 'case.rate', '群众已评价');

    // Today: only the task shows (and counts); the twelve reminders wait; the outcome goes nowhere.
    const today = await list(me.client);
    assert.deepEqual(today.items.map((n) => n.title), ['新的交办件,请签收']);
    assert.equal(today.unreadCount, 1);
    assert.equal((await list(me.client, '?type=reminder')).items.length, 0);
    assert.equal((await db().selectFrom('notification').select('id').where('account_id', '=', me.id).where('kind', '=', 'case.rate').execute()).length, 0);
    assert.deepEqual(await outboxOf(me.id), [], 'the task waits for the digest on the log channel; nothing else is sent');

    assert.ok(housekeepingTasks().includes(composeDigests), 'the daily housekeeping makes the digest');
    const [made, ...more] = (await db().transaction().execute((trx) => composeDigests(trx, tomorrowMorning()))).filter((d) => d.accountId === me.id);
    assert.equal(more.length, 0);
    assert.equal(made!.count, 13);

    const next = await list(me.client);
    assert.equal(next.unreadCount, 2, 'one digest instead of twelve reminders');
    const digest = next.items[0]!;
    assert.equal(digest.kind, 'inbox.digest');
    assert.equal(digest.type, 'other');
    assert.equal(digest.title, '每日通知汇总:13 条');
    assert.match(digest.body, /待办事项 1 条,到期提醒 12 条/);
    assert.match(digest.body, /另有 5 条/);
    assert.equal(digest.link, `/notifications?digest=${digest.id}`);
    const folded = await list(me.client, `?digest=${digest.id}&limit=50`);
    assert.equal(folded.items.length, 13);
    assert.equal((await list(me.client, `?digest=${digest.id}&type=reminder&limit=50`)).items.length, 12);
    // One message on the log channel for the whole day.
    assert.deepEqual(await outboxOf(me.id), [{ subject: '每日通知汇总:13 条', kind: 'inbox.digest' }]);

    // Again the same day: nothing more.
    const again = (await db().transaction().execute((trx) => composeDigests(trx, tomorrowMorning()))).filter((d) => d.accountId === me.id);
    assert.deepEqual(again, []);
    // Someone else cannot open it.
    const stranger = await make.signedIn('unit');
    assert.deepEqual((await list(stranger.client, `?digest=${digest.id}`)).items, []);
  });
});
