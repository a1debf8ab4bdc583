import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';
import { declaredCharset, decodeUrlEncoded, findLoneSurrogate, jsonPath } from './textInput.js';

describe('text input', () => {
  it('finds a lone surrogate anywhere in nested objects and arrays, keys included', () => {
    assert.equal(findLoneSurrogate({ a: 'ok', b: ['连心桥', '😀 paired is fine'] }), null);
    assert.deepEqual(findLoneSurrogate({ items: [{}, {}, { name: 'x\udfffy' }] }), ['items', 2, 'name']);
    assert.deepEqual(findLoneSurrogate(['\ud800']), [0]);
    assert.deepEqual(findLoneSurrogate({ nested: { 'k\ud800': 1 } }), ['nested', 'k\ud800']);
    assert.equal(findLoneSurrogate(Buffer.from('\ud800')), null);
    assert.equal(findLoneSurrogate(null), null);
    assert.equal(jsonPath(['body', 'items', 2, 'name']), 'body.items[2].name');
    assert.equal(jsonPath(['body', 'a b']), 'body["a b"]');
    assert.equal(jsonPath(['body', 'k\ud800']), 'body["k\\ud800"]');
  });

  it('decodes form and query text strictly as UTF-8', () => {
    assert.deepEqual(decodeUrlEncoded('a=%E8%BF%9E+x&&b&c=1=2'), { fields: [['a', '连 x'], ['b', ''], ['c', '1=2']] });
    assert.deepEqual(decodeUrlEncoded('ok=1&name=%ED%A0%80'), { invalid: 'name' });
    assert.deepEqual(decodeUrlEncoded('%FF=1'), { invalid: '%FF' });
  });

  it('reads the declared charset', () => {
    assert.equal(declaredCharset('application/json'), null);
    assert.equal(declaredCharset('application/json; charset=UTF-8'), 'utf-8');
    assert.equal(declaredCharset('application/json;charset="gbk"'), 'gbk');
  });

  describe('on the API', () => {
    let t: TestApp;
    let admin: Client;
    before(async () => {
      t = await startTestApp();
      admin = await signIn(t.app, 'admin');
    });
    after(() => t.close());

    const audits = async () => Number((await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const raw = (url: string, payload: string | Buffer, contentType = 'application/json', lang = 'en') => t.app.inject({
      method: 'POST', url, payload, remoteAddress: '127.9.9.9',
      headers: { 'content-type': contentType, 'accept-language': lang, cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });

    it('refuses a sign-in with a lone surrogate with 400 naming the field, and audits it as a failed sign-in', async () => {
      const before = await audits();
      const res = await raw('/api/auth/login', JSON.stringify({ username: 'x\udfffy', password: 'Whatever#2026' }));
      assert.equal(res.statusCode, 400, res.body);
      const error = res.json().error;
      assert.equal(error.code, 'TEXT_LONE_SURROGATE');
      assert.equal(error.details.field, 'body.username');
      assert.match(error.message, /body\.username/);
      assert.deepEqual(error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['body.username', 'LONE_SURROGATE']]);
      const zh = await raw('/api/auth/login', '{"username":"admin","password":"\\ud800"}', 'application/json', 'zh-CN');
      assert.equal(zh.json().error.code, 'TEXT_LONE_SURROGATE');
      assert.match(zh.json().error.message, /^字段 body\.password 含有无效字符/);
      // Both are failed sign-ins in the audit log; the second, naming an account, counts against its lock.
      assert.equal(await audits(), before + 2);
      await t.database.db.updateTable('account').set({ failed_logins: 0 }).where('username', '=', 'admin').execute();
    });

    it('refuses a campaign or a station named with a lone surrogate, names nested fields, and writes nothing', async () => {
      const before = await audits();
      const station = await admin.post('/api/stations', { name: 'x\udfffy', type: 'point', tier: 'village_point', homeRegionCode: '451103101' });
      assert.equal(station.statusCode, 400);
      assert.equal(station.json().error.details.field, 'body.name');
      const campaign = await admin.post('/api/campaigns', { name: '\ud800', items: [{ a: 1 }, { b: ['ok', { c: 'z\udc00' }] }] });
      assert.equal(campaign.statusCode, 400);
      assert.equal(campaign.json().error.details.field, 'body.name');
      const nested = await admin.post('/api/campaigns', { x: [{}, { y: [0, 'z\udc00'] }] });
      assert.equal(nested.json().error.details.field, 'body.x[1].y[1]');
      const query = await admin.get('/api/stations?q=%ED%A0%80');
      assert.ok(query.statusCode < 500, query.body);
      // A path that is not percent-encoded UTF-8 never reaches a route, and answers in the API's error shape.
      for (const url of ['/api/stations/%E4%BD', '/api/cases/1/actions/%ED%A0%80', `/api/stations/${'9'.repeat(150)}`]) {
        const path = await admin.patch(url, { version: 1 });
        assert.equal(path.statusCode, 400, `${url}: ${path.body}`);
        assert.equal(path.json().error.code, 'BAD_REQUEST');
      }
      assert.equal(await audits(), before);
    });

    it('refuses a body that is not UTF-8, and one declared in another charset', async () => {
      const before = await audits();
      const latin1 = Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xe9, 0xff]), Buffer.from('","password":"Whatever#2026"}')]);
      const bad = await raw('/api/auth/login', latin1);
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'BODY_ENCODING_INVALID');
      const gbk = await raw('/api/auth/login', JSON.stringify({ username: 'admin', password: 'Whatever#2026' }), 'application/json; charset=GBK');
      assert.equal(gbk.statusCode, 400);
      assert.equal(gbk.json().error.code, 'BODY_CHARSET_UNSUPPORTED');
      assert.equal(gbk.json().error.message, 'The charset gbk is not supported; send UTF-8');
      // Refused sign-ins are audited as failed ones; nothing else is written.
      assert.equal(await audits(), before + 2);
      await t.database.db.updateTable('account').set({ failed_logins: 0 }).where('username', '=', 'admin').execute();
      const utf8 = await raw('/api/stations', JSON.stringify({ name: '字符集测试站', type: 'point', tier: 'village_point', homeRegionCode: '451103101' }), 'application/json; charset="UTF-8"');
      assert.equal(utf8.statusCode, 201, utf8.body);
      assert.equal(utf8.json().name, '字符集测试站');
      const empty = await raw('/api/auth/login', '');
      assert.equal(empty.statusCode, 400);
      const proto = await raw('/api/auth/login', '{"__proto__":{"x":1},"username":"a","password":"b"}');
      assert.equal(proto.statusCode, 400);
    });

    it('refuses a query string whose escapes are not UTF-8, naming the field', async () => {
      for (const q of ['%ED%A0%80', '%E9', 'ok%FFok']) {
        const res = await admin.get(`/api/stations?q=${q}`);
        assert.equal(res.statusCode, 400, q);
        assert.equal(res.json().error.code, 'TEXT_ENCODING_INVALID');
        assert.equal(res.json().error.details.field, 'query.q');
        assert.deepEqual(res.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]), [['query.q', 'ENCODING_INVALID']]);
      }
      assert.equal((await admin.get('/api/stations?q=%E8%BF%9E+%E5%BF%83')).statusCode, 200);
      const open311 = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json?status=%C0' });
      assert.equal(open311.statusCode, 400);
      assert.match(open311.json()[0].description, /query\.status.*TEXT_ENCODING_INVALID/);
    });

    it('refuses an Open311 form whose text is not UTF-8 or declared in another charset, naming the field, and writes nothing', async () => {
      const before = await audits();
      const form = (payload: string | Buffer, contentType = 'application/x-www-form-urlencoded') => t.app.inject({
        method: 'POST', url: '/open311/v2/requests.json', payload, remoteAddress: '127.9.9.10', headers: { 'content-type': contentType, 'accept-language': 'en' },
      });
      const escaped = await form('service_code=water&description=%E6%B0%B4%E6%B8%A0%ED%A0%80&address_string=x');
      assert.equal(escaped.statusCode, 400, escaped.body);
      assert.match(escaped.json()[0].description, /^The field body\.description is not valid UTF-8 text.*\[TEXT_ENCODING_INVALID\]$/);
      const rawBytes = await form(Buffer.concat([Buffer.from('service_code=water&description='), Buffer.from([0xcb, 0xae, 0xc7, 0xfe]), Buffer.from('&address_string=x')]));
      assert.equal(rawBytes.statusCode, 400);
      assert.match(rawBytes.json()[0].description, /body\.description.*TEXT_ENCODING_INVALID/);
      const gbk = await form('service_code=water&description=x', 'application/x-www-form-urlencoded; charset=gbk');
      assert.match(gbk.json()[0].description, /BODY_CHARSET_UNSUPPORTED/);
      assert.equal(await audits(), before);
    });
  });
});
