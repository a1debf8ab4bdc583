/**
 * QR posters and cards, checked with tools that know nothing of how they were made: zbarimg
 * (zbar-tools) decodes the QR code from the PNG and from the PDF rasterised by pdftoppm, and
 * pdftotext (poppler-utils) reads the PDF's text back. Without those tools the tests fail:
 * scripts/install-system-deps.sh installs them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CALL_TO_ACTION } from './layout.js';
import { idOf, signIn, startTestApp, type Client, type TestApp } from '../../testing/harness.js';

const BASE = 'https://lianxin.example.gov.cn/hz';

function run(tool: string, args: string[]): string {
  const res = spawnSync(tool, args, { encoding: 'utf8' });
  if (res.error && (res.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is not installed: run scripts/install-system-deps.sh (it installs zbar-tools and poppler-utils)`);
  }
  if (res.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${res.status}): ${res.stderr}`);
  return res.stdout;
}

/** Every QR symbol zbarimg finds in an image, one decoded text per symbol. */
const decodeQr = (file: string) => run('zbarimg', ['--raw', '-q', file]).split('\n').filter(Boolean);

describe('QR posters', () => {
  let t: TestApp;
  let noFont: TestApp;
  let pinggui: Client;
  let dir: string;
  let huangtian: number;
  let leihe: number;
  let liangjun: number;
  let wangjianhua: number;

  before(async () => {
    // Fail at once, naming the fix, when the checking tools are missing.
    run('zbarimg', ['--version']);
    run('pdftotext', ['-v']);
    run('pdftoppm', ['-v']);
    run('pdfinfo', ['-v']);
    dir = mkdtempSync(path.join(tmpdir(), 'lianxin-posters-'));
    t = await startTestApp({ publicBaseUrl: BASE });
    noFont = await startTestApp({ publicBaseUrl: BASE, posterFont: path.join(dir, 'no-such-font', 'NotoSansCJK-Regular.ttc') });
    pinggui = await signIn(t.app, 'pinggui');
    huangtian = await idOf(t.database.db, 'station', '平桂区黄田镇人大代表联络站');
    leihe = await idOf(t.database.db, 'station', '宜城市雷河镇人大代表中心联络站');
    liangjun = await idOf(t.database.db, 'deputy', '梁俊华');
    wangjianhua = await idOf(t.database.db, 'deputy', '王建华');
  });
  after(async () => {
    await t?.close();
    await noFont?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const save = (name: string, body: Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  it('prints a station poster PNG whose QR code opens the station\'s submit page', async () => {
    const res = await pinggui.get(`/api/stations/${huangtian}/poster.png`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'image/png');
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="station-${huangtian}-poster.png"; filename*=UTF-8''${encodeURIComponent('平桂区黄田镇人大代表联络站-二维码海报.png')}`,
    );
    assert.equal(res.rawPayload.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual(decodeQr(save('station.png', res.rawPayload)), [`${BASE}/m/submit?station=${huangtian}`]);
  });

  it('prints a station poster PDF with real Chinese text and a QR code that scans once rasterised', async () => {
    const res = await pinggui.get(`/api/stations/${huangtian}/poster.pdf`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /filename="station-\d+-poster\.pdf"; filename\*=UTF-8''.+\.pdf$/);
    const pdf = save('station.pdf', res.rawPayload);
    const text = run('pdftotext', ['-layout', pdf, '-']);
    assert.ok(text.includes('平桂区黄田镇人大代表联络站'), text);
    assert.ok(text.includes(CALL_TO_ACTION), text);
    assert.ok(text.includes('广西贺州市平桂区黄田镇人民政府一楼'), 'the address');
    assert.ok(text.includes(`${BASE}/m/submit?station=${huangtian}`), 'the link under the code');
    assert.match(run('pdfinfo', [pdf]), /Page size:\s+419\.5\d* x 595\.2\d* pts/, 'A5');
    run('pdftoppm', ['-png', '-r', '150', '-singlefile', pdf, path.join(dir, 'station-pdf')]);
    assert.deepEqual(decodeQr(path.join(dir, 'station-pdf.png')), [`${BASE}/m/submit?station=${huangtian}`]);
  });

  it('prints a station poster SVG that is well-formed XML with the name and the link as text', async () => {
    const res = await pinggui.get(`/api/stations/${huangtian}/poster.svg`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'image/svg+xml; charset=utf-8');
    assert.equal(res.headers['content-security-policy'], "default-src 'none'");
    const svg = res.body;
    assertWellFormedXml(svg);
    assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="148mm" height="210mm"/);
    assert.ok(svg.includes('>平桂区黄田镇人大代表联络站</text>'));
    assert.ok(svg.includes(`>${BASE}/m/submit?station=${huangtian}</text>`));
    assert.ok(svg.includes(`>${CALL_TO_ACTION}</text>`));
    assert.ok(svg.includes('Noto Sans CJK SC'), 'names its fonts for whatever opens it');
  });

  it('prints a deputy card whose QR code opens the submit page addressed to the deputy', async () => {
    const png = await pinggui.get(`/api/deputies/${liangjun}/card.png`);
    assert.equal(png.statusCode, 200, png.body);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.ok(String(png.headers['content-disposition']).endsWith(`filename*=UTF-8''${encodeURIComponent('梁俊华-代表二维码联系卡.png')}`));
    assert.deepEqual(decodeQr(save('deputy.png', png.rawPayload)), [`${BASE}/m/submit?deputy=${liangjun}`]);

    const pdf = await pinggui.get(`/api/deputies/${liangjun}/card.pdf`);
    assert.equal(pdf.statusCode, 200, pdf.body);
    const file = save('deputy.pdf', pdf.rawPayload);
    const text = run('pdftotext', [file, '-']);
    for (const expected of ['梁俊华', '平桂区人大代表', '平桂区黄田镇人大代表联络站', CALL_TO_ACTION]) assert.ok(text.includes(expected), `${expected} in ${text}`);
    assert.doesNotMatch(text, /13907741001/, 'no phone number on the card');
    assert.match(run('pdfinfo', [file]), /Page size:\s+297\.6\d* x 419\.5\d* pts/, 'A6');
    run('pdftoppm', ['-png', '-r', '150', '-singlefile', file, path.join(dir, 'deputy-pdf')]);
    assert.deepEqual(decodeQr(path.join(dir, 'deputy-pdf.png')), [`${BASE}/m/submit?deputy=${liangjun}`]);

    const svg = await pinggui.get(`/api/deputies/${liangjun}/card.svg`);
    assert.equal(svg.statusCode, 200);
    assertWellFormedXml(svg.body);
    assert.ok(svg.body.includes('>梁俊华 代表</text>'));
  });

  it('answers an id outside the caller\'s region like a missing one', async () => {
    const officer = await signIn(t.app, 'huangtian');
    for (const [outside, missing] of [
      [`/api/stations/${leihe}/poster.png`, '/api/stations/999999/poster.png'],
      [`/api/deputies/${wangjianhua}/card.pdf`, '/api/deputies/999999/card.pdf'],
    ] as const) {
      const a = await officer.get(outside);
      const b = await officer.get(missing);
      assert.equal(a.statusCode, 404, a.body);
      assert.equal(a.json().error.code, 'NOT_FOUND');
      assert.equal(a.body, b.body);
    }
    assert.equal((await officer.get(`/api/stations/${huangtian}/poster.svg`)).statusCode, 200);
  });

  it('refuses a unit clerk (no station.read) and an anonymous caller', async () => {
    const unit = await signIn(t.app, 'shuiliju');
    const res = await unit.get(`/api/stations/${huangtian}/poster.png`);
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'FORBIDDEN');
    assert.equal((await unit.get(`/api/deputies/${liangjun}/card.png`)).statusCode, 403);
    const anon = await t.app.inject({ method: 'GET', url: `/api/stations/${huangtian}/poster.svg` });
    assert.equal(anon.statusCode, 401);
  });

  it('answers an unknown format with the usual 400', async () => {
    for (const url of [`/api/stations/${huangtian}/poster.gif`, `/api/deputies/${liangjun}/card.PNG`, `/api/stations/${huangtian}/poster.`]) {
      const res = await pinggui.get(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    }
  });

  it('answers 503 POSTER_FONT_MISSING for PNG and PDF without a CJK font, while SVG still works', async () => {
    const staff = await signIn(noFont.app, 'pinggui');
    for (const url of [`/api/stations/${huangtian}/poster.png`, `/api/stations/${huangtian}/poster.pdf`, `/api/deputies/${liangjun}/card.png`]) {
      const res = await staff.get(url);
      assert.equal(res.statusCode, 503, `${url}: ${res.body}`);
      const { error } = res.json();
      assert.equal(error.code, 'POSTER_FONT_MISSING');
      assert.match(error.message, /fonts-noto-cjk/);
      assert.match(error.message, /LIANXIN_POSTER_FONT/);
      assert.match(error.message, /字体/);
    }
    const en = await staff.request('GET', `/api/stations/${huangtian}/poster.png`, undefined, { 'accept-language': 'en' });
    assert.match(en.json().error.message, /install fonts-noto-cjk \(scripts\/install-system-deps\.sh\) or set LIANXIN_POSTER_FONT/);
    const svg = await staff.get(`/api/stations/${huangtian}/poster.svg`);
    assert.equal(svg.statusCode, 200);
    assert.ok(svg.body.includes(`${BASE}/m/submit?station=${huangtian}`));
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/stations/{id}/poster.{format}'].get;
    assert.match(op.summary, /^联络站二维码海报/);
    assert.deepEqual(op.parameters.find((p: { name: string }) => p.name === 'format').schema.enum, ['png', 'svg', 'pdf']);
    assert.ok(op.responses['503']);
    assert.ok(doc.paths['/api/deputies/{id}/card.{format}'].get);
  });
});

/**
 * A small well-formedness check: tags nest and close, attributes are quoted, and text holds
 * no bare `<` or `&`. Enough to catch an unescaped name breaking the document.
 */
function assertWellFormedXml(xml: string) {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  let root = 0;
  while (i < body.length) {
    if (body[i] === '<') {
      tag.lastIndex = i;
      const m = tag.exec(body);
      assert.ok(m, `malformed tag at ${i}: ${body.slice(i, i + 60)}`);
      const [all, closing, name, , selfClosing] = m;
      if (closing) assert.equal(stack.pop(), name, `</${name}> closes the open element`);
      else if (!selfClosing) {
        if (stack.length === 0) root++;
        stack.push(name!);
      } else if (stack.length === 0) root++;
      i += all.length;
    } else {
      const next = body.indexOf('<', i);
      const text = body.slice(i, next < 0 ? undefined : next);
      assert.doesNotMatch(text, /&(?!(?:#\d+|#x[\da-f]+|amp|lt|gt|quot|apos);)/i, 'no bare & in text');
      if (stack.length === 0) assert.equal(text.trim(), '', 'nothing outside the root element');
      i = next < 0 ? body.length : next;
    }
  }
  assert.deepEqual(stack, [], 'every element closed');
  assert.equal(root, 1, 'one root element');
}
