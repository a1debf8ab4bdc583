import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv, type AnySchemaObject } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { factories, type Factories } from '../../testing/factories.js';
import { startTestApp, type TestApp } from '../../testing/harness.js';

/** The Open311 project's GeoReport v2 JSON schemas (fixtures/georeport-v2/README.md says where from). */
const SCHEMAS = path.join(import.meta.dirname, 'fixtures', 'georeport-v2');
const schema = (file: string) => JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')) as AnySchemaObject;
// `uid` is a format swagger.json uses for identifiers without defining it: any string.
const ajv = new Ajv({ strict: false, allErrors: true, formats: { uid: true } });
(addFormatsPlugin as unknown as (a: Ajv) => void)(ajv);
for (const file of ['service.json', 'request.json']) ajv.addSchema(schema(file), file);
const georeport = {
  services: ajv.compile(schema('services.json')),
  serviceDefinition: ajv.compile(schema('service-definition.json')),
  requests: ajv.compile(schema('requests.json')),
  request: ajv.compile(schema('request.json')),
  postAnswer: ajv.compile({ type: 'array', minItems: 1, items: (schema('swagger.json').definitions as Record<string, AnySchemaObject>).RequestResponse }),
  errors: ajv.compile(schema('errors.lianxin.json')),
};
function conforms(validate: keyof typeof georeport, body: unknown): void {
  const ok = georeport[validate](body);
  assert.ok(ok, `${validate}: ${ajv.errorsText(georeport[validate].errors)}\n${JSON.stringify(body).slice(0, 500)}`);
}
/** A GeoReport error answer: the format, and the HTTP status as the code. */
function geoReportError(res: { statusCode: number; json(): unknown }, status: number, code: string): void {
  assert.equal(res.statusCode, status);
  const body = res.json() as { code: number; description: string }[];
  conforms('errors', body);
  assert.equal(body[0]!.code, status);
  assert.ok(body[0]!.description.includes(`[${code}]`), body[0]!.description);
}
const form = (fields: Record<string, string>) => ({ payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let make: Factories;
  let stationId: number;
  before(async () => {
    t = await startTestApp();
    make = factories(t);
    stationId = (await t.database.db.selectFrom('station').select('id').where('name', '=', '平桂区黄田镇人大代表联络站').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  it('lists the categories as services', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    assert.equal(res.statusCode, 200);
    conforms('services', res.json());
    const water = res.json().find((s: { service_code: string }) => s.service_code === 'water');
    assert.deepEqual({ name: water.service_name, type: water.type, metadata: water.metadata }, { name: '饮水供水', type: 'realtime', metadata: false });
    const definition = await t.app.inject({ method: 'GET', url: '/open311/v2/services/water.json' });
    assert.equal(definition.statusCode, 200);
    conforms('serviceDefinition', definition.json());
    geoReportError(await t.app.inject({ method: 'GET', url: '/open311/v2/services/nope.json' }), 404, 'NOT_FOUND');
  });

  it('takes a form-encoded request as a public submission and shows it without personal data', async () => {
    const form = new URLSearchParams({ service_code: 'water', description: '水管爆裂,已经流了一天', address_string: '黄田镇公和村三组', first_name: '大哥', last_name: '梁', phone: '13977419999', station_id: String(stationId) });
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: '192.0.2.50' });
    assert.equal(res.statusCode, 201, res.body);
    conforms('postAnswer', res.json());
    const [created] = res.json();
    assert.match(created.service_request_id, /^[0-9a-f]{32}$/, 'the request id is the public id, not the tracking code');
    const stored = await t.database.db.selectFrom('opinion').select(['submitter_name', 'submitter_phone', 'place', 'channel', 'tracking_code']).where('public_id', '=', created.service_request_id).executeTakeFirstOrThrow();
    const { tracking_code: trackingCode, ...personal } = stored;
    assert.deepEqual(personal, { submitter_name: '梁大哥', submitter_phone: '13977419999', place: '黄田镇公和村三组', channel: 'online' });
    assert.ok(created.service_notice.includes(trackingCode), 'the submitter is told her tracking code');
    assert.match(created.service_notice, /查询码 \d{6}/);

    const one = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${created.service_request_id}.json` });
    assert.equal(one.statusCode, 200);
    conforms('requests', one.json());
    const [view] = one.json();
    conforms('request', view);
    assert.equal(view.status, 'open');
    assert.equal(view.service_code, 'water');
    assert.match(view.requested_datetime, /\+08:00$/);
    assert.ok(!one.body.includes('梁') && !one.body.includes('13977419999') && !one.body.includes('水管爆裂') && !one.body.includes('三组'));

    assert.ok(!one.body.includes(trackingCode) && !one.body.includes(trackingCode.replaceAll('-', '')));
    const byCode = await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${trackingCode}.json` });
    geoReportError(byCode, 404, 'NOT_FOUND');
    const tracked = await t.app.inject({ method: 'GET', url: `/api/public/opinions/${trackingCode}?key=${created.token}` });
    assert.equal(tracked.statusCode, 200, 'the token opens the tracking page');

    const list = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?status=open&service_code=water' });
    assert.ok(list.json().some((r: { service_request_id: string }) => r.service_request_id === created.service_request_id));
    conforms('requests', list.json());
    const closed = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?status=closed' });
    assert.ok(!closed.json().some((r: { service_request_id: string }) => r.service_request_id === created.service_request_id));
  });

  it('places a standard client\'s form by its address: the town\'s station, else the county\'s', async () => {
    const county = await make.county();
    const [town, other, third] = county.towns;
    const townStation = await make.station({ regionCode: town!.code });
    const countyStation = await make.station({ regionCode: county.code });
    const post = async (fields: Record<string, string>, ip: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ service_code: 'water', description: '路灯坏了', ...fields }), remoteAddress: ip });
      assert.equal(res.statusCode, 201, res.body);
      conforms('postAnswer', res.json());
      return t.database.db.selectFrom('opinion').select(['station_id', 'place']).where('public_id', '=', res.json()[0].service_request_id).executeTakeFirstOrThrow();
    };
    // A full address, as a GeoReport client sends it, with coordinates and empty optional fields.
    const inTown = await post({ address_string: `${town!.fullName}幸福村三组`, lat: '24.41', long: '111.53', email: '', jurisdiction_id: '' }, '192.0.2.60');
    assert.equal(inTown.station_id, townStation.id);
    assert.equal(inTown.place, `${town!.fullName}幸福村三组 (24.41, 111.53)`);
    // The town without the county is still the town, when no other town of that name has a station.
    assert.equal((await post({ address_string: `${town!.name}幸福村` }, '192.0.2.61')).station_id, townStation.id);
    // A town without a station of its own goes to the county's station covering it.
    assert.equal((await post({ address_string: `${county.name}${other!.name}` }, '192.0.2.62')).station_id, countyStation.id);
    // Only the county named: its own station.
    assert.equal((await post({ address_string: `${county.name}政府门口` }, '192.0.2.63')).station_id, countyStation.id);
    // An explicit station wins over the address.
    assert.equal((await post({ address_string: `${county.name}政府门口`, station_id: String(townStation.id) }, '192.0.2.64')).station_id, townStation.id);

    // A county without a station of its own but two town stations: the county alone is ambiguous.
    const split = await make.county();
    await make.station({ regionCode: split.towns[0]!.code });
    await make.station({ regionCode: split.towns[1]!.code });
    const ambiguous = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ service_code: 'water', description: '路灯坏了', address_string: `${split.name}` }), remoteAddress: '192.0.2.65' });
    geoReportError(ambiguous, 400, 'OPEN311_UNROUTABLE');
    assert.ok(third, 'the county has a third town');
  });

  it('answers every refusal in GeoReport\'s error format', async () => {
    const post = (fields: Record<string, string>, ip: string) => t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form(fields), remoteAddress: ip });
    // Coordinates alone: stations have none, so the request cannot be placed.
    geoReportError(await post({ service_code: 'water', description: '路灯坏了', lat: '24.41', long: '111.53' }, '192.0.2.70'), 400, 'OPEN311_UNROUTABLE');
    geoReportError(await post({ service_code: 'water', description: '路灯坏了', address_string: 'Main Street 1, Springfield' }, '192.0.2.70'), 400, 'OPEN311_UNROUTABLE');
    const unknown = await post({ service_code: 'nope', description: 'x', station_id: String(stationId) }, '192.0.2.71');
    geoReportError(unknown, 400, 'VALIDATION_FAILED');
    assert.match(unknown.json()[0].description, /service_code/);
    const missing = await post({ service_code: 'water', station_id: String(stationId) }, '192.0.2.71');
    geoReportError(missing, 400, 'VALIDATION_FAILED');
    assert.match(missing.json()[0].description, /description/);
    geoReportError(await post({ service_code: 'water', description: 'x', station_id: '999999' }, '192.0.2.72'), 404, 'TARGET_NOT_FOUND');
    const english = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { service_code: 'water', description: 'x' }, headers: { 'accept-language': 'en' }, remoteAddress: '192.0.2.73' });
    geoReportError(english, 400, 'OPEN311_UNROUTABLE');
    assert.match(english.json()[0].description, /^Cannot tell which station/);
    geoReportError(await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?start_date=yesterday' }), 400, 'VALIDATION_FAILED');
    geoReportError(await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${'0'.repeat(32)}.json` }), 404, 'NOT_FOUND');
    // The rate limit, too: ten posts in ten minutes from one address.
    let last;
    for (let i = 0; i < 11; i++) last = await post({ service_code: 'nope', description: 'x', station_id: String(stationId) }, '192.0.2.74');
    geoReportError(last!, 429, 'RATE_LIMITED');
  });
});
