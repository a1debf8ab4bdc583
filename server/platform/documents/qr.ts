import { onFirstUse } from '../lazy.js';

const qrcode = onFirstUse<typeof import('qrcode')>('qrcode');

/**
 * The QR symbol of a poster. Only the module matrix comes from the `qrcode` package; the
 * poster draws the modules itself, so the SVG, the PNG rendered from it and the PDF carry the
 * very same symbol as vector shapes.
 */
export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  dark(row: number, col: number): boolean;
}

/** The blank margin, in modules, that scanners need around the symbol (ISO/IEC 18004). */
export const QUIET_ZONE = 4;

/**
 * Level Q restores up to a quarter of the symbol: printed posters get creased, faded and
 * scribbled on. The links are short, so the symbol stays small (version 4–5, 33–37 modules).
 */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = qrcode().create(text, { errorCorrectionLevel: 'Q' });
  return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}

/** Horizontal runs of dark modules: one shape per run instead of one per module. */
export function darkRuns(m: QrMatrix): { row: number; col: number; length: number }[] {
  const runs: { row: number; col: number; length: number }[] = [];
  for (let row = 0; row < m.size; row++) {
    let start = -1;
    for (let col = 0; col <= m.size; col++) {
      const dark = col < m.size && m.dark(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return runs;
}

/**
 * The dark modules as one SVG path in module units (the symbol's top-left module at 0,0);
 * the caller places and scales it with a transform.
 */
export function qrPathData(m: QrMatrix): string {
  return darkRuns(m).map((r) => `M${r.col} ${r.row}h${r.length}v1h${-r.length}z`).join('');
}
