import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../common/enums.js';
import { factories, type Factories } from './factories.js';
import { signIn, startTestApp, type Client, type TestApp } from './harness.js';

describe('test factories', () => {
  let t: TestApp;
  let make: Factories;
  let admin: Client;
  before(async () => {
    t = await startTestApp();
    make = factories(t);
    admin = await signIn(t.app, 'admin');
  });
  after(() => t.close());

  it('hands out a different untouched county each time, with its towns', async () => {
    const a = await make.county();
    const b = await make.county();
    assert.notEqual(a.code, b.code);
    assert.ok(a.towns.length >= 3 && a.towns.every((town) => town.path.startsWith(a.path)));
    assert.deepEqual((await admin.get(`/api/stations?regionCode=${a.code}`)).json().items, []);
    assert.deepEqual((await admin.get(`/api/units?regionCode=${a.code}`)).json().items, []);
  });

  it('makes a station its county\'s staff see and another county\'s staff do not', async () => {
    const county = await make.county();
    const station = await make.station({ regionCode: county.towns[1]!.code });
    const staff = await make.signedIn('staff', { regionCode: county.code });
    const stranger = await make.signedIn('staff');
    const seen = await staff.client.get(`/api/stations/${station.id}`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.equal(seen.json().name, station.name);
    assert.equal(seen.json().homeRegion.code, county.towns[1]!.code);
    assert.equal((await stranger.client.get(`/api/stations/${station.id}`)).statusCode, 404);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'station').where('entity_id', '=', String(station.id)).execute();
    assert.deepEqual(audit.map((a) => a.action), ['station.create']);
  });

  it('makes a unit, with a clerk who sees only that unit', async () => {
    const unit = await make.unit();
    const clerk = await make.signedIn('unit', { unitId: unit.id });
    assert.deepEqual((await clerk.client.get('/api/units')).json().items.map((u: { id: number }) => u.id), [unit.id]);
  });

  it('makes a deputy who is a member of a station, seen by the station\'s officer', async () => {
    const station = await make.station();
    const deputy = await make.deputy({ stations: [{ id: station.id, role: 'head' }] });
    const officer = await make.signedIn('officer', { stationIds: [station.id] });
    const seen = (await officer.client.get(`/api/deputies/${deputy.id}`)).json();
    assert.equal(seen.name, deputy.name);
    assert.deepEqual(seen.stations.map((s: { id: number; role: string }) => [s.id, s.role]), [[station.id, 'head']]);
    assert.deepEqual(seen.levels.map((l: { level: string }) => l.level), ['township']);
  });

  it('makes accounts of every role that sign in straight away', async () => {
    for (const role of ['admin', 'staff', 'officer', 'deputy', 'unit'] as Role[]) {
      const account = await make.signedIn(role);
      const me = await account.client.get('/api/auth/me');
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().account.role, role);
      assert.equal(me.json().account.mustChangePassword, false);
    }
    const fresh = await make.account('staff', { mustChangePassword: true });
    assert.equal((await (await make.signIn(fresh)).get('/api/stations')).json().error.code, 'PASSWORD_CHANGE_REQUIRED');
  });

  it('drives a case to the state asked for through the workflow', async () => {
    const county = await make.county();
    const station = await make.station({ regionCode: county.towns[0]!.code });
    const staff = await make.signedIn('staff', { regionCode: county.code });
    for (const state of ['submitted', 'accepted', 'declined', 'assigned', 'in_progress', 'replied', 'answered', 'closed', 'rehandling', 'archived'] as const) {
      const c = await make.case({ stationId: station.id, state });
      const seen = await staff.client.get(`/api/cases/${c.id}`);
      assert.equal(seen.statusCode, 200, seen.body);
      assert.equal(seen.json().state, state);
    }
    const assigned = await make.case({ stationId: station.id, state: 'in_progress' });
    assert.ok(assigned.unitId && assigned.clerk);
    const clerk = await make.signIn(assigned.clerk);
    assert.equal((await clerk.get(`/api/cases/${assigned.id}`)).json().state, 'in_progress');
    const events = await t.database.db.selectFrom('opinion_event').select('action').where('opinion_id', '=', assigned.id).orderBy('id').execute();
    assert.deepEqual(events.map((e) => e.action), ['submit', 'accept', 'assign', 'sign']);
  });

  it('makes an activity with its participants', async () => {
    const station = await make.station();
    const deputies = [await make.deputy({ stations: [{ id: station.id }] }), await make.deputy({ stations: [{ id: station.id }] })];
    const activity = await make.activity({ stationId: station.id, participants: deputies.map((d) => ({ deputyId: d.id })) });
    const seen = (await admin.get(`/api/activities/${activity.id}`)).json();
    assert.equal(seen.title, activity.title);
    assert.deepEqual(seen.participants.map((p: { deputyId: number }) => p.deputyId).sort(), deputies.map((d) => d.id).sort());
  });

  it('makes a congress term of a fresh town', async () => {
    const term = await make.term({ number: 3 });
    const seen = await admin.get(`/api/terms/${term.id}`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.equal(seen.json().number, 3);
    assert.equal(seen.json().startsOn, term.startsOn);
  });
});
