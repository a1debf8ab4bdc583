/**
 * The public pages of deliberation days (/m/deliberations): the published days, one day's
 * results (topics, decisions, the action plan with the approved answers), and constituents'
 * feedback without an account, rate-limited per address.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC_ACTOR } from '../../platform/access/actor.js';
import { ErrorResponse, IdParams, RegionCode } from '../../platform/http/schemas.js';
import { FeedbackBody, submitFeedback } from './commands.js';
import { getPublicDay, listPublicDays } from './queries.js';
import { ITEM_STATES } from './workflow.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const PublicError = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };
const READ = { max: 60, timeWindow: '1 minute' };
/** Feedback: a handful per address, enough for a family sharing one connection. */
const WRITE = { max: 5, timeWindow: '10 minutes' };
const tags = ['public'];

export const deliberationPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/public/deliberations', {
    config: { access: 'public', rateLimit: READ },
    schema: {
      tags, summary: '逢四议事结果 Published deliberation days, newest first (at most 50)',
      querystring: z.object({ regionCode: RegionCode.optional().meta({ description: 'Days of this region and below' }) }),
      response: {
        200: z.object({ items: z.array(z.object({ id: z.number(), regionName: z.string(), heldOn: z.string(), topics: z.array(z.string()), publishedAt: z.string(), itemCount: z.number(), approvedCount: z.number() })) }),
        ...PublicError,
      },
    },
  }, async (request) => listPublicDays(app.db, request.query.regionCode));

  app.get('/api/public/deliberations/:id', {
    config: { access: 'public', rateLimit: READ },
    schema: {
      tags, summary: '议事结果 A published day: topics, decisions, attendance, the action plan and the approved answers', params: IdParams,
      response: {
        200: z.object({
          id: z.number(), regionName: z.string(), heldOn: z.string(), place: z.string(), summary: z.string(), publishedAt: z.string(),
          topics: z.array(z.object({ title: z.string(), description: z.string() })), decisions: z.array(z.string()),
          attendance: z.object({ present: z.number(), total: z.number() }), unitsPresent: z.array(z.string()),
          items: z.array(z.object({ id: z.number(), title: z.string(), unitName: z.string(), state: z.enum(ITEM_STATES), stateLabel: Label, dueOn: z.string().nullable(), answer: z.string().nullable(), answeredAt: z.string().nullable() })),
          feedbackCounts: z.object({ satisfied: z.number(), basically_satisfied: z.number(), unsatisfied: z.number() }),
        }).meta({ id: 'PublicDeliberationDay' }),
        ...PublicError,
      },
    },
  }, async (request) => getPublicDay(app.db, request.params.id));

  app.post('/api/public/deliberations/:id/feedback', {
    config: { access: 'public', rateLimit: WRITE },
    schema: {
      tags, summary: '评价议事结果 Rate a published result (no account)',
      description: 'A comment is required with 不满意; the office decides whether an item goes back for re-handling. 409 DELIBERATION_NOT_PUBLISHED; 429 when rate-limited.',
      params: IdParams, body: FeedbackBody, response: { 201: z.object({ ok: z.literal(true) }), ...PublicError },
    },
  }, async (request, reply) => {
    await app.db.transaction().execute((trx) => submitFeedback({ trx, actor: PUBLIC_ACTOR, ip: request.ip }, request.params.id, request.body));
    reply.status(201);
    return { ok: true as const };
  });
};
