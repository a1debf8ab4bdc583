import { onFirstUse } from '../lazy.js';
import type { PosterFont } from './font.js';

const pdfkit = onFirstUse<typeof import('pdfkit')>('pdfkit');

/**
 * A pdfkit document with the CJK font registered as `regular` and `bold`, and the bytes it
 * writes collected: posters and registers both draw into one and await `done` after `end()`.
 */
export function cjkPdf(options: PDFKit.PDFDocumentOptions, font: PosterFont): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const PDFDocument = pdfkit();
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // A face of a collection is chosen by PostScript name; a single font needs none.
  doc.registerFont('regular', font.regular.file, font.regular.postscriptName ?? undefined);
  doc.registerFont('bold', font.bold.file, font.bold.postscriptName ?? undefined);
  return { doc, done };
}
