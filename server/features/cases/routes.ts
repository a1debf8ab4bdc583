import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANSWER_MODES, CASE_CHANNELS } from '../../../common/caseVocabulary.js';
import { takeCaseAction } from './actions.js';
import { registerOpinions } from './intake.js';
import { CASE_ACTIONS, CASE_STATES, RATINGS } from './workflow.js';
import { AppError } from '../../platform/errors.js';
import { CivilDate, errorResponses, IdParams, MobilePhone, pageOf, PageQuery, QueryFlag, QueryId, RegionCode, SearchQuery } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { getCase, getCasePhoto, listCaseCategories, listCases } from './queries.js';
import { CaseReply, REPLY_BODY_LIMIT, ReplyBodyFields, replyDetailsOf } from './replyRoutes.js';
import { caseQueueCondition, CASE_TODO_KEYS } from './todos.js';
import { CaseClocks } from './ruleRoutes.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const DeadlineDate = z.string().nullable().meta({ description: 'The last day of the deadline (YYYY-MM-DD, Asia/Shanghai): the case is due by the end of that day. Show this, not deadlineAt' });
const DeadlineAt = z.string().nullable().meta({ description: 'The instant the deadline passes: the end of deadlineDate in Asia/Shanghai, i.e. the next day at 00:00 (+08:00)' });
const OverdueWorkingDays = z.number().nullable().meta({ description: 'When overdue: the working days (by the holiday calendar) from the day after the last day up to today; 0 when none has passed yet. Null when not overdue' });
const DeadlineProvisional = z.boolean().meta({ description: 'true when the deadline was counted over a year whose official holiday schedule is not entered yet (暂定: statutory holidays only); it is counted again when the schedule is entered' });

const CaseListItem = z.object({
  id: z.number(), trackingCode: z.string(), state: z.enum(CASE_STATES), stateLabel: Label, channel: z.enum(CASE_CHANNELS.keys),
  summary: z.string(), category: z.string(), station: z.string(), unit: z.string().nullable(), submittedAt: z.string(),
  deadlineDate: DeadlineDate, deadlineAt: DeadlineAt, deadlineProvisional: DeadlineProvisional,
  overdue: z.boolean(), overdueWorkingDays: OverdueWorkingDays, rating: z.enum(RATINGS).nullable(), keySupervision: z.boolean(), urgeCount: z.number(), round: z.number(),
  content: z.string().meta({ description: 'The text, up to 500 characters' }),
  abilities: z.array(z.enum(CASE_ACTIONS)).meta({ description: 'The actions you may take on it now (batch actions apply only where listed)' }),
}).meta({ id: 'CaseListItem' });

const Ref = z.object({ id: z.number(), name: z.string() });
const CaseDetail = z.object({
  id: z.number(), trackingCode: z.string(), state: z.enum(CASE_STATES), stateLabel: Label, channel: z.enum(CASE_CHANNELS.keys),
  category: Ref, station: Ref, deputy: Ref.nullable(), region: z.object({ code: z.string(), name: z.string() }),
  content: z.string(), place: z.string(),
  placeRegion: z.object({ code: z.string(), name: z.string(), fullName: z.string() }).nullable()
    .meta({ description: 'The region the case is about (属地), when it was given at registration' }),
  side: z.object({
    code: z.string(), name: z.string(), home: z.boolean(),
    canAct: z.boolean().meta({ description: 'false for staff of another side: they keep sight of the case but do not act on it' }),
  }).nullable().meta({ description: 'At a cross-province station: the side handling the case (the member region holding its place, else the home region); null elsewhere' }),
  submitter: z.object({
    name: z.string().nullable(), phone: z.string().nullable(),
    masked: z.boolean().meta({ description: 'true when you do not handle the case: name and phone are masked' }),
  }),
  photos: z.array(z.object({ id: z.number(), mime: z.string(), size: z.number(), url: z.string() })),
  submittedAt: z.string(), unit: Ref.nullable(), coUnits: z.array(Ref),
  deadlineDays: z.number().nullable(), deadlineDate: DeadlineDate, deadlineAt: DeadlineAt,
  deadlineProvisional: DeadlineProvisional, overdue: z.boolean(), overdueWorkingDays: OverdueWorkingDays,
  signedLate: z.boolean().nullable(), clocks: CaseClocks, repliedOnTime: z.boolean().nullable(), handlingWorkingDays: z.number().nullable(),
  answerMode: z.string().nullable(), rating: z.enum(RATINGS).nullable(), round: z.number(), keySupervision: z.boolean(),
  urgeCount: z.number(), mergedInto: z.object({ id: z.number(), trackingCode: z.string() }).nullable(),
  closedAt: z.string().nullable(), closeReason: z.string().nullable(), version: z.number(),
  timeline: z.array(z.object({
    at: z.string(), actorName: z.string(), actorKind: z.string(), action: z.string(), label: Label,
    fromState: z.string().nullable(), toState: z.string(), comment: z.string().nullable(), public: z.boolean(), data: z.unknown(),
    unit: Ref.nullable().meta({ description: 'The unit the event names (an assignment)' }),
    deadlineDate: z.string().nullable().meta({ description: 'The last day of the deadline the event set (signing, an extension, a recount)' }),
    deadlineDays: z.number().nullable().meta({ description: 'The working days the event set or asked for (an assignment, an extension)' }),
  })),
  reply: CaseReply.nullable().meta({ description: 'The unit\'s latest reply (办复): result type, handler, contact, files; null before one' }),
  contactRevealable: z.boolean().meta({ description: 'true when the name and phone are masked for you but you may reveal them (POST /api/cases/{id}/contact, audited)' }),
  abilities: z.array(z.enum(CASE_ACTIONS)).meta({ description: 'The actions you may take now (of flag_key and unflag_key, only the one that applies)' }),
  actions: z.array(z.object({ action: z.enum(CASE_ACTIONS), label: Label, needsComment: z.boolean() }))
    .meta({ description: 'The same actions with their labels, and whether each needs a comment' }),
}).meta({ id: 'CaseDetail' });

const Draft = z.object({
  categoryId: z.number().int().positive().max(2_147_483_647),
  content: z.string().trim().min(1).max(2000),
  place: z.string().trim().max(200).default(''),
  placeRegionCode: RegionCode.nullable().default(null)
    .meta({ description: 'The region the case is about (属地), inside the station\'s home or member regions; at a cross-province station it decides the side that handles the case' }),
  name: SearchQuery.nullable().default(null),
  phone: MobilePhone.nullable().default(null),
});

const Receipt = z.object({ id: z.number(), trackingCode: z.string(), queryKey: z.string() });

/** Actions people take through this route (the constituent rates on the public page; timers act by themselves). */
const PERSONAL_ACTIONS = CASE_ACTIONS.filter((a) => a !== 'rate' && a !== 'auto_close' && a !== 'remind');

/** The case queue's filters, which its Excel export takes too. */
export const CaseFilters = {
  state: z.enum(CASE_STATES).optional(),
  open: QueryFlag.optional(),
  stationId: QueryId.optional(),
  unitId: QueryId.optional(),
  categoryId: QueryId.optional(),
  regionCode: RegionCode.optional(),
  overdue: QueryFlag.optional(),
  keySupervision: QueryFlag.optional(),
  q: SearchQuery.optional().meta({ description: 'A tracking code, or words of the text' }),
  channel: z.enum(CASE_CHANNELS.keys).optional(),
  deputyId: QueryId.optional().meta({ description: 'Addressed (or handed over) to this deputy' }),
  from: CivilDate.optional().meta({ description: 'Submitted on or after this day (YYYY-MM-DD, Asia/Shanghai)' }),
  to: CivilDate.optional().meta({ description: 'Submitted on or before this day (YYYY-MM-DD, Asia/Shanghai)' }),
  rating: z.enum([...RATINGS, 'none']).optional().meta({ description: 'The constituent\'s rating; `none`: not rated' }),
  sort: z.enum(['newest', 'deadline']).default('newest').meta({ description: '`deadline`: the nearest deadline first, cases without one last' }),
  todo: z.enum(CASE_TODO_KEYS as [string, ...string[]]).optional().meta({ description: 'One of the reader\'s to-do items (GET /api/todo), e.g. `case.sign`; an item of another role matches nothing' }),
  awaitingMe: QueryFlag.optional().meta({ description: 'true: the cases awaiting the reader\'s action, i.e. under any of their to-do items' }),
};

/** Paging of the queue on screen only (not of its Excel export, which holds every row): the total, numbered pages. */
const QueueOnlyFilters = {
  count: QueryFlag.optional().meta({ description: 'true: answer `total` too' }),
  page: z.coerce.number().int().min(1).max(10_000).optional().meta({ description: 'A page number (from 1), instead of a cursor' }),
};

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/case-categories', {
    config: { access: 'public' },
    schema: {
      tags: ['cases'], summary: '意见类别 Categories with their working-day deadlines',
      description: 'With `stationId`, the days are the rules in force for a case at that station (its region\'s own rules win over the defaults).',
      querystring: z.object({ stationId: QueryId.optional() }),
      response: {
        200: z.array(z.object({
          id: z.number(), code: z.string(), name: z.string(), nameEn: z.string(),
          deadlineDays: z.number().meta({ description: 'Working days the unit has to reply, from signing' }), maxDays: z.number(),
          signDays: z.number().meta({ description: 'Working days the unit has to sign for it, from assignment' }),
        })),
      },
    },
  }, async (request) => listCaseCategories(app.db, request.query.stationId));

  app.get('/api/cases', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['cases'], summary: '意见工单列表 The case queue, newest first',
      querystring: z.object({ ...CaseFilters, ...QueueOnlyFilters, ...PageQuery }),
      response: {
        200: pageOf(CaseListItem).extend({ total: z.number().nullable().meta({ description: 'With count=true: how many cases match (from the cursor on, when one is given); null otherwise' }) }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { todo, awaitingMe, ...filters } = request.query;
    return listCases(app.db, request.actor!, filters, await caseQueueCondition(app.db, request.actor!, { todo, awaitingMe }));
  });

  app.post('/api/cases', {
    config: { access: 'authenticated', ability: 'case.register' },
    schema: {
      tags: ['cases'], summary: '登记意见 Register opinions collected at a reception day, a visit, a group, a call or a letter',
      description: 'One batch, all or nothing. Each receipt carries the tracking code and the key to hand to the constituent.',
      body: z.object({
        stationId: z.number().int().positive().max(2_147_483_647),
        deputyId: z.number().int().positive().max(2_147_483_647).nullable().default(null),
        channel: z.enum(CASE_CHANNELS.keys).exclude(['whistle', 'federation'])
          .meta({ description: 'How they were collected; a grid worker whistle (whistle) comes only from the grid worker, through POST /api/grids/whistles, and a case from another province instance (federation) only through POST /api/federation/v1/cases' }),
        receivedAt: z.iso.datetime({ offset: true }).nullable().default(null),
        activityId: z.number().int().positive().max(2_147_483_647).nullable().default(null)
          .meta({ description: 'The activity during which they were collected; they count as its output' }),
        items: z.array(Draft).min(1).max(100),
      }),
      response: { 201: z.object({ items: z.array(Receipt) }), ...errorResponses },
    },
  }, async (request, reply) => {
    const { receivedAt, ...rest } = request.body;
    const items = await runWrite(request, (ctx) => registerOpinions(ctx, { ...rest, receivedAt: receivedAt ? new Date(receivedAt) : null }));
    reply.status(201);
    return { items };
  });

  app.get('/api/cases/:id', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: { tags: ['cases'], summary: '工单详情与办理记录 A case with its timeline', params: IdParams, response: { 200: CaseDetail, ...errorResponses } },
  }, async (request) => getCase(app.db, request.actor!, request.params.id));

  app.get('/api/cases/:id/photos/:photoId', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['cases'], summary: '工单照片 A photo of a case',
      params: IdParams.extend({ photoId: QueryId }),
    },
  }, async (request, reply) => {
    const photo = await getCasePhoto(app.db, request.actor!, request.params.id, request.params.photoId);
    reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff');
    return reply.send(Buffer.from(photo.bytes));
  });

  app.post('/api/cases/:id/actions/:action', {
    config: { access: 'authenticated', ability: 'case.act' },
    bodyLimit: REPLY_BODY_LIMIT,
    schema: {
      tags: ['cases'],
      summary: '办理操作 Take a workflow action',
      description: 'accept, decline (comment = reason shown to the submitter), answer_on_spot (comment = answer), assign (unitId, coUnitIds, deadlineDays), '
        + 'sign, return (comment), request_extension (days, comment), grant_extension (days), refuse_extension (comment), '
        + 'reply (comment, result, handlerName, handlerContact, attachments: files checked by content, 400 REPLY_ATTACHMENT_TYPE otherwise), '
        + 'approve_reply, send_back_reply (comment), answer (comment, mode), escalate (comment), merge (intoCode: the tracking code of the case to merge into; or intoId), urge (comment), '
        + 'flag_key (only when not under key supervision), unflag_key (only when it is; else 409 KEY_SUPERVISION_UNCHANGED), archive. A state that does not allow the action answers 409 CASE_TRANSITION_INVALID.',
      params: IdParams.extend({ action: z.enum(PERSONAL_ACTIONS as [typeof PERSONAL_ACTIONS[number], ...typeof PERSONAL_ACTIONS]) }),
      body: z.object({
        comment: z.string().trim().max(2000).nullable().optional(),
        unitId: z.number().int().positive().max(2_147_483_647).optional(),
        coUnitIds: z.array(z.number().int().positive().max(2_147_483_647)).max(10).optional(),
        deadlineDays: z.number().int().min(1).max(60).optional(),
        days: z.number().int().min(1).max(30).optional(),
        mode: z.enum(ANSWER_MODES.keys).optional(),
        intoId: z.number().int().positive().max(2_147_483_647).optional(),
        ...ReplyBodyFields,
        intoCode: z.string().trim().min(1).max(40).optional().meta({ description: 'merge: the tracking code of the case to merge into' }),
      }).default({}),
      response: {
        200: z.object({
          id: z.number(), from: z.enum(CASE_STATES), to: z.enum(CASE_STATES),
          case: CaseDetail.nullable().meta({ description: 'The case after the action; null when the action took it out of your reach (a unit returning it)' }),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { id, action } = request.params;
    const { result: replyResult, handlerName, handlerContact, attachments, ...fields } = request.body;
    const reply = await replyDetailsOf(action, { result: replyResult, handlerName, handlerContact, attachments });
    const result = await runWrite(request, (ctx) => takeCaseAction(ctx, id, { action, ...fields, reply }));
    const after = await getCase(app.db, request.actor!, id).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    });
    return { id, from: result.from, to: result.to, case: after };
  });
};
