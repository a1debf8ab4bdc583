import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, idOf, signIn, startTestApp, type TestApp } from '../../testing/harness.js';

describe('the public station directory', () => {
  let t: TestApp;
  let anon: Client;
  before(async () => {
    t = await startTestApp();
    anon = new Client(t.app);
  });
  after(() => t.close());

  it('drills down from provinces to towns, counting only regions that hold active stations', async () => {
    const top = (await anon.get('/api/public/stations/regions')).json() as { trail: unknown[]; regions: { code: string; name: string; stations: number }[] };
    assert.deepEqual(top.trail, []);
    const provinces = top.regions;
    const guangxi = provinces.find((p) => p.code === '450000');
    assert.ok(guangxi && guangxi.stations >= 5, JSON.stringify(provinces));
    assert.ok(provinces.every((p) => p.stations > 0));
    assert.ok(!provinces.some((p) => p.code === '110000'), 'a province without stations is not offered');

    const cities = (await anon.get('/api/public/stations/regions?parent=450000')).json().regions as { code: string; stations: number }[];
    assert.ok(cities.some((c) => c.code === '451100'));
    const county = (await anon.get('/api/public/stations/regions?parent=451103')).json();
    assert.deepEqual(county.trail.map((r: { name: string }) => r.name), ['广西壮族自治区', '贺州市', '平桂区']);
    const towns = county.regions as { code: string; name: string; level: string }[];
    assert.deepEqual(towns.find((r) => r.code === '451103101'), { code: '451103101', name: '黄田镇', level: 'town', stations: 2 });

    const missing = await anon.get('/api/public/stations/regions?parent=999999');
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.code, 'REGION_NOT_FOUND');
  });

  it('lists the stations of a region with their deputies and public facts only', async () => {
    const page = (await anon.get('/api/public/stations?regionCode=451103101')).json() as { items: Record<string, unknown>[] };
    const names = page.items.map((s) => s.name).sort();
    assert.deepEqual(names, ['平桂区黄田镇人大代表联络站', '平桂区黄田镇公和村人大代表联络点'].sort());
    const center = page.items.find((s) => s.name === '平桂区黄田镇人大代表联络站')!;
    const deputies = (center.deputies as { name: string }[]).map((d) => d.name);
    assert.ok(deputies.includes('梁俊华'));
    assert.ok(!deputies.includes('莫德光'), 'a former deputy is not listed');
    for (const secret of ['checklist', 'grade', 'stars', 'phoneOfDeputies']) assert.ok(!(secret in center), secret);
    assert.ok(!JSON.stringify(page).includes('13907741001'), "no deputy's phone");

    const byName = (await anon.get(`/api/public/stations?q=${encodeURIComponent('宜城')}`)).json() as { items: { name: string }[] };
    assert.ok(byName.items.length >= 2 && byName.items.every((s) => s.name.includes('宜城')));
  });

  it('drops a deactivated station from the list and its page', async () => {
    const staff = await signIn(t.app, 'pinggui');
    const id = await idOf(t.database.db, 'station', '平桂区西湾街道人大代表联络站');
    assert.equal((await anon.get(`/api/public/stations/${id}`)).statusCode, 200);
    assert.equal((await staff.post(`/api/stations/${id}/deactivate`, { reason: '合并' })).statusCode, 200);
    assert.equal((await anon.get(`/api/public/stations/${id}`)).statusCode, 404);
    const list = (await anon.get('/api/public/stations?regionCode=451103001')).json() as { items: { id: number }[] };
    assert.ok(!list.items.some((s) => s.id === id));
  });

  it('names a deputy with levels and stations, and hides one taken off the lists', async () => {
    const id = await idOf(t.database.db, 'deputy', '梁俊华');
    const d = (await anon.get(`/api/public/deputies/${id}`)).json();
    assert.equal(d.name, '梁俊华');
    assert.deepEqual(d.levels.map((l: { level: string }) => l.level), ['county', 'township']);
    assert.equal(d.levels[0].label.zh, '县(区)人大代表');
    assert.ok(d.stations.some((s: { name: string }) => s.name === '平桂区黄田镇人大代表联络站'));
    assert.ok(!('phone' in d));
    const staff = await signIn(t.app, 'pinggui');
    const gone = await idOf(t.database.db, 'deputy', '黄志强');
    const { version } = (await staff.get(`/api/deputies/${gone}`)).json();
    assert.equal((await staff.patch(`/api/deputies/${gone}`, { version, active: false })).statusCode, 200);
    assert.equal((await anon.get(`/api/public/deputies/${gone}`)).statusCode, 404);
    const page = (await anon.get('/api/public/stations?regionCode=451103101')).json() as { items: { deputies: { name: string }[] }[] };
    assert.ok(!JSON.stringify(page).includes('黄志强'), 'nor listed at their stations');
  });
});
