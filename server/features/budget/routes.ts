/**
 * The budget review API: reviews and their cycle, key projects, the committee's opinions,
 * deputies' comments and the answers, reports with their documents, performance evaluations.
 * Which reviews a reader reaches is decided in SQL (access.ts); what they may do by their part.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachment } from '../../platform/http/download.js';
import { now as clockNow } from '../../platform/clock.js';
import { documentFileName } from '../../platform/documents/model.js';
import { registerFont } from '../../platform/documents/pdf.js';
import { renderRegister } from '../../platform/documents/renderWorker.js';
import { sendFile } from '../../platform/http/sendFile.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { opinionsDocument } from './opinionsDocument.js';
import { CivilDate, errorResponses, Id, IdParams, OkResponse, PageQuery, pageOf, QueryFlag, QueryId } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { addComment, answerComment } from './comments.js';
import { concludeEvaluation, scoreEvaluation, startEvaluation } from './evaluations.js';
import { addProject, deleteProject, recordOpinion, updateProject } from './projects.js';
import { getReview, listComments, listMyComments, listReviews } from './queries.js';
import { checkReportFiles, fileReport, reportFile } from './reports.js';
import { createReview, takeReviewAction, updateReview } from './reviewCommands.js';
import { BUDGET_ACTIONS, BUDGET_STATES } from './workflow.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Ref = z.object({ id: z.number(), name: z.string() });
const Day = z.string().meta({ description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Instant = z.string().nullable().meta({ description: 'ISO 8601 instant (UTC)' });
const Yuan = z.number().int().min(0).max(1e13).meta({ description: 'Yuan (元), whole' });
const Kind = z.enum(['draft', 'adjustment']).meta({ description: 'draft 预算草案, adjustment 预算调整 (the mid-year adjustment)' });
const State = z.enum(BUDGET_STATES);
const Part = z.enum(['staff', 'reader', 'deputy', 'finance', 'department']).meta({
  description: 'staff: the congress\'s own staff or an administrator (acts); reader: staff above (reads); deputy: sits in the term; '
    + 'finance: the finance office\'s clerk; department: a unit reached through its projects or the comments addressed to it',
});
const Recommendation = z.enum(['agree', 'agree_with_changes', 'reconsider']);
const ReportKind = z.enum(['state_assets', 'debt']);
const CommentState = z.enum(['open', 'answered']);
const Score = z.number().int().min(0).max(100);
const Criteria = z.object({ decision: Score.optional(), process: Score.optional(), output: Score.optional(), effect: Score.optional() })
  .meta({ description: 'Scores per criterion (决策、过程、产出、效益), each 0–100' });

const ReviewListItem = z.object({
  id: z.number(), kind: Kind, kindLabel: Label, year: z.number(), title: z.string(), state: State, stateLabel: Label,
  congress: z.object({ level: z.enum(['county', 'township']), regionCode: z.string(), name: z.string(), termId: z.number(), termNumber: z.number() }),
  financeUnit: Ref, commentsDueOn: Day.nullable(), projectCount: z.number(),
  commentCount: z.number().meta({ description: 'The comments you read' }), openCommentCount: z.number(), myPart: Part,
}).meta({ id: 'BudgetReviewListItem' });

const Opinion = z.object({
  id: z.number(), projectId: z.number().nullable().meta({ description: 'null: the committee\'s general opinion' }),
  recommendation: Recommendation, recommendationLabel: Label, body: z.string(), recordedBy: z.string(), recordedAt: z.string(),
});

const Evaluation = z.object({
  id: z.number(), project: Ref, title: z.string(), state: z.enum(['open', 'concluded']), startedAt: z.string(), concludedAt: Instant,
  findings: z.string().nullable(), averageScore: z.number().nullable().meta({ description: 'Kept when concluded, one decimal' }),
  grade: z.enum(['excellent', 'good', 'fair', 'poor']).nullable().meta({ description: '优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below' }), gradeLabel: Label.nullable(),
  participants: z.array(z.object({
    deputyId: z.number(), name: z.string(), score: z.number().nullable(), criteria: Criteria.nullable(), opinion: z.string().nullable(), scoredAt: Instant,
  })),
});

const Review = ReviewListItem.extend({
  summary: z.string(), revenueYuan: z.number().nullable(), expenditureYuan: z.number().nullable(), answerDays: z.number(),
  session: z.object({ id: z.number(), number: z.number() }).nullable(), resolution: z.string().nullable(),
  openedAt: Instant, reviewedAt: Instant, submittedAt: Instant, approvedAt: Instant, closedAt: Instant,
  actions: z.array(z.enum(BUDGET_ACTIONS)).meta({ description: 'The cycle\'s actions you may take now' }),
  can: z.object({
    editProjects: z.boolean(), recordOpinions: z.boolean(), comment: z.boolean(), askOnReports: z.boolean(), answer: z.boolean(),
    fileReports: z.boolean(), startEvaluation: z.boolean(), edit: z.boolean(),
  }),
  generalOpinion: Opinion.nullable(),
  projects: z.array(z.object({
    id: z.number(), name: z.string(), category: z.string(), department: Ref.nullable(), amountYuan: z.number(),
    originalAmountYuan: z.number().nullable().meta({ description: 'An adjustment: the amount before it' }),
    description: z.string(), sort: z.number(), opinion: Opinion.nullable(), commentCount: z.number(), openCommentCount: z.number(),
  })),
  reports: z.array(z.object({
    id: z.number(), kind: ReportKind, kindLabel: Label, title: z.string(), summary: z.string(), filedAt: z.string(), filedBy: z.string(),
    files: z.array(z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), url: z.string() })),
    questionCount: z.number(), openQuestionCount: z.number(),
  })),
  evaluations: z.array(Evaluation),
  termDeputies: z.array(Ref).meta({ description: 'The deputies sitting in the term, to choose evaluation participants from; empty unless you act as staff' }),
}).meta({ id: 'BudgetReview' });

const Comment = z.object({
  id: z.number(), reviewId: z.number(), review: z.object({ id: z.number(), title: z.string() }), project: Ref.nullable(), report: z.object({ id: z.number(), title: z.string() }).nullable(),
  deputy: Ref, body: z.string(), addressedTo: Ref, addressedKind: z.enum(['finance', 'department']), state: CommentState, stateLabel: Label,
  dueOn: Day, overdue: z.boolean(), createdAt: z.string(), answer: z.string().nullable(), answeredAt: Instant, answeredBy: z.string().nullable(),
}).meta({ id: 'BudgetComment' });

const ReviewFields = z.object({
  title: z.string().trim().max(200).optional(),
  financeUnitId: Id.meta({ description: 'The finance office (财政局/财政所): a unit' }),
  sessionId: Id.nullable().optional().meta({ description: 'The session the budget goes to (a session of the term)' }),
  commentsDueOn: CivilDate.nullable().optional().meta({ description: 'The day deputies are asked to comment by' }),
  answerDays: z.number().int().min(1).max(60).optional().meta({ description: 'Days a unit has to answer a comment (default 7)' }),
  summary: z.string().max(20000).optional(), revenueYuan: Yuan.nullable().optional(), expenditureYuan: Yuan.nullable().optional(),
});

const ProjectBody = z.object({
  name: z.string().trim().min(1).max(200), category: z.string().trim().max(50).optional(),
  departmentUnitId: Id.nullable().optional().meta({ description: 'The department responsible; answers the comments on the project' }),
  amountYuan: Yuan, originalAmountYuan: Yuan.nullable().optional(), description: z.string().max(5000).optional(), sort: z.number().int().min(0).max(10000).optional(),
});

/** Files of 20 MB in all in base64, with room for the text. */
const REPORT_BODY_LIMIT = Math.ceil((20 * 1024 * 1024 * 4) / 3) + 256 * 1024;

const read = { access: 'authenticated', ability: 'budget.read' } as const;
const manage = { access: 'authenticated', ability: 'budget.manage' } as const;
const prepare = { access: 'authenticated', ability: 'budget.prepare' } as const;
const tags = ['budget'];

export const budgetRoutes: FastifyPluginAsyncZod = async (app) => {
  const detail = (request: FastifyRequest, id: number) => getReview(app.db, request.actor!, id);

  app.get('/api/budget-reviews', {
    config: read,
    schema: {
      tags, summary: '预算审查列表 Budget reviews you reach',
      description: 'Staff: their subtree\'s congresses; deputies: their terms\' reviews once opened; units: their finance office\'s, and those where they are a project\'s department or were addressed a comment. Newest first.',
      querystring: z.object({ year: z.coerce.number().int().min(2000).max(2200).optional(), kind: Kind.optional(), state: State.optional(), termId: QueryId.optional(), ...PageQuery }),
      response: { 200: pageOf(ReviewListItem), ...errorResponses },
    },
  }, async (request) => {
    const { limit, cursor, ...filters } = request.query;
    return listReviews(app.db, request.actor!, filters, { limit, cursor });
  });

  app.post('/api/budget-reviews', {
    config: manage,
    schema: {
      tags, summary: '建立预算审查 Create a budget review',
      description: 'By the congress\'s own staff (a county or township term: else 409 BUDGET_TERM_LEVEL). One per term, year and kind (409 BUDGET_REVIEW_EXISTS). '
        + 'An adjustment needs that year\'s draft approved (409 BUDGET_DRAFT_NOT_APPROVED) and starts from its key projects.',
      body: ReviewFields.extend({ termId: Id, year: z.number().int().min(2000).max(2200), kind: Kind }),
      response: { 201: Review, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createReview(ctx, request.body));
    reply.status(201);
    return detail(request, id);
  });

  app.get('/api/budget-reviews/:id', {
    config: read,
    schema: { tags, summary: '预算审查详情 One budget review', description: 'A department reads its own projects and evaluations only, and no reports.', params: IdParams, response: { 200: Review, ...errorResponses } },
  }, async (request) => detail(request, request.params.id));

  app.put('/api/budget-reviews/:id', {
    config: manage,
    schema: {
      tags, summary: '修改预算审查 Change a review', description: 'By the congress\'s staff, until approved (409 BUDGET_REVIEW_LOCKED).',
      params: IdParams, body: ReviewFields, response: { 200: Review, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => updateReview(ctx, request.params.id, request.body));
    return detail(request, request.params.id);
  });

  app.post('/api/budget-reviews/:id/actions', {
    config: manage,
    schema: {
      tags, summary: '预算审查流程操作 Move a review through its cycle',
      description: 'open (needs a key project: 409 BUDGET_NO_PROJECTS; tells the term\'s deputies), finish_preliminary (needs the general opinion: 409 BUDGET_OPINION_MISSING), '
        + 'submit, approve (comment = the resolution), close (no open comments: 409 BUDGET_COMMENTS_OPEN). Else 409 BUDGET_TRANSITION_INVALID / 403 BUDGET_ACTION_FORBIDDEN.',
      params: IdParams, body: z.object({ action: z.enum(BUDGET_ACTIONS), comment: z.string().max(2000).nullable().optional() }),
      response: { 200: Review, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => takeReviewAction(ctx, request.params.id, request.body.action, request.body.comment));
    return detail(request, request.params.id);
  });

  app.post('/api/budget-reviews/:id/projects', {
    config: prepare,
    schema: {
      tags, summary: '新增重点项目 Add a key project', description: 'The staff or the finance office, while prepared (409 BUDGET_PROJECTS_LOCKED).',
      params: IdParams, body: ProjectBody, response: { 201: Review, ...errorResponses },
    },
  }, async (request, reply) => {
    await runWrite(request, (ctx) => addProject(ctx, request.params.id, request.body));
    reply.status(201);
    return detail(request, request.params.id);
  });

  app.put('/api/budget-projects/:id', {
    config: prepare,
    schema: { tags, summary: '修改重点项目 Change a key project', description: 'While prepared (409 BUDGET_PROJECTS_LOCKED).', params: IdParams, body: ProjectBody, response: { 200: Review, ...errorResponses } },
  }, async (request) => {
    const reviewId = await runWrite(request, (ctx) => updateProject(ctx, request.params.id, request.body));
    return detail(request, reviewId);
  });

  app.delete('/api/budget-projects/:id', {
    config: prepare,
    schema: { tags, summary: '删除重点项目 Remove a key project', description: 'While prepared (409 BUDGET_PROJECTS_LOCKED).', params: IdParams, response: { 200: OkResponse, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => deleteProject(ctx, request.params.id));
    return { ok: true as const };
  });

  app.put('/api/budget-reviews/:id/opinion', {
    config: manage,
    schema: {
      tags, summary: '录入初审意见 Record the committee\'s preliminary opinion',
      description: 'One per project (projectId) and one general opinion (projectId null); recording again replaces it. While open or reviewed (409 BUDGET_OPINIONS_CLOSED).',
      params: IdParams, body: z.object({ projectId: Id.nullable(), recommendation: Recommendation, body: z.string().trim().min(1).max(5000) }),
      response: { 200: Review, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => recordOpinion(ctx, request.params.id, request.body));
    return detail(request, request.params.id);
  });

  app.get('/api/budget-reviews/:id/comments', {
    config: read,
    schema: {
      tags, summary: '代表意见 The comments and questions of a review', description: 'A department reads those addressed to it; everyone else with a part, all. Oldest first.',
      params: IdParams,
      querystring: z.object({ projectId: QueryId.optional(), reportId: QueryId.optional(), state: CommentState.optional(), mine: QueryFlag.optional() }),
      response: { 200: z.array(Comment), ...errorResponses },
    },
  }, async (request) => listComments(app.db, request.actor!, request.params.id, request.query));

  app.post('/api/budget-reviews/:id/comments', {
    config: { access: 'authenticated', ability: 'budget.comment' },
    schema: {
      tags, summary: '代表提出意见 A deputy comments on a project, asks on a report, or comments on the whole',
      description: 'A deputy of the term. On a project while open or reviewed: to its department (or the finance office with addressedTo finance, or when it has none); '
        + 'on a report (reportId): to the finance office, until approved; else 409 BUDGET_COMMENTS_CLOSED. Due after the review\'s answer days.',
      params: IdParams,
      body: z.object({
        projectId: Id.nullable().optional(), reportId: Id.nullable().optional(), body: z.string().trim().min(1).max(2000),
        addressedTo: z.enum(['finance', 'department']).optional(),
      }),
      response: { 201: Comment, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => addComment(ctx, request.params.id, request.body));
    reply.status(201);
    return (await listComments(app.db, request.actor!, request.params.id, {})).find((c) => c.id === id)!;
  });

  app.get('/api/budget-comments', {
    config: read,
    schema: {
      tags, summary: '我的预算意见 Comments across reviews that concern you',
      description: 'A unit: those addressed to it (the answer list); a deputy: their own; staff: those of the reviews they reach. Oldest first.',
      querystring: z.object({ state: CommentState.optional(), reviewId: QueryId.optional(), ...PageQuery }),
      response: { 200: pageOf(Comment), ...errorResponses },
    },
  }, async (request) => {
    const { limit, cursor, ...filters } = request.query;
    return listMyComments(app.db, request.actor!, filters, { limit, cursor });
  });

  app.post('/api/budget-comments/:id/answer', {
    config: { access: 'authenticated', ability: 'budget.answer' },
    schema: {
      tags, summary: '答复代表意见 Answer a comment', description: 'The unit it is addressed to (or an administrator); once (409 BUDGET_COMMENT_ANSWERED).',
      params: IdParams, body: z.object({ body: z.string().trim().min(1).max(4000) }), response: { 200: Comment, ...errorResponses },
    },
  }, async (request) => {
    const reviewId = await runWrite(request, (ctx) => answerComment(ctx, request.params.id, request.body.body));
    return (await listComments(app.db, request.actor!, reviewId, {})).find((c) => c.id === request.params.id)!;
  });

  app.post('/api/budget-reviews/:id/reports', {
    config: prepare,
    bodyLimit: REPORT_BODY_LIMIT,
    schema: {
      tags, summary: '报送专项报告 File a report on state assets or debt',
      description: 'The staff or the finance office, until approved (409 BUDGET_REVIEW_LOCKED). Files: PDF or images by content (REPLY_ATTACHMENT_TYPE, REPLY_ATTACHMENT_TOO_LARGE, REPLY_ATTACHMENTS_TOO_MANY).',
      params: IdParams,
      body: z.object({
        kind: ReportKind, title: z.string().trim().min(1).max(200), summary: z.string().max(20000).optional(),
        files: z.array(z.object({ name: z.string().trim().min(1).max(200), data: z.string().meta({ description: 'base64' }) })).max(10).optional(),
      }),
      response: { 201: Review, ...errorResponses },
    },
  }, async (request, reply) => {
    const files = await checkReportFiles(request.body.files);
    await runWrite(request, (ctx) => fileReport(ctx, request.params.id, request.body, files));
    reply.status(201);
    return detail(request, request.params.id);
  });

  app.get('/api/budget-reports/:id/files/:fileId', {
    config: read,
    schema: { tags, summary: '专项报告文件 A report\'s document', description: 'For those who read the review\'s reports (not a department). Others: 404.', params: IdParams.extend({ fileId: QueryId }) },
  }, async (request, reply) => {
    const { id, fileId } = request.params;
    const file = await reportFile(app.db, request.actor!, id, fileId);
    const disposition = attachment(file.name, `budget-report-${id}-file-${fileId}`);
    reply.header('content-type', file.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff')
      .header('content-disposition', file.mime === 'application/pdf' ? disposition.replace(/^attachment/, 'inline') : disposition);
    return reply.send(Buffer.from(file.bytes));
  });

  app.post('/api/budget-reviews/:id/evaluations', {
    config: manage,
    schema: {
      tags, summary: '开展绩效评价 Start the performance evaluation of a key project',
      description: 'By the congress\'s staff once approved (409 BUDGET_EVALUATION_STATE); participants are deputies of the term (400 UNKNOWN_REFERENCE otherwise).',
      params: IdParams, body: z.object({ projectId: Id, title: z.string().trim().max(200).optional(), participantIds: z.array(Id).min(1).max(500) }),
      response: { 201: Review, ...errorResponses },
    },
  }, async (request, reply) => {
    await runWrite(request, (ctx) => startEvaluation(ctx, request.params.id, request.body));
    reply.status(201);
    return detail(request, request.params.id);
  });

  app.post('/api/budget-evaluations/:id/score', {
    config: { access: 'authenticated', ability: 'budget.comment' },
    schema: {
      tags, summary: '代表绩效评分 A participating deputy scores the project',
      description: 'Again to change it, while open (409 BUDGET_EVALUATION_CONCLUDED); only a participant (403 BUDGET_NOT_PARTICIPANT).',
      params: IdParams, body: z.object({ score: Score, criteria: Criteria.optional(), opinion: z.string().trim().max(2000).optional() }),
      response: { 200: Review, ...errorResponses },
    },
  }, async (request) => {
    const reviewId = await runWrite(request, (ctx) => scoreEvaluation(ctx, request.params.id, request.body));
    return detail(request, reviewId);
  });

  app.post('/api/budget-evaluations/:id/conclude', {
    config: manage,
    schema: {
      tags, summary: '绩效评价结论 Conclude an evaluation with its findings', description: 'Needs a score (409 BUDGET_EVALUATION_UNSCORED); keeps the average and its grade.',
      params: IdParams, body: z.object({ findings: z.string().trim().min(1).max(10000) }), response: { 200: Review, ...errorResponses },
    },
  }, async (request) => {
    const reviewId = await runWrite(request, (ctx) => concludeEvaluation(ctx, request.params.id, request.body.findings));
    return detail(request, reviewId);
  });

  app.get('/api/budget-reviews/:id/opinions.pdf', {
    config: read,
    schema: {
      tags, summary: '预算审查意见 The review opinions as PDF',
      description: 'The budget at a glance, the committee\'s general opinion, each key project with its opinion, the comments with their answers, the concluded evaluations. '
        + 'Not for a department (403). 503 PDF_FONT_MISSING without a CJK font.',
      params: IdParams, produces: ['application/pdf'], response: { ...errorResponses, 503: ErrorResponse },
    },
  }, async (request, reply) => {
    const font = registerFont(app.config.posterFont);
    const doc = await opinionsDocument(app.db, request.actor!, request.params.id, clockNow());
    return sendFile(reply, { body: await renderRegister(doc, 'pdf', font), type: 'application/pdf', name: `${documentFileName(doc)}.pdf`, asciiName: `budget-review-${request.params.id}.pdf` });
  });
};
