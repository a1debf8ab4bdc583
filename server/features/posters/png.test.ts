import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_POSTER_FONTS, loadConfig } from '../../platform/config.js';
import { loadPosterFont } from '../../platform/documents/font.js';
import { posterPng } from './png.js';

function font() {
  const file = loadConfig({}).posterFont;
  assert.ok(file, `No CJK font at ${DEFAULT_POSTER_FONTS.join(', ')}: run scripts/install-system-deps.sh (fonts-noto-cjk)`);
  return loadPosterFont(file);
}

const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" font-family="'Noto Sans CJK SC', sans-serif">`
  + `<text x="10" y="60" font-size="40">${text}</text></svg>`;

describe('posterPng', () => {
  it('renders Chinese text with the configured font at the width asked for', async () => {
    const png = await posterPng(svg('连心桥'), font(), 400);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 400, 'width');
    assert.equal(png.readUInt32BE(20), 200, 'height');
    const blank = await posterPng(svg(''), font(), 400);
    assert.ok(png.length > blank.length + 500, 'the glyphs were drawn');
  });

  it('queues renders, and one that fails does not hold up the next', async () => {
    const f = font();
    const [bad, good, other] = await Promise.allSettled([posterPng('<svg', f), posterPng(svg('人大'), f, 100), posterPng(svg('代表'), f, 100)]);
    assert.equal(bad.status, 'rejected');
    assert.equal(good.status, 'fulfilled');
    assert.equal(other.status, 'fulfilled');
  });
});
