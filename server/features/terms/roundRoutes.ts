import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_STATES } from '../cases/index.js';
import { DEPUTY_LEVELS, GENDERS, STATION_MEMBER_ROLES } from '../../../common/enums.js';
import { previewRound, runRound } from './roundCommands.js';
import { CivilDate, errorResponses, Id, IdParams } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { TermSchema } from './presenter.js';
import { presentPlan, roundInputs, termCoverage } from './roundQueries.js';
import { getTerm } from './queries.js';
import { today } from '../../platform/clock.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Role = z.enum(STATION_MEMBER_ROLES.keys);

const RoundInputSchema = z.object({
  version: z.number().int().meta({ description: 'The running term\'s version as read (409 CONFLICT if it has changed)' }),
  next: z.object({
    number: z.number().int().min(1).max(30).meta({ description: 'The new term\'s number: 13 for 第十三届' }),
    startsOn: CivilDate.meta({ description: 'Its first day; the running term ends the day before' }),
  }),
  deputies: z.array(z.object({
    deputyId: Id,
    outcome: z.enum(['re_elected', 'leaves']),
    specialLiaison: z.boolean().optional().meta({ description: 'With `leaves`: made a 特邀联络员, keeping their stations (a 站长 becomes 联络员)' }),
  })).max(20_000).meta({ description: 'Every serving deputy of the term, once: re-elected (连任) or leaving (离任)' }),
  rosterImportId: Id.optional().meta({ description: 'A ready deputy roster import created with `termId` = this term; its rows become the new term\'s deputies, matched with registered people' }),
  memberships: z.array(z.object({
    deputyId: Id.optional(),
    rosterRow: z.number().int().positive().optional().meta({ description: 'A roster row number (sheet row), for a new deputy of the roster' }),
    stations: z.array(z.object({ stationId: Id, role: Role })).max(50),
  }).refine((m) => (m.deputyId === undefined) !== (m.rosterRow === undefined), { message: 'PLACE_REQUIRED' }))
    .max(20_000).optional().meta({ description: '编组进站 overrides: the person\'s full set of stations in the congress\'s region after the round' }),
  successors: z.array(z.object({
    stationId: Id,
    deputyId: Id.optional(),
    rosterRow: z.number().int().positive().optional(),
  }).refine((m) => (m.deputyId === undefined) !== (m.rosterRow === undefined), { message: 'PLACE_REQUIRED' }))
    .max(5_000).optional().meta({ description: 'Per station, who takes over the open cases of the deputies who leave (a member serving there after the round)' }),
}).meta({ id: 'RoundInput' });

const Person = z.object({ id: z.number().nullable(), rosterRow: z.number().nullable(), name: z.string() });

const CoverageSchema = z.object({
  term: z.object({ id: z.number().nullable().meta({ description: 'Null in a preview: the term does not exist yet' }), number: z.number(), name: Label }),
  serving: z.number().meta({ description: 'Deputies of the term still serving' }),
  stationed: z.number().meta({ description: 'Of them, in at least one station of the congress\'s region' }),
  stationedRate: z.number().meta({ description: '进驻率: stationed / serving, 0–1 (1 when nobody serves)' }),
  stationCount: z.number().meta({ description: 'Active stations whose home region is in the congress\'s region' }),
  coveredCount: z.number().meta({ description: 'Of them, with at least one serving deputy (of any congress)' }),
  coverageRate: z.number().meta({ description: '覆盖率: coveredCount / stationCount, 0–1 (1 when there are none)' }),
  headedCount: z.number().meta({ description: 'Stations with a serving deputy as 站长 (role head)' }),
  stations: z.array(z.object({
    id: z.number(),
    name: z.string(),
    deputies: z.array(Person.extend({
      role: Role, roleLabel: Label,
      thisTerm: z.boolean().meta({ description: 'A deputy of this term (false: of another congress, or a special liaison)' }),
      specialLiaison: z.boolean().meta({ description: 'A former deputy kept as 特邀联络员; not counted' }),
    })),
    deputyCount: z.number().meta({ description: 'Serving deputies (special liaisons not counted)' }),
    hasHead: z.boolean(),
    flags: z.array(z.enum(['NO_DEPUTY', 'NO_HEAD'])),
  })),
  unstationed: z.array(Person).meta({ description: 'Serving deputies of the term in none of these stations' }),
}).meta({ id: 'RoundCoverage' });

const ProblemSchema = z.object({ path: z.string(), code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });

const PlanSchema = z.object({
  ok: z.boolean().meta({ description: 'No problems: the round may run' }),
  closing: z.object({ id: z.number(), number: z.number(), startsOn: z.string(), endsOn: z.string(), name: Label }),
  next: z.object({ number: z.number(), startsOn: z.string(), name: Label }),
  counts: z.object({
    serving: z.number(), reElected: z.number(), leaving: z.number(), specialLiaisons: z.number(),
    rosterRows: z.number(), rosterMatched: z.number(), rosterNew: z.number(), newTermDeputies: z.number(), casesHandedOver: z.number(),
  }),
  roster: z.array(z.object({
    row: z.number(), name: z.string(),
    match: z.object({
      deputyId: z.number(), name: z.string(), status: z.enum(['current', 'former']), by: z.enum(['phone', 'birthYear']),
      reElected: z.boolean().meta({ description: 'The same person is marked re-elected in `deputies`' }),
    }).nullable().meta({ description: 'The registered person the row is; null: a new deputy is created' }),
    stations: z.array(z.object({ id: z.number(), name: z.string(), role: Role, roleLabel: Label })),
  })),
  coverage: CoverageSchema,
  handovers: z.array(z.object({
    caseId: z.number(), trackingCode: z.string(), state: z.enum(CASE_STATES), stateLabel: Label,
    station: z.object({ id: z.number(), name: z.string() }),
    from: z.object({ id: z.number(), name: z.string() }),
    to: z.object({ deputyId: z.number().nullable(), rosterRow: z.number().nullable(), name: z.string() }).nullable(),
  })),
  problems: z.array(ProblemSchema),
}).meta({ id: 'RoundPlan' });

const InputsSchema = z.object({
  term: TermSchema,
  suggested: z.object({ number: z.number(), startsOn: z.string(), name: Label }),
  deputies: z.array(z.object({
    id: z.number(), name: z.string(), gender: z.enum(GENDERS.keys), phone: z.string().nullable(),
    otherSeats: z.array(z.object({ level: z.enum(DEPUTY_LEVELS.keys), levelLabel: Label, term: z.number() })),
    stations: z.array(z.object({ id: z.number(), name: z.string(), role: Role, roleLabel: Label })),
    openCases: z.number().meta({ description: 'Open cases they hold' }),
  })),
  stations: z.array(z.object({
    id: z.number(), name: z.string(), regionName: z.string().meta({ description: 'The station\'s home region' }),
    openCasesOfDeputies: z.number().meta({ description: 'Open cases held by this term\'s deputies at the station' }),
  })),
}).meta({ id: 'RoundInputs' });

const ResultSchema = z.object({
  term: TermSchema.meta({ description: 'The new term' }),
  closed: TermSchema.meta({ description: 'The term closed, now with its last day' }),
  summary: z.object({
    reElected: z.number(), left: z.number(), specialLiaisons: z.number(), imported: z.number(), matched: z.number(), casesHandedOver: z.number(),
    membershipsKept: z.number(), membershipsEnded: z.number(), membershipsAdded: z.number(),
  }),
  coverage: CoverageSchema,
}).meta({ id: 'RoundResult' });

const config = { access: 'authenticated' as const, ability: 'term.round' as const };
const SCOPE = 'Staff of the congress\'s region (and above) and administrators; 404 for a term one cannot see, 403 for one seen but not managed. See docs/ELECTIONS.md.';

export const electionRoundRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/terms/:id/round', {
    config,
    schema: {
      tags: ['terms'], summary: '换届准备 What an election round starts from',
      description: 'The running term, its serving deputies with their stations, seats in other congresses and open cases, the active stations of the '
        + `congress's region, and a suggested next number and first day. 409 ROUND_TERM_NOT_LATEST when a later term exists. ${SCOPE}`,
      params: IdParams, response: { 200: InputsSchema, ...errorResponses },
    },
  }, async (request) => {
    const { t, ...rest } = await roundInputs(app.db, request.actor!, request.params.id, today());
    return { term: await getTerm(app.db, request.actor!, t.id, today()), ...rest };
  });

  app.post('/api/terms/:id/round/preview', {
    config,
    schema: {
      tags: ['terms'], summary: '换届预览 Preview an election round',
      description: 'Plans the round without writing: the counts, the roster rows matched with registered people or new, the coverage after it '
        + '(进驻率, 覆盖率, stations without a deputy or a 站长), the hand-over of each open case, and every problem that blocks it, per field '
        + `with a stable code. Answers 200 with \`ok: false\` while there are problems. ${SCOPE}`,
      params: IdParams, body: RoundInputSchema, response: { 200: PlanSchema, ...errorResponses },
    },
  }, async (request) => {
    const { term, loaded, plan } = await previewRound(app.db, request.actor!, request.params.id, request.body);
    return presentPlan(loaded, term, request.body.next, plan, request.lang);
  });

  app.post('/api/terms/:id/round', {
    config,
    schema: {
      tags: ['terms'], summary: '办理换届 Run the election round',
      description: 'All or nothing, in one transaction with its audit records: closes the term (the day before the next starts), opens the next, '
        + 'ends or carries over every seat, creates or matches the roster\'s deputies, sets the memberships and hands the open cases over. '
        + `409 ROUND_BLOCKED with the preview's problems (\`details.problems\`, \`fields\`) when anything blocks it. ${SCOPE}`,
      params: IdParams, body: RoundInputSchema, response: { 201: ResultSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const outcome = await runWrite(request, (ctx) => runRound(ctx, request.params.id, request.body, request.lang));
    reply.status(201);
    const [term, closed, coverage] = await Promise.all([
      getTerm(app.db, request.actor!, outcome.newTermId, today()),
      getTerm(app.db, request.actor!, outcome.closedTermId, today()),
      termCoverage(app.db, request.actor!, outcome.newTermId),
    ]);
    return { term, closed, summary: outcome.summary, coverage };
  });

  app.get('/api/terms/:id/coverage', {
    config,
    schema: {
      tags: ['terms'], summary: '编组进站情况 Coverage of a term',
      description: 'Its deputies still serving and whether each sits in a station of the congress\'s region (进驻率), and each active station '
        + `of the region with its serving deputies and 站长 (覆盖率), flagged NO_DEPUTY or NO_HEAD. ${SCOPE}`,
      params: IdParams, response: { 200: CoverageSchema, ...errorResponses },
    },
  }, async (request) => termCoverage(app.db, request.actor!, request.params.id));
};

