/**
 * Hardened defaults seen from outside: security headers on every answer, no-store on answers
 * with personal data, Secure cookies on an https site, and the CSRF token compared exactly —
 * through inject and over a real socket (where the HTTP parser has its own say).
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { factories, type Factories } from './testing/factories.js';
import { Client, signIn, startTestApp, type TestApp } from './testing/harness.js';
import { loadConfig } from './platform/config.js';

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));

describe('hardened defaults', () => {
  let t: TestApp;
  let make: Factories;
  let seq = 0;
  const address = () => `203.0.113.${++seq}`;
  before(async () => {
    t = await startTestApp();
    make = factories(t);
  });
  after(() => t.close());

  it('sends the security headers on pages, API answers, refusals and unknown paths', async () => {
    const staff = await signIn(t.app, 'pinggui');
    const answers = [
      await t.app.inject({ method: 'GET', url: '/' }),
      await t.app.inject({ method: 'GET', url: '/m/track' }),
      await t.app.inject({ method: 'GET', url: '/api/health' }),
      await t.app.inject({ method: 'GET', url: '/api/stations' }),
      await staff.get('/api/stations'),
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } }),
      await t.app.inject({ method: 'GET', url: '/api/no-such-route' }),
    ];
    for (const res of answers) {
      const csp = directives(String(res.headers['content-security-policy']));
      assert.deepEqual(csp.get('script-src'), ["'self'"], 'only the site\'s own scripts: no inline script, no eval');
      assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
      assert.deepEqual(csp.get('object-src'), ["'none'"]);
      assert.ok(!String(res.headers['content-security-policy']).includes('unsafe-eval'));
      assert.ok(!csp.has('upgrade-insecure-requests'), 'a plain-http site is not pushed to https');
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS on a plain-http site');
    }
  });

  it('answers everything signed-in, and a case\'s public tracking page, with Cache-Control: no-store', async () => {
    const staff = await signIn(t.app, 'pinggui');
    for (const url of ['/api/auth/me', '/api/stations', '/api/cases', '/api/accounts', '/api/no-such-route']) {
      const res = await staff.get(url);
      assert.equal(res.headers['cache-control'], 'no-store', url);
    }
    // Refusals too: an expired cookie, a missing one.
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/cases' })).headers['cache-control'], 'no-store');

    const county = await make.county();
    const stationId = (await make.station({ regionCode: county.towns[0]!.code })).id;
    const categoryId = (await t.database.db.selectFrom('case_category').select('id').where('active', '=', true).orderBy('sort').executeTakeFirstOrThrow()).id;
    const submitted = await t.app.inject({
      method: 'POST', url: '/api/public/opinions', remoteAddress: address(),
      payload: { stationId, categoryId, content: '路灯坏了三个月', phone: '13977412345' },
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    assert.equal(submitted.headers['cache-control'], 'no-store', 'the receipt: code, key and PIN');
    const { trackingCode, queryKey, pin } = submitted.json();
    const tracked = await t.app.inject({ method: 'GET', url: `/api/public/opinions/${trackingCode}?key=${encodeURIComponent(queryKey)}`, remoteAddress: address() });
    assert.equal(tracked.statusCode, 200);
    assert.equal(tracked.headers['cache-control'], 'no-store');
    const looked = await t.app.inject({ method: 'POST', url: '/api/public/opinions/lookup', payload: { code: trackingCode, pin }, remoteAddress: address() });
    assert.equal(looked.statusCode, 200, looked.body);
    assert.equal(looked.headers['cache-control'], 'no-store');
  });

  it('sets the Secure flag on the session and CSRF cookies when the public base URL is https', async () => {
    const plain = await new Client(t.app).login('pinggui');
    assert.ok(plain.cookies.every((c) => !c.secure), 'a plain-http site keeps cookies usable over http');

    const https = await startTestApp(loadConfig({ LIANXIN_PUBLIC_BASE_URL: 'https://lianxin.example.gov.cn' }));
    try {
      const res = await new Client(https.app).login('pinggui');
      assert.equal(res.statusCode, 200);
      const names = res.cookies.map((c) => c.name).sort();
      assert.deepEqual(names, ['lx_csrf', 'lx_session']);
      assert.ok(res.cookies.every((c) => c.secure), JSON.stringify(res.cookies));
      const api = await https.app.inject({ method: 'GET', url: '/api/health' });
      assert.match(String(api.headers['strict-transport-security']), /max-age=31536000/);
      assert.ok(directives(String(api.headers['content-security-policy'])).has('upgrade-insecure-requests'));
    } finally {
      await https.close();
    }
  });

  describe('the CSRF token', () => {
    const write = (client: Client, headers: [string, string][]) => t.app.inject({
      method: 'POST', url: '/api/auth/sessions/revoke-others', remoteAddress: client.remoteAddress,
      headers: Object.fromEntries([['cookie', client.cookie], ...headers]),
    });

    it('is compared exactly: any difference, whitespace included, is refused', async () => {
      const client = await signIn(t.app, 'pinggui');
      const token = client.csrf;
      const variants = [`${token} `, ` ${token}`, `${token}\t`, `${token}x`, token.slice(0, -1), token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(), `${token}, ${token}`, ''];
      for (const variant of variants) {
        const res = await write(client, [['x-csrf-token', variant]]);
        assert.equal(res.statusCode, 403, JSON.stringify(variant));
        assert.equal(res.json().error.code, 'CSRF_FAILED');
      }
      assert.equal((await write(client, [['x-csrf-token', token]])).statusCode, 200);
    });

    it('over a real socket: the exact token passes, a changed, extended or repeated one does not', async () => {
      const client = await signIn(t.app, 'pinggui');
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as net.AddressInfo;
      const send = (csrfLines: string[]) => new Promise<number>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write([
            'POST /api/auth/sessions/revoke-others HTTP/1.1', `Host: 127.0.0.1:${port}`, `Cookie: ${client.cookie}`,
            ...csrfLines, 'Content-Length: 0', 'Connection: close', '', '',
          ].join('\r\n'));
        });
        let answer = '';
        socket.on('data', (d) => { answer += d; });
        socket.on('end', () => resolve(Number(answer.slice(9, 12))));
        socket.on('error', reject);
      });
      const token = client.csrf;
      assert.equal(await send([`X-CSRF-Token: ${token}`]), 200);
      for (const lines of [
        [`X-CSRF-Token: ${token}x`],
        [`X-CSRF-Token: x${token}`],
        [`X-CSRF-Token: ${token.slice(0, 10)} ${token.slice(10)}`],
        [`X-CSRF-Token: ${token}`, `X-CSRF-Token: ${token}`],
        [`X-CSRF-Token: ${token}`, 'x-csrf-token: '],
        [`X-CSRF-Token: ${token.slice(0, -1)}`],
        ['X-CSRF-Token:'],
        [],
      ]) {
        assert.equal(await send(lines), 403, JSON.stringify(lines));
      }
      // Whitespace around a header value is not part of the value (RFC 9110 §5.5): Node's parser
      // drops it before any code sees the header, in the raw list too, so `token ` over the wire
      // is the very token — what reaches the check is compared exactly (the inject test above).
      assert.equal(await send([`X-CSRF-Token: ${token} `]), 200);
    });
  });
});
