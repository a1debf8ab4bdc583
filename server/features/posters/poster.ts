import { moduleSize, type Item, type Layout } from './layout.js';
import { qrPathData, QUIET_ZONE } from '../../platform/documents/qr.js';

/**
 * Fonts the SVG asks for, most likely first: whatever opens the file (a browser, Inkscape, a
 * print shop's machine) uses the first Chinese face it has. The PNG renderer is handed the
 * configured font as the sans-serif fallback.
 */
export const SVG_FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
  // Characters XML 1.0 cannot carry at all.
  // eslint-disable-next-line no-control-regex -- they are control characters
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
const n = (v: number) => String(Math.round(v * 100) / 100);

function itemSvg(item: Item): string {
  switch (item.kind) {
    case 'rect': {
      const paint = item.fill ? `fill="${item.fill}"` : `fill="none" stroke="${item.stroke}" stroke-width="${n(item.strokeWidth ?? 1)}"`;
      const round = item.radius ? ` rx="${n(item.radius)}"` : '';
      return `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.width)}" height="${n(item.height)}"${round} ${paint}/>`;
    }
    case 'text':
      return `<text x="${n(item.x)}" y="${n(item.y)}" font-size="${n(item.size)}"${item.bold ? ' font-weight="bold"' : ''}`
        + ` fill="${item.color}"${item.anchor === 'middle' ? ' text-anchor="middle"' : ''}>${xml(item.text)}</text>`;
    case 'qr': {
      const m = moduleSize(item);
      // crispEdges: anti-aliased seams between the runs of adjacent rows would grey the modules.
      return `<rect x="${n(item.x)}" y="${n(item.y)}" width="${n(item.size)}" height="${n(item.size)}" fill="#ffffff"/>`
        + `<path transform="translate(${n(item.x + QUIET_ZONE * m)} ${n(item.y + QUIET_ZONE * m)}) scale(${m})"`
        + ` shape-rendering="crispEdges" fill="${item.color}" d="${qrPathData(item.matrix)}"/>`;
    }
  }
}

/** A laid-out poster as a standalone SVG document, sized in millimetres for printing. */
export function layoutSvg(layout: Layout): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.widthMm}mm" height="${layout.heightMm}mm"`
    + ` viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" font-family="${xml(SVG_FONT_FAMILY)}">\n`
    + `<title>${xml(layout.title)}</title>\n`
    + layout.items.map(itemSvg).join('\n')
    + '\n</svg>\n';
}
