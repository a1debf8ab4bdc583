import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance as App } from 'fastify';
import { startTestApp, type TestApp } from '../../testing/harness.js';
import { ConfigError, loadConfig } from '../config.js';

/** POST /api/auth/login allows 20 attempts per address a minute; a wrong password is audited with the address. */
const LOGIN_MAX = 20;
const PROXY = '127.0.0.1';

/** A request as nginx passes it on with `$proxy_add_x_forwarded_for`: what the client wrote, then the address nginx saw. */
function throughProxy(app: App, client: string, forged: string | null, username: string) {
  return app.inject({
    method: 'POST', url: '/api/auth/login', remoteAddress: PROXY,
    payload: { username, password: 'Wrong#2026-x' },
    headers: { 'x-forwarded-for': forged === null ? client : `${forged}, ${client}` },
  });
}

describe('client address (LIANXIN_TRUST_PROXY, LIANXIN_TRUST_PROXY_HOPS)', () => {
  it('takes proxy addresses and networks, or a hop count, and refuses the old "trust everything" value', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ LIANXIN_TRUST_PROXY: '0' }).trustProxy, false);
    assert.deepEqual(loadConfig({ LIANXIN_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback' }).trustProxy, ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
    assert.equal(loadConfig({ LIANXIN_TRUST_PROXY_HOPS: '2' }).trustProxy, 2);
    assert.equal(loadConfig({ LIANXIN_TRUST_PROXY_HOPS: '0' }).trustProxy, false);
    for (const old of ['1', 'true', 'yes']) {
      assert.throws(() => loadConfig({ LIANXIN_TRUST_PROXY: old }),
        (e) => e instanceof ConfigError && e.message.includes('LIANXIN_TRUST_PROXY_HOPS=1') && e.message.includes('LIANXIN_TRUST_PROXY=127.0.0.1'), old);
    }
    for (const bad of ['10.0.0.0/33', 'nginx', '127.0.0.1/8/1', '1.2.3', ',']) {
      assert.throws(() => loadConfig({ LIANXIN_TRUST_PROXY: bad }), (e) => e instanceof ConfigError && e.message.includes('CIDR'), bad);
    }
    assert.throws(() => loadConfig({ LIANXIN_TRUST_PROXY: '127.0.0.1', LIANXIN_TRUST_PROXY_HOPS: '1' }), ConfigError);
    assert.throws(() => loadConfig({ LIANXIN_TRUST_PROXY_HOPS: '-1' }), ConfigError);
  });

  for (const [what, trustProxy] of [['the proxy\'s address', [PROXY]], ['one hop', 1]] as const) {
    describe(`behind a proxy trusted by ${what}`, () => {
      let t: TestApp;
      before(async () => { t = await startTestApp({ trustProxy: trustProxy as string[] | number }); });
      after(() => t.close());

      it('keeps counting a client\'s sign-in attempts whatever address it writes in X-Forwarded-For', async () => {
        const client = '203.0.113.7';
        const codes: number[] = [];
        for (let i = 0; i < LOGIN_MAX + 3; i++) codes.push((await throughProxy(t.app, client, `198.51.100.${i + 1}`, 'nobody-here')).statusCode);
        assert.equal(codes.filter((c) => c !== 429).length, LOGIN_MAX, codes.join(' '));
        assert.deepEqual(codes.slice(LOGIN_MAX), [429, 429, 429]);
        // Another client behind the same proxy has its own count.
        assert.notEqual((await throughProxy(t.app, '203.0.113.8', '203.0.113.7', 'nobody-here')).statusCode, 429);
      });

      it('audits the address the proxy saw, not the one the client wrote', async () => {
        const res = await throughProxy(t.app, '203.0.113.9', '192.0.2.66', 'admin');
        assert.equal(res.statusCode, 401, res.body);
        const row = await t.database.db.selectFrom('audit_log').select(['ip', 'action']).where('action', '=', 'auth.login_failed')
          .orderBy('id', 'desc').executeTakeFirstOrThrow();
        assert.equal(row.ip, '203.0.113.9');
      });
    });
  }

  describe('with no proxy trusted, or from a peer that is not the proxy', () => {
    let t: TestApp;
    let trusting: TestApp;
    before(async () => {
      t = await startTestApp({ trustProxy: false });
      trusting = await startTestApp({ trustProxy: [PROXY] });
    });
    after(async () => { await t.close(); await trusting.close(); });

    it('reads the address the connection comes from, ignoring X-Forwarded-For', async () => {
      for (const app of [t.app, trusting.app]) {
        const res = await app.inject({
          method: 'POST', url: '/api/auth/login', remoteAddress: '198.18.0.5',
          payload: { username: 'admin', password: 'Wrong#2026-x' }, headers: { 'x-forwarded-for': '192.0.2.1' },
        });
        assert.equal(res.statusCode, 401);
        const db = app === t.app ? t.database.db : trusting.database.db;
        const row = await db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login_failed').orderBy('id', 'desc').executeTakeFirstOrThrow();
        assert.equal(row.ip, '198.18.0.5');
      }
    });
  });
});
