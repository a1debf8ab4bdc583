import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachment } from '../../platform/http/download.js';
import { ErrorResponse, errorResponses, IdParams } from '../../platform/http/schemas.js';
import { deputyCard, posterFileName, stationPoster } from './describe.js';
import { loadPosterFont } from '../../platform/documents/font.js';
import { layoutPoster, type PosterDescription } from './layout.js';
import { posterPdf } from './pdf.js';
import { posterPng } from './png.js';
import { layoutSvg } from './poster.js';
import { getDeputy } from '../deputies/index.js';
import { getStation } from '../stations/index.js';

const FORMATS = {
  png: 'image/png',
  svg: 'image/svg+xml; charset=utf-8',
  pdf: 'application/pdf',
} as const;
type Format = keyof typeof FORMATS;

const PosterParams = IdParams.extend({
  format: z.enum(Object.keys(FORMATS) as [Format, ...Format[]]).meta({ description: 'png (1240 px wide), svg (vector, no font needed) or pdf (print size)' }),
});

const posterResponses = { ...errorResponses, 503: ErrorResponse };
const produces = ['image/png', 'image/svg+xml', 'application/pdf'];

export const posterRoutes: FastifyPluginAsyncZod = async (app) => {
  /**
   * Renders and sends one poster. PNG and PDF need the CJK font (503 POSTER_FONT_MISSING without
   * it); the SVG names its fonts and leaves them to whatever opens it.
   */
  async function send(reply: FastifyReply, d: PosterDescription, format: Format, fileName: string, asciiName: string) {
    const layout = layoutPoster(d);
    let body: Buffer | string;
    if (format === 'svg') {
      body = layoutSvg(layout);
      // An SVG opened straight from the API must not run anything; ours holds no script anyway.
      reply.header('content-security-policy', "default-src 'none'");
    } else {
      const font = loadPosterFont(app.config.posterFont);
      body = format === 'png' ? await posterPng(layoutSvg(layout), font) : await posterPdf(layout, font);
    }
    return reply
      .header('content-type', FORMATS[format])
      .header('content-disposition', attachment(`${fileName}.${format}`, `${asciiName}.${format}`))
      .header('cache-control', 'private, no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  }

  app.get('/api/stations/:id/poster.:format', {
    config: { access: 'authenticated', ability: 'station.read' },
    schema: {
      tags: ['stations'],
      summary: '联络站二维码海报 A station\'s QR poster (PNG, SVG or PDF)',
      description: 'An A5 poster whose QR code opens the public submit page for this station '
        + '(`LIANXIN_PUBLIC_BASE_URL/m/submit?station=ID`). Sent as a download. PNG and PDF answer 503 POSTER_FONT_MISSING '
        + 'when the server has no CJK font; SVG always works.',
      params: PosterParams,
      produces,
      response: posterResponses,
    },
  }, async (request, reply) => {
    const station = await getStation(app.db, request.actor!, request.params.id);
    return send(reply, stationPoster(station, app.config.publicBaseUrl), request.params.format,
      posterFileName('station', station.name), `station-${station.id}-poster`);
  });

  app.get('/api/deputies/:id/card.:format', {
    config: { access: 'authenticated', ability: 'deputy.read' },
    schema: {
      tags: ['deputies'],
      summary: '代表二维码联系卡 A deputy\'s QR card (PNG, SVG or PDF)',
      description: 'An A6 card whose QR code opens the public submit page addressed to this deputy '
        + '(`LIANXIN_PUBLIC_BASE_URL/m/submit?deputy=ID`). It carries no phone number. Sent as a download. '
        + 'PNG and PDF answer 503 POSTER_FONT_MISSING when the server has no CJK font; SVG always works.',
      params: PosterParams,
      produces,
      response: posterResponses,
    },
  }, async (request, reply) => {
    const deputy = await getDeputy(app.db, request.actor!, request.params.id);
    return send(reply, deputyCard(deputy, app.config.publicBaseUrl), request.params.format,
      posterFileName('deputy', deputy.name), `deputy-${deputy.id}-card`);
  });
};
