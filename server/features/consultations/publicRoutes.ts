/**
 * The public side of a consultation: the open topics, one topic's page and form (reached by the
 * poster's QR code), the answers sent without an account, and the feedback read back with the
 * receipt code. Rate-limited per address like the other public routes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Id, IdParams, MobilePhone, QueryId, RegionCode } from '../../platform/http/schemas.js';
import { attachment } from '../../platform/http/download.js';
import { PUBLIC_ACTOR } from '../../platform/access/actor.js';
import { getDocument, getPublicTopic, getReceipt, listPublicTopics } from './queries.js';
import { submitPublicView } from './views.js';
import { CONSULTATION_STATES } from './states.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const State = z.enum(CONSULTATION_STATES);
const PublicError = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };
const READ = { max: 60, timeWindow: '1 minute' };
/** Sending answers: as sparing as submitting an opinion. */
const WRITE = { max: 10, timeWindow: '10 minutes' };
const tags = ['public'];
const Feedback = z.object({ text: z.string(), at: z.string() });

const PublicTopic = z.object({
  id: z.number(), title: z.string(), background: z.string(), state: State, stateLabel: Label, congressName: z.string(),
  opensOn: z.string(), closesOn: z.string(), windowOpen: z.boolean().meta({ description: 'Answers are taken now' }),
  questions: z.array(z.object({ id: z.number(), position: z.number(), text: z.string() })),
  documents: z.array(z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), url: z.string() })),
  stations: z.array(z.object({ id: z.number(), name: z.string() })),
  opinion: Feedback.nullable(), handlingReport: Feedback.nullable(),
}).meta({ id: 'PublicConsultation' });

export const consultationPublicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/public/consultations', {
    config: { access: 'public', rateLimit: READ },
    schema: {
      tags, summary: '议题征询 Published consultation topics, newest first (at most 50)',
      querystring: z.object({ regionCode: RegionCode.optional().meta({ description: 'Committees of this region and below' }) }),
      response: {
        200: z.object({ items: z.array(z.object({
          id: z.number(), title: z.string(), state: State, stateLabel: Label, congressName: z.string(), opensOn: z.string(), closesOn: z.string(), windowOpen: z.boolean(), stationCount: z.number(),
        })) }),
        ...PublicError,
      },
    },
  }, async (request) => listPublicTopics(app.db, request.query.regionCode));

  app.get('/api/public/consultations/:id', {
    config: { access: 'public', rateLimit: READ },
    schema: { tags, summary: '议题征询页 A published topic: background, questions, stations, feedback', params: IdParams, response: { 200: PublicTopic, ...PublicError } },
  }, async (request) => getPublicTopic(app.db, request.params.id));

  app.get('/api/public/consultations/:id/documents/:docId', {
    config: { access: 'public', rateLimit: READ },
    schema: { tags, summary: '议题背景材料 A document of a published topic', params: IdParams.extend({ docId: QueryId }) },
  }, async (request, reply) => {
    const doc = await getDocument(app.db, null, request.params.id, request.params.docId);
    return reply.header('content-type', doc.mime).header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=3600')
      .header('content-disposition', attachment(doc.name, `consultation-document-${request.params.docId}`)).send(Buffer.from(doc.bytes));
  });

  app.post('/api/public/consultations/:id/views', {
    config: { access: 'public', rateLimit: WRITE },
    schema: {
      tags, summary: '提交征询意见 Answer a consultation (no account)',
      description: 'Answers per question (questionId null: a general remark), at one of the stations asked (may be left out when only one is asked); '
        + 'name and phone optional. Answers the receipt code, shown once: with it the constituent reads the committee\'s opinion and the government\'s handling later. '
        + '409 CONSULTATION_WINDOW_CLOSED, CONSULTATION_STATION_NOT_ASKED; 400 CONSULTATION_ANSWERS_EMPTY, CONSULTATION_QUESTION_UNKNOWN.',
      params: IdParams,
      body: z.object({
        stationId: Id.optional(),
        answers: z.array(z.object({ questionId: Id.nullable(), text: z.string().max(2000) })).min(1).max(31),
        name: z.string().trim().min(1).max(50).nullable().default(null),
        phone: MobilePhone.nullable().default(null),
      }),
      response: { 201: z.object({ receiptCode: z.string() }).meta({ id: 'ConsultationReceipt' }), ...PublicError },
    },
  }, async (request, reply) => {
    const receipt = await app.db.transaction().execute((trx) => submitPublicView({ trx, actor: PUBLIC_ACTOR, ip: request.ip }, request.params.id, request.body));
    reply.status(201);
    return receipt;
  });

  app.get('/api/public/consultations/receipts/:code', {
    config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags, summary: '凭回执码查看反馈 Your answers and the feedback, by receipt code',
      description: '404 CONSULTATION_RECEIPT_UNKNOWN for a code that is not one.',
      params: z.object({ code: z.string().max(30) }),
      response: {
        200: z.object({
          topicId: z.number(), title: z.string(), state: State, stateLabel: Label, stationName: z.string(), submittedAt: z.string(),
          answers: z.array(z.object({ question: z.string().nullable(), text: z.string() })),
          opinion: Feedback.nullable(), handlingReport: Feedback.nullable(),
        }).meta({ id: 'ConsultationReceiptPage' }),
        ...PublicError,
      },
    },
  }, async (request) => getReceipt(app.db, request.params.code));
};
