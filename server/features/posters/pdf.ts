import type { PosterFont } from '../../platform/documents/font.js';
import { cjkPdf } from '../../platform/documents/pdfDocument.js';
import { moduleSize, type Layout } from './layout.js';
import { darkRuns, QUIET_ZONE } from '../../platform/documents/qr.js';

const POINTS_PER_MM = 72 / 25.4;

/**
 * The poster as a one-page PDF of the layout's size (A5 or A6), drawn with pdfkit. The text is
 * real text in the embedded (subset) CJK font, so it can be searched and copied; the QR code
 * is vector rectangles, sharp at any print size.
 */
export function posterPdf(layout: Layout, font: PosterFont): Promise<Buffer> {
  const width = layout.widthMm * POINTS_PER_MM;
  const height = layout.heightMm * POINTS_PER_MM;
  const { doc, done } = cjkPdf({
    autoFirstPage: false,
    info: { Title: layout.title, Author: '连心桥 Lianxin', Creator: '连心桥 Lianxin' },
  }, font);
  doc.addPage({ size: [width, height], margin: 0 });
  doc.scale(width / layout.width);

  for (const item of layout.items) {
    switch (item.kind) {
      case 'rect':
        if (item.radius) doc.roundedRect(item.x, item.y, item.width, item.height, item.radius);
        else doc.rect(item.x, item.y, item.width, item.height);
        if (item.fill) doc.fill(item.fill);
        else doc.lineWidth(item.strokeWidth ?? 1).stroke(item.stroke ?? '#000000');
        break;
      case 'text': {
        doc.font(item.bold ? 'bold' : 'regular').fontSize(item.size).fillColor(item.color);
        const x = item.anchor === 'middle' ? item.x - doc.widthOfString(item.text) / 2 : item.x;
        doc.text(item.text, x, item.y, { lineBreak: false, baseline: 'alphabetic' });
        break;
      }
      case 'qr': {
        const m = moduleSize(item);
        const x0 = item.x + QUIET_ZONE * m;
        const y0 = item.y + QUIET_ZONE * m;
        doc.rect(item.x, item.y, item.size, item.size).fill('#ffffff');
        // One path of all runs, filled once; each run overlaps the next row by a hair so no
        // viewer draws a seam between rows.
        for (const run of darkRuns(item.matrix)) doc.rect(x0 + run.col * m, y0 + run.row * m, run.length * m, m + 0.05);
        doc.fill(item.color);
        break;
      }
    }
  }
  doc.end();
  return done;
}
