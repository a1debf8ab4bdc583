import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { factories, type County, type Factories, type SignedIn } from '../../testing/factories.js';
import { Client, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

describe('accounts', () => {
  let t: TestApp;
  let make: Factories;
  let admin: Client;
  let county: County;
  let staff: SignedIn;
  let pinggui: Client;
  before(async () => {
    t = await startTestApp();
    make = factories(t);
    admin = await signIn(t.app, 'admin');
    county = await make.county();
    staff = await make.signedIn('staff', { regionCode: county.code });
    pinggui = staff.client;
  });
  after(() => t.close());

  const town = () => county.towns[0]!;

  it('lets staff create an officer for a station in their region, who must change the initial password', async () => {
    const { id: station, name } = await make.station({ regionCode: town().code });
    const res = await pinggui.post('/api/accounts', { username: 'xiwan_officer', displayName: '西湾联络员', role: 'officer', password: 'Initial#2026a', stationIds: [station] });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().mustChangePassword, true);
    assert.deepEqual(res.json().stations, [{ id: station, name }]);
    const stored = await t.database.db.selectFrom('account').select(['password_hash', 'anchor_path']).where('username', '=', 'xiwan_officer').executeTakeFirstOrThrow();
    assert.match(stored.password_hash, /^scrypt\$32768\$8\$1\$/);
    assert.equal(stored.anchor_path, town().path);
    const officer = new Client(t.app);
    assert.equal((await officer.login('xiwan_officer', 'Initial#2026a')).statusCode, 200);
    assert.equal((await officer.get('/api/stations')).json().error.code, 'PASSWORD_CHANGE_REQUIRED');
    const audit = await t.database.db.selectFrom('audit_log').select('after').where('action', '=', 'account.create').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(audit.after).includes('scrypt'), 'no password hash in the audit log');
  });

  it('refuses weak passwords, taken usernames and scopes that do not fit the role', async () => {
    const weak = await pinggui.post('/api/accounts', { username: 'weakling', displayName: '弱', role: 'staff', regionCode: town().code, password: 'password12' });
    assert.deepEqual(weak.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['password', 'PASSWORD_TOO_WEAK']]);
    const taken = await pinggui.post('/api/accounts', { username: staff.username.toUpperCase(), displayName: '重名', role: 'staff', regionCode: town().code, password: 'Strong#Pass2026' });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().error.code, 'USERNAME_TAKEN');
    const misfit = await pinggui.post('/api/accounts', { username: 'misfit', displayName: '错配', role: 'unit', regionCode: county.code, password: 'Strong#Pass2026' });
    assert.equal(misfit.statusCode, 400);
    assert.equal(misfit.json().error.fields[0].code, 'SCOPE_MISMATCH');
  });

  it('keeps staff from creating administrators, peers at their own level, or accounts outside their region', async () => {
    const adminAttempt = await pinggui.post('/api/accounts', { username: 'wannabe', displayName: '想当管理员', role: 'admin', password: 'Strong#Pass2026' });
    assert.equal(adminAttempt.statusCode, 403);
    assert.equal(adminAttempt.json().error.code, 'OUT_OF_SCOPE');
    const peer = await pinggui.post('/api/accounts', { username: 'peer', displayName: '同级', role: 'staff', regionCode: county.code, password: 'Strong#Pass2026' });
    assert.equal(peer.statusCode, 403);
    const above = await pinggui.post('/api/accounts', { username: 'above', displayName: '上级', role: 'staff', regionCode: county.parentCode, password: 'Strong#Pass2026' });
    assert.equal(above.statusCode, 403);
    assert.equal(await t.database.db.selectFrom('account').select('id').where('username', 'in', ['wannabe', 'peer', 'above']).executeTakeFirst(), undefined);
    const [officer, deputy, clerk, townStaff] = [
      await make.account('officer', { stationIds: [(await make.station({ regionCode: town().code })).id] }),
      await make.account('deputy', { deputyId: (await make.deputy({ regionCode: town().code, stations: [] })).id }),
      await make.account('unit', { unitId: (await make.unit({ regionCode: county.code })).id }),
      await make.account('staff', { regionCode: town().code }),
    ];
    const peerStaff = await make.account('staff', { regionCode: county.code });
    const otherStaff = await make.account('staff');
    const listed = (await pinggui.get('/api/accounts?limit=100')).json().items.map((a: { username: string }) => a.username);
    assert.ok(listed.includes(officer.username) && listed.includes(deputy.username) && listed.includes(clerk.username) && listed.includes(townStaff.username));
    assert.ok(!listed.includes(staff.username) && !listed.includes(peerStaff.username) && !listed.includes('admin') && !listed.includes(otherStaff.username));
  });

  it('resets a password (forcing a change), unlocks a locked account, and ends sessions on reset', async () => {
    const account = await make.account('unit', { unitId: (await make.unit({ regionCode: county.code })).id });
    const target = (await admin.get(`/api/accounts?q=${account.username}`)).json().items[0];
    assert.equal(target.id, account.id);
    const clerk = await make.signIn(account);
    for (let i = 0; i < 5; i++) await new Client(t.app).login(account.username, 'Wrong#Guess2026');
    assert.ok((await admin.get(`/api/accounts/${target.id}`)).json().lockedUntil);
    assert.equal((await pinggui.post(`/api/accounts/${target.id}/unlock`)).statusCode, 200);
    assert.equal((await admin.get(`/api/accounts/${target.id}`)).json().lockedUntil, null);
    assert.equal((await new Client(t.app).login(account.username, account.password)).statusCode, 200);
    const reset = await pinggui.post(`/api/accounts/${target.id}/reset-password`, { password: 'Fresh#Start2026' });
    assert.equal(reset.statusCode, 200);
    assert.equal((await clerk.get('/api/auth/me')).statusCode, 401, 'sessions ended by the reset');
    const again = await signIn(t.app, account.username, 'Fresh#Start2026');
    assert.equal((await again.get('/api/auth/me')).json().account.mustChangePassword, true);
  });

  it('re-scopes an officer to other stations and refuses disabling oneself', async () => {
    const account = await make.account('officer', { stationIds: [(await make.station({ regionCode: town().code })).id] });
    const officer = (await pinggui.get(`/api/accounts?q=${account.username}`)).json().items[0];
    assert.equal(officer.id, account.id);
    const court = (await make.station({ regionCode: county.towns[1]!.code, type: 'judicial' })).id;
    const res = await pinggui.patch(`/api/accounts/${officer.id}`, { version: officer.version, stationIds: [court] });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().stations.map((s: { id: number }) => s.id), [court]);
    const me = (await admin.get('/api/auth/me')).json().account;
    const self = (await admin.get(`/api/accounts/${me.id}`)).json();
    const off = await admin.patch(`/api/accounts/${me.id}`, { version: self.version, active: false });
    assert.equal(off.statusCode, 400);
    assert.equal(off.json().error.code, 'CANNOT_MODIFY_SELF');
  });
});
