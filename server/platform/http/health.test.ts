import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../testing/harness.js';

describe('health and API documents', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp(); });
  after(() => t.close());

  it('answers /api/health with the engine and version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.db, process.env.DATABASE_URL ? 'postgres' : 'pglite');
    assert.match(body.version, /^\d+\.\d+\.\d+/);
  });

  it('serves an OpenAPI 3 document generated from the route schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.match(doc.openapi, /^3\./);
    for (const path of ['/api/health', '/api/auth/login', '/api/stations', '/api/stations/{id}', '/api/deputies', '/api/units', '/api/accounts', '/api/audit']) {
      assert.ok(doc.paths[path], `${path} documented`);
    }
    const login = doc.paths['/api/auth/login'].post;
    assert.deepEqual(Object.keys(login.requestBody.content['application/json'].schema.properties).sort(), ['password', 'username']);
    assert.match(login.description, /lock/, 'lockout documented');
    assert.equal(login.responses['423'], undefined, 'a locked account answers like a wrong password');
    assert.deepEqual(login.security, []);
    assert.deepEqual(doc.paths['/api/stations'].get.security, [{ session: [] }]);
    assert.deepEqual(doc.paths['/api/stations'].post.security, [{ session: [], csrf: [] }]);
    assert.equal(doc.components.securitySchemes.csrf.name, 'X-CSRF-Token');
  });

  it('serves the docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
  });

  it('answers unknown API paths with a coded 404 in the requested language', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/api/nope' });
    assert.equal(zh.statusCode, 404);
    assert.equal(zh.json().error.code, 'ROUTE_NOT_FOUND');
    assert.equal(zh.json().error.message, '接口不存在');
    const en = await t.app.inject({ method: 'GET', url: '/api/nope', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    assert.equal(en.json().error.message, 'No such endpoint');
  });
});
