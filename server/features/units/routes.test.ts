import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { factories, type County, type Factories, type SignedIn } from '../../testing/factories.js';
import { signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

describe('handling units', () => {
  let t: TestApp;
  let make: Factories;
  let county: County;
  let staff: SignedIn;
  let admin: Client;
  before(async () => {
    t = await startTestApp();
    make = factories(t);
    admin = await signIn(t.app, 'admin');
    county = await make.county();
    staff = await make.signedIn('staff', { regionCode: county.code });
  });
  after(() => t.close());

  const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((u) => u.name).sort();
  const current = async (id: number) => (await admin.get(`/api/units/${id}`)).json();

  it('creates a unit with contacts and refuses a duplicate name in the same region', async () => {
    const res = await staff.client.post('/api/units', { name: '交通运输局', regionCode: county.code, contacts: [{ name: '黎明', title: '办公室', phone: '0774-8890199' }] });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().region.fullName, county.fullName);
    assert.deepEqual(res.json().contacts, [{ name: '黎明', title: '办公室', phone: '0774-8890199' }]);
    const dup = await staff.client.post('/api/units', { name: '交通运输局', regionCode: county.code });
    assert.equal(dup.statusCode, 409);
    const badPhone = await staff.client.post('/api/units', { name: '坏电话局', regionCode: county.code, contacts: [{ name: '甲', phone: 'call me' }] });
    assert.equal(badPhone.statusCode, 400);
    assert.equal(badPhone.json().error.fields[0].path, 'body.contacts.0.phone');
    assert.equal(badPhone.json().error.fields[0].code, 'TELEPHONE_INVALID');
    assert.match(badPhone.json().error.fields[0].message, /电话号码只能包含数字/);
  });

  it('shows town staff the units of their town and of the regions above it, but not of sibling regions', async () => {
    const [town, sibling] = county.towns;
    const above = await make.unit({ regionCode: county.code, name: '县水利局' });
    const own = await make.unit({ regionCode: town!.code, name: '镇人民政府' });
    const next = await make.unit({ regionCode: sibling!.code, name: '邻镇人民政府' });
    const elsewhere = await make.unit({ name: '外县水利局' });
    const townStaff = await make.signedIn('staff', { regionCode: town!.code });
    const visible = names(await townStaff.client.get('/api/units?limit=100'));
    assert.ok(visible.includes(above.name), 'county bureau above the town');
    assert.ok(visible.includes(own.name), 'own town government');
    assert.ok(!visible.includes(next.name), 'not a sibling town\'s');
    assert.ok(!visible.includes(elsewhere.name));
    // …but may manage only the town's own units.
    const water = (await townStaff.client.get('/api/units?q=' + encodeURIComponent(above.name))).json().items[0];
    assert.equal(water.id, above.id);
    assert.deepEqual(water.abilities, []);
    assert.equal((await townStaff.client.patch(`/api/units/${water.id}`, { version: water.version, address: 'x' })).statusCode, 403);
  });

  it('moves the clerk accounts of a unit that moves region, so the new region\'s staff manage them', async () => {
    const other = await make.county();
    const otherStaff = await make.signedIn('staff', { regionCode: other.code });
    const unit = await make.unit({ regionCode: county.code });
    const clerk = await make.account('unit', { unitId: unit.id });
    assert.equal((await staff.client.get(`/api/accounts/${clerk.id}`)).statusCode, 200);
    assert.equal((await otherStaff.client.get(`/api/accounts/${clerk.id}`)).statusCode, 404);
    const moved = await admin.patch(`/api/units/${unit.id}`, { version: (await current(unit.id)).version, regionCode: other.code });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal((await otherStaff.client.get(`/api/accounts/${clerk.id}`)).statusCode, 200);
    assert.equal((await staff.client.get(`/api/accounts/${clerk.id}`)).statusCode, 404);
  });

  it('stops the clerks of a deactivated unit from signing in', async () => {
    const unit = await make.unit({ regionCode: county.code });
    const clerk = await make.signedIn('unit', { unitId: unit.id });
    assert.equal((await clerk.client.get('/api/auth/me')).statusCode, 200);
    assert.equal((await staff.client.patch(`/api/units/${unit.id}`, { version: (await current(unit.id)).version, active: false })).statusCode, 200);
    assert.equal((await clerk.client.get('/api/auth/me')).statusCode, 401);
  });

  it('shows a unit clerk only their own unit', async () => {
    const unit = await make.unit({ regionCode: county.code });
    await make.unit({ regionCode: county.code });
    const clerk = await make.signedIn('unit', { unitId: unit.id });
    assert.deepEqual(names(await clerk.client.get('/api/units')), [unit.name]);
  });

  it('filters by region subtree and deactivates through an edit', async () => {
    const area = await make.county();
    const inside = [await make.unit({ regionCode: area.code }), await make.unit({ regionCode: area.towns[0]!.code })];
    await make.unit();
    assert.deepEqual(names(await admin.get(`/api/units?regionCode=${area.code}`)), inside.map((u) => u.name).sort());
    const areaStaff = await make.signedIn('staff', { regionCode: area.code });
    const unit = (await areaStaff.client.get('/api/units?q=' + encodeURIComponent(inside[0]!.name))).json().items[0];
    const off = await areaStaff.client.patch(`/api/units/${unit.id}`, { version: unit.version, active: false });
    assert.equal(off.statusCode, 200);
    assert.equal(off.json().active, false);
    assert.ok(!names(await areaStaff.client.get('/api/units?limit=100')).includes(inside[0]!.name));
    assert.ok(names(await areaStaff.client.get('/api/units?active=false')).includes(inside[0]!.name));
  });
});
