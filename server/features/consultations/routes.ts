/**
 * The back office's consultation routes: topics and their steps, documents, views heard at the
 * stations, linked activities, the compilation (JSON, Excel, PDF) and the QR poster of the
 * public form. Scope is in each query (access.ts); writes go through one transaction with audit.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CivilDate, errorResponses, ErrorResponse, Id, IdParams, MobilePhone, OkResponse, PageQuery, pageOf, QueryId, RegionCode, SearchQuery } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { attachment } from '../../platform/http/download.js';
import { sendFile } from '../../platform/http/sendFile.js';
import { now as clockNow } from '../../platform/clock.js';
import { registerFont } from '../../platform/documents/pdf.js';
import { renderRegister } from '../../platform/documents/renderWorker.js';
import { loadPosterFont } from '../../platform/documents/font.js';
import { layoutPoster, layoutSvg, posterPdf, posterPng } from '../posters/index.js';
import { addDocument, checkDocument, createTopic, removeDocument, takeStep, updateTopic } from './commands.js';
import { activityCandidates, getDocument, getTopic, listTopics, listViews, topicInReach } from './queries.js';
import { compilation, compilationDocument } from './compilation.js';
import { linkActivity, registerView, revealViewContact, unlinkActivity } from './views.js';
import { CONSULTATION_STATES, VIEW_SOURCES } from './states.js';
import { consultationPoster } from './poster.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const State = z.enum(CONSULTATION_STATES);
const Source = z.enum(VIEW_SOURCES);
const Level = z.enum(['provincial', 'city', 'county', 'township']);

const TopicBody = z.object({
  title: z.string().trim().min(1).max(200),
  background: z.string().trim().max(20000).default('').meta({ description: '背景材料 (text); files go through …/documents' }),
  questions: z.array(z.string().trim().min(1).max(500)).min(1).max(30).meta({ description: 'The questions asked, in order' }),
  opensOn: CivilDate, closesOn: CivilDate,
  congress: z.object({ level: Level, regionCode: RegionCode }).meta({ description: 'The standing committee: a congress (level and region) in your scope' }),
  stationIds: z.array(Id).max(500).optional().meta({ description: 'The stations asked' }),
  wholeRegionCode: RegionCode.optional().meta({ description: 'Instead of stationIds: every active station under this region (inside the committee\'s)' }),
}).refine((b) => (b.stationIds !== undefined) !== (b.wholeRegionCode !== undefined), { message: 'REQUIRED', path: ['stationIds'] });

const TopicItem = z.object({
  id: z.number(), title: z.string(), state: State, stateLabel: Label,
  congress: z.object({ level: Level, regionCode: z.string(), name: z.string() }),
  opensOn: z.string(), closesOn: z.string(), windowOpen: z.boolean(), stationCount: z.number(), viewCount: z.number(),
  createdAt: z.string(), publishedAt: z.string().nullable(),
}).meta({ id: 'ConsultationItem' });

const Feedback = z.object({ text: z.string(), at: z.string(), by: z.string() });
const Topic = TopicItem.extend({
  background: z.string(),
  questions: z.array(z.object({ id: z.number(), position: z.number(), text: z.string() })),
  documents: z.array(z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), url: z.string() })),
  wholeRegion: z.object({ code: z.string(), name: z.string() }).nullable(),
  stations: z.array(z.object({ id: z.number(), name: z.string(), viewCount: z.number() })),
  activities: z.array(z.object({ id: z.number(), title: z.string(), startsAt: z.string(), stationId: z.number(), stationName: z.string(), summary: z.string() })),
  opinion: Feedback.nullable().meta({ description: '审议意见 of the standing committee' }),
  handlingReport: Feedback.nullable().meta({ description: '政府处理情况' }),
  closedAt: z.string().nullable(), version: z.number(),
  actions: z.array(z.enum(['edit', 'publish', 'close', 'deliberate', 'handle', 'register_view', 'link_activity', 'reveal'])),
  myStations: z.array(z.object({ id: z.number(), name: z.string() })).meta({ description: 'The stations asked that you may gather views for' }),
}).meta({ id: 'Consultation' });

const Answers = z.array(z.object({
  questionId: Id.nullable().meta({ description: 'null: a general remark (综合意见)' }), text: z.string().max(2000),
})).min(1).max(31);

const View = z.object({
  id: z.number(), source: Source, sourceLabel: Label, stationId: z.number(), stationName: z.string(), at: z.string(), heardOn: z.string().nullable(),
  name: z.string().nullable().meta({ description: 'Masked' }), phone: z.string().nullable().meta({ description: 'Masked' }),
  masked: z.boolean(), canReveal: z.boolean(),
  answers: z.array(z.object({ questionId: z.number().nullable(), text: z.string() })),
  caseId: z.number().nullable(), caseCode: z.string().nullable(), recordedBy: z.string().nullable(),
}).meta({ id: 'ConsultationView' });

const Compilation = z.object({
  totals: z.object({ total: z.number(), public: z.number(), reception: z.number(), activity: z.number() }),
  stations: z.array(z.object({ stationId: z.number(), stationName: z.string(), public: z.number(), reception: z.number(), activity: z.number(), total: z.number() })),
  questions: z.array(z.object({ questionId: z.number().nullable(), position: z.number().nullable(), text: z.string(), count: z.number() })),
  texts: z.object({
    questionId: z.number().nullable(),
    items: z.array(z.object({
      viewId: z.number(), source: Source, sourceLabel: Label, stationId: z.number(), stationName: z.string(), at: z.string(), text: z.string(),
      name: z.string().nullable().meta({ description: 'Masked' }), caseCode: z.string().nullable(),
      hasContact: z.boolean().meta({ description: 'The constituent left a name or a phone (which those handling the view may reveal)' }),
    })),
    nextCursor: z.string().nullable(),
  }),
  activities: z.array(z.object({ activityId: z.number(), title: z.string(), startsAt: z.string(), stationId: z.number(), stationName: z.string(), summary: z.string() })),
}).meta({ id: 'ConsultationCompilation' });

const DOC_BODY_LIMIT = Math.ceil((10 * 1024 * 1024 * 4) / 3) + 64 * 1024;
const read = { access: 'authenticated', ability: 'consultation.read' } as const;
const manage = { access: 'authenticated', ability: 'consultation.manage' } as const;
const gather = { access: 'authenticated', ability: 'consultation.gather' } as const;
const tags = ['consultations'];

export const consultationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/consultations', {
    config: read,
    schema: {
      tags, summary: '议题征询列表 Consultation topics in your reach, newest first',
      description: 'Staff: their committees\' topics and those asking their stations; officers and deputies: published topics asking their stations.',
      querystring: z.object({ state: State.optional(), q: SearchQuery.optional(), ...PageQuery }),
      response: { 200: pageOf(TopicItem), ...errorResponses },
    },
  }, async (request) => listTopics(app.db, request.actor!, request.query));

  app.post('/api/consultations', {
    config: manage,
    schema: {
      tags, summary: '新建议题 Create a topic (draft)',
      description: 'Exactly one of stationIds and wholeRegionCode. 400 CONSULTATION_WINDOW_INVALID, CONSULTATION_CONGRESS_INVALID, CONSULTATION_NO_STATIONS, CONSULTATION_STATION_OUTSIDE.',
      body: TopicBody, response: { 201: z.object({ id: z.number() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createTopic(ctx, request.body));
    reply.status(201);
    return { id };
  });

  app.get('/api/consultations/:id', {
    config: read,
    schema: { tags, summary: '议题详情 One topic with what you may do now', params: IdParams, response: { 200: Topic, ...errorResponses } },
  }, async (request) => getTopic(app.db, request.actor!, request.params.id));

  app.put('/api/consultations/:id', {
    config: manage,
    schema: {
      tags, summary: '修改议题 Change a draft topic', description: 'The whole topic again with the version read. 409 CONSULTATION_NOT_DRAFT once published; 409 CONFLICT on a stale version.',
      params: IdParams, body: TopicBody.and(z.object({ version: z.number().int().positive() })), response: { 200: Topic, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => updateTopic(ctx, request.params.id, request.body));
    return getTopic(app.db, request.actor!, request.params.id);
  });

  app.post('/api/consultations/:id/documents', {
    config: manage, bodyLimit: DOC_BODY_LIMIT,
    schema: {
      tags, summary: '添加背景材料 Add a document', description: 'A PDF (≤ 10 MB) or a photo (≤ 5 MB), judged by its content, while a draft or open. 400 CONSULTATION_FILE_TYPE, CONSULTATION_FILE_TOO_LARGE.',
      params: IdParams, body: z.object({ name: z.string().trim().min(1).max(200), data: z.base64().min(1).max(DOC_BODY_LIMIT) }),
      response: { 201: z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), url: z.string() }), ...errorResponses },
    },
  }, async (request, reply) => {
    // Checked, and a photo cleaned, before the transaction opens: no connection is held while libvips works.
    const file = await checkDocument({ name: request.body.name, bytes: new Uint8Array(Buffer.from(request.body.data, 'base64')) });
    const doc = await runWrite(request, (ctx) => addDocument(ctx, request.params.id, file));
    reply.status(201);
    return doc;
  });

  app.delete('/api/consultations/:id/documents/:docId', {
    config: manage,
    schema: { tags, summary: '删除背景材料 Remove a document (draft)', params: IdParams.extend({ docId: QueryId }), response: { 200: OkResponse, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => removeDocument(ctx, request.params.id, request.params.docId));
    return { ok: true as const };
  });

  app.get('/api/consultations/:id/documents/:docId', {
    config: read,
    schema: { tags, summary: '背景材料 A document of a topic in reach', params: IdParams.extend({ docId: QueryId }) },
  }, async (request, reply) => {
    const doc = await getDocument(app.db, request.actor!, request.params.id, request.params.docId);
    return reply.header('content-type', doc.mime).header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-cache')
      .header('content-disposition', attachment(doc.name, `consultation-document-${request.params.docId}`)).send(Buffer.from(doc.bytes));
  });

  for (const step of ['publish', 'close'] as const) {
    app.post(`/api/consultations/:id/${step}`, {
      config: manage,
      schema: {
        tags, summary: step === 'publish' ? '发布征询 Publish (draft → open); the stations asked are told' : '结束征询 Close (open → closed)',
        description: '409 CONSULTATION_TRANSITION_INVALID from another state.',
        params: IdParams, body: z.object({}).optional(), response: { 200: Topic, ...errorResponses },
      },
    }, async (request) => {
      await runWrite(request, (ctx) => takeStep(ctx, request.params.id, step));
      return getTopic(app.db, request.actor!, request.params.id);
    });
  }

  for (const [path, step] of [['opinion', 'deliberate'], ['handling', 'handle']] as const) {
    app.post(`/api/consultations/:id/${path}`, {
      config: manage,
      schema: {
        tags,
        summary: step === 'deliberate' ? '录入审议意见 Record the committee\'s deliberation opinion (closed → deliberated)' : '录入处理情况 Record the government\'s handling report (deliberated → handled)',
        description: 'Told to the officers and deputies of every station that contributed, noted on each case a view came with (consultation_feedback), readable with each receipt code. 409 CONSULTATION_TRANSITION_INVALID.',
        params: IdParams, body: z.object({ text: z.string().trim().min(1).max(20000) }), response: { 200: Topic, ...errorResponses },
      },
    }, async (request) => {
      await runWrite(request, (ctx) => takeStep(ctx, request.params.id, step, request.body.text));
      return getTopic(app.db, request.actor!, request.params.id);
    });
  }

  app.get('/api/consultations/:id/views', {
    config: read,
    schema: {
      tags, summary: '征询意见 The views gathered, newest first (names and phones masked)',
      description: 'Those running the topic read all; officers, deputies and other staff those of the stations they see. Activities are in the topic\'s `activities`.',
      params: IdParams, querystring: z.object({ stationId: QueryId.optional(), source: z.enum(['public', 'reception']).optional(), ...PageQuery }),
      response: { 200: pageOf(View), ...errorResponses },
    },
  }, async (request) => listViews(app.db, request.actor!, request.params.id, request.query));

  app.post('/api/consultations/:id/views', {
    config: gather,
    schema: {
      tags, summary: '登记接待意见 Register a view heard at a reception day',
      description: 'For a station asked that is yours (officers, deputies) or any station asked (the topic\'s staff), while open and within the window. '
        + 'With caseId the case gets the note 已纳入议题征询. 409 CONSULTATION_WINDOW_CLOSED, CONSULTATION_STATION_NOT_ASKED; 403 CONSULTATION_STATION_FORBIDDEN; '
        + '400 CONSULTATION_ANSWERS_EMPTY, CONSULTATION_QUESTION_UNKNOWN; 404 CONSULTATION_CASE_UNKNOWN.',
      params: IdParams,
      body: z.object({
        stationId: Id, heardOn: CivilDate.optional().meta({ description: 'The reception day; today when left out' }), answers: Answers,
        name: z.string().trim().min(1).max(50).nullable().optional(), phone: MobilePhone.nullable().optional(), caseId: Id.nullable().optional(),
      }),
      response: { 201: View, ...errorResponses },
    },
  }, async (request, reply) => {
    const viewId = await runWrite(request, (ctx) => registerView(ctx, request.params.id, request.body));
    const page = await listViews(app.db, request.actor!, request.params.id, { limit: 1, cursor: Buffer.from(JSON.stringify(viewId + 1)).toString('base64url') });
    reply.status(201);
    return page.items[0]!;
  });

  app.post('/api/consultations/:id/views/:viewId/contact', {
    config: read,
    schema: {
      tags, summary: '查看联系方式 Reveal a constituent\'s name and phone (audited)',
      description: 'For those running the topic and the officers of the view\'s station; 403 CONSULTATION_CONTACT_FORBIDDEN otherwise. Each reveal is in the audit log.',
      params: IdParams.extend({ viewId: QueryId }), body: z.object({}).optional(),
      response: { 200: z.object({ name: z.string().nullable(), phone: z.string().nullable() }), ...errorResponses },
    },
  }, async (request) => runWrite(request, (ctx) => revealViewContact(ctx, request.params.id, request.params.viewId)));

  app.get('/api/consultations/:id/activity-candidates', {
    config: gather,
    schema: {
      tags, summary: '可关联的活动 Activities you may link', description: 'Activities of the stations asked that you gather for, not linked yet; at most 100, newest first.',
      params: IdParams, response: { 200: z.array(z.object({ id: z.number(), title: z.string(), startsAt: z.string(), stationId: z.number(), stationName: z.string() })), ...errorResponses },
    },
  }, async (request) => activityCandidates(app.db, request.actor!, request.params.id));

  app.post('/api/consultations/:id/activities', {
    config: gather,
    schema: {
      tags, summary: '关联征询活动 Link an activity', description: 'Its summary counts as the station\'s view. 409 CONSULTATION_ACTIVITY_LINKED, CONSULTATION_ACTIVITY_NO_STATION, CONSULTATION_STATION_NOT_ASKED, CONSULTATION_WINDOW_CLOSED.',
      params: IdParams, body: z.object({ activityId: Id }), response: { 201: OkResponse, ...errorResponses },
    },
  }, async (request, reply) => {
    await runWrite(request, (ctx) => linkActivity(ctx, request.params.id, request.body.activityId));
    reply.status(201);
    return { ok: true as const };
  });

  app.delete('/api/consultations/:id/activities/:activityId', {
    config: gather,
    schema: { tags, summary: '取消关联活动 Unlink an activity (while open)', params: IdParams.extend({ activityId: QueryId }), response: { 200: OkResponse, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => unlinkActivity(ctx, request.params.id, request.params.activityId));
    return { ok: true as const };
  });

  app.get('/api/consultations/:id/compilation', {
    config: read,
    schema: {
      tags, summary: '意见汇总 The compilation: counts per station and source, the texts of one question (paged)',
      description: 'questionId: a question of the topic, 0 for the general remarks (综合意见); the first question when left out. Names masked.',
      params: IdParams, querystring: z.object({ questionId: z.coerce.number().int().min(0).max(2_147_483_647).optional(), stationId: QueryId.optional(), ...PageQuery }),
      response: { 200: Compilation, ...errorResponses },
    },
  }, async (request) => compilation(app.db, request.actor!, request.params.id, request.query));

  for (const format of ['xlsx', 'pdf'] as const) {
    app.get(`/api/consultations/:id/compilation.${format}`, {
      config: read,
      schema: {
        tags, summary: format === 'pdf' ? '意见汇总 PDF The compilation as PDF (names masked, no phones)' : '意见汇总 Excel The compilation as Excel (names masked, no phones)',
        description: format === 'pdf' ? '503 PDF_FONT_MISSING without a CJK font.' : 'One sheet per part.',
        params: IdParams,
        produces: [format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { ...errorResponses, ...(format === 'pdf' ? { 503: ErrorResponse } : {}) },
      },
    }, async (request, reply) => {
      const font = format === 'pdf' ? registerFont(app.config.posterFont) : null;
      const { fileBase, ...doc } = await compilationDocument(app.db, request.actor!, request.params.id, clockNow());
      const body = font ? await renderRegister(doc, 'pdf', font) : await renderRegister(doc, 'xlsx');
      return sendFile(reply, {
        body, type: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        name: `${fileBase}.${format}`, asciiName: `consultation-${request.params.id}-compilation.${format}`,
      });
    });
  }

  app.get('/api/consultations/:id/poster.:format', {
    config: read,
    schema: {
      tags, summary: '征询二维码海报 The QR poster of the public form (PNG, SVG or PDF; A5)',
      description: 'The QR code opens `LIANXIN_PUBLIC_BASE_URL/m/consultations/<id>` (with `?station=<stationId>` when given: the form opens at that station). '
        + 'A draft answers 409 CONSULTATION_TRANSITION_INVALID; 503 POSTER_FONT_MISSING without a CJK font.',
      params: IdParams.extend({ format: z.enum(['png', 'svg', 'pdf']).meta({ description: 'png (1240 px wide), svg (vector, no font needed) or pdf (print size)' }) }),
      querystring: z.object({ stationId: QueryId.optional() }), produces: ['image/png', 'image/svg+xml', 'application/pdf'],
      response: { ...errorResponses, 503: ErrorResponse },
    },
  }, async (request, reply) => {
    const topic = await topicInReach(app.db, request.actor!, request.params.id);
    const layout = layoutPoster(await consultationPoster(app.db, topic, request.query.stationId, app.config.publicBaseUrl));
    const { format } = request.params;
    const type = { png: 'image/png', svg: 'image/svg+xml; charset=utf-8', pdf: 'application/pdf' }[format];
    if (format === 'svg') reply.header('content-security-policy', "default-src 'none'");
    const body = format === 'svg' ? Buffer.from(layoutSvg(layout))
      : format === 'png' ? await posterPng(layoutSvg(layout), loadPosterFont(app.config.posterFont)) : await posterPdf(layout, loadPosterFont(app.config.posterFont));
    return sendFile(reply, { body, type, name: `议题征询二维码海报-${topic.title}.${format}`, asciiName: `consultation-${topic.id}-poster.${format}` });
  });
};
