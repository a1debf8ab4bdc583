import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { factories, type County, type Factories, type SignedIn } from '../../testing/factories.js';
import { Client, startTestApp, type TestApp } from '../../testing/harness.js';
import { addDays, shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now } from '../../platform/clock.js';

describe('the public station directory', () => {
  let t: TestApp;
  let make: Factories;
  let anon: Client;
  let county: County;
  let staff: SignedIn;
  before(async () => {
    t = await startTestApp();
    make = factories(t);
    anon = new Client(t.app);
    county = await make.county();
    staff = await make.signedIn('staff', { regionCode: county.code });
  });
  after(() => t.close());

  it('drills down from provinces to towns, counting only regions that hold active stations', async () => {
    const area = await make.county();
    const [town, quiet] = area.towns;
    await make.station({ regionCode: town!.code });
    await make.station({ regionCode: town!.code, tier: 'village_point' });
    const closed = await make.station({ regionCode: quiet!.code });
    assert.equal((await (await make.signedIn('admin')).client.post(`/api/stations/${closed.id}/deactivate`, { reason: '撤并' })).statusCode, 200);
    const codes = area.path.split('.').filter(Boolean);
    const ancestors = await t.database.db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).orderBy('path').execute();

    const top = (await anon.get('/api/public/stations/regions')).json() as { trail: unknown[]; regions: { code: string; name: string; stations: number }[] };
    assert.deepEqual(top.trail, []);
    const provinces = top.regions;
    const province = provinces.find((p) => p.code === codes[0]);
    assert.ok(province && province.stations >= 2, JSON.stringify(provinces));
    assert.ok(provinces.every((p) => p.stations > 0));
    assert.ok(!provinces.some((p) => p.code === '110000'), 'a province without stations is not offered');

    // Each step down offers the next region on the way to the county.
    for (let i = 0; i + 1 < codes.length; i++) {
      const below = (await anon.get(`/api/public/stations/regions?parent=${codes[i]}`)).json().regions as { code: string; stations: number }[];
      assert.ok(below.some((r) => r.code === codes[i + 1]), `${codes[i + 1]} under ${codes[i]}`);
    }
    const step = (await anon.get(`/api/public/stations/regions?parent=${area.code}`)).json();
    assert.deepEqual(step.trail.map((r: { name: string }) => r.name), ancestors.map((r) => r.name));
    assert.equal(step.trail.at(-1).name, area.name);
    const towns = step.regions as { code: string; name: string; level: string }[];
    assert.deepEqual(towns, [{ code: town!.code, name: town!.name, level: 'town', stations: 2 }], 'the town with only a deactivated station is left out');

    const missing = await anon.get('/api/public/stations/regions?parent=999999');
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.code, 'REGION_NOT_FOUND');
  });

  it('lists the stations of a region with their deputies and public facts only', async () => {
    const town = county.towns[0]!;
    const center = await make.station({ regionCode: town.code, name: '测试镇人大代表联络站' });
    const point = await make.station({ regionCode: town.code, tier: 'village_point', parentId: center.id, name: '测试镇某村人大代表联络点' });
    const current = await make.deputy({ stations: [{ id: center.id }], phone: '13907749001' });
    const former = await make.deputy({ stations: [{ id: center.id }], status: 'former' });
    const page = (await anon.get(`/api/public/stations?regionCode=${town.code}`)).json() as { items: Record<string, unknown>[] };
    const names = page.items.map((s) => s.name).sort();
    assert.deepEqual(names, [center.name, point.name].sort());
    const listed = page.items.find((s) => s.name === center.name)!;
    const deputies = (listed.deputies as { name: string }[]).map((d) => d.name);
    assert.ok(deputies.includes(current.name));
    assert.ok(!deputies.includes(former.name), 'a former deputy is not listed');
    for (const secret of ['checklist', 'grade', 'stars', 'phoneOfDeputies']) assert.ok(!(secret in listed), secret);
    assert.ok(!JSON.stringify(page).includes('13907749001'), "no deputy's phone");

    const byName = (await anon.get(`/api/public/stations?q=${encodeURIComponent('测试镇')}`)).json() as { items: { name: string }[] };
    assert.ok(byName.items.length >= 2 && byName.items.every((s) => s.name.includes('测试镇')));
  });

  it('drops a deactivated station from the list and its page', async () => {
    const town = county.towns[1]!;
    const { id } = await make.station({ regionCode: town.code });
    assert.equal((await anon.get(`/api/public/stations/${id}`)).statusCode, 200);
    assert.equal((await staff.client.post(`/api/stations/${id}/deactivate`, { reason: '合并' })).statusCode, 200);
    assert.equal((await anon.get(`/api/public/stations/${id}`)).statusCode, 404);
    const list = (await anon.get(`/api/public/stations?regionCode=${town.code}`)).json() as { items: { id: number }[] };
    assert.ok(!list.items.some((s) => s.id === id));
  });

  it('names the next reception day: the rota\'s day with the deputies on duty, else the schedule\'s next day', async () => {
    const town = (await make.county()).towns[0]!;
    const station = await make.station({ regionCode: town.code });
    const deputy = await make.deputy({ stations: [{ id: station.id }] });
    const admin = (await make.signedIn('admin')).client;
    assert.equal((await anon.get(`/api/public/stations/${station.id}`)).json().nextReception, null, 'no schedule, no rota: none');
    const { version } = (await admin.get(`/api/stations/${station.id}`)).json();
    const patched = await admin.patch(`/api/stations/${station.id}`, { version, receptionSchedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], monthDays: [], hours: '09:00-11:30' } });
    assert.equal(patched.statusCode, 200, patched.body);
    const today = shanghaiDate(now());
    const bySchedule = (await anon.get(`/api/public/stations/${station.id}`)).json().nextReception;
    assert.ok(bySchedule.date >= today && bySchedule.date <= addDays(today, 14), bySchedule.date);
    assert.deepEqual([bySchedule.hours, bySchedule.deputies], ['09:00-11:30', []]);
    const from = addDays(today, 3);
    const made = await admin.post(`/api/stations/${station.id}/rota`, { from, to: addDays(from, 20) });
    assert.equal(made.statusCode, 201, made.body);
    const rota = (await admin.get(`/api/stations/${station.id}/rota?from=${from}&to=${addDays(from, 20)}`)).json().days as { id: number; date: string }[];
    const next = (await anon.get(`/api/public/stations/${station.id}`)).json().nextReception;
    assert.deepEqual(next, { date: rota[0]!.date, hours: '09:00-11:30', deputies: [{ id: deputy.id, name: deputy.name }] });
    assert.equal((await admin.post(`/api/rota/${rota[0]!.id}/cancel`, { reason: '停电' })).statusCode, 200);
    assert.equal((await anon.get(`/api/public/stations/${station.id}`)).json().nextReception.date, rota[1]!.date, 'a cancelled day is skipped');
    const listed = (await anon.get(`/api/public/stations?regionCode=${town.code}`)).json().items[0];
    assert.ok(!('nextReception' in listed), 'the list stays light');
  });

  it('shows the map position the station\'s officer sets, both coordinates or neither', async () => {
    const town = (await make.county()).towns[0]!;
    const station = await make.station({ regionCode: town.code });
    const officer = (await make.signedIn('officer', { stationIds: [station.id] })).client;
    assert.equal((await anon.get(`/api/public/stations/${station.id}`)).json().location, null);
    let { version } = (await officer.get(`/api/stations/${station.id}`)).json();
    const half = await officer.patch(`/api/stations/${station.id}`, { version, location: { lat: 24.4 } });
    assert.equal(half.statusCode, 400, 'a latitude alone is refused');
    const far = await officer.patch(`/api/stations/${station.id}`, { version, location: { lat: 95, lng: 111.5 } });
    assert.equal(far.statusCode, 400);
    const set = await officer.patch(`/api/stations/${station.id}`, { version, location: { lat: 24.403125, lng: 111.566281 } });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json().location, { lat: 24.403125, lng: 111.566281 });
    assert.deepEqual((await anon.get(`/api/public/stations/${station.id}`)).json().location, { lat: 24.403125, lng: 111.566281 });
    const listed = (await anon.get(`/api/public/stations?regionCode=${town.code}`)).json().items[0];
    assert.deepEqual(listed.location, { lat: 24.403125, lng: 111.566281 });
    const audit = await t.database.db.selectFrom('audit_log').select(['after']).where('action', '=', 'station.update')
      .where('entity_id', '=', String(station.id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal((audit.after as { latitude: number }).latitude, 24.403125, 'the change is audited');
    version = set.json().version;
    const cleared = await officer.patch(`/api/stations/${station.id}`, { version, location: null });
    assert.equal(cleared.json().location, null);
    assert.equal((await anon.get(`/api/public/stations/${station.id}`)).json().location, null);
  });

  it('names a deputy with levels and stations, and hides one taken off the lists', async () => {
    const town = county.towns[2]!;
    const station = await make.station({ regionCode: town.code });
    const deputy = await make.deputy({
      stations: [{ id: station.id }], phone: '13907749002',
      levels: [{ level: 'county', term: 4, regionCode: county.code }, { level: 'township', term: 12, regionCode: town.code }],
    });
    const d = (await anon.get(`/api/public/deputies/${deputy.id}`)).json();
    assert.equal(d.name, deputy.name);
    assert.deepEqual(d.levels.map((l: { level: string }) => l.level), ['county', 'township']);
    assert.equal(d.levels[0].label.zh, '县(区)人大代表');
    assert.ok(d.stations.some((s: { name: string }) => s.name === station.name));
    assert.ok(!('phone' in d));
    const gone = (await make.deputy({ stations: [{ id: station.id }] })).id;
    const { name, version } = (await staff.client.get(`/api/deputies/${gone}`)).json();
    assert.ok((await anon.get(`/api/public/stations?regionCode=${town.code}`)).body.includes(name), 'listed at the station before');
    assert.equal((await staff.client.patch(`/api/deputies/${gone}`, { version, active: false })).statusCode, 200);
    assert.equal((await anon.get(`/api/public/deputies/${gone}`)).statusCode, 404);
    const page = (await anon.get(`/api/public/stations?regionCode=${town.code}`)).json() as { items: { deputies: { name: string }[] }[] };
    assert.ok(!JSON.stringify(page).includes(name), 'nor listed at their stations');
  });
});
