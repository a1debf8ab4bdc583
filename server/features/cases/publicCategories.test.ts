import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { factories, type Factories } from '../../testing/factories.js';
import { Client, startTestApp, type TestApp } from '../../testing/harness.js';

interface Category { id: number; code: string; deadlineDays: number; maxDays: number; signDays: number }

describe('the categories the submit page offers, with the days in force at the station', () => {
  let t: TestApp;
  let make: Factories;
  let anon: Client;
  before(async () => { t = await startTestApp(); make = factories(t); anon = new Client(t.app); });
  after(() => t.close());

  it('answers the defaults, and with stationId the rule of the station\'s region', async () => {
    const county = await make.county();
    const here = await make.station({ regionCode: county.towns[0]!.code });
    const elsewhere = await make.station();
    const defaults = (await anon.get('/api/case-categories')).json() as Category[];
    assert.ok(defaults.length > 0);
    const category = defaults[0]!;
    assert.ok(category.signDays >= 1, 'the sign-for limit is offered');
    const admin = (await make.signedIn('admin')).client;
    const set = await admin.request('PUT', `/api/case-rules/categories/${category.id}/regions/${county.code}`, { deadlineDays: 2, maxDays: 4, signDays: 1 });
    assert.equal(set.statusCode, 200, set.body);

    const atStation = (await anon.get(`/api/case-categories?stationId=${here.id}`)).json() as Category[];
    assert.deepEqual(atStation.find((c) => c.id === category.id), { ...category, deadlineDays: 2, maxDays: 4, signDays: 1 });
    assert.deepEqual(atStation.filter((c) => c.id !== category.id), defaults.filter((c) => c.id !== category.id), 'other categories keep their defaults');
    assert.deepEqual((await anon.get(`/api/case-categories?stationId=${elsewhere.id}`)).json(), defaults, 'a station of another county follows the defaults');
    assert.deepEqual((await anon.get('/api/case-categories')).json(), defaults);
    assert.equal((await anon.get('/api/case-categories?stationId=abc')).statusCode, 400);
  });
});
