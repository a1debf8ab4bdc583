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
