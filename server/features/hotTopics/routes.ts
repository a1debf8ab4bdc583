/**
 * The back office's hot-topic routes: the counties in reach, a county's stored topics for a
 * window, one topic with its representative opinions (masked) and what was made of it, its
 * opinions page by page, a refresh, and the three actions. Scope is in each query (access.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, Id, IdParams, PageQuery, pageOf, QueryFlag, RegionCode } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { DEFAULT_WINDOW, WINDOWS } from './compute.js';
import { getTopic, listCounties, listTopicOpinions, listTopics } from './queries.js';
import { giveToConsultation, makeDeliberationTopic, refreshRun, startSuggestion, TOWN_CODE } from './actions.js';
import { AppError } from '../../platform/errors.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const WindowDays = z.coerce.number().int().refine((n) => (WINDOWS as readonly number[]).includes(n), { message: 'WINDOW_INVALID' })
  .meta({ description: `Days of the window: ${WINDOWS.join(' | ')} (default ${DEFAULT_WINDOW})` });
const ActionKind = z.enum(['deliberation', 'suggestion', 'consultation']);

const Run = z.object({
  id: z.number(), regionCode: z.string(), regionName: z.string(), windowDays: z.number(), windowStart: z.string(), windowEnd: z.string(),
  computedAt: z.string(), durationMs: z.number(), opinionCount: z.number(), topicCount: z.number(),
}).meta({ id: 'HotTopicRun' });

const Item = z.object({
  id: z.number(), rank: z.number(), label: z.string(), keywords: z.array(z.string()),
  category: z.object({ id: z.number(), name: z.string(), nameEn: z.string() }).nullable().meta({ description: 'The most frequent category' }),
  count: z.number(), recentCount: z.number().meta({ description: 'Opinions of the last 14 days' }), stationCount: z.number(), villageCount: z.number(),
  weekly: z.array(z.object({ weekStart: z.string(), count: z.number() })).meta({ description: 'Every week of the window (Mondays, Asia/Shanghai), oldest first, zeros included' }),
  risingScore: z.number(), rising: z.boolean(),
  stations: z.array(z.object({ id: z.number(), name: z.string(), count: z.number() })),
  villages: z.array(z.object({ name: z.string(), count: z.number() })),
  firstAt: z.string(), lastAt: z.string(),
}).meta({ id: 'HotTopicItem' });

const Opinion = z.object({
  caseId: z.number(), trackingCode: z.string(), content: z.string().meta({ description: 'Phone-like digits and ID numbers masked; never a name or a phone of the submitter' }),
  category: Label.nullable(), stationId: z.number(), stationName: z.string(), village: z.string().nullable(), place: z.string(),
  submittedAt: z.string(), state: z.string(), stateLabel: Label,
}).meta({ id: 'HotTopicOpinion' });

const ListItem = Item.extend({
  samples: z.array(Opinion).meta({ description: 'Up to 2 opinions you may see, nearest the centre first (masked)' }),
}).meta({ id: 'HotTopicListItem' });

const Topic = Item.extend({
  run: Run,
  opinions: z.array(Opinion).meta({ description: 'Up to 8 of those you may see, nearest the centre first' }),
  visibleCount: z.number(),
  actionsTaken: z.array(z.object({
    id: z.number(), kind: ActionKind, kindLabel: Label, targetId: z.number().nullable(), targetTitle: z.string().nullable(), targetUrl: z.string().nullable(),
    caseCount: z.number(), by: z.string(), at: z.string(),
  })),
  actions: z.array(ActionKind),
}).meta({ id: 'HotTopic' });

const read = { access: 'authenticated', ability: 'hotTopic.read' } as const;
const act = { access: 'authenticated', ability: 'hotTopic.act' } as const;
const tags = ['hotTopics'];

export const hotTopicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/hot-topics/regions', {
    config: read,
    schema: {
      tags, summary: '热点议题的县(区) Counties you may look at, with their latest runs',
      response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), fullName: z.string(), runs: z.array(z.object({ windowDays: z.number(), computedAt: z.string(), topicCount: z.number() })) })) }), ...errorResponses },
    },
  }, async (request) => listCounties(app.db, request.actor!));

  app.get('/api/hot-topics', {
    config: read,
    schema: {
      tags, summary: '热点议题 A county\'s topics in the latest run, most rising first',
      description: 'Topics with at least one opinion in your reach. regionCode defaults to your first county. 400 HOT_TOPIC_REGION_NOT_COUNTY; 404 out of reach.',
      querystring: z.object({ regionCode: RegionCode.optional(), windowDays: WindowDays.optional(), risingOnly: QueryFlag.optional() }),
      response: { 200: z.object({ run: Run.nullable(), canRefresh: z.boolean(), items: z.array(ListItem) }), ...errorResponses },
    },
  }, async (request) => listTopics(app.db, request.actor!, request.query));

  app.post('/api/hot-topics/refresh', {
    config: { access: 'authenticated', ability: 'hotTopic.refresh' },
    schema: {
      tags, summary: '重新计算 Compute a county\'s topics now',
      description: 'Synchronous; stores a new run and prunes old ones. 400 HOT_TOPIC_REGION_NOT_COUNTY; 404 out of your scope.',
      body: z.object({ regionCode: RegionCode, windowDays: z.number().int().refine((n) => (WINDOWS as readonly number[]).includes(n), { message: 'WINDOW_INVALID' }).default(DEFAULT_WINDOW) }),
      response: { 200: z.object({ run: Run }), ...errorResponses },
    },
  }, async (request) => {
    const run = await runWrite(request, (ctx) => refreshRun(ctx, request.body.regionCode, request.body.windowDays));
    const list = await listTopics(app.db, request.actor!, { regionCode: run.regionCode, windowDays: run.windowDays });
    return { run: list.run! };
  });

  app.get('/api/hot-topics/:id', {
    config: read,
    schema: { tags, summary: '热点议题详情 One topic, its representative opinions (masked) and what was made of it', params: IdParams, response: { 200: Topic, ...errorResponses } },
  }, async (request) => getTopic(app.db, request.actor!, request.params.id));

  app.get('/api/hot-topics/:id/opinions', {
    config: read,
    schema: { tags, summary: '热点议题的群众意见 The topic\'s opinions you may see, most similar first (masked)', params: IdParams, querystring: z.object(PageQuery), response: { 200: pageOf(Opinion), ...errorResponses } },
  }, async (request) => listTopicOpinions(app.db, request.actor!, request.params.id, request.query));

  app.post('/api/hot-topics/:id/deliberation', {
    config: act,
    schema: {
      tags, summary: '转为议事议题 Make a deliberation-day topic of it (source hot_topic)',
      description: 'The topic\'s opinions you reach (≤ 50) go with it. regionCode: the street or town (default: where most of them come from). 400 DELIBERATION_REGION_INVALID when it is not a street or town (or none can be found); 409 HOT_TOPIC_ACTION_DONE, HOT_TOPIC_NO_OPINIONS; the deliberations feature\'s own errors pass through.',
      params: IdParams,
      body: z.object({ regionCode: RegionCode.optional(), title: z.string().trim().min(1).max(200).optional(), description: z.string().trim().min(1).max(5000).optional() }),
      response: { 201: z.object({ actionId: z.number(), deliberationTopicId: z.number(), url: z.string() }), ...errorResponses },
    },
  }, async (request, reply) => {
    if (request.body.regionCode !== undefined && !TOWN_CODE.test(request.body.regionCode)) throw new AppError('DELIBERATION_REGION_INVALID');
    const out = await runWrite(request, (ctx) => makeDeliberationTopic(ctx, request.params.id, request.body));
    reply.status(201);
    return out;
  });

  app.post('/api/hot-topics/:id/suggestion', {
    config: act,
    schema: {
      tags, summary: '起草代表建议 Start a draft suggestion from it (deputies)',
      description: 'Records the action and answers the draft page\'s address with the topic\'s opinions you reach (≤ 20). 403 for other roles.',
      params: IdParams, body: z.object({}).optional(),
      response: { 201: z.object({ actionId: z.number(), caseIds: z.array(z.number()), url: z.string() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const out = await runWrite(request, (ctx) => startSuggestion(ctx, request.params.id));
    reply.status(201);
    return out;
  });

  app.post('/api/hot-topics/:id/consultation', {
    config: act,
    schema: {
      tags, summary: '作为议题征询意见 Link its opinions to a consultation as input',
      description: 'Those running the consultation (staff, admin). 404 consultation out of reach; 409 HOT_TOPIC_CONSULTATION_CLOSED once deliberated.',
      params: IdParams, body: z.object({ consultationId: Id }),
      response: { 201: z.object({ actionId: z.number(), linked: z.number(), consultationId: z.number(), url: z.string() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const out = await runWrite(request, (ctx) => giveToConsultation(ctx, request.params.id, request.body.consultationId));
    reply.status(201);
    return out;
  });
};
