import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPUTY_LEVELS } from '../../../common/enums.js';
import { RATING_LABELS } from '../../../common/caseVocabulary.js';
import { errorResponses, IdParams, QueryFlag, QueryId, RegionCode, SearchQuery } from '../../platform/http/schemas.js';
import { getSuggestion, listSuggestions } from './queries.js';
import { suggestionTodoCondition, SUGGESTION_TODO_KEYS } from './todos.js';
import { SUGGESTION_ACTIONS, SUGGESTION_STATES } from './workflow.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Ref = z.object({ id: z.number(), name: z.string() });
const Day = z.string().nullable().meta({ description: 'YYYY-MM-DD (Asia/Shanghai)' });
const Instant = z.string().nullable().meta({ description: 'ISO 8601 instant (UTC)' });
const Kind = z.enum(['suggestion', 'motion']);
const Category = z.enum(['A', 'B', 'C']);
const Rating = z.enum(RATING_LABELS.keys);
const Overdue = z.boolean().meta({ description: 'Units hold it (assigned, reassignment asked, re-handling) and its last day has passed' });

export const SuggestionListItem = z.object({
  id: z.number(), kind: Kind, state: z.enum(SUGGESTION_STATES), stateLabel: Label, title: z.string(),
  numberLabel: z.string().nullable().meta({ description: '第十八届第三次会议第0012号; null until registered' }),
  categoryName: z.string(), leadDeputy: Ref, cosignerCount: z.number().meta({ description: 'Confirmed co-signers' }),
  congressName: z.string().meta({ description: 'The congress it goes to: 平桂区人民代表大会' }),
  leadUnit: Ref.nullable(), deadlineDate: Day, overdue: Overdue, answerCategory: Category.nullable(), rating: Rating.nullable(),
  keySupervision: z.boolean(), submittedAt: Instant, updatedAt: z.string(),
}).meta({ id: 'SuggestionListItem' });

const SuggestionDetail = z.object({
  id: z.number(), kind: Kind, state: z.enum(SUGGESTION_STATES), stateLabel: Label, title: z.string(), reasons: z.string(), proposals: z.string(),
  category: Ref, region: z.object({ code: z.string(), name: z.string() }),
  congress: z.object({ level: z.enum(DEPUTY_LEVELS.keys), regionCode: z.string().nullable(), name: z.string() }),
  term: z.object({ id: z.number(), number: z.number() }),
  session: z.object({ id: z.number(), number: z.number() }).nullable().meta({ description: 'The session it was filed during; null between sessions (闭会期间)' }),
  numberLabel: z.string().nullable(), published: z.boolean(), complex: z.boolean().meta({ description: 'Complex: the 6-month deadline' }),
  keySupervision: z.boolean(), keyLeader: z.string().nullable(), keyPlan: z.string().nullable(), urgeCount: z.number(),
  submittedAt: Instant, registeredAt: Instant, assignedOn: Day, deadlineDate: Day, overdue: Overdue,
  reassignUntil: Day.meta({ description: 'The last day a unit may ask for a different assignment' }),
  coViewDue: Day.meta({ description: 'The day co-units send their views to the lead unit by' }),
  answeredAt: Instant, answerCategory: Category.nullable(), answeredOnTime: z.boolean().nullable(),
  round: z.number().meta({ description: '1; 2 after an unsatisfied rating sent it back' }), rating: Rating.nullable(), closedAt: Instant,
  declineReason: z.string().nullable(), convertedCaseId: z.number().nullable(),
  signers: z.array(z.object({
    deputyId: z.number(), name: z.string(), role: z.enum(['lead', 'cosigner']), status: z.enum(['invited', 'confirmed', 'declined']), respondedAt: Instant,
    phone: z.string().nullable().meta({ description: 'Only to those who may read the deputy\'s contact details (the staff over the deputy, the deputy); null to units and fellow deputies' }),
  })),
  sources: z.object({
    cases: z.array(z.object({
      id: z.number(), trackingCode: z.string(), state: z.string(),
      content: z.string().nullable().meta({ description: 'The first 120 characters; null when you cannot open the case' }),
    })),
    activities: z.array(z.object({ id: z.number(), title: z.string(), date: z.string() })),
  }),
  units: z.array(z.object({
    unitId: z.number(), name: z.string(), role: z.enum(['lead', 'co']), part: z.string(),
    view: z.string().nullable().meta({ description: 'A co-unit\'s view sent to the lead unit' }), viewAt: Instant,
  })),
  reassignments: z.array(z.object({
    id: z.number(), unitId: z.number(), unitName: z.string(), reason: z.string(), requestedAt: z.string(),
    decision: z.enum(['granted', 'refused']).nullable(), decidedAt: Instant, decisionComment: z.string().nullable(),
  })),
  contacts: z.array(z.object({
    id: z.number(), unitName: z.string(), stage: z.enum(['before', 'during', 'after']),
    mode: z.enum(['phone', 'meeting', 'site_visit', 'letter', 'online']), on: z.string(), note: z.string(),
  })),
  answers: z.array(z.object({
    id: z.number(), round: z.number(), unitName: z.string(), category: Category, body: z.string(), signedBy: z.string(), answeredAt: z.string(), onTime: z.boolean(),
  })),
  commitments: z.array(z.object({
    id: z.number(), answerId: z.number(), body: z.string(), dueOn: z.string(), doneAt: Instant, doneNote: z.string().nullable(),
    overdue: z.boolean().meta({ description: 'Not kept and its day has passed' }),
  })),
  ratings: z.array(z.object({ round: z.number(), deputyName: z.string(), role: z.enum(['lead', 'cosigner']), rating: Rating, comment: z.string().nullable(), ratedAt: z.string() })),
  files: z.array(z.object({
    id: z.number(), name: z.string(), mime: z.string(), size: z.number(), purpose: z.enum(['draft', 'answer', 'co_view', 'follow_up']),
    public: z.boolean(), eventId: z.number().nullable(), url: z.string(),
  })),
  events: z.array(z.object({
    id: z.number(), at: z.string(), actorName: z.string(), action: z.string(), actionLabel: Label,
    fromState: z.string().nullable(), toState: z.string(), comment: z.string().nullable(), data: z.record(z.string(), z.unknown()),
  })),
  part: z.enum(['lead', 'cosigner', 'staff', 'unit', 'co_unit']).nullable()
    .meta({ description: 'Your part in it: lead deputy, co-signer, the congress\'s staff, the lead unit or a co-unit; null: you read it only' }),
  actions: z.array(z.object({ action: z.enum(SUGGESTION_ACTIONS), label: Label, needsComment: z.boolean() }))
    .meta({ description: 'What you may do now (POST /api/suggestions/{id}/actions): the rule table for your part, less what its facts rule out' }),
}).meta({ id: 'SuggestionDetail' });

/** The list's filters, which its Excel export takes too. */
export const SuggestionFilterQuery = {
  state: z.enum(SUGGESTION_STATES).optional(),
  kind: Kind.optional(),
  level: z.enum(DEPUTY_LEVELS.keys).optional().meta({ description: 'The level of the congress it goes to' }),
  regionCode: RegionCode.optional().meta({ description: 'The region it concerns, with every region inside' }),
  categoryId: QueryId.optional(),
  unitId: QueryId.optional().meta({ description: 'Assigned to this unit, as lead or co-unit' }),
  deputyId: QueryId.optional().meta({ description: 'Signed by this deputy, as lead or co-signer' }),
  termId: QueryId.optional(),
  sessionId: QueryId.optional(),
  keyOnly: QueryFlag.optional().meta({ description: 'true: under key supervision only' }),
  overdue: QueryFlag.optional(),
  q: SearchQuery.optional().meta({ description: 'Words of the title, or of the number' }),
  caseId: QueryId.optional().meta({ description: 'Grown from this case' }),
  activityId: QueryId.optional().meta({ description: 'Grown from this activity' }),
  mine: QueryFlag.optional().meta({ description: 'true: your own — a deputy\'s as lead, a unit\'s as lead unit, a staff member\'s congress\'s' }),
  todo: z.enum(SUGGESTION_TODO_KEYS as [string, ...string[]]).optional()
    .meta({ description: 'One of your to-do items (GET /api/todo), e.g. `suggestion.review`; an item of another role matches nothing' }),
  sort: z.enum(['newest', 'deadline']).default('newest').meta({ description: '`deadline`: the nearest deadline first, those without one last' }),
};

export const suggestionReadRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/suggestions', {
    config: { access: 'authenticated', ability: 'suggestion.read' },
    schema: {
      tags: ['suggestions'], summary: '代表建议列表 Suggestions and motions in your reach',
      description: 'Staff: those going to a congress in their region (not drafts); deputies: those they lead or were invited to; units: those assigned to them.',
      querystring: z.object({
        ...SuggestionFilterQuery,
        page: z.coerce.number().int().min(1).max(10_000).default(1).meta({ description: 'A page number (from 1); ignored with a cursor' }),
        pageSize: z.coerce.number().int().min(1).max(200).default(20),
        cursor: z.string().max(200).optional().meta({ description: 'Opaque cursor from the previous page\'s nextCursor, instead of a page number' }),
      }),
      response: {
        200: z.object({
          items: z.array(SuggestionListItem), nextCursor: z.string().nullable(),
          total: z.number().nullable().meta({ description: 'How many match (from the cursor on, when one is given); null on a page past the end' }),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { todo, sort, page, pageSize, cursor, ...filters } = request.query;
    const actor = request.actor!;
    return listSuggestions(app.db, actor, filters, { limit: pageSize, page, cursor, sort, count: true }, todo ? suggestionTodoCondition(actor, todo) : null);
  });

  app.get('/api/suggestions/:id', {
    config: { access: 'authenticated', ability: 'suggestion.read' },
    schema: {
      tags: ['suggestions'], summary: '代表建议详情 A suggestion with its records, your part and the actions you may take',
      params: IdParams, response: { 200: SuggestionDetail, ...errorResponses },
    },
  }, async (request) => getSuggestion(app.db, request.actor!, request.params.id));
};
