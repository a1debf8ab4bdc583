/**
 * The QR code of a report-back's evaluation link, drawn from the platform's QR matrix: an SVG
 * (vector, for the projector screen) and a PNG rasterised from it by resvg (no font needed).
 */
import { qrMatrix, qrPathData, QUIET_ZONE } from '../../platform/documents/qr.js';

export function qrSvg(url: string): string {
  const m = qrMatrix(url);
  const side = m.size + 2 * QUIET_ZONE;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${side * 10}" height="${side * 10}" shape-rendering="crispEdges">`
    + `<rect width="${side}" height="${side}" fill="#fff"/><path transform="translate(${QUIET_ZONE} ${QUIET_ZONE})" d="${qrPathData(m)}" fill="#000"/></svg>`;
}

export async function qrPng(url: string, width = 800): Promise<Buffer> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(qrSvg(url), { fitTo: { mode: 'width', value: width }, background: '#ffffff', font: { loadSystemFonts: false } });
  return image.asPng();
}
