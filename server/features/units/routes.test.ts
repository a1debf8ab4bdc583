import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

describe('handling units', () => {
  let t: TestApp;
  let pinggui: Client;
  before(async () => {
    t = await startTestApp();
    pinggui = await signIn(t.app, 'pinggui');
  });
  after(() => t.close());

  const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((u) => u.name).sort();

  it('creates a unit with contacts and refuses a duplicate name in the same region', async () => {
    const res = await pinggui.post('/api/units', { name: '贺州市平桂区交通运输局', regionCode: '451103', contacts: [{ name: '黎明', title: '办公室', phone: '0774-8890199' }] });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().region.fullName, '广西壮族自治区贺州市平桂区');
    assert.deepEqual(res.json().contacts, [{ name: '黎明', title: '办公室', phone: '0774-8890199' }]);
    const dup = await pinggui.post('/api/units', { name: '贺州市平桂区交通运输局', regionCode: '451103' });
    assert.equal(dup.statusCode, 409);
    const badPhone = await pinggui.post('/api/units', { name: '坏电话局', regionCode: '451103', contacts: [{ name: '甲', phone: 'call me' }] });
    assert.equal(badPhone.statusCode, 400);
    assert.equal(badPhone.json().error.fields[0].path, 'body.contacts.0.phone');
    assert.equal(badPhone.json().error.fields[0].code, 'TELEPHONE_INVALID');
    assert.match(badPhone.json().error.fields[0].message, /电话号码只能包含数字/);
  });

  it('shows town staff the units of their town and of the regions above it, but not of sibling regions', async () => {
    const admin = await signIn(t.app, 'admin');
    const town = await admin.post('/api/accounts', { username: 'htstaff', displayName: '黄田镇人大', role: 'staff', regionCode: '451103101', password: 'Town#Staff2026' });
    assert.equal(town.statusCode, 201);
    await t.database.db.updateTable('account').set({ must_change_password: false }).where('username', '=', 'htstaff').execute();
    const staff = await signIn(t.app, 'htstaff', 'Town#Staff2026');
    const visible = names(await staff.get('/api/units?limit=100'));
    assert.ok(visible.includes('贺州市平桂区水利局'), 'county bureau above the town');
    assert.ok(visible.includes('平桂区黄田镇人民政府'), 'own town government');
    assert.ok(!visible.includes('宜城市水利和湖泊局'));
    // …but may manage only the town's own units.
    const water = (await staff.get('/api/units?q=' + encodeURIComponent('水利局'))).json().items[0];
    assert.deepEqual(water.abilities, []);
    assert.equal((await staff.patch(`/api/units/${water.id}`, { version: water.version, address: 'x' })).statusCode, 403);
  });

  it('moves the clerk accounts of a unit that moves region, so the new region\'s staff manage them', async () => {
    const admin = await signIn(t.app, 'admin');
    const created = await pinggui.post('/api/units', { name: '平桂区搬迁测试局', regionCode: '451103' });
    const unit = created.json();
    const clerk = await pinggui.post('/api/accounts', { username: 'moving_clerk', displayName: '搬迁办事员', role: 'unit', unitId: unit.id, password: 'Moving#Clerk2026' });
    assert.equal(clerk.statusCode, 201, clerk.body);
    const yicheng = await signIn(t.app, 'yicheng');
    assert.equal((await yicheng.get(`/api/accounts/${clerk.json().id}`)).statusCode, 404);
    const moved = await admin.patch(`/api/units/${unit.id}`, { version: unit.version, regionCode: '420684' });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal((await yicheng.get(`/api/accounts/${clerk.json().id}`)).statusCode, 200);
    assert.equal((await pinggui.get(`/api/accounts/${clerk.json().id}`)).statusCode, 404);
  });

  it('stops the clerks of a deactivated unit from signing in', async () => {
    const created = await pinggui.post('/api/units', { name: '平桂区停用测试局', regionCode: '451103' });
    const unit = created.json();
    assert.equal((await pinggui.post('/api/accounts', { username: 'closing_clerk', displayName: '停用办事员', role: 'unit', unitId: unit.id, password: 'Closing#Clerk2026' })).statusCode, 201);
    const clerk = await signIn(t.app, 'closing_clerk', 'Closing#Clerk2026');
    assert.equal((await pinggui.patch(`/api/units/${unit.id}`, { version: unit.version, active: false })).statusCode, 200);
    assert.equal((await clerk.get('/api/auth/me')).statusCode, 401);
  });

  it('shows a unit clerk only their own unit', async () => {
    const clerk = await signIn(t.app, 'shuiliju');
    assert.deepEqual(names(await clerk.get('/api/units')), ['贺州市平桂区水利局']);
  });

  it('filters by region subtree and deactivates through an edit', async () => {
    const yicheng = await signIn(t.app, 'admin');
    assert.deepEqual(names(await yicheng.get('/api/units?regionCode=410927')), ['台前县水利局', '台前县生态环境局'].sort());
    const unit = (await pinggui.get('/api/units?q=' + encodeURIComponent('自然资源'))).json().items[0];
    const off = await pinggui.patch(`/api/units/${unit.id}`, { version: unit.version, active: false });
    assert.equal(off.statusCode, 200);
    assert.equal(off.json().active, false);
    assert.ok(!names(await pinggui.get('/api/units?limit=100')).includes('贺州市平桂区自然资源局'));
    assert.ok(names(await pinggui.get('/api/units?active=false')).includes('贺州市平桂区自然资源局'));
  });
});
