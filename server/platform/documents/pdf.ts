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

/** Renders on the calling thread; the server goes through `renderRegister` (renderWorker.ts) instead. */
export function renderRegisterPdf(register: RegisterDocument, font: PosterFont): Promise<Buffer> {
  const { doc, done } = cjkPdf({
    autoFirstPage: false,
    size: 'A4',
    layout: 'landscape',
    info: { Title: `${register.title} ${register.place}`, Author: '连心桥 Lianxin', Creator: '连心桥 Lianxin' },
  }, font);

  for (const page of layoutDocument(register, measurer(doc), A4_LANDSCAPE)) {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    doc.lineWidth(0.5);
    for (const item of page.items) {
      switch (item.kind) {
        case 'fill':
          doc.rect(item.x, item.y, item.width, item.height).fill(item.color);
          break;
        case 'box':
          doc.rect(item.x, item.y, item.width, item.height).stroke(STYLE.rule);
          break;
        case 'text':
          doc.font(item.bold ? 'bold' : 'regular').fontSize(item.size).fillColor('#000000')
            .text(item.text, item.x, item.y, { lineBreak: false });
          break;
      }
    }
  }
  doc.end();
  return done;
}
