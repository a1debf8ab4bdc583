import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, publicBaseUrlFrom } from './config.js';

describe('publicBaseUrl (LIANXIN_PUBLIC_BASE_URL)', () => {
  it('defaults to this server on localhost', () => {
    assert.equal(loadConfig({}).publicBaseUrl, 'http://localhost:3000');
    assert.equal(loadConfig({ PORT: '8080' }).publicBaseUrl, 'http://localhost:8080');
    assert.equal(loadConfig({ LIANXIN_PUBLIC_BASE_URL: '  ' }).publicBaseUrl, 'http://localhost:3000');
  });

  it('keeps an origin and a path prefix, without the trailing slash', () => {
    assert.equal(publicBaseUrlFrom('https://lianxin.example.gov.cn/', 3000), 'https://lianxin.example.gov.cn');
    assert.equal(publicBaseUrlFrom('https://Example.gov.cn:8443/lianxin//', 3000), 'https://example.gov.cn:8443/lianxin');
    assert.equal(publicBaseUrlFrom('http://10.0.0.5:3000', 3000), 'http://10.0.0.5:3000');
  });

  it('refuses at start-up what cannot lead a phone to the submit page', () => {
    for (const bad of ['lianxin.example.gov.cn', 'ftp://example.gov.cn', 'https://', 'javascript:alert(1)', 'https://x.gov.cn/?a=1', 'https://x.gov.cn/#top', 'https://user:pw@x.gov.cn']) {
      assert.throws(() => loadConfig({ LIANXIN_PUBLIC_BASE_URL: bad }), (e) => e instanceof ConfigError && e.message.includes('LIANXIN_PUBLIC_BASE_URL') && e.message.includes(bad), bad);
    }
  });
});

describe('posterFont (LIANXIN_POSTER_FONT)', () => {
  it('takes the configured path as given, even when the file is missing (posters then say so)', () => {
    assert.equal(loadConfig({ LIANXIN_POSTER_FONT: '/opt/fonts/SourceHanSansSC-Regular.otf' }).posterFont, '/opt/fonts/SourceHanSansSC-Regular.otf');
  });
});

describe('memory settings', () => {
  it('defaults to a small PGlite buffer pool and a tight heap', () => {
    const config = loadConfig({});
    assert.equal(config.pgliteSharedBuffersMb, 32);
    assert.equal(config.heapGrowingPercent, 20);
  });

  it('syncs PGlite\'s commits to disk unless LIANXIN_PGLITE_FSYNC=0', () => {
    assert.equal(loadConfig({}).pgliteFsync, true);
    assert.equal(loadConfig({ LIANXIN_PGLITE_FSYNC: '1' }).pgliteFsync, true);
    assert.equal(loadConfig({ LIANXIN_PGLITE_FSYNC: '0' }).pgliteFsync, false);
  });

  it('takes whole numbers within bounds, and refuses anything else naming the setting', () => {
    assert.equal(loadConfig({ LIANXIN_PGLITE_SHARED_BUFFERS_MB: '128' }).pgliteSharedBuffersMb, 128);
    assert.equal(loadConfig({ LIANXIN_HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent, 0);
    for (const [name, value] of [['LIANXIN_PGLITE_SHARED_BUFFERS_MB', '0'], ['LIANXIN_PGLITE_SHARED_BUFFERS_MB', '32MB'], ['LIANXIN_HEAP_GROWING_PERCENT', '-5'], ['LIANXIN_HEAP_GROWING_PERCENT', '2.5']] as const) {
      assert.throws(() => loadConfig({ [name]: value }), (err: unknown) => err instanceof ConfigError && err.message.includes(name) && err.message.includes('整数'));
    }
  });
});

describe('logFormat (LOG_FORMAT)', () => {
  it('is chosen, or follows whether the output is a terminal, and refuses anything else', () => {
    assert.equal(loadConfig({ LOG_FORMAT: 'json' }).logFormat, 'json');
    assert.equal(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat, 'pretty');
    assert.equal(loadConfig({}).logFormat, process.stdout.isTTY ? 'pretty' : 'json');
    assert.throws(() => loadConfig({ LOG_FORMAT: 'xml' }), ConfigError);
  });
});

describe('secureCookies', () => {
  it('is on when the public base URL is https or LIANXIN_SECURE_COOKIES=1, off for a plain-http site', () => {
    assert.equal(loadConfig({}).secureCookies, false);
    assert.equal(loadConfig({ LIANXIN_PUBLIC_BASE_URL: 'http://10.0.0.5:3000' }).secureCookies, false);
    assert.equal(loadConfig({ LIANXIN_PUBLIC_BASE_URL: 'https://lianxin.example.gov.cn' }).secureCookies, true);
    assert.equal(loadConfig({ LIANXIN_PUBLIC_BASE_URL: 'HTTPS://lianxin.example.gov.cn/x' }).secureCookies, true);
    assert.equal(loadConfig({ LIANXIN_SECURE_COOKIES: '1' }).secureCookies, true);
  });
});

describe('the request log', () => {
  it('writes every request on a terminal, only the failed ones otherwise, unless LIANXIN_REQUEST_LOG says', () => {
    assert.equal(loadConfig({ LOG_FORMAT: 'pretty' }).requestLog, 'all');
    assert.equal(loadConfig({ LOG_FORMAT: 'json' }).requestLog, 'errors');
    assert.equal(loadConfig({ LOG_FORMAT: 'json', LIANXIN_REQUEST_LOG: 'all' }).requestLog, 'all');
    assert.equal(loadConfig({ LOG_FORMAT: 'pretty', LIANXIN_REQUEST_LOG: 'errors' }).requestLog, 'errors');
    assert.equal(loadConfig({ LIANXIN_REQUEST_LOG: '0.01' }).requestLog, 0.01);
    assert.equal(loadConfig({ LIANXIN_REQUEST_LOG: '1' }).requestLog, 1);
    for (const bad of ['some', '2', '-0.1', '1%']) {
      assert.throws(() => loadConfig({ LIANXIN_REQUEST_LOG: bad }), (err: unknown) => err instanceof ConfigError && err.message.includes('LIANXIN_REQUEST_LOG') && err.message.includes(bad), bad);
    }
  });
});
