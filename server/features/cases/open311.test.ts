import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/harness.js';

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let stationId: number;
  before(async () => {
    t = await startTestApp();
    stationId = (await t.database.db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  it('lists the categories as services', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    assert.equal(res.statusCode, 200);
    const water = res.json().find((s: { service_code: string }) => s.service_code === 'water');
    assert.deepEqual({ name: water.service_name, type: water.type, metadata: water.metadata }, { name: '饮水供水', type: 'realtime', metadata: false });
    assert.equal((await t.app.inject({ method: 'GET', url: '/open311/v2/services/nope.json' })).statusCode, 404);
  });

  it('takes a form-encoded request as a public submission and shows it without personal data', async () => {
    const form = new URLSearchParams({ service_code: 'water', description: '水管爆裂,已经流了一天', address_string: '黄田镇公和村三组', first_name: '大哥', last_name: '梁', phone: '13977419999', station_id: String(stationId) });
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '192.0.2.50' });
    assert.equal(res.statusCode, 201, res.body);
    const [created] = res.json();
    assert.match(created.service_request_id, /^[0-9a-f]{32}$/, 'the request id is the public id, not the tracking code');
    const stored = await t.database.db.selectFrom('opinion').select(['submitter_name', 'submitter_phone', 'place', 'channel', 'tracking_code']).where('public_id', '=', created.service_request_id).executeTakeFirstOrThrow();
    const { tracking_code: trackingCode, ...personal } = stored;
    assert.deepEqual(personal, { submitter_name: '梁大哥', submitter_phone: '13977419999', place: '黄田镇公和村三组', channel: 'online' });
    assert.ok(created.service_notice.includes(trackingCode), 'the submitter is told her tracking code');
    assert.match(created.service_notice, /查询码 \d{6}/);

    const one = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${created.service_request_id}.json` });
    assert.equal(one.statusCode, 200);
    const [view] = one.json();
    assert.equal(view.status, 'open');
    assert.equal(view.service_code, 'water');
    assert.match(view.requested_datetime, /\+08:00$/);
    assert.ok(!one.body.includes('梁') && !one.body.includes('13977419999') && !one.body.includes('水管爆裂') && !one.body.includes('三组'));

    assert.ok(!one.body.includes(trackingCode) && !one.body.includes(trackingCode.replaceAll('-', '')));
    const byCode = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${trackingCode}.json` });
    assert.equal(byCode.statusCode, 404, 'a tracking code is not a request id');
    const tracked = await t.app.inject({ method: 'GET', url: `/api/public/opinions/${trackingCode}?key=${created.token}` });
    assert.equal(tracked.statusCode, 200, 'the token opens the tracking page');

    const list = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?status=open&service_code=water' });
    assert.ok(list.json().some((r: { service_request_id: string }) => r.service_request_id === created.service_request_id));
    const closed = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?status=closed' });
    assert.ok(!closed.json().some((r: { service_request_id: string }) => r.service_request_id === created.service_request_id));
  });

  it('refuses a request without a station or with an unknown service', async () => {
    const noStation = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { service_code: 'water', description: 'x' }, remoteAddress: '192.0.2.51' });
    assert.equal(noStation.statusCode, 400);
    const unknown = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { service_code: 'nope', description: 'x', station_id: stationId }, remoteAddress: '192.0.2.51' });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.fields[0].code, 'CATEGORY_UNKNOWN');
  });
});
