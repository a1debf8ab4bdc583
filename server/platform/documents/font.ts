import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';
import { readFontFile, type FontFaceInfo } from './fontFile.js';

/** One face the renderers can load: a file and, inside a collection, the face's PostScript name. */
export interface PosterFace {
  file: string;
  family: string;
  /** Set for a face of a collection (.ttc), which pdfkit opens by PostScript name. */
  postscriptName: string | null;
}

export interface PosterFont {
  regular: PosterFace;
  /** The bold weight when the font ships one next to the regular file, else the regular face again. */
  bold: PosterFace;
}

/** Characters every poster prints; a face without them would print empty boxes. */
export const POSTER_SAMPLE_TEXT = '连心桥人大代表联络站扫码向反映意见建议地址电话接待';

/**
 * The face of a file that prints the posters' Chinese, preferring simplified Chinese in a
 * collection that holds several regional variants (Noto Sans CJK holds JP, KR, SC, TC, HK and
 * their monospaced forms). Null when no face covers the sample.
 */
export function pickFace(faces: FontFaceInfo[]): FontFaceInfo | null {
  const usable = faces.filter((f) => [...POSTER_SAMPLE_TEXT].every((ch) => f.covers(ch.codePointAt(0)!)));
  const score = (f: FontFaceInfo) => {
    const name = `${f.family} ${f.postscriptName}`;
    let s = 0;
    if (/\bSC\b|sc-|SC-|\bGB|\bCN\b|Hans/.test(name)) s += 2;
    if (/mono/i.test(name)) s -= 1;
    return s;
  };
  return usable.sort((a, b) => score(b) - score(a) || a.index - b.index)[0] ?? null;
}

function readFace(file: string, family?: string): PosterFace | null {
  let info;
  try {
    info = readFontFile(readFileSync(file));
  } catch {
    return null;
  }
  if (!info) return null;
  const faces = family ? info.faces.filter((f) => f.family === family) : info.faces;
  const face = pickFace(faces);
  if (!face) return null;
  return { file, family: face.family, postscriptName: info.collection ? face.postscriptName : null };
}

/** The bold file beside a regular one, by the usual naming (NotoSansCJK-Regular.ttc → NotoSansCJK-Bold.ttc). */
function boldSibling(file: string): string | null {
  const base = path.basename(file);
  if (!/Regular/.test(base)) return null;
  return path.join(path.dirname(file), base.replace('Regular', 'Bold'));
}

const cache = new Map<string, { stamp: string; font: PosterFont }>();

/**
 * The posters' font from the configured file, read once per file version (the files are
 * 20 MB; only the small result is kept). Answers POSTER_FONT_MISSING when there is no file,
 * or it is not a font with Chinese glyphs, so the message tells the operator how to fix it.
 */
export function loadPosterFont(file: string | null): PosterFont {
  const stamp = file ? fileStamp(file) : null;
  if (!file || !stamp) throw new AppError('POSTER_FONT_MISSING');
  const cached = cache.get(file);
  if (cached?.stamp === stamp) return cached.font;
  const regular = readFace(file);
  if (!regular) throw new AppError('POSTER_FONT_MISSING');
  const boldFile = boldSibling(file);
  const bold = (boldFile && fileStamp(boldFile) && readFace(boldFile, regular.family)) || regular;
  const font = { regular, bold };
  cache.set(file, { stamp, font });
  return font;
}

function fileStamp(file: string): string | null {
  try {
    const st = statSync(file);
    return st.isFile() ? `${st.size}:${st.mtimeMs}` : null;
  } catch {
    return null;
  }
}
