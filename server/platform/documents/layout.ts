/**
 * A register laid out on A4 landscape pages, without a PDF library: text wrapped into column
 * widths, rows placed page by page with the header row repeated at the top of every page the
 * table continues on, a row too tall for one page split across pages, the title on the first
 * page and a running head on the others, and page numbers. Text is measured by the function
 * passed in, so the layout is the same arithmetic whether it is measured with the real font
 * (the PDF) or estimated (the tests).
 */
import { dateTimeText, type Cell, type RegisterDocument, type RegisterSection } from './model.js';

/** Width of `text` in points at `size`. */
export type Measure = (text: string, size: number, bold: boolean) => number;

export interface PageGeometry { width: number; height: number; margin: number }

/** A4 landscape in points, with a margin of 10 mm. */
export const A4_LANDSCAPE: PageGeometry = { width: 841.89, height: 595.28, margin: 28.35 };

export const STYLE = {
  body: 8.5,
  title: 16,
  subtitle: 10,
  heading: 11,
  small: 7.5,
  /** Line height as a multiple of the size: the CJK font's ascent plus descent is about 1.45 em. */
  leading: 1.45,
  padX: 3,
  padY: 2.5,
  headerFill: '#eeeeee',
  rule: '#555555',
} as const;

export type DrawItem =
  | { kind: 'text'; x: number; y: number; text: string; size: number; bold: boolean }
  | { kind: 'fill'; x: number; y: number; width: number; height: number; color: string }
  | { kind: 'box'; x: number; y: number; width: number; height: number };

export interface LaidOutPage { items: DrawItem[] }

/** Characters a line must not begin with (避头): they are carried down with the character before them. */
const NO_LINE_START = new Set([...',。、;:?!)」』】》〉…—,.;:?!)]%']);

/** Runs of printable ASCII stay whole (numbers, codes, words); anything else breaks after every character. */
const TOKENS = /[\x21-\x7e]+|\s+|[^\s\x21-\x7e]/gu;

/**
 * The lines `text` takes in a column `width` wide; explicit line breaks are kept. The width of
 * a line is the sum of its pieces' widths (CJK fonts carry almost no kerning), kept as the line
 * grows, so a long cell costs one measure per piece rather than one per piece per line so far.
 */
export function wrapText(text: string, width: number, size: number, measure: Measure, bold = false): string[] {
  const lines: string[] = [];
  const size1 = (t: string) => measure(t, size, bold);
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    let lineWidth = 0;
    const push = () => { lines.push(line.trimEnd()); line = ''; lineWidth = 0; };
    for (const token of paragraph.match(TOKENS) ?? []) {
      const tokenWidth = size1(token);
      if (/^\s+$/.test(token)) {
        if (line && lineWidth + tokenWidth <= width) { line += token; lineWidth += tokenWidth; }
        else if (line) push();
        continue;
      }
      if (lineWidth + tokenWidth <= width) { line += token; lineWidth += tokenWidth; continue; }
      if (NO_LINE_START.has(token) && [...line].length > 1) {
        // Carry the last character down so the punctuation does not open the next line.
        const chars = [...line];
        const carried = chars.pop()!;
        line = chars.join('');
        push();
        line = carried + token;
        lineWidth = size1(carried) + tokenWidth;
        continue;
      }
      if (line) push();
      if (tokenWidth <= width) { line = token; lineWidth = tokenWidth; continue; }
      // A word longer than the column (a long code or address): break it where it overflows.
      for (const ch of token) {
        const w = size1(ch);
        if (line && lineWidth + w > width) push();
        line += ch;
        lineWidth += w;
      }
    }
    push();
  }
  return lines;
}

const cellText = (c: Cell) => (typeof c === 'number' ? String(c) : c);

/** The whole document as laid-out pages. */
export function layoutDocument(doc: RegisterDocument, measure: Measure, page: PageGeometry = A4_LANDSCAPE): LaidOutPage[] {
  const pages: LaidOutPage[] = [];
  const left = page.margin;
  const tableWidth = page.width - 2 * page.margin;
  const footerTop = page.height - page.margin - STYLE.small * STYLE.leading;
  const bottom = footerTop - 4;
  const bodyLine = STYLE.body * STYLE.leading;
  let items: DrawItem[] = [];
  let y = 0;

  const text = (x: number, top: number, t: string, size: number, bold = false) => items.push({ kind: 'text', x, y: top, text: t, size, bold });
  const centred = (top: number, t: string, size: number, bold = false) => text(left + (tableWidth - measure(t, size, bold)) / 2, top, t, size, bold);

  function newPage() {
    items = [];
    pages.push({ items });
    y = page.margin;
    if (pages.length === 1) {
      centred(y, doc.title, STYLE.title, true);
      y += STYLE.title * STYLE.leading + 2;
      centred(y, `${doc.place}    ${doc.period}`, STYLE.subtitle);
      y += STYLE.subtitle * STYLE.leading + 6;
    } else {
      text(left, y, `${doc.title} · ${doc.place} · ${doc.period}(续)`, STYLE.small);
      y += STYLE.small * STYLE.leading + 4;
    }
  }

  function drawSection(section: RegisterSection) {
    const total = section.columns.reduce((s, c) => s + c.width, 0);
    const widths = section.columns.map((c) => (c.width / total) * tableWidth);
    const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const inner = (i: number) => widths[i]! - 2 * STYLE.padX;
    const headerLines = section.columns.map((c, i) => wrapText(c.header, inner(i), STYLE.body, measure, true));
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * bodyLine + 2 * STYLE.padY;
    const firstRowHeight = bodyLine + 2 * STYLE.padY;

    function header() {
      items.push({ kind: 'fill', x: left, y, width: tableWidth, height: headerHeight, color: STYLE.headerFill });
      headerLines.forEach((lines, i) => {
        items.push({ kind: 'box', x: xs[i]!, y, width: widths[i]!, height: headerHeight });
        lines.forEach((line, k) => text(xs[i]! + (widths[i]! - measure(line, STYLE.body, true)) / 2, y + STYLE.padY + k * bodyLine, line, STYLE.body, true));
      });
      y += headerHeight;
    }

    /** One row's lines from `from` (for every cell), as many as fit; returns how many were placed. */
    function rowChunk(cells: string[][], from: number, spans: number[][], aligns: ('left' | 'center')[]) {
      const tallest = Math.max(...cells.map((c) => c.length));
      const room = Math.floor((bottom - y - 2 * STYLE.padY) / bodyLine);
      const count = Math.min(tallest - from, room);
      const height = count * bodyLine + 2 * STYLE.padY;
      spans.forEach(([x, w], i) => {
        items.push({ kind: 'box', x: x!, y, width: w!, height });
        cells[i]!.slice(from, from + count).forEach((line, k) => {
          const dx = aligns[i] === 'center' ? (w! - measure(line, STYLE.body, false)) / 2 : STYLE.padX;
          text(x! + dx, y + STYLE.padY + k * bodyLine, line, STYLE.body);
        });
      });
      y += height;
      return count;
    }

    const headingHeight = section.heading ? STYLE.heading * STYLE.leading + 4 : 0;
    if (y + headingHeight + headerHeight + firstRowHeight > bottom) newPage();
    if (section.heading) {
      text(left, y, section.heading, STYLE.heading, true);
      y += headingHeight;
    }
    header();

    const rows: { cells: string[][]; spans: number[][]; aligns: ('left' | 'center')[] }[] = section.rows.length
      ? section.rows.map((row) => ({
        cells: row.map((c, i) => wrapText(cellText(c), inner(i), STYLE.body, measure)),
        spans: widths.map((w, i) => [xs[i]!, w]),
        aligns: section.columns.map((c) => c.align ?? 'left'),
      }))
      : [{ cells: [wrapText(section.empty ?? '本期无记录', tableWidth - 2 * STYLE.padX, STYLE.body, measure)], spans: [[left, tableWidth]], aligns: ['center'] }];

    const freshPageTop = page.margin + STYLE.small * STYLE.leading + 4 + headerHeight;
    for (const row of rows) {
      const tallest = Math.max(...row.cells.map((c) => c.length));
      const height = tallest * bodyLine + 2 * STYLE.padY;
      // A row that fits on a page of its own is never split: it moves to the next page whole.
      if (y + height > bottom && height <= bottom - freshPageTop) { newPage(); header(); }
      let done = 0;
      while (done < tallest) {
        if (bottom - y < firstRowHeight) { newPage(); header(); }
        done += rowChunk(row.cells, done, row.spans, row.aligns);
      }
    }
    y += 10;
  }

  newPage();
  for (const section of doc.sections) drawSection(section);
  for (const note of doc.notes ?? []) {
    for (const line of wrapText(note, tableWidth, STYLE.small, measure)) {
      if (y + STYLE.small * STYLE.leading > bottom) newPage();
      text(left, y, line, STYLE.small);
      y += STYLE.small * STYLE.leading;
    }
  }

  const generated = `连心桥 · 生成于 ${dateTimeText(doc.generatedAt)}`;
  pages.forEach((p, i) => {
    const number = `第 ${i + 1} 页 / 共 ${pages.length} 页`;
    p.items.push({ kind: 'text', x: left, y: footerTop, text: generated, size: STYLE.small, bold: false });
    p.items.push({ kind: 'text', x: left + (tableWidth - measure(number, STYLE.small, false)) / 2, y: footerTop, text: number, size: STYLE.small, bold: false });
  });
  return pages;
}

/** A width estimate without a font: a Chinese character is 1 em, Latin letters and digits about 0.55 em. */
export const estimateWidth: Measure = (text, size) => {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! < 0x2e80 ? (/[A-Z@%#&MW]/.test(ch) ? 0.7 : 0.55) : 1;
  return em * size;
};
