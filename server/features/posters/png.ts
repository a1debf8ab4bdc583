import type { PosterFont } from '../../platform/documents/font.js';

/** 1240 px across: an A5 poster at about 210 dpi, QR modules about 17 px wide. */
export const PNG_WIDTH = 1240;

/**
 * One rendering at a time. A render takes most of a second (shaping text in a 20 MB CJK font)
 * on libuv's thread pool, which sign-in's scrypt and file reads share: a burst of poster
 * downloads must queue, not take every thread.
 */
let busy: Promise<unknown> = Promise.resolve(); // settles, never rejects

/**
 * The poster's SVG rasterised by resvg with only the configured font: system fonts are not
 * scanned (slow, and a machine without CJK fonts would silently print boxes), and the font's
 * own family stands in for sans-serif when it is none of the families the SVG names.
 * Rendering runs off the event loop.
 */
export function posterPng(svg: string, font: PosterFont, width = PNG_WIDTH): Promise<Buffer> {
  const render = async () => {
    const { renderAsync } = await import('@resvg/resvg-js');
    const image = await renderAsync(svg, {
      fitTo: { mode: 'width', value: width },
      background: '#ffffff',
      font: {
        loadSystemFonts: false,
        fontFiles: [...new Set([font.regular.file, font.bold.file])],
        defaultFontFamily: font.regular.family,
        sansSerifFamily: font.regular.family,
      },
    });
    return image.asPng();
  };
  const result = busy.then(render);
  busy = result.catch(() => undefined);
  return result;
}
