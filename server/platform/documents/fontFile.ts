/**
 * Just enough of the OpenType file format (TTF, OTF and TTC collections) to pick a face for
 * the posters: its names, and whether it has glyphs for given characters. The renderers
 * (resvg, pdfkit) do the real work; this only lets the server refuse a font that would print
 * empty boxes, and name the right face of a collection.
 */

export interface FontFaceInfo {
  /** Index of the face in a collection (0 for a single font). */
  index: number;
  /** The typographic family, e.g. "Noto Sans CJK SC". */
  family: string;
  /** The PostScript name, e.g. "NotoSansCJKsc-Regular": how pdfkit picks a face of a collection. */
  postscriptName: string;
  /** Whether the face maps a code point to a glyph. */
  covers(codePoint: number): boolean;
}

export interface FontFileInfo {
  collection: boolean;
  faces: FontFaceInfo[];
}

const tag = (buf: Buffer, at: number) => buf.toString('latin1', at, at + 4);

/** The faces of a font file, or null when the bytes are not a TrueType/OpenType font or collection. */
export function readFontFile(buf: Buffer): FontFileInfo | null {
  try {
    if (buf.length < 12) return null;
    if (tag(buf, 0) === 'ttcf') {
      const count = buf.readUInt32BE(8);
      if (count === 0 || count > 256) return null;
      const faces: FontFaceInfo[] = [];
      for (let i = 0; i < count; i++) {
        const face = readFace(buf, buf.readUInt32BE(12 + 4 * i), i);
        if (face) faces.push(face);
      }
      return faces.length ? { collection: true, faces } : null;
    }
    const face = readFace(buf, 0, 0);
    return face ? { collection: false, faces: [face] } : null;
  } catch {
    // A truncated or damaged file reads past its end: it is no usable font.
    return null;
  }
}

function readFace(buf: Buffer, offset: number, index: number): FontFaceInfo | null {
  const version = buf.readUInt32BE(offset);
  if (version !== 0x00010000 && tag(buf, offset) !== 'OTTO' && tag(buf, offset) !== 'true') return null;
  const tables = new Map<string, number>();
  const numTables = buf.readUInt16BE(offset + 4);
  for (let i = 0; i < numTables; i++) {
    const record = offset + 12 + 16 * i;
    tables.set(tag(buf, record), buf.readUInt32BE(record + 8));
  }
  const name = tables.get('name');
  const cmap = tables.get('cmap');
  if (name === undefined || cmap === undefined) return null;
  const names = readNames(buf, name);
  const family = names.get(16) ?? names.get(1);
  const postscriptName = names.get(6);
  if (!family || !postscriptName) return null;
  const covers = readCmap(buf, cmap);
  if (!covers) return null;
  return { index, family, postscriptName, covers };
}

/** Name ids → strings, English (US) or Macintosh Roman records preferred when a name comes in several languages. */
function readNames(buf: Buffer, at: number): Map<number, string> {
  const count = buf.readUInt16BE(at + 2);
  const strings = at + buf.readUInt16BE(at + 4);
  const found = new Map<number, { text: string; rank: number }>();
  for (let i = 0; i < count; i++) {
    const r = at + 6 + 12 * i;
    const platform = buf.readUInt16BE(r);
    const encoding = buf.readUInt16BE(r + 2);
    const language = buf.readUInt16BE(r + 4);
    const id = buf.readUInt16BE(r + 6);
    if (id !== 1 && id !== 6 && id !== 16) continue;
    const length = buf.readUInt16BE(r + 8);
    const start = strings + buf.readUInt16BE(r + 10);
    let text: string;
    let rank: number;
    if (platform === 3 && (encoding === 1 || encoding === 10)) {
      text = utf16be(buf.subarray(start, start + length));
      rank = language === 0x409 ? 0 : 2;
    } else if (platform === 0) {
      text = utf16be(buf.subarray(start, start + length));
      rank = 1;
    } else if (platform === 1 && encoding === 0) {
      text = buf.toString('latin1', start, start + length);
      rank = language === 0 ? 1 : 3;
    } else {
      continue;
    }
    const seen = found.get(id);
    if (text && (!seen || rank < seen.rank)) found.set(id, { text, rank });
  }
  return new Map([...found].map(([id, v]) => [id, v.text]));
}

function utf16be(bytes: Buffer): string {
  const swapped = Buffer.from(bytes);
  swapped.swap16();
  return swapped.toString('utf16le');
}

/** A lookup over the face's Unicode character map (format 12 for the full range, else format 4 for the BMP). */
function readCmap(buf: Buffer, at: number): ((codePoint: number) => boolean) | null {
  const count = buf.readUInt16BE(at + 2);
  let bmp: number | null = null;
  let full: number | null = null;
  for (let i = 0; i < count; i++) {
    const r = at + 4 + 8 * i;
    const platform = buf.readUInt16BE(r);
    const encoding = buf.readUInt16BE(r + 2);
    const sub = at + buf.readUInt32BE(r + 4);
    const format = buf.readUInt16BE(sub);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12) full ??= sub;
    if (format === 4) bmp ??= sub;
  }
  if (full !== null) {
    const table = full;
    const groups = buf.readUInt32BE(table + 12);
    return (cp) => {
      for (let g = 0; g < groups; g++) {
        const r = table + 16 + 12 * g;
        const start = buf.readUInt32BE(r);
        const end = buf.readUInt32BE(r + 4);
        if (cp >= start && cp <= end) return buf.readUInt32BE(r + 8) + (cp - start) !== 0;
        if (start > cp) return false;
      }
      return false;
    };
  }
  if (bmp !== null) {
    const table = bmp;
    const segments = buf.readUInt16BE(table + 6) / 2;
    const ends = table + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    return (cp) => {
      if (cp > 0xffff) return false;
      for (let s = 0; s < segments; s++) {
        if (buf.readUInt16BE(ends + 2 * s) < cp) continue;
        const start = buf.readUInt16BE(starts + 2 * s);
        if (start > cp) return false;
        const delta = buf.readUInt16BE(deltas + 2 * s);
        const rangeAt = rangeOffsets + 2 * s;
        const rangeOffset = buf.readUInt16BE(rangeAt);
        if (rangeOffset === 0) return ((cp + delta) & 0xffff) !== 0;
        const glyph = buf.readUInt16BE(rangeAt + rangeOffset + 2 * (cp - start));
        return glyph !== 0;
      }
      return false;
    };
  }
  return null;
}
