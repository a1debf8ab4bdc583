/**
 * The back office's report-back routes: the plan and its overview, report-backs and their
 * meeting, the evaluation (open/close, QR code, live counts, paper forms), the report and its
 * versions, and the issue list. Scope is in each query (access.ts); writes go through one
 * transaction with audit.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CivilDate, errorResponses, Id, IdParams, MobilePhone, PageQuery, pageOf, QueryFlag, QueryId, RegionCode, SearchQuery } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { sendFile } from '../../platform/http/sendFile.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../../platform/access/actor.js';
import { createReportBack, saveReport, savePlan, setHeadcount, takeStep } from './commands.js';
import { enterPaperForms } from './evaluation.js';
import { addIssue, closeIssue, handOnAsCase, handOnAsSuggestion } from './issues.js';
import {
  activityCandidates, evaluationUrl, getIssue, getReport, getReportBack, getReportVersion, listAllIssues, listEvaluations, listIssues, listReportBacks, liveCounts, reportBackInReach,
} from './queries.js';
import { listCongresses, planOverview } from './plan.js';
import { generateReport } from './reportDraft.js';
import { qrPng, qrSvg } from './qr.js';
import { ISSUE_STATES, REPORT_BACK_STATES } from './workflow.js';
import { OneOf, Rating as RatingField, Short, Written } from './fields.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Level = OneOf(['provincial', 'city', 'county', 'township']);
const Rating = RatingField;
const State = OneOf(REPORT_BACK_STATES);
const IssueState = OneOf(ISSUE_STATES);
const Counts = z.object({ satisfied: z.number(), basically_satisfied: z.number(), unsatisfied: z.number(), total: z.number(), qr: z.number(), paper: z.number() });

const Congress = z.object({
  level: Level, regionCode: z.string(), regionName: z.string(), name: z.string(), termId: z.number(), termNumber: z.number(), termStartsOn: z.string(), termEndsOn: z.string(),
  cadence: z.enum(['per_term', 'yearly']), cadenceLabel: Label, times: z.number(), dueOn: z.string().nullable(), stored: z.boolean(), version: z.number().nullable(),
}).meta({ id: 'ReportBackCongress' });

const Plan = z.object({
  congress: Congress, period: z.object({ from: z.string(), to: z.string() }),
  counts: z.object({ total: z.number(), reported: z.number(), due: z.number(), overdue: z.number() }),
  deputies: z.array(z.object({
    deputyId: z.number(), name: z.string(), stationNames: z.array(z.string()), status: z.enum(['reported', 'due', 'overdue']), statusLabel: Label,
    dueBy: z.string(), held: z.number(), lastReportBack: z.object({ id: z.number(), date: z.string() }).nullable(),
  })),
}).meta({ id: 'ReportBackPlan' });

const Item = z.object({
  id: z.number(), title: z.string(), deputy: z.object({ id: z.number(), name: z.string() }), congressName: z.string(), startsAt: z.string(), place: z.string(),
  station: z.object({ id: z.number(), name: z.string() }).nullable(), state: State, stateLabel: Label, evaluationCount: z.number(), satisfiedPercent: z.number().nullable(),
  openIssues: z.number(), actions: z.array(z.string()),
}).meta({ id: 'ReportBackItem' });

const Report = z.object({ version: z.number(), text: z.string(), source: z.enum(['generated', 'edited']), at: z.string(), byName: z.string() });

const ReportBack = z.object({
  id: z.number(), title: z.string(), state: State, stateLabel: Label, version: z.number(),
  deputy: z.object({ id: z.number(), name: z.string(), levelLabel: Label }), congress: z.object({ level: Level, regionCode: z.string(), name: z.string() }),
  periodFrom: z.string(), periodTo: z.string(), invited: z.string(), cancelReason: z.string().nullable(),
  activity: z.object({
    id: z.number(), title: z.string(), startsAt: z.string(), endsAt: z.string().nullable(), place: z.string(), station: z.object({ id: z.number(), name: z.string() }).nullable(),
    participants: z.array(z.object({ deputyId: z.number(), name: z.string(), attendance: z.string() })),
  }),
  headcount: z.number().nullable(),
  report: Report.nullable(),
  evaluation: z.object({
    openedAt: z.string().nullable(), closesAt: z.string().nullable(), closedAt: z.string().nullable(), open: z.boolean(),
    publicUrl: z.string().nullable().meta({ description: 'Those running it only: the link in the QR code' }),
    counts: Counts, satisfiedPercent: z.number().nullable(), overHeadcount: z.boolean().meta({ description: 'More evaluations than constituents present: a warning' }),
  }),
  issueCounts: z.object({ open: z.number(), closed: z.number(), handed_case: z.number(), handed_suggestion: z.number(), overdue: z.number() }),
  actions: z.array(z.string()),
}).meta({ id: 'ReportBack' });

const Live = z.object({
  state: State, open: z.boolean(), closesAt: z.string().nullable(), counts: Counts, satisfiedPercent: z.number().nullable(), headcount: z.number().nullable(), overHeadcount: z.boolean(),
}).meta({ id: 'ReportBackLive' });

const Evaluation = z.object({
  id: z.number(), rating: Rating, ratingLabel: Label, comment: z.string().nullable(), channel: z.enum(['qr', 'paper']), channelLabel: Label, at: z.string(), issueId: z.number().nullable(),
}).meta({ id: 'ReportBackEvaluation' });

const Issue = z.object({
  id: z.number(), reportBackId: z.number(), text: z.string(), source: z.enum(['evaluation', 'staff', 'deputy']), sourceLabel: Label, evaluationId: z.number().nullable(),
  dueOn: z.string().nullable(), overdue: z.boolean(), state: IssueState, stateLabel: Label, closingNote: z.string().nullable(), closedAt: z.string().nullable(), closedByName: z.string().nullable(),
  case: z.object({ id: z.number(), trackingCode: z.string() }).nullable(), suggestion: z.object({ id: z.number(), title: z.string() }).nullable(), createdAt: z.string(),
  reportBack: z.object({ id: z.number(), title: z.string(), deputyName: z.string() }), actions: z.array(z.string()),
}).meta({ id: 'ReportBackIssue' });

const read = { access: 'authenticated', ability: 'reportBack.read' } as const;
const manage = { access: 'authenticated', ability: 'reportBack.manage' } as const;
const report = { access: 'authenticated', ability: 'reportBack.report' } as const;
const issue = { access: 'authenticated', ability: 'reportBack.issue' } as const;
const plan = { access: 'authenticated', ability: 'reportBack.plan' } as const;
const tags = ['reportBacks'];
const IssueParams = z.object({ issueId: QueryId });

export const reportBackRoutes: FastifyPluginAsyncZod = async (app) => {
  const detail = (actor: Actor, id: number) => getReportBack(app.db, actor, id, app.config.publicBaseUrl);

  app.get('/api/report-backs/congresses', {
    config: plan,
    schema: { tags, summary: '述职计划:人大列表 The congresses whose plan you run (running term)', response: { 200: z.object({ items: z.array(Congress) }), ...errorResponses } },
  }, async (request) => listCongresses(app.db, request.actor!));

  app.get('/api/report-backs/plan', {
    config: plan,
    schema: {
      tags, summary: '述职计划总览 Who of the running term must report back by when, and who has',
      description: 'Overdue first, then due, then reported. A report-back counts once its meeting has been held (not cancelled) within the period.',
      querystring: z.object({ level: Level, regionCode: RegionCode }), response: { 200: Plan, ...errorResponses },
    },
  }, async (request) => planOverview(app.db, request.actor!, request.query.level, request.query.regionCode));

  app.put('/api/report-backs/plan', {
    config: plan,
    schema: {
      tags, summary: '修改述职计划 Change a congress\'s plan', description: '400 REPORT_BACK_CONGRESS_INVALID; 409 CONFLICT on a stale version.',
      body: z.object({ level: Level, regionCode: RegionCode, cadence: OneOf(['per_term', 'yearly']), times: z.number().int().min(1).max(12), dueOn: CivilDate.nullable(), version: z.number().int().positive().optional() }),
      response: { 200: Plan, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => savePlan(ctx, request.body));
    return planOverview(app.db, request.actor!, request.body.level, request.body.regionCode);
  });

  app.get('/api/report-backs', {
    config: read,
    schema: {
      tags, summary: '述职列表 Report-backs in your reach, newest first', description: 'mine=true: the signed-in deputy\'s own.',
      querystring: z.object({ state: State.optional(), deputyId: QueryId.optional(), mine: QueryFlag.optional(), q: SearchQuery.optional(), ...PageQuery }),
      response: { 200: pageOf(Item), ...errorResponses },
    },
  }, async (request) => listReportBacks(app.db, request.actor!, request.query));

  app.post('/api/report-backs', {
    config: manage,
    schema: {
      tags, summary: '安排述职 Schedule a report-back',
      description: 'Either activityId (an activity of kind report_back not linked yet) or stationId + startsAt (+ endsAt, place): the activity is created in the same transaction. '
        + '400 REPORT_BACK_DEPUTY_INVALID, REPORT_BACK_CONGRESS_INVALID, REPORT_BACK_ACTIVITY_INVALID.',
      body: z.object({
        deputyId: Id, congress: z.object({ level: Level, regionCode: RegionCode }).optional(),
        title: Short(200).optional(), invited: Short(500).optional().meta({ description: '邀请的选区、村(社区)' }),
        periodFrom: CivilDate.optional(), periodTo: CivilDate.optional(),
        activityId: Id.optional(), stationId: Id.optional(), startsAt: z.iso.datetime({ offset: true }).optional(), endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
        place: Short(200).optional(),
        activity: z.object({
          title: Short(200).optional(), stationId: Id, startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
          place: Short(200).optional(), invited: Short(500).optional(),
        }).optional().meta({ description: 'The same meeting fields nested (as API v1 had them); the flat ones win' }),
      }),
      response: { 201: ReportBack, ...errorResponses },
    },
  }, async (request, reply) => {
    const { activity, ...flat } = request.body;
    const b = { ...activity, ...Object.fromEntries(Object.entries(flat).filter(([, v]) => v !== undefined)) } as typeof flat;
    const id = await runWrite(request, (ctx) => createReportBack(ctx, {
      ...b, startsAt: b.startsAt ? new Date(b.startsAt) : undefined, endsAt: b.endsAt ? new Date(b.endsAt) : null,
    }));
    reply.status(201);
    return detail(request.actor!, id);
  });

  app.get('/api/report-backs/activity-candidates', {
    config: manage,
    schema: {
      tags, summary: '可关联的述职活动 Report-back activities not linked yet', querystring: z.object({ deputyId: QueryId.optional() }),
      response: { 200: z.array(z.object({ id: z.number(), title: z.string(), startsAt: z.string(), stationName: z.string().nullable() })), ...errorResponses },
    },
  }, async (request) => activityCandidates(app.db, request.actor!, request.query.deputyId));

  app.get('/api/report-backs/issues', {
    config: read,
    schema: {
      tags, summary: '问题清单 Issue-list items across report-backs in your reach, newest first', description: 'mine=true: of the signed-in deputy\'s report-backs; overdue=true: open past the due date.',
      querystring: z.object({ state: IssueState.optional(), mine: QueryFlag.optional(), overdue: QueryFlag.optional(), ...PageQuery }),
      response: { 200: pageOf(Issue), ...errorResponses },
    },
  }, async (request) => listAllIssues(app.db, request.actor!, request.query));

  app.get('/api/report-backs/:id', {
    config: read,
    schema: { tags, summary: '述职详情 One report-back with what you may do now', params: IdParams, response: { 200: ReportBack, ...errorResponses } },
  }, async (request) => detail(request.actor!, request.params.id));

  app.put('/api/report-backs/:id/attendance', {
    config: manage,
    schema: { tags, summary: '到会群众人数 The constituents present (headcount)', params: IdParams, body: z.object({ headcount: z.number().int().min(0).max(100000) }), response: { 200: ReportBack, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => setHeadcount(ctx, request.params.id, request.body.headcount));
    return detail(request.actor!, request.params.id);
  });

  app.post('/api/report-backs/:id/cancel', {
    config: manage,
    schema: { tags, summary: '取消述职 Cancel a scheduled report-back', description: '409 REPORT_BACK_TRANSITION_INVALID once evaluated.', params: IdParams, body: z.object({ reason: Written(500) }), response: { 200: ReportBack, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => takeStep(ctx, request.params.id, 'cancel', { reason: request.body.reason }));
    return detail(request.actor!, request.params.id);
  });

  app.post('/api/report-backs/:id/evaluation/open', {
    config: manage,
    schema: {
      tags, summary: '开始测评 Open the evaluation (scheduled → evaluating, or reopen an evaluated one)',
      description: 'Makes the key of the public link once (kept when reopened); it stops by itself after `minutes` (default 180). 409 REPORT_BACK_TRANSITION_INVALID.',
      params: IdParams, body: z.object({ minutes: z.number().int().min(10).max(1440).optional() }).optional(), response: { 200: ReportBack, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, async (ctx) => {
      const { state } = await ctx.trx.selectFrom('report_back').select('state').where('id', '=', request.params.id).executeTakeFirst() ?? { state: 'scheduled' };
      await takeStep(ctx, request.params.id, state === 'evaluated' ? 'reopen_evaluation' : 'open_evaluation', { minutes: request.body?.minutes });
    });
    return detail(request.actor!, request.params.id);
  });

  app.post('/api/report-backs/:id/evaluation/close', {
    config: manage,
    schema: { tags, summary: '结束测评 Close the evaluation (evaluating → evaluated); the deputy hears the result', params: IdParams, body: z.object({}).optional(), response: { 200: ReportBack, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => takeStep(ctx, request.params.id, 'close_evaluation'));
    return detail(request.actor!, request.params.id);
  });

  app.get('/api/report-backs/:id/live', {
    config: read,
    schema: { tags, summary: '测评实时计数 Live counts for the projector screen', params: IdParams, response: { 200: Live, ...errorResponses } },
  }, async (request) => liveCounts(app.db, request.actor!, request.params.id));

  app.get('/api/report-backs/:id/qr.:format', {
    config: manage,
    schema: {
      tags, summary: '测评二维码 The QR code of the public evaluation link (PNG or SVG)', description: '409 REPORT_BACK_NO_KEY before the evaluation was first opened.',
      params: IdParams.extend({ format: z.enum(['png', 'svg']) }), produces: ['image/png', 'image/svg+xml'], response: { ...errorResponses },
    },
  }, async (request, reply) => {
    const r = await reportBackInReach(app.db, request.actor!, request.params.id);
    if (r.part !== 'manager') throw new AppError('FORBIDDEN');
    if (!r.eval_key) throw new AppError('REPORT_BACK_NO_KEY');
    const url = evaluationUrl(app.config.publicBaseUrl, r.eval_key);
    if (request.params.format === 'svg') {
      reply.header('content-security-policy', "default-src 'none'");
      return sendFile(reply, { body: Buffer.from(qrSvg(url)), type: 'image/svg+xml; charset=utf-8', name: `述职测评二维码-${r.id}.svg`, asciiName: `report-back-${r.id}-qr.svg` });
    }
    return sendFile(reply, { body: await qrPng(url), type: 'image/png', name: `述职测评二维码-${r.id}.png`, asciiName: `report-back-${r.id}-qr.png` });
  });

  app.get('/api/report-backs/:id/evaluations', {
    config: read,
    schema: {
      tags, summary: '测评意见 The evaluations, newest first (nothing personal)', params: IdParams,
      querystring: z.object({ rating: Rating.optional(), channel: OneOf(['qr', 'paper']).optional(), ...PageQuery }), response: { 200: pageOf(Evaluation), ...errorResponses },
    },
  }, async (request) => listEvaluations(app.db, request.actor!, request.params.id, request.query));

  app.post('/api/report-backs/:id/evaluations/paper', {
    config: manage,
    schema: {
      tags, summary: '录入纸质测评表 Enter paper forms', description: 'While evaluating or evaluated. A form whose phone evaluated already is refused (REPORT_BACK_ALREADY_EVALUATED), the others entered.',
      params: IdParams,
      body: z.object({ forms: z.array(z.object({ rating: Rating, comment: Short(500).nullable().optional(), phone: MobilePhone.nullable().optional() })).min(1).max(200) }),
      response: { 201: z.object({ created: z.number(), refused: z.array(z.object({ index: z.number(), code: z.string() })) }), ...errorResponses },
    },
  }, async (request, reply) => {
    const result = await runWrite(request, (ctx) => enterPaperForms(ctx, request.params.id, request.body.forms));
    reply.status(201);
    return result;
  });

  app.get('/api/report-backs/:id/report', {
    config: read,
    schema: {
      tags, summary: '述职报告 The report and its versions', params: IdParams,
      response: { 200: z.object({ current: Report.nullable(), versions: z.array(z.object({ version: z.number(), source: z.enum(['generated', 'edited']), at: z.string(), byName: z.string(), length: z.number() })) }), ...errorResponses },
    },
  }, async (request) => getReport(app.db, request.actor!, request.params.id));

  app.get('/api/report-backs/:id/report/versions/:version', {
    config: read,
    schema: { tags, summary: '述职报告历史版本 One version of the report', params: IdParams.extend({ version: QueryId }), response: { 200: Report, ...errorResponses } },
  }, async (request) => getReportVersion(app.db, request.actor!, request.params.id, request.params.version));

  app.post('/api/report-backs/:id/report/generate', {
    config: report,
    schema: {
      tags, summary: '生成述职报告初稿 A draft from the deputy\'s archive for the period (not saved)', params: IdParams, body: z.object({}).optional(),
      response: { 200: z.object({ text: z.string(), facts: z.object({ activities: z.number(), cases: z.number(), suggestions: z.number(), points: z.number() }) }), ...errorResponses },
    },
  }, async (request) => generateReport(app.db, request.actor!, request.params.id));

  app.put('/api/report-backs/:id/report', {
    config: report,
    schema: {
      tags, summary: '保存述职报告 Save a new version of the report', description: 'version: the one read (null when none yet). 409 CONFLICT (details.currentVersion) on a stale one.',
      params: IdParams, body: z.object({ text: Written(20000), version: z.number().int().positive().nullable(), source: OneOf(['generated', 'edited']).optional() }),
      response: { 200: z.object({ current: Report.nullable(), versions: z.array(z.object({ version: z.number(), source: z.enum(['generated', 'edited']), at: z.string(), byName: z.string(), length: z.number() })) }), ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => saveReport(ctx, request.params.id, request.body));
    return getReport(app.db, request.actor!, request.params.id);
  });

  app.get('/api/report-backs/:id/issues', {
    config: read,
    schema: { tags, summary: '问题清单 The issue list of a report-back', params: IdParams, response: { 200: z.object({ items: z.array(Issue) }), ...errorResponses } },
  }, async (request) => listIssues(app.db, request.actor!, request.params.id));

  app.post('/api/report-backs/:id/issues', {
    config: issue,
    schema: {
      tags, summary: '登记问题 Add an item to the issue list', description: 'dueOn: 30 days after the meeting when left out. 400 REPORT_BACK_ISSUE_EVALUATION_UNKNOWN.',
      params: IdParams, body: z.object({ text: Written(1000), dueOn: CivilDate.nullable().optional(), evaluationId: Id.nullable().optional() }),
      response: { 201: Issue, ...errorResponses },
    },
  }, async (request, reply) => {
    const issueId = await runWrite(request, (ctx) => addIssue(ctx, request.params.id, request.body));
    reply.status(201);
    return getIssue(app.db, request.actor!, issueId);
  });

  app.post('/api/report-backs/issues/:issueId/close', {
    config: issue,
    schema: {
      tags, summary: '问题销号 Close an item with a note (the deputy, or those running the report-back)', description: '409 REPORT_BACK_ISSUE_TRANSITION_INVALID when no longer open.',
      params: IssueParams, body: z.object({ note: Written(2000) }), response: { 200: Issue, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => closeIssue(ctx, request.params.issueId, request.body.note));
    return getIssue(app.db, request.actor!, request.params.issueId);
  });

  app.post('/api/report-backs/issues/:issueId/hand-on-case', {
    config: manage,
    schema: {
      tags, summary: '转群众意见办理 Hand an item on as a case', description: 'Registered at the report-back\'s station (channel 走访), addressed to the deputy; the item keeps the case. 409 REPORT_BACK_ISSUE_TRANSITION_INVALID.',
      params: IssueParams, body: z.object({ categoryId: Id.optional() }).optional(), response: { 200: Issue, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => handOnAsCase(ctx, request.params.issueId, request.body ?? {}));
    return getIssue(app.db, request.actor!, request.params.issueId);
  });

  app.post('/api/report-backs/issues/:issueId/hand-on-suggestion', {
    config: issue,
    schema: {
      tags, summary: '转代表建议 Hand an item on as the deputy\'s draft suggestion (the deputy)', description: 'A draft suggestion to the congress reported to, linked to the meeting\'s activity. 409 REPORT_BACK_ISSUE_TRANSITION_INVALID.',
      params: IssueParams, body: z.object({ title: Short(100).optional(), categoryId: Id.optional() }).optional(), response: { 200: Issue, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => handOnAsSuggestion(ctx, request.params.issueId, request.body ?? {}));
    return getIssue(app.db, request.actor!, request.params.issueId);
  });
};
