import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../../demo.js';
import { Client, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

describe('sign-in, sessions and passwords', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(() => t.close());

  const db = () => t.database.db;
  const account = (username: string) => db().selectFrom('account').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const auditActions = async (accountId: number) =>
    (await db().selectFrom('audit_log').select('action').where('entity_type', '=', 'account').where('entity_id', '=', String(accountId)).orderBy('id').execute()).map((r) => r.action);

  it('signs in with an httpOnly session cookie and answers the account, scope and abilities', async () => {
    const client = new Client(t.app);
    const res = await client.login('pinggui');
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'lx_session')!;
    assert.ok(cookie.httpOnly);
    assert.equal(cookie.sameSite, 'Lax');
    assert.ok(cookie.value.length >= 40);
    const body = res.json();
    assert.equal(body.account.role, 'staff');
    assert.equal(body.account.scope.region.code, '451103');
    assert.ok(body.account.abilities.includes('station.create'));
    assert.ok(!body.account.abilities.includes('audit.read'));
    assert.ok(body.csrfToken);
    const me = await client.get('/api/auth/me');
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().account.username, 'pinggui');
    // Only a hash of the token is stored.
    const stored = await db().selectFrom('session').select('id_hash').execute();
    assert.ok(!stored.some((s) => s.id_hash === cookie.value));
  });

  it('treats the username case-insensitively and refuses a wrong password with 401', async () => {
    const ok = await new Client(t.app).login('PingGui');
    assert.equal(ok.statusCode, 200);
    const bad = await new Client(t.app).login('pinggui', 'wrong-password-1A');
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.json().error.code, 'INVALID_CREDENTIALS');
    assert.match(bad.json().error.message, /^用户名或密码错误/);
    // A failure is reset by the next success.
    await new Client(t.app).login('pinggui');
    assert.equal((await account('pinggui')).failed_logins, 0);
  });

  it('answers unknown users exactly like wrong passwords', async () => {
    const unknown = await new Client(t.app).login('no-such-user', 'whatever-1A!');
    const wrong = await new Client(t.app).login('lianjiang', 'whatever-1A!');
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.json().error.code, 'INVALID_CREDENTIALS');
    assert.equal(unknown.body, wrong.body, 'nothing tells an existing username from an unknown one');
    await new Client(t.app).login('lianjiang');
  });

  it('locks an account for 15 minutes after 5 failed sign-ins, even against the right password, answering like an unknown user', async () => {
    const { id } = await account('yicheng');
    const unknown = await new Client(t.app).login('no-such-yicheng', 'Wrong#Password1');
    for (let i = 1; i <= 4; i++) {
      const res = await new Client(t.app).login('yicheng', 'Wrong#Password1');
      assert.equal(res.statusCode, 401);
      assert.equal((await account('yicheng')).failed_logins, i);
    }
    const fifth = await new Client(t.app).login('yicheng', 'Wrong#Password1');
    const lockedUntil = (await account('yicheng')).locked_until!;
    const minutes = (lockedUntil.getTime() - Date.now()) / 60_000;
    assert.ok(minutes > 14 && minutes <= 15, `locked for ${minutes} minutes`);

    // The locked account, with the wrong or the right password, answers exactly like an unknown username.
    const right = await new Client(t.app).login('yicheng');
    for (const res of [fifth, right]) {
      assert.equal(res.statusCode, unknown.statusCode);
      assert.equal(res.body, unknown.body, 'nothing tells a locked account from an unknown one');
      assert.deepEqual(Object.keys(res.headers).sort(), Object.keys(unknown.headers).sort());
    }
    assert.equal(right.json().error.code, 'INVALID_CREDENTIALS');
    assert.doesNotMatch(right.body, /unlock|锁定至|\d{2}:\d{2}/);
    const english = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'yicheng', password: DEMO_PASSWORD }, headers: { 'accept-language': 'en' } });
    const englishUnknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-at-all', password: DEMO_PASSWORD }, headers: { 'accept-language': 'en' } });
    assert.equal(english.body, englishUnknown.body);

    // The holder is told, once for this lock, with the lock's end in Beijing time.
    const told = await db().selectFrom('notification').selectAll().where('account_id', '=', id).where('kind', '=', 'account.locked').execute();
    assert.equal(told.length, 1, 'one notification per lock, however often the locked account is tried');
    const local = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(lockedUntil);
    assert.ok(told[0]!.body.includes(local), told[0]!.body);

    // Once the lock has run out, the right password works again.
    await db().updateTable('account').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    assert.equal((await new Client(t.app).login('yicheng')).statusCode, 200);
    const actions = await auditActions(id);
    assert.equal(actions.filter((a) => a === 'auth.login_failed').length, 4);
    assert.ok(actions.includes('auth.account_locked'));
    assert.ok(actions.includes('auth.login_refused_locked'));

    // A second lock is a second notification.
    for (let i = 1; i <= 5; i++) await new Client(t.app).login('yicheng', 'Wrong#Password1');
    const again = await db().selectFrom('notification').select('id').where('account_id', '=', id).where('kind', '=', 'account.locked').execute();
    assert.equal(again.length, 2);
    await db().updateTable('account').set({ locked_until: null, failed_logins: 0 }).where('id', '=', id).execute();
  });

  it('rotates the session at sign-in: the old cookie stops working', async () => {
    const client = await signIn(t.app, 'taiqian');
    const oldCookie = client.cookie;
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'taiqian', password: DEMO_PASSWORD }, headers: { cookie: oldCookie } });
    assert.equal(res.statusCode, 200);
    const stale = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: oldCookie } });
    assert.equal(stale.statusCode, 401);
    assert.equal(stale.json().error.code, 'SESSION_EXPIRED');
  });

  it('asks for sign-in without a cookie, and refuses a forged one', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/stations' });
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().error.code, 'UNAUTHENTICATED');
    const forged = await t.app.inject({ method: 'GET', url: '/api/stations', headers: { cookie: 'lx_session=forged' } });
    assert.equal(forged.statusCode, 401);
  });

  describe('session expiry', () => {
    let client: Client;
    beforeEach(async () => { client = await signIn(t.app, 'lianjiang'); });
    const tokenHash = async () => (await db().selectFrom('session').innerJoin('account', 'account.id', 'session.account_id')
      .select('session.id_hash').where('account.username', '=', 'lianjiang').orderBy('session.created_at', 'desc').executeTakeFirstOrThrow()).id_hash;

    it('ends a session idle for 30 minutes', async () => {
      const hash = await tokenHash();
      await db().updateTable('session').set({ last_seen_at: new Date(Date.now() - 29 * 60_000) }).where('id_hash', '=', hash).execute();
      assert.equal((await client.get('/api/auth/me')).statusCode, 200, 'still alive at 29 minutes');
      await db().updateTable('session').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('id_hash', '=', hash).execute();
      const res = await client.get('/api/auth/me');
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'SESSION_EXPIRED');
      assert.equal(await db().selectFrom('session').select('id_hash').where('id_hash', '=', hash).executeTakeFirst(), undefined, 'expired session removed');
    });

    it('ends a session 12 hours after sign-in however busy', async () => {
      const hash = await tokenHash();
      const session = await db().selectFrom('session').select(['created_at', 'expires_at']).where('id_hash', '=', hash).executeTakeFirstOrThrow();
      const hours = (session.expires_at.getTime() - session.created_at.getTime()) / 3600_000;
      assert.ok(Math.abs(hours - 12) < 0.01, `absolute lifetime ${hours} h`);
      await db().updateTable('session').set({ expires_at: new Date(Date.now() - 1000), last_seen_at: new Date() }).where('id_hash', '=', hash).execute();
      assert.equal((await client.get('/api/auth/me')).statusCode, 401);
    });

    it('signs out', async () => {
      const res = await client.post('/api/auth/logout');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['set-cookie']), /lx_session=;/);
      assert.equal((await client.get('/api/auth/me')).statusCode, 401);
    });
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const client = await signIn(t.app, 'pinggui');
    const res = await t.app.inject({ method: 'POST', url: '/api/units', headers: { cookie: client.cookie }, payload: { name: '无令牌局', regionCode: '451103' } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'CSRF_FAILED');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/units', headers: { cookie: client.cookie, 'x-csrf-token': 'x'.repeat(32) }, payload: { name: '无令牌局', regionCode: '451103' } });
    assert.equal(wrong.statusCode, 403);
    assert.equal(await db().selectFrom('unit').select('id').where('name', '=', '无令牌局').executeTakeFirst(), undefined);
  });

  it('forces a password change on an account created with an initial password', async () => {
    const client = await signIn(t.app, 'xinren');
    const me = await client.get('/api/auth/me');
    assert.equal(me.json().account.mustChangePassword, true);
    assert.deepEqual(me.json().account.abilities, []);
    const blocked = await client.get('/api/stations');
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().error.code, 'PASSWORD_CHANGE_REQUIRED');

    const other = await signIn(t.app, 'xinren');
    const weak = await client.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short1A' });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().error.code, 'PASSWORD_TOO_WEAK');
    const twoClasses = await client.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'onlylowercase123' });
    assert.equal(twoClasses.json().error.code, 'PASSWORD_TOO_WEAK');
    const same = await client.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD });
    assert.equal(same.json().error.code, 'PASSWORD_REUSED');
    const wrong = await client.post('/api/auth/password', { currentPassword: 'Not#MyPassword1', newPassword: 'Brand#New2026x' });
    assert.equal(wrong.json().error.code, 'WRONG_PASSWORD');

    const ok = await client.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Brand#New2026x' });
    assert.equal(ok.statusCode, 200);
    assert.equal((await client.get('/api/stations')).statusCode, 200, 'unblocked after the change');
    assert.equal((await other.get('/api/auth/me')).statusCode, 401, 'other sessions ended');
    assert.equal((await new Client(t.app).login('xinren', DEMO_PASSWORD)).statusCode, 401);
    assert.equal((await new Client(t.app).login('xinren', 'Brand#New2026x')).statusCode, 200);
    const stored = await account('xinren');
    assert.match(stored.password_hash, /^scrypt\$/);
    assert.equal(stored.must_change_password, false);
  });

  it('refuses any of the last 5 passwords, on a change and on an administrator\'s reset, keeping only scrypt hashes', async () => {
    const admin = await signIn(t.app, 'admin');
    const created = await admin.post('/api/accounts', { username: 'historian', displayName: '史', role: 'staff', regionCode: '451103101', password: 'Start#Pass2026' });
    assert.equal(created.statusCode, 201);
    const { id } = created.json();
    const passwords = ['Start#Pass2026', 'First#Pass2026', 'Second#Pass2026', 'Third#Pass2026', 'Fourth#Pass2026', 'Fifth#Pass2026'];
    const owner = await signIn(t.app, 'historian', passwords[0]);
    for (let i = 1; i < passwords.length; i++) {
      const res = await owner.post('/api/auth/password', { currentPassword: passwords[i - 1], newPassword: passwords[i] });
      assert.equal(res.statusCode, 200, res.body);
    }
    const history = await db().selectFrom('password_history').select('password_hash').where('account_id', '=', id).execute();
    assert.equal(history.length, 4, 'the current password and 4 earlier ones make the last 5');
    assert.ok(history.every((h) => /^scrypt\$32768\$8\$1\$/.test(h.password_hash)));

    const again = await signIn(t.app, 'historian', passwords[5]);
    for (const reused of passwords.slice(1)) {
      const res = await again.post('/api/auth/password', { currentPassword: passwords[5], newPassword: reused });
      assert.equal(res.statusCode, 400, reused);
      assert.equal(res.json().error.code, 'PASSWORD_REUSED');
      assert.match(res.json().error.message, /最近 5 次/);
    }
    // The sixth one back has left the history.
    assert.equal((await again.post('/api/auth/password', { currentPassword: passwords[5], newPassword: passwords[0] })).statusCode, 200);

    // An administrator's reset may not set one of them either; a refused reset changes nothing.
    const auditsBefore = (await auditActions(id)).length;
    const reset = await admin.post(`/api/accounts/${id}/reset-password`, { password: passwords[4] });
    assert.equal(reset.statusCode, 400);
    assert.deepEqual(reset.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['password', 'PASSWORD_REUSED']]);
    assert.equal((await auditActions(id)).length, auditsBefore);
    assert.equal((await admin.post(`/api/accounts/${id}/reset-password`, { password: 'Reset#Fresh2026' })).statusCode, 200);
    assert.equal((await db().selectFrom('password_history').select('id').where('account_id', '=', id).execute()).length, 4);
  });

  it('refuses a disabled account and ends its sessions', async () => {
    const admin = await signIn(t.app, 'admin');
    const target = await admin.post('/api/accounts', { username: 'tempclerk', displayName: '临时', role: 'staff', regionCode: '451103101', password: 'Temp#Pass2026' });
    assert.equal(target.statusCode, 201);
    const user = await signIn(t.app, 'tempclerk', 'Temp#Pass2026');
    const { id, version } = target.json();
    assert.equal((await admin.patch(`/api/accounts/${id}`, { version, active: false })).statusCode, 200);
    assert.equal((await user.get('/api/auth/me')).statusCode, 401);
    const again = await new Client(t.app).login('tempclerk', 'Temp#Pass2026');
    assert.equal(again.statusCode, 403);
    assert.equal(again.json().error.code, 'ACCOUNT_DISABLED');
  });

  it('counts and audits a sign-in refused as bad input like a wrong password, up to the lock', async () => {
    const { id } = await account('lianping');
    const send = (payload: string | Buffer, n: number) => t.app.inject({
      method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': 'application/json' }, remoteAddress: `10.77.0.${n}`,
    });
    const lone = await send('{"username":"lianping","password":"x\\udfffy"}', 1);
    assert.equal(lone.statusCode, 400);
    assert.equal(lone.json().error.code, 'TEXT_LONE_SURROGATE');
    const long = await send(JSON.stringify({ username: 'LianPing', password: 'p'.repeat(201) }), 2);
    assert.equal(long.json().error.code, 'VALIDATION_FAILED');
    assert.equal((await account('lianping')).failed_logins, 2, 'both refusals counted against the account');
    // A body that cannot be read names no account: audited, counted against none.
    const unreadable = await send(Buffer.concat([Buffer.from('{"username":"lianping","password":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), 3);
    assert.equal(unreadable.json().error.code, 'BODY_ENCODING_INVALID');
    assert.equal((await account('lianping')).failed_logins, 2);
    const anonymous = await db().selectFrom('audit_log').select('after').where('action', '=', 'auth.login_failed').where('entity_id', 'is', null).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(anonymous.after, { username: null, reason: 'BODY_ENCODING_INVALID' });
    for (let i = 4; i <= 6; i++) assert.equal((await send('{"username":"lianping","password":"\\ud800"}', i)).statusCode, 400);
    const locked = await account('lianping');
    assert.ok(locked.locked_until && locked.locked_until.getTime() > Date.now(), 'five refused attempts lock the account');
    assert.equal((await new Client(t.app).login('lianping')).statusCode, 401, 'the right password is refused while locked');
    const actions = await auditActions(id);
    assert.equal(actions.filter((a) => a === 'auth.login_failed').length, 4);
    assert.ok(actions.includes('auth.account_locked'));
    const reasons = (await db().selectFrom('audit_log').select('after').where('entity_type', '=', 'account').where('entity_id', '=', String(id))
      .where('action', '=', 'auth.login_failed').orderBy('id').execute()).map((r) => (r.after as { reason?: string }).reason);
    assert.deepEqual(reasons, ['TEXT_LONE_SURROGATE', 'FST_ERR_VALIDATION', 'TEXT_LONE_SURROGATE', 'TEXT_LONE_SURROGATE']);
    await db().updateTable('account').set({ locked_until: null, failed_logins: 0 }).where('id', '=', id).execute();
  });

  it('validates the login body field by field, in the client language', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' }, headers: { 'accept-language': 'en' } });
    assert.equal(res.statusCode, 400);
    const { error } = res.json();
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.deepEqual(error.fields.map((f: { path: string }) => f.path).sort(), ['body.password', 'body.username']);
    const zh = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    assert.match(zh.json().error.fields[0].message, /[\u4e00-\u9fa5]/);
  });

  it('rate-limits sign-in attempts per client address with a clear 429', async () => {
    let last;
    for (let i = 0; i < 25; i++) {
      last = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `ghost${i}`, password: 'x' }, remoteAddress: '10.9.8.7' });
      if (last.statusCode === 429) break;
    }
    assert.equal(last!.statusCode, 429);
    assert.equal(last!.json().error.code, 'RATE_LIMITED');
    assert.ok(Number(last!.headers['retry-after']) > 0);
    assert.match(last!.json().error.message, /秒后再试/);
  });
});
