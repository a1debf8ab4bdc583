/**
 * A register as a PDF: the pages of `layout.ts`, measured and drawn with the CJK font the
 * posters use. The text is real text in the embedded (subset) font, so it can be searched,
 * copied and read back by `pdftotext`.
 */
import { AppError } from '../errors.js';
import { loadPosterFont, type PosterFont } from './font.js';
import { cjkPdf } from './pdfDocument.js';
import { A4_LANDSCAPE, layoutDocument, STYLE, type Measure } from './layout.js';
import type { RegisterDocument } from './model.js';

/** The posters' font, or 503 PDF_FONT_MISSING naming the fix (the Excel file needs no font). */
export function registerFont(file: string | null): PosterFont {
  try {
    return loadPosterFont(file);
  } catch (err) {
    if (err instanceof AppError && err.code === 'POSTER_FONT_MISSING') throw new AppError('PDF_FONT_MISSING');
    throw err;
  }
}

/**
 * Widths of single characters at size 1, cached per face: a register measures the same few
 * hundred characters tens of thousands of times, and asking the font each time is what costs.
 * CJK fonts carry almost no kerning, so the sum of the characters is the width of the text.
 */
function measurer(doc: PDFKit.PDFDocument): Measure {
  const cache = { regular: new Map<string, number>(), bold: new Map<string, number>() };
  return (text, size, bold) => {
    const face = bold ? 'bold' : 'regular';
    const widths = cache[face];
    let em = 0;
    for (const ch of text) {
      let w = widths.get(ch);
      if (w === undefined) {
        doc.font(face).fontSize(1000);
        w = doc.widthOfString(ch) / 1000;
        widths.set(ch, w);
      }
      em += w;
    }
    return em * size;
  };
}

interface Run { glyphs: unknown[]; positions: unknown[]; advanceWidth: number }
interface EmbeddedFont { layout(text: string, features?: unknown, onlyWidth?: boolean): Run; layoutCached(text: string): Run }

/**
 * Pieces a line is shaped in: a run of Latin letters whole (its kerning and ligatures kept),
 * anything else (Chinese, digits, punctuation) one character at a time with the marks that
 * follow it, so the serial numbers, dates and ids of a register's rows reuse a few shaped digits.
 */
const PIECES = /[A-Za-z]+|.\p{M}*/gsu;

/**
 * pdfkit shapes every string it draws through the font's OpenType tables, caching the result
 * only per space-separated word; a line of Chinese has no spaces, so every line of a register
 * was shaped afresh, and the chaining lookups of a 20 MB CJK font made that almost all of a
 * large PDF's time. CJK text needs no contextual shaping (the widths are measured per
 * character above), so each face is shaped here per piece, every piece once per document.
 */
function shapePerPiece(doc: PDFKit.PDFDocument, face: 'regular' | 'bold') {
  doc.font(face);
  const font = (doc as unknown as { _font: EmbeddedFont })._font;
  const whole = font.layout.bind(font);
  font.layout = (text, features, onlyWidth) => {
    if (features) return whole(text, features, onlyWidth);
    const glyphs: unknown[] = [];
    const positions: unknown[] = [];
    let advanceWidth = 0;
    for (const piece of text.match(PIECES) ?? []) {
      const run = font.layoutCached(piece);
      for (let i = 0; i < run.glyphs.length; i++) { glyphs.push(run.glyphs[i]); positions.push(run.positions[i]); }
      advanceWidth += run.advanceWidth;
    }
    return { glyphs, positions, advanceWidth };
  };
}

/** Renders on the calling thread; the server goes through `renderRegister` (renderWorker.ts) instead. */
export function renderRegisterPdf(register: RegisterDocument, font: PosterFont): Promise<Buffer> {
  const { doc, done } = cjkPdf({
    autoFirstPage: false,
    size: 'A4',
    layout: 'landscape',
    info: { Title: `${register.title} ${register.place}`, Author: '连心桥 Lianxin', Creator: '连心桥 Lianxin' },
  }, font);
  shapePerPiece(doc, 'regular');
  shapePerPiece(doc, 'bold');

  for (const page of layoutDocument(register, measurer(doc), A4_LANDSCAPE)) {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    doc.lineWidth(0.5).strokeColor(STYLE.rule);
    // Colours are set only when they change: a page of a register draws thousands of items.
    let fill = '';
    for (const item of page.items) {
      switch (item.kind) {
        case 'fill':
          if (fill !== item.color) doc.fillColor(fill = item.color);
          doc.rect(item.x, item.y, item.width, item.height).fill();
          break;
        case 'box':
          doc.rect(item.x, item.y, item.width, item.height).stroke();
          break;
        case 'text':
          if (fill !== '#000000') doc.fillColor(fill = '#000000');
          doc.font(item.bold ? 'bold' : 'regular').fontSize(item.size)
            .text(item.text, item.x, item.y, { lineBreak: false });
          break;
      }
    }
  }
  doc.end();
  return done;
}
