import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RATING_LABELS } from '../../../common/caseVocabulary.js';
import { attachment } from '../../platform/http/download.js';
import { CivilDate, errorResponses, IdParams, OkResponse, QueryId } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { getDelivery, getDeliveryPhoto } from './deliveryQueries.js';
import { closeEvaluation, DEFAULT_THRESHOLD_PERCENT, getEvaluation, openEvaluation, rateProject } from './evaluation.js';
import { recordVisit } from './visits.js';
import { PROJECT_STATES } from './workflow.js';

const Rating = z.enum(RATING_LABELS.keys);
const State = z.enum(PROJECT_STATES);

const Delivery = z.object({
  projectId: z.number(), state: State, budgetYuan: z.number(), spentYuan: z.number(),
  progressPercent: z.number().meta({ description: 'Milestones done of those planned (100 once accepted)' }),
  startedOn: z.string().nullable(), acceptedOn: z.string().nullable(), acceptanceNote: z.string().nullable(), beneficiaries: z.number().nullable(),
  milestones: z.array(z.object({ id: z.number(), title: z.string(), plannedOn: z.string(), doneOn: z.string().nullable(), note: z.string(), slipped: z.boolean() })),
  spending: z.array(z.object({ id: z.number(), spentOn: z.string(), amountYuan: z.number(), note: z.string() })),
  photos: z.array(z.object({
    id: z.number(), name: z.string(), caption: z.string(), mime: z.string(), size: z.number(), public: z.boolean(), milestoneId: z.number().nullable(), url: z.string(),
  })),
  visits: z.array(z.object({ activityId: z.number(), title: z.string(), startsAt: z.string(), place: z.string(), deputyNames: z.array(z.string()) })),
  evaluation: z.object({
    open: z.boolean(), thresholdPercent: z.number(), closesOn: z.string(), ratingCount: z.number(), satisfiedCount: z.number(),
    satisfiedPercent: z.number().nullable(), myRating: Rating.nullable(),
  }).nullable(),
  rectifications: z.array(z.object({
    id: z.number(), body: z.string(), dueOn: z.string(), openedAt: z.string(), closedAt: z.string().nullable(), closingNote: z.string().nullable(),
  })),
}).meta({ id: 'LivelihoodDelivery' });

const Evaluation = z.object({
  roundId: z.number(), title: z.string(), open: z.boolean(), thresholdPercent: z.number().nullable(), closesOn: z.string().nullable(),
  openedAt: z.string().nullable(), closedAt: z.string().nullable(), totalDeputies: z.number(), canRate: z.boolean(), canManage: z.boolean(),
  projects: z.array(z.object({
    projectId: z.number(), title: z.string(), state: State, ratingCount: z.number(), satisfiedCount: z.number(),
    satisfiedPercent: z.number().nullable(), belowThreshold: z.boolean().nullable(), myRating: Rating.nullable(), ratable: z.boolean(),
  })),
}).meta({ id: 'LivelihoodEvaluation' });

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/livelihood/projects/:id/delivery', {
    config: { access: 'authenticated', ability: 'livelihood.read' },
    schema: {
      tags: ['livelihood'], summary: '项目实施情况 A project\'s delivery: milestones, spending, photos, visits, evaluation, rectification',
      description: 'For those who reach the project. The delivery actions (start, record_milestone, record_spending, add_photo, complete, '
        + 'open_rectification, evaluate, close_rectification) go through POST /api/livelihood/projects/{id}/actions.',
      params: IdParams, response: { 200: Delivery, ...errorResponses },
    },
  }, async (request) => getDelivery(app.db, request.actor!, request.params.id));

  app.get('/api/livelihood/projects/:id/photos/:photoId', {
    config: { access: 'authenticated', ability: 'livelihood.read' },
    schema: {
      tags: ['livelihood'], summary: '项目进度照片 A progress photo of a project',
      params: IdParams.extend({ photoId: QueryId }),
    },
  }, async (request, reply) => {
    const { id, photoId } = request.params;
    const photo = await getDeliveryPhoto(app.db, request.actor!, id, photoId);
    reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff')
      .header('content-disposition', attachment(photo.name, `project-${id}-photo-${photoId}`).replace(/^attachment/, 'inline'));
    return reply.send(Buffer.from(photo.bytes));
  });

  app.post('/api/livelihood/projects/:id/visits', {
    config: { access: 'authenticated', ability: 'livelihood.read' },
    schema: {
      tags: ['livelihood'], summary: '记录代表视察 Record a deputies\' supervision visit (视察) to a project',
      description: 'The congress\'s staff, or a deputy of its term. Links an activity the caller sees (`activityId`), or records a new 视察 activity '
        + '(title, startsAt, place, summary, the deputies present; a deputy recording it is among them) and links it. '
        + 'Only once the project is being carried out (409 LIVELIHOOD_TRANSITION_INVALID).',
      params: IdParams,
      body: z.object({
        activityId: QueryId.optional(),
        title: z.string().trim().min(1).max(200).optional(),
        startsAt: z.string().datetime({ offset: true }).optional(),
        place: z.string().trim().max(200).optional(),
        summary: z.string().trim().max(20000).optional(),
        deputyIds: z.array(QueryId).max(200).optional(),
      }),
      response: { 200: z.object({ activityId: z.number() }), ...errorResponses },
    },
  }, async (request) => ({ activityId: await runWrite(request, (ctx) => recordVisit(ctx, request.params.id, request.body)) }));

  app.post('/api/livelihood/projects/:id/rating', {
    config: { access: 'authenticated', ability: 'livelihood.vote' },
    schema: {
      tags: ['livelihood'], summary: '满意度测评 A deputy rates a project (once)',
      description: 'A deputy of the round\'s congress term (403 LIVELIHOOD_NOT_A_DEPUTY_OF_CONGRESS), while the round\'s evaluation is open '
        + '(409 LIVELIHOOD_EVALUATION_NOT_OPEN), once (409 LIVELIHOOD_ALREADY_RATED).',
      params: IdParams, body: z.object({ rating: Rating }), response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => rateProject(ctx, request.params.id, request.body.rating));
    return { ok: true as const };
  });

  app.get('/api/livelihood/rounds/:id/evaluation', {
    config: { access: 'authenticated', ability: 'livelihood.read' },
    schema: {
      tags: ['livelihood'], summary: '满意度测评情况 A round\'s year-end evaluation: each project\'s counts',
      params: IdParams, response: { 200: Evaluation, ...errorResponses },
    },
  }, async (request) => getEvaluation(app.db, request.actor!, request.params.id));

  app.post('/api/livelihood/rounds/:id/evaluation', {
    config: { access: 'authenticated', ability: 'livelihood.manage' },
    schema: {
      tags: ['livelihood'], summary: '开始满意度测评 Open a round\'s year-end evaluation',
      description: 'The congress\'s own staff, once the round is counted; once (409 LIVELIHOOD_EVALUATION_EXISTS). '
        + `thresholdPercent: the share of 满意 and 基本满意 a project needs (default ${DEFAULT_THRESHOLD_PERCENT}).`,
      params: IdParams,
      body: z.object({ thresholdPercent: z.number().int().min(1).max(100).default(DEFAULT_THRESHOLD_PERCENT), closesOn: CivilDate }),
      response: { 200: Evaluation, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => openEvaluation(ctx, request.params.id, request.body));
    return getEvaluation(app.db, request.actor!, request.params.id);
  });

  app.post('/api/livelihood/rounds/:id/evaluation/close', {
    config: { access: 'authenticated', ability: 'livelihood.manage' },
    schema: {
      tags: ['livelihood'], summary: '结束满意度测评 Close the evaluation: projects below the threshold get a rectification item',
      params: IdParams, response: { 200: Evaluation, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => closeEvaluation(ctx, request.params.id));
    return getEvaluation(app.db, request.actor!, request.params.id);
  });
};
