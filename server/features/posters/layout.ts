import { qrMatrix, QUIET_ZONE, type QrMatrix } from '../../platform/documents/qr.js';

/**
 * The layout of a poster, computed once and drawn by both the SVG (and so the PNG) and the PDF
 * renderer, so the three formats print the same thing. Coordinates are in units of a page
 * 1000 wide, y downwards, text placed on its baseline: the same layout then prints on an A5
 * poster and on an A6 card, whose proportions are nearly the same.
 */

export const PAGES = {
  /** Station posters: a sheet for a wall or a notice board. */
  A5: { widthMm: 148, heightMm: 210 },
  /** Deputies' cards: a table card or a handout. */
  A6: { widthMm: 105, heightMm: 148 },
} as const;
export type PageSize = keyof typeof PAGES;

/** A poster in plain words; how it looks is decided here. */
export interface PosterDescription {
  page: PageSize;
  /** The line in the red band at the top. */
  header: string;
  /** The station's or the deputy's name, printed big. */
  title: string;
  subtitles: string[];
  /** Labelled facts under the title: address, reception times, phone… */
  details: { label: string; text: string }[];
  /** Encoded in the QR code and printed under it. */
  url: string;
  /** The line in the band at the bottom. */
  footer: string;
}

export const CALL_TO_ACTION = '扫码向人大代表反映意见建议';
export const CALL_TO_ACTION_EN = "Scan to share your views with your People's Congress deputies";

export const COLORS = {
  red: '#b71c1c',
  gold: '#f2c14e',
  ink: '#1f1f1f',
  grey: '#5f6368',
  light: '#e6e6e6',
  white: '#ffffff',
} as const;

export type Item =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string | null; stroke?: string; strokeWidth?: number; radius?: number }
  | { kind: 'text'; x: number; y: number; text: string; size: number; bold: boolean; color: string; anchor: 'start' | 'middle' }
  /** The symbol with its quiet zone inside the square x, y, size. */
  | { kind: 'qr'; x: number; y: number; size: number; matrix: QrMatrix; color: string };

export interface Layout {
  widthMm: number;
  heightMm: number;
  width: number;
  height: number;
  /** For the document's title metadata. */
  title: string;
  items: Item[];
}

export const LAYOUT_WIDTH = 1000;

/**
 * The advance of a character in ems, estimated: no font is needed to lay out the SVG, and
 * wide enough for the Latin of common CJK fonts so a line never runs past its margin.
 */
function advance(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x2e80 || (cp >= 0x1100 && cp <= 0x11ff)) return cp >= 0xff61 && cp <= 0xffdc ? 0.55 : 1;
  if (ch === ' ') return 0.26;
  if (/[0-9]/.test(ch)) return 0.56;
  if (/[iIl.,:;'!|()[\]]/.test(ch)) return 0.3;
  if (/[mwMW@%]/.test(ch)) return 0.86;
  if (/[A-Z]/.test(ch)) return 0.66;
  if (/[a-z]/.test(ch)) return 0.55;
  return 0.6;
}

export function textWidth(text: string, size: number): number {
  let ems = 0;
  for (const ch of text) ems += advance(ch);
  return ems * size;
}

/** Punctuation that must not start a line (it joins the character before it). */
const CLOSING = /^[、,。;:!?)】》」』”’.,;:!?)\]]/;

/** Line-break units: a run of Latin letters and digits stays whole, each Chinese character stands alone. */
function tokens(text: string): string[] {
  const out: string[] = [];
  for (const t of text.match(/[\x21-\x7e]+|\s+|[\s\S]/gu) ?? []) {
    if (out.length && CLOSING.test(t) && !/\s$/.test(out[out.length - 1]!)) out[out.length - 1] += t;
    else out.push(/^\s+$/.test(t) ? ' ' : t);
  }
  return out;
}

/** Greedy line filling; a token wider than a whole line is cut by character. */
export function wrap(text: string, maxWidth: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const token of tokens(text.replace(/\s+/g, ' ').trim())) {
    if (textWidth(line + token, size) <= maxWidth) {
      line += token;
      continue;
    }
    push();
    if (token === ' ') continue;
    if (textWidth(token, size) <= maxWidth) {
      line = token;
      continue;
    }
    for (const ch of token) {
      if (textWidth(line + ch, size) > maxWidth) push();
      line += ch;
    }
  }
  push();
  return lines;
}

/** The largest of `sizes` at which the text fits in `maxLines`; at the smallest, what does not fit ends in "…". */
export function fitText(text: string, maxWidth: number, sizes: number[], maxLines: number): { size: number; lines: string[] } {
  for (const size of sizes) {
    const lines = wrap(text, maxWidth, size);
    if (lines.length <= maxLines) return { size, lines };
  }
  const size = sizes[sizes.length - 1]!;
  const lines = wrap(text, maxWidth, size).slice(0, maxLines);
  let last = lines[maxLines - 1] ?? '';
  while (last && textWidth(`${last}…`, size) > maxWidth) last = [...last].slice(0, -1).join('');
  lines[maxLines - 1] = `${last}…`;
  return { size, lines };
}

const MARGIN = 70;
const HEADER = 140;
const FOOTER = 64;

export function layoutPoster(d: PosterDescription): Layout {
  const { widthMm, heightMm } = PAGES[d.page];
  const W = LAYOUT_WIDTH;
  const H = Math.round((W * heightMm) / widthMm * 100) / 100;
  const inner = W - 2 * MARGIN;
  const items: Item[] = [];
  const text = (t: string, x: number, y: number, size: number, opts: { bold?: boolean; color?: string; anchor?: 'start' | 'middle' } = {}) =>
    items.push({ kind: 'text', x, y, text: t, size, bold: opts.bold ?? false, color: opts.color ?? COLORS.ink, anchor: opts.anchor ?? 'middle' });

  items.push({ kind: 'rect', x: 0, y: 0, width: W, height: H, fill: COLORS.white });
  // The red band, with a gold rule under it, in the manner of the stations' own signs.
  items.push({ kind: 'rect', x: 0, y: 0, width: W, height: HEADER, fill: COLORS.red });
  items.push({ kind: 'rect', x: 0, y: HEADER, width: W, height: 10, fill: COLORS.gold });
  const header = fitText(d.header, inner, [50, 44, 38], 1);
  text(header.lines[0]!, W / 2, HEADER / 2 + header.size * 0.36, header.size, { bold: true, color: COLORS.white });

  let y = HEADER + 10 + 34;
  // One line while the name stays large, else two.
  const oneLine = fitText(d.title, inner, [80, 72, 64, 58], 1);
  const title = wrap(d.title, inner, 58).length === 1 ? oneLine : fitText(d.title, inner, [72, 64, 56, 48, 42], 2);
  for (const line of title.lines) {
    y += title.size * 1.12;
    text(line, W / 2, y, title.size, { bold: true, color: COLORS.ink });
  }
  y += 8;
  for (const s of d.subtitles) {
    const sub = fitText(s, inner, [32, 28, 24], 1);
    y += sub.size * 1.5;
    text(sub.lines[0]!, W / 2, y, sub.size, { color: COLORS.grey });
  }

  if (d.details.length) {
    y += 28;
    items.push({ kind: 'rect', x: MARGIN, y, width: inner, height: 2, fill: COLORS.light });
    y += 8;
    const size = 28;
    const labelWidth = Math.max(...d.details.map((x) => textWidth(x.label, size))) + size * 0.8;
    for (const detail of d.details) {
      const lines = fitText(detail.text, inner - labelWidth, [size, 26, 24], 2);
      y += size * 1.55;
      text(detail.label, MARGIN, y, size, { bold: true, color: COLORS.red, anchor: 'start' });
      lines.lines.forEach((line, i) => {
        if (i > 0) y += lines.size * 1.35;
        text(line, MARGIN + labelWidth, y, lines.size, { anchor: 'start' });
      });
    }
    y += 14;
  }

  // The QR block fills what is left between the details and the footer, centred in it.
  const bottom = H - FOOTER;
  const ctaSize = 48;
  const enSize = 24;
  const urlSize = 20;
  const fixed = ctaSize * 1.1 + 16 + enSize * 1.2 + 16 + 14 + urlSize * 1.2;
  const room = bottom - y - 2 * 24;
  const qrSize = Math.max(280, Math.min(560, room - fixed));
  let top = y + 24 + Math.max(0, (room - fixed - qrSize) / 2);
  top += ctaSize * 1.1;
  const cta = fitText(CALL_TO_ACTION, inner, [ctaSize, 42, 36], 1);
  text(cta.lines[0]!, W / 2, top, cta.size, { bold: true, color: COLORS.red });
  top += 16 + enSize * 1.2;
  const en = fitText(CALL_TO_ACTION_EN, inner, [enSize, 21, 18], 1);
  text(en.lines[0]!, W / 2, top, en.size, { color: COLORS.grey });
  top += 16;
  const matrix = qrMatrix(d.url);
  const qrX = (W - qrSize) / 2;
  // A thin red frame a little outside the quiet zone, which stays white.
  items.push({ kind: 'rect', x: qrX - 6, y: top - 6, width: qrSize + 12, height: qrSize + 12, fill: null, stroke: COLORS.red, strokeWidth: 3, radius: 10 });
  items.push({ kind: 'qr', x: qrX, y: top, size: qrSize, matrix, color: COLORS.ink });
  top += qrSize + 14 + urlSize * 1.2;
  const url = fitText(d.url, inner, [urlSize, 18, 16], 1);
  text(url.lines[0]!, W / 2, top, url.size, { color: COLORS.grey });

  items.push({ kind: 'rect', x: 0, y: bottom, width: W, height: FOOTER, fill: COLORS.red });
  const footer = fitText(d.footer, inner, [22, 20, 18], 1);
  text(footer.lines[0]!, W / 2, bottom + FOOTER / 2 + footer.size * 0.36, footer.size, { color: COLORS.white });

  return { widthMm, heightMm, width: W, height: H, title: `${d.title} ${d.header}`, items };
}

/** The side of one module, given the square the symbol and its quiet zone fill. */
export function moduleSize(item: { size: number; matrix: QrMatrix }): number {
  return item.size / (item.matrix.size + 2 * QUIET_ZONE);
}
