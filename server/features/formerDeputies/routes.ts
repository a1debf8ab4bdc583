/**
 * The former deputies' routes (往届代表, 香洲 "一届当代表, 终身为人民"): the 代表之家 roster with the
 * 特邀联络员 card (a QR card like a deputy's), their fields and roles, the opinions they collect
 * registered under them and answered on the spot or carried (转交) by a current deputy, and
 * their deeds (recorded in the station's 先进事迹登记簿 through /api/deeds). Scope in each query.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FORMER_FIELDS, FORMER_OPINION_STATES, FORMER_ROLES } from '../../../common/formerDeputies.js';
import { loadPosterFont } from '../../platform/documents/font.js';
import { attachment } from '../../platform/http/download.js';
import { errorResponses, IdParams, QueryId } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { layoutPoster, layoutSvg, posterPdf, posterPng } from '../posters/index.js';
import { answerFormerOpinion, carryFormerOpinion, putProfile, registerFormerOpinion } from './commands.js';
import { AnswerBody, CarryBody, OpinionBody, ProfileBody } from './fields.js';
import { formerCard, getFormerDeputy, listFormerOpinions, listRoster } from './queries.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Ref = z.object({ id: z.number(), name: z.string() });
const Keyed = <T extends readonly [string, ...string[]]>(keys: T) => z.array(z.object({ key: z.enum(keys), label: Label }));

const RosterItem = z.object({
  id: z.number(), name: z.string(), occupation: z.string(), specialLiaison: z.boolean(), stations: z.string(),
  card: z.object({ number: z.string(), issuedOn: z.string(), station: Ref }).nullable().meta({ description: 'The 特邀联络员 card; null when not on the roster yet' }),
  fields: Keyed(FORMER_FIELDS.keys).meta({ description: '六大方面' }), roles: Keyed(FORMER_ROLES.keys).meta({ description: '四种作用' }),
  opinions: z.number(), carried: z.number(), deeds: z.number(),
}).meta({ id: 'FormerDeputyItem' });

const FormerOpinion = z.object({
  id: z.number(), collectedOn: z.string(), content: z.string(), place: z.string(),
  submitter: z.object({ name: z.string().nullable(), phone: z.string().nullable(), masked: z.boolean() }),
  state: z.enum(FORMER_OPINION_STATES.keys), stateLabel: Label, answer: z.string().nullable(),
  collector: Ref.meta({ description: 'The former deputy who collected it' }), station: Ref,
  carrier: Ref.nullable().meta({ description: 'The current deputy who carried it and answers for it' }),
  case: z.object({ id: z.number(), trackingCode: z.string(), state: z.string() }).nullable(), carriedAt: z.string().nullable(),
  actions: z.array(z.enum(['answer', 'carry'])),
}).meta({ id: 'FormerDeputyOpinion' });

const FormerDeputy = RosterItem.extend({
  homeStations: z.array(Ref).meta({ description: 'Stations of theirs you run: where you may put them on the roster' }),
  deeds: z.array(z.object({ id: z.number(), occurredOn: z.string(), title: z.string(), description: z.string(), station: z.string() })),
  opinions: z.array(FormerOpinion), actions: z.array(z.enum(['enrol', 'edit', 'opinion'])),
}).meta({ id: 'FormerDeputy' });

const FORMATS = { png: 'image/png', svg: 'image/svg+xml; charset=utf-8', pdf: 'application/pdf' } as const;
type Format = keyof typeof FORMATS;

const read = { access: 'authenticated', ability: 'formerDeputy.read' } as const;
const manage = { access: 'authenticated', ability: 'formerDeputy.manage' } as const;
const carry = { access: 'authenticated', ability: 'formerDeputy.carry' } as const;
const tags = ['formerDeputies'];

export const formerDeputyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/former-deputies', {
    config: read,
    schema: {
      tags, summary: '往届代表名册 The roster of former deputies in reach, those with a 特邀联络员 card first',
      querystring: z.object({ stationId: QueryId.optional() }), response: { 200: z.object({ items: z.array(RosterItem) }), ...errorResponses },
    },
  }, async (request) => listRoster(app.db, request.actor!, request.query));

  app.get('/api/former-deputies/opinions', {
    config: read,
    schema: {
      tags, summary: '往届代表收集的意见 Opinions former deputies collected, at the stations in reach',
      querystring: z.object({ formerDeputyId: QueryId.optional(), stationId: QueryId.optional(), state: z.enum(FORMER_OPINION_STATES.keys).optional() }),
      response: { 200: z.object({ items: z.array(FormerOpinion) }), ...errorResponses },
    },
  }, async (request) => listFormerOpinions(app.db, request.actor!, request.query));

  app.get('/api/former-deputies/:id', {
    config: read,
    schema: { tags, summary: '往届代表 A former deputy: card, fields, roles, opinions collected, deeds', params: IdParams, response: { 200: FormerDeputy, ...errorResponses } },
  }, async (request) => getFormerDeputy(app.db, request.actor!, request.params.id));

  app.put('/api/former-deputies/:id/profile', {
    config: manage,
    schema: {
      tags, summary: '登记入册 Put a former deputy on the 代表之家 roster with a 特邀联络员 card, or change their fields and roles',
      description: '409 FORMER_DEPUTY_NOT_FORMER for a serving deputy; 400 FORMER_DEPUTY_STATION_INVALID.',
      params: IdParams, body: ProfileBody, response: { 200: FormerDeputy, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => putProfile(ctx, request.params.id, request.body));
    return getFormerDeputy(app.db, request.actor!, request.params.id);
  });

  app.get('/api/former-deputies/:id/card.:format', {
    config: read,
    schema: {
      tags, summary: '特邀联络员证 The special liaison card (PNG, SVG or PDF)',
      description: 'An A6 card whose QR code opens the public submit page addressed to this former deputy (`LIANXIN_PUBLIC_BASE_URL/m/submit?deputy=ID`). '
        + '409 FORMER_DEPUTY_NO_CARD before they are on the roster; PNG and PDF answer 503 POSTER_FONT_MISSING without a CJK font.',
      params: IdParams.extend({ format: z.enum(Object.keys(FORMATS) as [Format, ...Format[]]) }),
      produces: ['image/png', 'image/svg+xml', 'application/pdf'],
    },
  }, async (request, reply) => {
    const { name, poster } = await formerCard(app.db, request.actor!, request.params.id, app.config.publicBaseUrl);
    const layout = layoutPoster(poster);
    const format = request.params.format;
    let body: Buffer | string;
    if (format === 'svg') {
      body = layoutSvg(layout);
      reply.header('content-security-policy', "default-src 'none'");
    } else {
      const font = loadPosterFont(app.config.posterFont);
      body = format === 'png' ? await posterPng(layoutSvg(layout), font) : await posterPdf(layout, font);
    }
    return reply.header('content-type', FORMATS[format]).header('cache-control', 'private, no-cache').header('x-content-type-options', 'nosniff')
      .header('content-disposition', attachment(`${name}-特邀联络员证.${format}`, `former-deputy-${request.params.id}-card.${format}`))
      .send(body);
  });

  app.post('/api/former-deputies/:id/opinions', {
    config: manage,
    schema: {
      tags, summary: '登记往届代表收集的意见 Register an opinion a former deputy collected, under them',
      description: '409 FORMER_DEPUTY_NO_CARD before they are on the roster.', params: IdParams, body: OpinionBody, response: { 201: FormerOpinion, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => registerFormerOpinion(ctx, request.params.id, request.body));
    reply.status(201);
    return (await listFormerOpinions(app.db, request.actor!, { id })).items[0]!;
  });

  app.post('/api/former-deputies/opinions/:id/answer', {
    config: manage,
    schema: {
      tags, summary: '当场答复 Record the answer given on the spot', description: '409 FORMER_OPINION_HANDLED.',
      params: IdParams, body: AnswerBody, response: { 200: FormerOpinion, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => answerFormerOpinion(ctx, request.params.id, request.body));
    return (await listFormerOpinions(app.db, request.actor!, { id: request.params.id })).items[0]!;
  });

  app.post('/api/former-deputies/opinions/:id/carry', {
    config: carry,
    schema: {
      tags, summary: '转交现届代表 A current deputy carries the opinion and takes responsibility: a case is opened addressed to them',
      description: 'A deputy carries for themself only (403 otherwise). 400 FORMER_OPINION_CARRIER_INVALID; 409 FORMER_OPINION_HANDLED.',
      params: IdParams, body: CarryBody, response: { 200: FormerOpinion, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => carryFormerOpinion(ctx, request.params.id, request.body));
    return (await listFormerOpinions(app.db, request.actor!, { id: request.params.id })).items[0]!;
  });
};
