import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RATING_LABELS } from '../../../common/caseVocabulary.js';
import { attachment } from '../../platform/http/download.js';
import { ErrorResponse, IdParams, QueryId, RegionCode, SearchQuery } from '../../platform/http/schemas.js';
import { getPublicSuggestion, getPublicSuggestionFile, listPublicSuggestions } from './queries.js';
import { SUGGESTION_STATES } from './workflow.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Instant = z.string().nullable();
const Category = z.enum(['A', 'B', 'C']);
const Rating = z.enum(RATING_LABELS.keys);
const PublicError = { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse };
/** Read by anyone: as generous as following a case, per address. */
const RATE = { max: 60, timeWindow: '1 minute' };

const PublicSuggestionItem = z.object({
  id: z.number(), kind: z.enum(['suggestion', 'motion']), state: z.enum(SUGGESTION_STATES), stateLabel: Label, title: z.string(), numberLabel: z.string(),
  categoryName: z.string(), regionName: z.string(), congressName: z.string(), leadDeputyName: z.string(),
  answerCategory: Category.nullable(), rating: Rating.nullable(), registeredAt: Instant, answeredAt: Instant,
}).meta({ id: 'PublicSuggestionItem' });

const PublicSuggestion = z.object({
  id: z.number(), kind: z.enum(['suggestion', 'motion']), state: z.enum(SUGGESTION_STATES), stateLabel: Label,
  title: z.string(), reasons: z.string(), proposals: z.string(), numberLabel: z.string(), categoryName: z.string(), regionName: z.string(),
  congressName: z.string(), termNumber: z.number(), sessionNumber: z.number().nullable().meta({ description: 'Null: filed between sessions (闭会期间)' }),
  leadDeputyName: z.string(), cosignerNames: z.array(z.string()), units: z.array(z.object({ name: z.string(), role: z.enum(['lead', 'co']) })),
  keySupervision: z.boolean(), registeredAt: Instant, deadlineDate: z.string().nullable(),
  answeredAt: Instant, answerCategory: Category.nullable(), answeredOnTime: z.boolean().nullable(), rating: Rating.nullable(), closedAt: Instant,
  answers: z.array(z.object({
    round: z.number(), unitName: z.string(), category: Category, body: z.string().meta({ description: 'The answer letter (答复函)' }),
    signedBy: z.string(), answeredAt: z.string(), onTime: z.boolean(),
  })),
  commitments: z.array(z.object({ body: z.string(), dueOn: z.string(), done: z.boolean(), doneAt: Instant })),
  ratings: z.array(z.object({ round: z.number(), deputyName: z.string(), rating: Rating, ratedAt: z.string() })),
  files: z.array(z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), purpose: z.string(), url: z.string() })),
  timeline: z.array(z.object({ at: z.string(), action: z.string(), label: Label, toState: z.string() })),
}).meta({ id: 'PublicSuggestion' });

export const suggestionPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/public/suggestions', {
    config: { access: 'public', rateLimit: RATE },
    schema: {
      tags: ['public'], summary: '代表建议公开 Published suggestions and motions, newest first',
      description: 'Registered (numbered) suggestions and motions on the agenda, unless the congress\'s staff withheld one from publication. Pages of 20.',
      querystring: z.object({
        regionCode: RegionCode.optional().meta({ description: 'The region they concern, with every region inside' }),
        q: SearchQuery.optional().meta({ description: 'Words of the title, or of the number' }),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
      }),
      response: {
        200: z.object({ items: z.array(PublicSuggestionItem), total: z.number().nullable(), pageSize: z.number() }),
        ...PublicError,
      },
    },
  }, async (request) => listPublicSuggestions(app.db, request.query));

  app.get('/api/public/suggestions/:id', {
    config: { access: 'public', rateLimit: RATE },
    schema: {
      tags: ['public'], summary: '代表建议及答复 A published suggestion with its answers',
      description: 'The text, its signers\' names, the units, each answer letter with its category and commitments, the ratings, the public files and the public steps. '
        + 'No contact details and no internal notes. Anything not published answers 404.',
      params: IdParams, response: { 200: PublicSuggestion, ...PublicError },
    },
  }, async (request) => getPublicSuggestion(app.db, request.params.id));

  app.get('/api/public/suggestions/:id/files/:fileId', {
    config: { access: 'public', rateLimit: RATE },
    schema: {
      tags: ['public'], summary: '代表建议公开附件 A public file of a published suggestion',
      description: 'An internal file, or a suggestion not published, answers 404.',
      params: IdParams.extend({ fileId: QueryId }),
    },
  }, async (request, reply) => {
    const file = await getPublicSuggestionFile(app.db, request.params.id, request.params.fileId);
    const fallback = `suggestion-${request.params.fileId}`;
    const disposition = file.mime === 'application/pdf' ? attachment(file.name, fallback).replace(/^attachment/, 'inline') : attachment(file.name, fallback);
    reply.header('content-type', file.mime).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff')
      .header('content-disposition', disposition);
    return reply.send(Buffer.from(file.bytes));
  });
};
