/**
 * The public side of a report-back: the evaluation page reached by the QR code shown at the
 * meeting, and the evaluation sent from a phone without an account. The device keeps a random
 * token in an httpOnly cookie; only its hash (salted with the report-back's key) is stored.
 * Rate limits are per address and generous enough for a whole village on one Wi-Fi.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, MobilePhone } from '../../platform/http/schemas.js';
import { PUBLIC_ACTOR } from '../../platform/access/actor.js';
import { deviceHash, submitEvaluation } from './evaluation.js';
import { publicEvaluationPage } from './queries.js';
import { Rating, Short } from './fields.js';

export const DEVICE_COOKIE = 'lx_rb';
const COOKIE_PATH = '/api/public/report-backs';
const PublicError = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };
const tags = ['public'];
/** Reading the page: a village's phones reloading it. */
const READ = { max: 300, timeWindow: '1 minute' };
/** Evaluating: 120 per address in 10 minutes lets 30+ people behind one village Wi-Fi (one address) evaluate, and slows a script. */
export const EVALUATE_LIMIT = { max: 120, timeWindow: '10 minutes' };
const Key = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
const validToken = (t: string | undefined): t is string => typeof t === 'string' && /^[A-Za-z0-9_-]{32,64}$/.test(t);

export const reportBackPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/public/report-backs/evaluate/:key', {
    config: { access: 'public', rateLimit: READ },
    schema: {
      tags, summary: '述职测评页 The report-back to evaluate (by the key in the QR code)', description: '404 REPORT_BACK_KEY_UNKNOWN. alreadyEvaluated: this device (its cookie) has evaluated.',
      params: Key,
      response: {
        200: z.object({
          title: z.string(), deputyName: z.string(), congressName: z.string(), place: z.string(), startsAt: z.string(), stationName: z.string().nullable(),
          state: z.enum(['not_open', 'open', 'closed']), closesAt: z.string().nullable(), alreadyEvaluated: z.boolean(), reportSummary: z.string().nullable(),
        }).meta({ id: 'PublicReportBackEvaluation' }),
        ...PublicError,
      },
    },
  }, async (request) => {
    const token = request.cookies[DEVICE_COOKIE];
    return publicEvaluationPage(app.db, request.params.key, validToken(token) ? (key) => deviceHash(key, token) : null);
  });

  app.post('/api/public/report-backs/evaluate/:key', {
    config: { access: 'public', rateLimit: EVALUATE_LIMIT },
    schema: {
      tags, summary: '提交述职测评 Evaluate a report-back (no account; one per phone)',
      description: 'rating 满意/基本满意/不满意, an optional comment, the mobile number (not stored: its salted hash is unique per report-back, as is the device cookie\'s). '
        + '409 REPORT_BACK_EVALUATION_CLOSED, REPORT_BACK_ALREADY_EVALUATED; 404 REPORT_BACK_KEY_UNKNOWN; 429 RATE_LIMITED.',
      params: Key,
      body: z.object({ rating: Rating, comment: Short(500).nullable().optional(), phone: MobilePhone }),
      response: { 201: z.object({ ok: z.literal(true) }), ...PublicError },
    },
  }, async (request, reply) => {
    let token = request.cookies[DEVICE_COOKIE];
    if (!validToken(token)) {
      token = randomBytes(24).toString('base64url');
      reply.setCookie(DEVICE_COOKIE, token, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, maxAge: 365 * 24 * 3600 });
    }
    const deviceToken = token;
    await app.db.transaction().execute((trx) => submitEvaluation({ trx, actor: PUBLIC_ACTOR, ip: request.ip }, request.params.key, deviceToken, request.body));
    reply.status(201);
    return { ok: true as const };
  });
};
