import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_POSTER_FONTS, loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { loadPosterFont, pickFace, POSTER_SAMPLE_TEXT } from './font.js';
import { readFontFile } from './fontFile.js';

/**
 * A minimal TrueType file: a name table (family, PostScript name) and a format-4 cmap that
 * maps the given characters, all from the Basic Multilingual Plane.
 */
function tinyFont(family: string, postscriptName: string, chars: string): Buffer {
  const utf16 = (s: string) => Buffer.from(s, 'utf16le').swap16();
  const names = [[1, family], [6, postscriptName]] as const;
  const strings = Buffer.concat(names.map(([, s]) => utf16(s)));
  const name = Buffer.alloc(6 + 12 * names.length);
  name.writeUInt16BE(0, 0);
  name.writeUInt16BE(names.length, 2);
  name.writeUInt16BE(name.length, 4);
  let offset = 0;
  names.forEach(([id, s], i) => {
    const r = 6 + 12 * i;
    name.writeUInt16BE(3, r);
    name.writeUInt16BE(1, r + 2);
    name.writeUInt16BE(0x409, r + 4);
    name.writeUInt16BE(id, r + 6);
    name.writeUInt16BE(utf16(s).length, r + 8);
    name.writeUInt16BE(offset, r + 10);
    offset += utf16(s).length;
  });
  // One segment per character (glyph ids 1, 2, …) and the closing 0xFFFF segment.
  const codes = [...new Set([...chars].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const segments = [...codes, 0xffff];
  const sub = Buffer.alloc(16 + 8 * segments.length);
  sub.writeUInt16BE(4, 0);
  sub.writeUInt16BE(sub.length, 2);
  sub.writeUInt16BE(segments.length * 2, 6);
  segments.forEach((cp, i) => {
    sub.writeUInt16BE(cp, 14 + 2 * i);
    sub.writeUInt16BE(cp, 16 + 2 * segments.length + 2 * i);
    const glyph = cp === 0xffff ? 0 : i + 1;
    sub.writeUInt16BE((glyph - cp + 0x10000) & 0xffff, 16 + 4 * segments.length + 2 * i);
  });
  const cmapHeader = Buffer.alloc(12);
  cmapHeader.writeUInt16BE(1, 2);
  cmapHeader.writeUInt16BE(3, 4);
  cmapHeader.writeUInt16BE(1, 6);
  cmapHeader.writeUInt32BE(12, 8);
  const cmap = Buffer.concat([cmapHeader, sub]);
  const header = Buffer.alloc(12 + 16 * 2);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(2, 4);
  const tables = [['cmap', cmap], ['name', Buffer.concat([name, strings])]] as const;
  let at = header.length;
  tables.forEach(([tag, data], i) => {
    header.write(tag, 12 + 16 * i, 'latin1');
    header.writeUInt32BE(at, 12 + 16 * i + 8);
    header.writeUInt32BE(data.length, 12 + 16 * i + 12);
    at += data.length;
  });
  return Buffer.concat([header, ...tables.map(([, d]) => d)]);
}

const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-font-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('readFontFile', () => {
  it('reads the names and the character map of a TrueType font', () => {
    const info = readFontFile(tinyFont('Test Sans', 'TestSans-Regular', 'Ab连'));
    assert.ok(info);
    assert.equal(info.collection, false);
    const [face] = info.faces;
    assert.equal(face!.family, 'Test Sans');
    assert.equal(face!.postscriptName, 'TestSans-Regular');
    assert.equal(face!.covers('A'.codePointAt(0)!), true);
    assert.equal(face!.covers('连'.codePointAt(0)!), true);
    assert.equal(face!.covers('B'.codePointAt(0)!), false);
  });

  it('refuses what is not a font', () => {
    assert.equal(readFontFile(Buffer.from('not a font at all, just text')), null);
    assert.equal(readFontFile(Buffer.alloc(0)), null);
    assert.equal(readFontFile(tinyFont('X', 'X', 'A').subarray(0, 40)), null);
  });
});

describe('pickFace', () => {
  it('prefers the simplified Chinese face of a collection, and never one without the characters', () => {
    const all = [...POSTER_SAMPLE_TEXT].join('');
    const face = (index: number, family: string, postscriptName: string, chars: string) => ({ ...readFontFile(tinyFont(family, postscriptName, chars))!.faces[0]!, index });
    const faces = [
      face(0, 'Noto Sans CJK JP', 'NotoSansCJKjp-Regular', all),
      face(1, 'Noto Sans Mono CJK SC', 'NotoSansMonoCJKsc-Regular', all),
      face(2, 'Noto Sans CJK SC', 'NotoSansCJKsc-Regular', all),
      face(3, 'Latin Only', 'LatinOnly', 'abc'),
    ];
    assert.equal(pickFace(faces)?.postscriptName, 'NotoSansCJKsc-Regular');
    assert.equal(pickFace([faces[3]!]), null);
    assert.equal(pickFace([faces[0]!])?.postscriptName, 'NotoSansCJKjp-Regular');
  });
});

describe('loadPosterFont', () => {
  const missing = (file: string | null) => assert.throws(() => loadPosterFont(file), (e) => e instanceof AppError && e.code === 'POSTER_FONT_MISSING');

  it('answers POSTER_FONT_MISSING without a file, for a missing one, and for one without Chinese', () => {
    missing(null);
    missing(path.join(dir, 'nowhere.ttc'));
    missing(dir);
    const text = path.join(dir, 'notes.ttf');
    writeFileSync(text, 'hello');
    missing(text);
    const latin = path.join(dir, 'Latin-Regular.ttf');
    writeFileSync(latin, tinyFont('Latin', 'Latin-Regular', 'abcdefghijklmnopqrstuvwxyz'));
    missing(latin);
  });

  it('takes a single font with the Chinese it needs, and its bold sibling', () => {
    const regular = path.join(dir, 'Han-Regular.ttf');
    writeFileSync(regular, tinyFont('Han Test', 'HanTest-Regular', POSTER_SAMPLE_TEXT));
    const single = loadPosterFont(regular);
    assert.deepEqual(single.regular, { file: regular, family: 'Han Test', postscriptName: null });
    assert.deepEqual(single.bold, single.regular);
    writeFileSync(path.join(dir, 'Han-Bold.ttf'), tinyFont('Han Test', 'HanTest-Bold', POSTER_SAMPLE_TEXT));
    // A new file version is read again.
    writeFileSync(regular, tinyFont('Han Test', 'HanTest-Regular', `${POSTER_SAMPLE_TEXT}x`));
    assert.equal(loadPosterFont(regular).bold.file, path.join(dir, 'Han-Bold.ttf'));
  });

  it('finds the installed Noto Sans CJK collection and names its simplified Chinese faces', () => {
    const installed = loadConfig({}).posterFont;
    assert.ok(installed, `No CJK font at ${DEFAULT_POSTER_FONTS.join(', ')}: run scripts/install-system-deps.sh (fonts-noto-cjk)`);
    const font = loadPosterFont(installed);
    if (installed.endsWith('NotoSansCJK-Regular.ttc')) {
      assert.deepEqual(font.regular, { file: installed, family: 'Noto Sans CJK SC', postscriptName: 'NotoSansCJKsc-Regular' });
      assert.equal(font.bold.postscriptName, 'NotoSansCJKsc-Bold');
    }
  });
});
