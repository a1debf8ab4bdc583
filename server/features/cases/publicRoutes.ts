import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANSWER_MODES } from '../../../common/caseVocabulary.js';
import { takeCaseAction } from './actions.js';
import { checkPhotos, submitPublic } from './intake.js';
import { RATINGS } from './workflow.js';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '../../platform/uploads/imageType.js';
import { ErrorResponse, MobilePhone } from '../../platform/http/schemas.js';
import { PUBLIC_ACTOR } from '../../platform/access/actor.js';
import { findByTrackingKey, getPublicCase } from './queries.js';
import { PublicReplyFields } from './replyRoutes.js';


const base64Limit = Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 4;
const PublicError = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse };

const PublicCase = z.object({
  trackingCode: z.string(),
  state: z.string(),
  stateLabel: z.object({ zh: z.string(), en: z.string() }),
  category: z.string(),
  station: z.string(),
  submittedAt: z.string(),
  timeline: z.array(z.object({
    at: z.string(), action: z.string(), label: z.object({ zh: z.string(), en: z.string() }), toState: z.string(),
    note: z.string().nullable().meta({ description: 'The reason for declining, the answer, or the unit it went to' }),
    suggestionId: z.number().int().nullable().meta({ description: 'For a note about a deputy\'s suggestion the opinion went into: the suggestion, readable at /api/public/suggestions/{id} once published' }),
    link: z.string().nullable().meta({ description: 'For a note about a livelihood project or a consultation the opinion went into: its public page, a path under /m' }),
  })),
  answers: z.array(z.object({ at: z.string(), text: z.string(), mode: z.enum(ANSWER_MODES.keys).nullable() })),
  rating: z.enum(RATINGS).nullable(),
  canRate: z.boolean(),
  mergedInto: z.boolean().meta({ description: 'Merged with a case on the same matter: the answers are that case\'s' }),
  ...PublicReplyFields,
}).meta({ id: 'PublicCase' });

const KeyQuery = z.object({ key: z.string().max(64).optional() });

function keyOf(request: { query: { key?: string | undefined }; headers: Record<string, unknown> }): string {
  const header = request.headers['x-query-key'];
  return request.query.key ?? (typeof header === 'string' ? header : '');
}

export const publicOpinionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/public/opinions', {
    config: { access: 'public', rateLimit: { max: 10, timeWindow: '10 minutes' } },
    bodyLimit: MAX_PHOTOS * base64Limit + 64 * 1024,
    schema: {
      tags: ['public'],
      summary: '群众提交意见 Submit an opinion (no account)',
      description: 'To a station or a deputy (their QR code fills this in). Photos are base64 JPEG/PNG/WebP, checked by content. '
        + 'Answers the tracking code and a secret query key: keep both to follow the case. '
        + 'Send an `Idempotency-Key` header so a retry returns the first receipt instead of a duplicate.',
      headers: z.object({ 'idempotency-key': z.string().trim().min(8).max(100).optional() }),
      body: z.object({
        stationId: z.number().int().positive().max(2_147_483_647).optional(),
        deputyId: z.number().int().positive().max(2_147_483_647).optional(),
        categoryId: z.number().int().positive().max(2_147_483_647),
        content: z.string().trim().min(1).max(2000),
        place: z.string().trim().max(200).default(''),
        name: z.string().trim().min(1).max(50).nullable().default(null),
        phone: MobilePhone.nullable().default(null),
        channel: z.enum(['qr', 'online']).default('online'),
        photos: z.array(z.object({ data: z.base64().max(base64Limit) })).max(MAX_PHOTOS).default([]),
      }).refine((b) => b.stationId !== undefined || b.deputyId !== undefined, { message: 'REQUIRED', path: ['stationId'] }),
      response: {
        201: z.object({
          trackingCode: z.string(), queryKey: z.string(),
          pin: z.string().meta({ description: 'The query PIN (6 digits): with the tracking code it finds the case again (POST /api/public/opinions/lookup). Shown once; only its hash is kept' }),
        }).meta({ id: 'OpinionReceipt' }),
        ...PublicError,
      },
    },
  }, async (request, reply) => {
    const { stationId, deputyId, photos, ...draft } = request.body;
    // Decoded and cleaned before the transaction opens: no connection is held while libvips works.
    const checked = await checkPhotos(photos.map((p) => ({ bytes: new Uint8Array(Buffer.from(p.data, 'base64')) })));
    const receipt = await submitPublic(app.db, request.ip, {
      ...draft,
      target: { stationId, deputyId },
      photos: checked,
      idempotencyKey: request.headers['idempotency-key'] ?? null,
    });
    reply.status(201);
    return { trackingCode: receipt.trackingCode, queryKey: receipt.queryKey, pin: receipt.pin };
  });

  app.get('/api/public/opinions/:code', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['public'], summary: '查询办理进度 Follow a case with its tracking code and key',
      description: 'The key goes in `?key=` or the `X-Query-Key` header. A wrong key answers 404 like an unknown code.',
      params: z.object({ code: z.string().max(20) }), querystring: KeyQuery,
      response: { 200: PublicCase, ...PublicError },
    },
  }, async (request) => {
    // Opening the case with its full link proves the submitter: a look-up locked by failures unlocks.
    return getPublicCase(app.db, request.params.code, keyOf(request), request.ip);
  });

  app.post('/api/public/opinions/:code/rating', {
    config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['public'], summary: '评价答复 Rate the answer (within 15 days)',
      description: '不满意 (unsatisfied) sends the case back for re-handling and a second answer.',
      params: z.object({ code: z.string().max(20) }), querystring: KeyQuery,
      body: z.object({ rating: z.enum(RATINGS), comment: z.string().trim().max(500).nullable().default(null) }),
      response: { 200: PublicCase, ...PublicError },
    },
  }, async (request) => {
    const key = keyOf(request);
    const found = await findByTrackingKey(app.db, request.params.code, key);
    await app.db.transaction().execute((trx) => takeCaseAction({ trx, actor: PUBLIC_ACTOR, ip: request.ip }, found.id,
      { action: 'rate', rating: request.body.rating, comment: request.body.comment }, { kind: 'constituent' }));
    return getPublicCase(app.db, found.trackingCode, key);
  });
};

