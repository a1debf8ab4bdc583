/**
 * The routes of rounds, candidate projects and the vote (民生实事项目票决). Which records by the
 * scope filters in access.ts; which actions by the rule tables in workflow.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { now as clockNow } from '../../platform/clock.js';
import { registerFont } from '../../platform/documents/pdf.js';
import { renderRegister } from '../../platform/documents/renderWorker.js';
import { documentFileName } from '../../platform/documents/model.js';
import { CivilDate, ErrorResponse, errorResponses, Id, IdParams, MobilePhone, PageQuery, pageOf, QueryId, RegionCode, Timestamp } from '../../platform/http/schemas.js';
import { sendFile } from '../../platform/http/sendFile.js';
import { runWrite } from '../../platform/http/write.js';
import { DELIVERY_FIELDS } from './deliveryBody.js';
import { editProject, getProject, linkSources, listProjects, proposeProject } from './projects.js';
import { takeProjectAction } from './projectActions.js';
import { addPhotoWith, checkDeliveryPhotos } from './deliveryActions.js';
import { resultSheet } from './resultSheet.js';
import { createRound, getRound, listRounds, roundCongresses, takeRoundAction, updateRound } from './rounds.js';
import { castBallot, closeVote, enterPaperBallots, markPaperTurnout, myBallots, openVote, setPresent, turnoutWatch, vacuumBox, voteWithResults } from './vote.js';
import { PROJECT_ACTIONS, PROJECT_STATES, ROUND_ACTIONS, ROUND_STATES } from './workflow.js';

const TAG = ['livelihood'];
const LabelSchema = z.object({ zh: z.string(), en: z.string() });
const Mode = z.enum(['for_against', 'choose']);
const Origin = z.enum(['constituent', 'deputy', 'department', 'station']);

const Vote = z.object({
  id: z.number(), roundId: z.number(), state: z.enum(['open', 'closed']), outcome: z.enum(['counted', 'no_quorum']).nullable(),
  totalDeputies: z.number().meta({ description: '应到: all deputies of the congress term, frozen at the opening' }),
  present: z.number().meta({ description: '实到' }), quorumNeeded: z.number(), passMark: z.number().meta({ description: 'For-votes a project needs: more than half of all deputies' }),
  turnout: z.number(), turnoutPhone: z.number(), turnoutPaper: z.number(), paperBallots: z.number().meta({ description: 'Paper ballots entered into the box' }),
  spoiledBallots: z.number().nullable().meta({ description: 'Spoiled paper ballots (废票), counted for no project; known from the count on' }),
  openedAt: Timestamp, closedAt: Timestamp.nullable(),
});
const Result = z.object({
  projectId: z.number(), title: z.string(), forCount: z.number(), againstCount: z.number(), abstainCount: z.number(),
  passed: z.boolean(), adopted: z.boolean(), tied: z.boolean().meta({ description: 'Tied at the last place: stays on the ballot for a re-vote' }), rank: z.number().nullable(),
});
const VoteWithResults = Vote.extend({ results: z.array(Result), ties: z.array(z.number()) });
const Action = (names: readonly [string, ...string[]]) => z.object({ action: z.enum(names), label: LabelSchema, needsComment: z.boolean() });

const Round = z.object({
  id: z.number(), termId: z.number(), sessionId: z.number().nullable(), congressLevel: z.string(), congressRegionCode: z.string().nullable(),
  congressName: LabelSchema, sessionLabel: LabelSchema.nullable(), year: z.number(), title: z.string(),
  collectOpensOn: z.string(), collectClosesOn: z.string(), places: z.number(), ballotSize: z.number(), mode: Mode,
  quorum: z.object({ num: z.number(), den: z.number() }), state: z.enum(ROUND_STATES), stateLabel: LabelSchema,
  presidiumOn: z.string().nullable(), presidiumNote: z.string().nullable(), publishedAt: Timestamp.nullable(),
  counts: z.object({
    proposed: z.number(), shortlisted: z.number(), notShortlisted: z.number(), onBallot: z.number(),
    adopted: z.number().meta({ description: 'Adopted, and carried out since' }), notAdopted: z.number(), withdrawn: z.number(), total: z.number(),
  }),
  vote: Vote.nullable().meta({ description: 'The latest vote' }),
  actions: z.array(Action(ROUND_ACTIONS)), canPropose: z.boolean(),
  servingDeputies: z.number().meta({ description: 'The deputies a vote opened now would count as 应到 (serving deputies of the term)' }),
}).meta({ id: 'LivelihoodRound' });

const RoundBody = z.object({
  sessionId: Id.nullish().meta({ description: 'The session it is voted at' }),
  year: z.number().int().min(2000).max(2200),
  title: z.string().trim().min(1).max(200).meta({ description: '黄田镇2024年民生实事项目票决' }),
  collectOpensOn: CivilDate, collectClosesOn: CivilDate,
  places: z.number().int().min(1).max(200).meta({ description: '应选项目数' }),
  ballotSize: z.number().int().min(2).max(400).meta({ description: '候选项目数: more than places (差额)' }),
  mode: Mode,
  quorum: z.object({ num: z.number().int().min(1).max(100), den: z.number().int().min(1).max(100) }).optional()
    .meta({ description: 'Share of all deputies who must be present and vote; 2/3 by default' }),
});

const ProjectItem = z.object({
  id: z.number(), roundId: z.number(), title: z.string(), regionCode: z.string(), regionName: z.string(), address: z.string(),
  budgetYuan: z.number(), unitId: z.number().nullable(), unitName: z.string().nullable(), origin: Origin, originLabel: LabelSchema,
  proposerLabel: z.string().meta({ description: 'A deputy\'s or unit\'s or station\'s name; a constituent\'s masked for anyone but the staff and the account that entered it' }),
  state: z.enum(PROJECT_STATES), stateLabel: LabelSchema, ballotOrder: z.number().nullable(), sourceCount: z.number(),
}).meta({ id: 'LivelihoodProjectItem' });
const Project = ProjectItem.extend({
  description: z.string(), proposerPhone: z.string().nullable(), stationId: z.number().nullable(),
  sources: z.object({
    cases: z.array(z.object({ id: z.number(), trackingCode: z.string(), summary: z.string() })),
    activities: z.array(z.object({ id: z.number(), title: z.string() })),
  }),
  events: z.array(z.object({
    at: Timestamp, actorName: z.string(), action: z.string(), actionLabel: LabelSchema, fromState: z.string().nullable(), toState: z.string(), comment: z.string().nullable(),
  })),
  result: z.object({
    forCount: z.number(), againstCount: z.number(), abstainCount: z.number(), passed: z.boolean(), adopted: z.boolean(), tied: z.boolean(), rank: z.number().nullable(),
  }).nullable(),
  actions: z.array(Action(PROJECT_ACTIONS)),
}).meta({ id: 'LivelihoodProject' });

const ProjectFields = z.object({
  title: z.string().trim().min(1).max(200),
  regionCode: RegionCode.meta({ description: 'Where it is: a region within the congress\'s' }),
  address: z.string().trim().max(200).default(''),
  description: z.string().trim().min(1).max(20000),
  budgetYuan: z.number().int().min(0).max(99_999_999_999).meta({ description: 'Estimated budget in yuan' }),
  unitId: Id.nullish().meta({ description: 'The responsible department' }),
});
const Proposal = ProjectFields.extend({
  origin: Origin.optional().meta({ description: 'Staff only: whose proposal it is (constituent by default); others propose as themselves' }),
  proposerName: z.string().trim().max(50).nullish(), proposerPhone: MobilePhone.nullish(),
  proposerDeputyId: Id.nullish(), stationId: Id.nullish(),
  caseIds: z.array(Id).max(50).optional(), activityIds: z.array(Id).max(50).optional(),
});
const SourcesBody = z.object({ caseIds: z.array(Id).max(50).default([]), activityIds: z.array(Id).max(50).default([]) });

const CANDIDATE_ACTIONS = ['shortlist', 'not_shortlist', 'withdraw', 'start', 'record_milestone', 'record_spending', 'add_photo', 'complete', 'evaluate', 'open_rectification', 'close_rectification'] as const;
const ProjectActionBody = z.object({ action: z.enum(CANDIDATE_ACTIONS), comment: z.string().max(4000).nullish() }).extend(DELIVERY_FIELDS);

const Choice = z.enum(['for', 'against', 'abstain']);
const Ballot = z.object({
  choices: z.record(z.string().regex(/^\d+$/), Choice).optional().meta({ description: 'for_against: a mark per project id; one left out is an abstention' }),
  chosen: z.array(Id).max(400).optional().meta({ description: 'choose: the project ids chosen, at most the places' }),
  spoiled: z.literal(true).optional().meta({ description: 'Paper ballots only: a spoiled ballot (废票), with no marks; it counts as cast and for no project' }),
});
const PresentBody = z.object({ present: z.number().int().min(0).max(100_000).meta({ description: '实到人数' }) });

const ACTION_BODY_LIMIT = 16 * 1024 * 1024;

export const livelihoodRoutes: FastifyPluginAsyncZod = async (app) => {
  const read = { access: 'authenticated', ability: 'livelihood.read' } as const;
  const manage = { access: 'authenticated', ability: 'livelihood.manage' } as const;

  app.get('/api/livelihood/congresses', {
    config: manage,
    schema: {
      tags: TAG, summary: '可登记票决的人大 The congress terms the caller may open a livelihood-project round for',
      response: {
        200: z.array(z.object({
          termId: z.number(), level: z.string(), regionCode: z.string().nullable(), congressName: LabelSchema,
          sessions: z.array(z.object({ id: z.number(), number: z.number(), opensOn: z.string(), closesOn: z.string() })),
        })), ...errorResponses,
      },
    },
  }, async (request) => roundCongresses(app.db, request.actor!));

  app.get('/api/livelihood/rounds', {
    config: read,
    schema: {
      tags: TAG, summary: '民生实事项目票决 Rounds the caller reaches, newest first',
      querystring: z.object({ termId: QueryId.optional(), year: z.coerce.number().int().min(2000).max(2200).optional(), state: z.enum(ROUND_STATES).optional(), ...PageQuery }),
      response: { 200: pageOf(Round), ...errorResponses },
    },
  }, async (request) => listRounds(app.db, request.actor!, request.query));

  app.post('/api/livelihood/rounds', {
    config: manage,
    schema: {
      tags: TAG, summary: '登记票决 Open a round for a congress term and year',
      description: 'By the congress\'s own staff (403 otherwise). 400 LIVELIHOOD_BALLOT_NOT_COMPETITIVE unless ballotSize > places; 409 LIVELIHOOD_ROUND_EXISTS for a term and year taken.',
      body: RoundBody.extend({ termId: Id }), response: { 201: Round, ...errorResponses },
    },
  }, async (request, reply) => {
    const { termId, ...input } = request.body;
    const id = await runWrite(request, (ctx) => createRound(ctx, termId, input));
    reply.status(201);
    return getRound(app.db, request.actor!, id);
  });

  app.get('/api/livelihood/rounds/:id', {
    config: read, schema: { tags: TAG, summary: '票决详情 One round', params: IdParams, response: { 200: Round, ...errorResponses } },
  }, async (request) => getRound(app.db, request.actor!, request.params.id));

  app.put('/api/livelihood/rounds/:id', {
    config: manage,
    schema: {
      tags: TAG, summary: '修改票决 Change a round while collecting or shortlisting',
      params: IdParams, body: RoundBody, response: { 200: Round, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => updateRound(ctx, request.params.id, request.body));
    return getRound(app.db, request.actor!, request.params.id);
  });

  app.post('/api/livelihood/rounds/:id/actions', {
    config: manage,
    schema: {
      tags: TAG, summary: '票决流程操作 close_collection, reopen_collection, approve_ballot (主席团审定), reopen_shortlist, publish',
      description: 'approve_ballot: the shortlisted projects become the ballot, exactly ballotSize of them (409 LIVELIHOOD_BALLOT_SIZE_MISMATCH), in `order` if given; '
        + 'presidiumOn (default today) and the comment record the presidium\'s decision. reopen_shortlist needs a comment. publish once counted.',
      params: IdParams,
      body: z.object({
        action: z.enum(['close_collection', 'reopen_collection', 'approve_ballot', 'reopen_shortlist', 'publish']),
        comment: z.string().max(2000).nullish(), presidiumOn: CivilDate.optional(), order: z.array(Id).max(400).optional(),
      }),
      response: { 200: Round, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => takeRoundAction(ctx, request.params.id, request.body));
    return getRound(app.db, request.actor!, request.params.id);
  });

  app.get('/api/livelihood/rounds/:id/projects', {
    config: read,
    schema: {
      tags: TAG, summary: '候选项目 The round\'s projects the caller sees (ballot order first)',
      params: IdParams, querystring: z.object({ state: z.enum(PROJECT_STATES).optional() }), response: { 200: z.array(ProjectItem), ...errorResponses },
    },
  }, async (request) => listProjects(app.db, request.actor!, request.params.id, request.query.state));

  app.post('/api/livelihood/rounds/:id/projects', {
    config: { access: 'authenticated', ability: 'livelihood.propose' },
    schema: {
      tags: TAG, summary: '提出候选项目 Propose a candidate project',
      description: 'Deputies of the term propose as themselves (403 LIVELIHOOD_NOT_MEMBER otherwise), unit clerks for their unit, officers for their station (stationId), '
        + 'staff for anyone (origin; a constituent needs proposerName). While collecting (409 LIVELIHOOD_COLLECTION_CLOSED); the congress\'s staff also while shortlisting. '
        + 'Each linked case gets the public note project_proposed.',
      params: IdParams, body: Proposal, response: { 201: Project, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => proposeProject(ctx, request.params.id, request.body));
    reply.status(201);
    return getProject(app.db, request.actor!, id);
  });

  app.get('/api/livelihood/projects/:id', {
    config: read, schema: { tags: TAG, summary: '项目详情 One project', params: IdParams, response: { 200: Project, ...errorResponses } },
  }, async (request) => getProject(app.db, request.actor!, request.params.id));

  app.put('/api/livelihood/projects/:id', {
    config: { access: 'authenticated', ability: 'livelihood.act' },
    schema: {
      tags: TAG, summary: '修改候选项目 Change a candidate (its proposer or the staff, while proposed or shortlisted)',
      params: IdParams, body: ProjectFields, response: { 200: Project, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => editProject(ctx, request.params.id, request.body));
    return getProject(app.db, request.actor!, request.params.id);
  });

  app.put('/api/livelihood/projects/:id/sources', {
    config: { access: 'authenticated', ability: 'livelihood.act' },
    schema: {
      tags: TAG, summary: '关联群众意见 Link more cases and activities (each new case gets the note project_proposed)',
      params: IdParams, body: SourcesBody, response: { 200: Project, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => linkSources(ctx, request.params.id, request.body));
    return getProject(app.db, request.actor!, request.params.id);
  });

  app.post('/api/livelihood/projects/:id/actions', {
    config: { access: 'authenticated', ability: 'livelihood.act' },
    bodyLimit: ACTION_BODY_LIMIT,
    schema: {
      tags: TAG, summary: '项目流程操作 Take an action on a project',
      description: 'The rule table decides (GET /api/livelihood/projects/{id} lists yours as `actions`): 403 LIVELIHOOD_ACTION_FORBIDDEN, 409 LIVELIHOOD_TRANSITION_INVALID. '
        + 'shortlist (政府提出), not_shortlist (comment), withdraw (comment); the delivery actions take the fields named in their descriptions.',
      params: IdParams, body: ProjectActionBody, response: { 200: Project, ...errorResponses },
    },
  }, async (request) => {
    // A photo is checked and cleaned before the transaction opens: no connection is held while libvips works.
    const opts = request.body.action === 'add_photo' ? { handler: addPhotoWith(await checkDeliveryPhotos(request.body.photos)) } : {};
    await runWrite(request, (ctx) => takeProjectAction(ctx, request.params.id, request.body, opts));
    return getProject(app.db, request.actor!, request.params.id);
  });

  app.post('/api/livelihood/rounds/:id/vote', {
    config: manage,
    schema: {
      tags: TAG, summary: '开始票决 Open the vote (or a re-vote on projects tied at the last place)',
      description: 'Freezes 应到 (all serving deputies of the term). 400 LIVELIHOOD_PRESENT_TOO_MANY; 409 LIVELIHOOD_QUORUM_NOT_MET below the quorum; 409 LIVELIHOOD_BALLOT_EMPTY.',
      params: IdParams, body: PresentBody, response: { 201: VoteWithResults, ...errorResponses },
    },
  }, async (request, reply) => {
    const voteId = await runWrite(request, (ctx) => openVote(ctx, request.params.id, request.body.present));
    reply.status(201);
    return voteWithResults(app.db, request.actor!, voteId);
  });

  app.get('/api/livelihood/votes/:id', {
    config: read, schema: { tags: TAG, summary: '票决结果 A vote, its counts and (after the count) its results', params: IdParams, response: { 200: VoteWithResults, ...errorResponses } },
  }, async (request) => voteWithResults(app.db, request.actor!, request.params.id));

  app.put('/api/livelihood/votes/:id/present', {
    config: manage,
    schema: {
      tags: TAG, summary: '修改实到人数 Change the number present (never below the turnout: 409 LIVELIHOOD_PRESENT_BELOW_TURNOUT)',
      params: IdParams, body: PresentBody, response: { 200: VoteWithResults, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => setPresent(ctx, request.params.id, request.body.present));
    return voteWithResults(app.db, request.actor!, request.params.id);
  });

  app.get('/api/livelihood/my-ballots', {
    config: { access: 'authenticated', ability: 'livelihood.vote' },
    schema: {
      tags: TAG, summary: '我的选票 The open votes of the deputy\'s congress terms and whether they have voted (never how)',
      response: {
        200: z.array(z.object({
          voteId: z.number(), roundId: z.number(), roundTitle: z.string(), mode: Mode, places: z.number(), voted: z.boolean(),
          projects: z.array(z.object({ id: z.number(), title: z.string(), address: z.string(), budgetYuan: z.number(), description: z.string(), unitName: z.string().nullable() })),
        })), ...errorResponses,
      },
    },
  }, async (request) => myBallots(app.db, request.actor!));

  app.post('/api/livelihood/votes/:id/ballot', {
    config: { access: 'authenticated', ability: 'livelihood.vote' },
    schema: {
      tags: TAG, summary: '投票 Cast one\'s ballot (secret: only that one has voted is kept with one\'s name)',
      description: '403 LIVELIHOOD_NOT_MEMBER, 409 LIVELIHOOD_VOTE_NOT_OPEN, 409 LIVELIHOOD_VOTE_ALREADY_CAST, 409 LIVELIHOOD_PRESENT_REACHED, 400 LIVELIHOOD_BALLOT_INVALID.',
      params: IdParams, body: Ballot, response: { 200: z.object({ voted: z.literal(true), turnout: z.number() }), ...errorResponses },
    },
  }, async (request) => runWrite(request, (ctx) => castBallot(ctx, request.params.id, request.body)));

  app.post('/api/livelihood/votes/:id/paper-turnout', {
    config: manage,
    schema: {
      tags: TAG, summary: '登记纸质投票代表 Mark deputies as voting on paper (who, never how)',
      params: IdParams, body: z.object({ deputyIds: z.array(Id).min(1).max(2000) }), response: { 200: VoteWithResults, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => markPaperTurnout(ctx, request.params.id, request.body.deputyIds));
    return voteWithResults(app.db, request.actor!, request.params.id);
  });

  app.post('/api/livelihood/votes/:id/paper-ballots', {
    config: manage,
    schema: {
      tags: TAG, summary: '录入纸质选票 Enter paper ballots (no deputy named; never more than the paper turnout: 409 LIVELIHOOD_PAPER_BALLOTS_EXCEED)',
      params: IdParams, body: z.object({ ballots: z.array(Ballot).min(1).max(2000) }),
      response: { 200: z.object({ paperBallots: z.number(), turnoutPaper: z.number() }), ...errorResponses },
    },
  }, async (request) => runWrite(request, (ctx) => enterPaperBallots(ctx, request.params.id, request.body.ballots)));

  app.get('/api/livelihood/votes/:id/turnout', {
    config: manage,
    schema: {
      tags: TAG, summary: '投票情况 The turnout watch: counts and the names of who has voted, never how',
      params: IdParams,
      response: {
        200: z.object({
          voteId: z.number(), state: z.enum(['open', 'closed']), totalDeputies: z.number(), present: z.number(), quorumNeeded: z.number(),
          voted: z.number(), phone: z.number(), paper: z.number(), paperBallots: z.number(),
          deputies: z.array(z.object({ id: z.number(), name: z.string(), voted: z.boolean(), channel: z.enum(['phone', 'paper']).nullable() })),
        }), ...errorResponses,
      },
    },
  }, async (request) => turnoutWatch(app.db, request.actor!, request.params.id));

  app.post('/api/livelihood/votes/:id/close', {
    config: manage,
    schema: {
      tags: TAG, summary: '结束投票并计票 Close the vote and count',
      description: '409 LIVELIHOOD_PAPER_BALLOTS_MISSING while paper ballots are still to be entered. Turnout below the quorum: outcome no_quorum, nothing adopted. '
        + 'A project passes with more for-votes than half of ALL deputies; the top `places` of those passing are adopted; a tie at the last place is listed in `ties`.',
      params: IdParams, response: { 200: VoteWithResults, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => closeVote(ctx, request.params.id));
    await vacuumBox(app.db);
    return voteWithResults(app.db, request.actor!, request.params.id);
  });

  app.get('/api/livelihood/rounds/:id/result-sheet.pdf', {
    config: read,
    schema: {
      tags: TAG, summary: '票决结果报告单 The result sheet of the round\'s count, as PDF',
      description: '409 LIVELIHOOD_NOT_COUNTED before a count; 503 PDF_FONT_MISSING without a CJK font.',
      params: IdParams, produces: ['application/pdf'], response: { ...errorResponses, 503: ErrorResponse },
    },
  }, async (request, reply) => {
    const font = registerFont(app.config.posterFont);
    const doc = await resultSheet(app.db, request.actor!, request.params.id, clockNow());
    const body = await renderRegister(doc, 'pdf', font);
    return sendFile(reply, { body, type: 'application/pdf', name: `${documentFileName(doc)}.pdf`, asciiName: `livelihood-result-${request.params.id}.pdf` });
  });
};
