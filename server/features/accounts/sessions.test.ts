import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { factories, type Factories } from '../../testing/factories.js';
import { Client, startTestApp, type TestApp } from '../../testing/harness.js';

interface Session { id: number; userAgent: string; ip: string; createdAt: string; lastSeenAt: string; expiresAt: string; current: boolean }

describe('one\'s own sessions', () => {
  let t: TestApp;
  let make: Factories;
  before(async () => { t = await startTestApp(); make = factories(t); });
  after(() => t.close());

  const signIn = async (username: string, password: string) => {
    const client = new Client(t.app);
    const res = await client.login(username, password);
    assert.equal(res.statusCode, 200, res.body);
    return client;
  };
  const sessions = async (client: Client) => {
    const res = await client.get('/api/auth/sessions');
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ items: Session[] }>().items;
  };
  const audits = (action: string, accountId: number) => t.database.db.selectFrom('audit_log').selectAll()
    .where('action', '=', action).where('entity_id', '=', String(accountId)).execute();

  it('lists where one is signed in, this one marked, and signs out another: its cookie no longer works', async () => {
    const account = await make.account('officer');
    const phone = await signIn(account.username, account.password);
    const laptop = await signIn(account.username, account.password);
    const listed = await sessions(laptop);
    assert.equal(listed.length, 2);
    assert.deepEqual(listed.map((s) => s.current).sort(), [false, true]);
    const other = listed.find((s) => !s.current)!;
    assert.equal(other.ip, phone.remoteAddress);
    assert.equal(listed.find((s) => s.current)!.ip, laptop.remoteAddress);
    assert.ok(!('idHash' in other) && !JSON.stringify(listed).includes(phone.cookie.split('=')[1]!));

    const own = listed.find((s) => s.current)!;
    const refused = await laptop.request('DELETE', `/api/auth/sessions/${own.id}`);
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error.code, 'SESSION_IS_CURRENT');

    const res = await laptop.request('DELETE', `/api/auth/sessions/${other.id}`);
    assert.equal(res.statusCode, 200, res.body);
    const gone = await phone.get('/api/auth/me');
    assert.equal(gone.statusCode, 401);
    assert.equal(gone.json().error.code, 'SESSION_EXPIRED');
    assert.equal((await laptop.get('/api/auth/me')).statusCode, 200);
    assert.deepEqual((await sessions(laptop)).map((s) => s.id), [own.id]);
    assert.equal((await audits('auth.session_revoked', account.id)).length, 1);
    const again = await laptop.request('DELETE', `/api/auth/sessions/${other.id}`);
    assert.equal(again.statusCode, 404);
  });

  it('cannot see or sign out someone else\'s session', async () => {
    const [mine, theirs] = [await make.account('staff'), await make.account('staff')];
    const me = await signIn(mine.username, mine.password);
    const them = await signIn(theirs.username, theirs.password);
    const [target] = await sessions(them);
    assert.ok(!(await sessions(me)).some((s) => s.id === target!.id));
    const res = await me.request('DELETE', `/api/auth/sessions/${target!.id}`);
    const missing = await me.request('DELETE', '/api/auth/sessions/2147483647');
    assert.equal(res.statusCode, 404);
    assert.equal(res.body, missing.body);
    assert.equal((await them.get('/api/auth/me')).statusCode, 200, 'untouched');
    const noCsrf = await me.request('DELETE', `/api/auth/sessions/${target!.id}`, undefined, { 'x-csrf-token': '' });
    assert.equal(noCsrf.json().error.code, 'CSRF_FAILED');
  });

  it('signs out everywhere else at once, and a password change does too', async () => {
    const account = await make.account('unit');
    const a = await signIn(account.username, account.password);
    const b = await signIn(account.username, account.password);
    const c = await signIn(account.username, account.password);
    const res = await a.post('/api/auth/sessions/revoke-others');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { count: 2 });
    assert.equal((await b.get('/api/auth/me')).statusCode, 401);
    assert.equal((await c.get('/api/auth/me')).statusCode, 401);
    assert.equal((await sessions(a)).length, 1);
    assert.deepEqual((await a.post('/api/auth/sessions/revoke-others')).json(), { count: 0 });
    assert.equal((await audits('auth.sessions_revoked', account.id)).length, 1);

    // Changing one's password at any time (not only when asked to) ends the other sessions as well.
    const d = await signIn(account.username, account.password);
    const changed = await a.post('/api/auth/password', { currentPassword: account.password, newPassword: 'Another#Pass2026' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((await d.get('/api/auth/me')).statusCode, 401);
    assert.equal((await a.get('/api/auth/me')).statusCode, 200);
    const reused = await a.post('/api/auth/password', { currentPassword: 'Another#Pass2026', newPassword: 'Another#Pass2026' });
    assert.equal(reused.json().error.code, 'PASSWORD_REUSED');
    await signIn(account.username, 'Another#Pass2026');
  });
});
