import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIVITY_KINDS, ATTENDANCE, DEPUTY_LEVELS } from '../../../common/enums.js';
import { RATING_LABELS } from '../../../common/caseVocabulary.js';
import { recordArchiveDownload } from '../registers/index.js';
import { CASE_STATES } from '../cases/index.js';
import { SUGGESTION_STATES } from '../suggestions/index.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { CivilDate, ErrorResponse, errorResponses, IdParams } from '../../platform/http/schemas.js';
import { sendFile } from '../../platform/http/sendFile.js';
import { runWrite } from '../../platform/http/write.js';
import { ArchiveTermSchema } from '../terms/index.js';
import { getDeputyArchive, type ArchiveSelection } from './queries.js';
import { getDisclosure } from './disclosure.js';
import { archiveDocument } from './document.js';
import { documentFileName, type Period } from '../../platform/documents/model.js';
import { registerFont } from '../../platform/documents/pdf.js';
import { renderRegister } from '../../platform/documents/renderWorker.js';
import { now as clockNow } from '../../platform/clock.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Rating = z.enum(RATING_LABELS.keys);
const ArchiveQuery = z.object({
  term: z.coerce.number().int().positive().max(2_147_483_647).optional()
    .meta({ description: 'One of the deputy\'s terms (GET /api/deputies/:id/terms): its first day to its last, or to today while it runs. Not with from/to' }),
  from: CivilDate.optional().meta({ description: 'The first day; default: from the first record' }),
  to: CivilDate.optional().meta({ description: 'The last day (inclusive); default: today' }),
});

const Opinions = z.object({
  total: z.number(), addressed: z.number(), answeredByDeputy: z.number(), collectedAtActivities: z.number(), answered: z.number(),
  rated: z.number(), satisfied: z.number(), basicallySatisfied: z.number(), unsatisfied: z.number(),
  satisfactionRate: z.number().nullable().meta({ description: '(satisfied + basically satisfied) / rated' }),
});

const Suggestions = z.object({
  total: z.number(), led: z.number(), cosigned: z.number(), answered: z.number(), a: z.number(), b: z.number(), c: z.number(),
  satisfied: z.number(), basicallySatisfied: z.number(), unsatisfied: z.number(),
}).meta({ description: 'Suggestions and motions the deputy led or co-signed (confirmed), submitted in the period; ratings are the lead deputy\'s' });
const SuggestionItem = z.object({
  id: z.number(), kind: z.enum(['suggestion', 'motion']), title: z.string(), numberLabel: z.string().nullable(), date: z.string(),
  role: z.enum(['lead', 'cosigner']), state: z.enum(SUGGESTION_STATES), stateLabel: Label,
  answerCategory: z.enum(['A', 'B', 'C']).nullable(), answerCategoryLabel: Label.nullable(), rating: Rating.nullable(), ratingLabel: Label.nullable(),
});

const ReportBacksSummary = z.object({
  count: z.number(), evaluations: z.number(), satisfiedPercent: z.number().nullable(), last: z.object({ date: z.string() }).nullable(),
}).meta({ description: '述职 held, the constituents\' evaluations and the share satisfied or basically satisfied' });

const Archive = z.object({
  deputy: z.object({
    id: z.number(), name: z.string(), gender: Label, ethnicity: z.string(), party: z.string(), occupation: z.string(), constituency: z.string(),
    region: z.string(), status: Label, specialLiaison: z.boolean(),
    levels: z.array(z.object({ level: z.enum(DEPUTY_LEVELS.keys), label: Label, term: z.number(), region: z.string().nullable() })),
    stations: z.array(z.object({ id: z.number(), name: z.string(), role: Label })),
  }),
  term: ArchiveTermSchema.nullable().meta({ description: 'The term asked for with ?term=; null for a period of dates' }),
  period: z.object({ from: z.string().nullable(), to: z.string() }),
  generatedAt: z.string(),
  summary: z.object({
    activities: z.object({
      expected: z.number(), present: z.number(), leave: z.number(), absent: z.number(),
      byKind: z.array(z.object({ kind: z.enum(ACTIVITY_KINDS.keys), label: Label, count: z.number() })).meta({ description: 'Activities attended, by kind' }),
    }),
    receptionDays: z.object({ total: z.number(), held: z.number(), missed: z.number(), cancelled: z.number(), scheduled: z.number() })
      .meta({ description: 'Rota days: held = held with the deputy present; missed = not held, or held without them' }),
    opinions: Opinions.meta({ description: 'Opinions addressed to the deputy, answered by them, or collected at an activity they attended' }),
    campaigns: z.number(),
    suggestions: Suggestions,
    consultations: z.object({ topics: z.number(), views: z.number(), activities: z.number() })
      .meta({ description: '议题征询 taken part in: views registered at reception days, linked activities attended' }),
    budget: z.object({ reviews: z.number(), comments: z.number(), questions: z.number(), evaluations: z.number() })
      .meta({ description: '预算审查 taken part in: comments on projects or the whole, questions on reports, performance evaluations scored' }),
    livelihood: z.object({ proposed: z.number(), adopted: z.number(), evaluations: z.number(), rated: z.number() })
      .meta({ description: '民生实事项目: projects proposed (and of them adopted), year-end evaluations taken part in and projects rated' }),
    reportBacks: ReportBacksSummary,
    points: z.object({
      total: z.number(),
      years: z.array(z.object({ year: z.number(), points: z.number() })),
      bySource: z.array(z.object({ source: z.string(), label: Label, points: z.number() })),
    }),
  }),
  activities: z.array(z.object({
    id: z.number(), date: z.string(), kind: z.enum(ACTIVITY_KINDS.keys), kindLabel: Label, title: z.string(), station: z.string().nullable(),
    campaign: z.string().nullable(), attendance: z.enum(ATTENDANCE.keys), attendanceLabel: Label,
  })),
  opinions: z.array(z.object({
    id: z.number(), trackingCode: z.string(), date: z.string(), category: z.string(), summary: z.string(),
    state: z.enum(CASE_STATES), stateLabel: Label, rating: Rating.nullable(), ratingLabel: Label.nullable(),
    addressed: z.boolean(), answeredByDeputy: z.boolean(), collectedAtActivity: z.boolean(),
  })),
  campaigns: z.array(z.object({ id: z.number(), name: z.string(), activities: z.number() })),
  suggestions: z.array(SuggestionItem),
  consultations: z.array(z.object({
    id: z.number(), title: z.string(), committee: z.string(), state: z.string(), stateLabel: Label, date: z.string(), views: z.number(), activities: z.number(),
  })),
  budgetReviews: z.array(z.object({
    id: z.number(), title: z.string(), year: z.number(), kind: z.enum(['draft', 'adjustment']), kindLabel: Label, congress: z.string(),
    state: z.string(), stateLabel: Label, date: z.string(), comments: z.number(), questions: z.number(), evaluations: z.number(),
  })),
  livelihoodProjects: z.array(z.object({
    id: z.number(), title: z.string(), roundId: z.number(), round: z.string(), year: z.number(), congress: Label, date: z.string(),
    budgetYuan: z.number(), state: z.string(), stateLabel: Label, adopted: z.boolean(),
  })).meta({ description: 'Livelihood projects the deputy proposed, with where each stands' }),
  livelihoodEvaluations: z.array(z.object({
    roundId: z.number(), round: z.string(), year: z.number(), congress: Label, date: z.string(), rated: z.number(),
  })).meta({ description: 'Year-end evaluations of livelihood projects the deputy rated at: how many projects, never how' }),
  reportBacks: z.array(z.object({
    id: z.number(), date: z.string(), title: z.string(), place: z.string(), evaluationCount: z.number(), satisfiedPercent: z.number().nullable(),
    issues: z.object({ total: z.number(), closed: z.number() }),
  })).meta({ description: '述职 held: evaluations (满意+基本满意 share) and the issue list\'s progress; no comments' }),
  mediations: z.array(z.object({
    id: z.number(), station: z.string(), on: z.string(), disputeType: Label, outcome: Label.nullable(),
  })).meta({ description: 'Mediations the deputy sat in (the first session in the period): type and outcome, never the parties' }),
  receptionDays: z.array(z.object({ date: z.string(), station: z.string(), status: z.enum(['scheduled', 'held', 'missed', 'cancelled']), statusLabel: Label })),
}).meta({ id: 'DeputyArchive' });

const Disclosure = z.object({
  id: z.number(), name: z.string(), current: z.boolean().meta({ description: 'A deputy of the current term (现届), not a former one' }),
  levels: z.array(z.object({ level: z.enum(DEPUTY_LEVELS.keys), label: Label, term: z.number() })),
  stations: z.array(z.object({ id: z.number(), name: z.string() })),
  asOf: z.string(),
  activities: z.object({ total: z.number(), byKind: z.array(z.object({ kind: z.enum(ACTIVITY_KINDS.keys), label: Label, count: z.number() })) }),
  receptionDaysHeld: z.number(),
  opinions: Opinions.pick({ rated: true, satisfied: true, basicallySatisfied: true, unsatisfied: true, satisfactionRate: true, answered: true })
    .extend({ collected: z.number() }),
  campaigns: z.number(),
  suggestions: Suggestions.extend({ items: z.array(SuggestionItem) })
    .meta({ description: 'Those published with a number (as on the public suggestion pages), led or co-signed' }),
  reportBacks: ReportBacksSummary,
}).meta({ id: 'DeputyDisclosure' });

function periodOf(q: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  const period = { from: q.from ?? null, to: q.to ?? shanghaiDate(now) };
  if (period.from !== null && period.from > period.to) throw invalidFields([{ path: 'querystring.to', code: 'ENDS_BEFORE_START' }]);
  return period;
}

/** A term, or a period of dates; a term fixes its own dates, so both at once are refused. */
function selectionOf(q: z.infer<typeof ArchiveQuery>, now: Date): ArchiveSelection {
  if (q.term === undefined) return { period: periodOf(q, now) };
  if (q.from !== undefined || q.to !== undefined) throw new AppError('ARCHIVE_TERM_WITH_PERIOD');
  return { term: q.term };
}

// Read by phones opening a deputy's page: generous for people, a ceiling for crawlers.
const PUBLIC_LIMIT = { max: 120, timeWindow: '1 minute' };

export const archiveRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/deputies/:id/archive', {
    config: { access: 'authenticated', ability: 'archive.read' },
    schema: {
      tags: ['deputies'], summary: '代表履职档案 A deputy\'s performance archive over a term',
      description: 'Built from activities (with attendance), opinions addressed to the deputy, answered by them or collected at activities '
        + 'they attended, campaigns, suggestions led or co-signed, reception rota days and points. Deputies read their own only; others as they read the deputy (404 otherwise).',
      params: IdParams, querystring: ArchiveQuery,
      response: { 200: Archive, ...errorResponses },
    },
  }, async (request) => {
    const now = clockNow();
    return getDeputyArchive(app.db, request.actor!, request.params.id, selectionOf(request.query, now), now);
  });

  app.get('/api/deputies/:id/archive.pdf', {
    config: { access: 'authenticated', ability: 'archive.read' },
    schema: {
      tags: ['deputies'], summary: '打印履职档案 The archive as a PDF (A4 landscape)',
      description: 'The same archive as the JSON, for print. 503 PDF_FONT_MISSING without a CJK font.',
      params: IdParams, querystring: ArchiveQuery, produces: ['application/pdf'],
      response: { ...errorResponses, 503: ErrorResponse },
    },
  }, async (request, reply) => {
    const now = clockNow();
    const font = registerFont(app.config.posterFont);
    const archive = await getDeputyArchive(app.db, request.actor!, request.params.id, selectionOf(request.query, now), now);
    const doc = archiveDocument(archive, now);
    const body = await renderRegister(doc, 'pdf', font);
    // Personal data is leaving: on the record once the file is made, before it is sent.
    await runWrite(request, (ctx) => recordArchiveDownload(ctx, {
      deputyId: archive.deputy.id, deputyName: archive.deputy.name, format: 'pdf', term: archive.term, period: archive.period, doc,
    }));
    return sendFile(reply, { body, type: 'application/pdf', name: `${documentFileName(doc)}.pdf`, asciiName: `deputy-${archive.deputy.id}-archive.pdf` });
  });

  app.get('/api/public/deputies/:id/disclosure', {
    config: { access: 'public', rateLimit: PUBLIC_LIMIT },
    schema: {
      tags: ['public'], summary: '代表履职公示 A deputy\'s work, as the public sees it',
      description: 'Counts only, over everything recorded: activities attended by kind, reception days held, opinions collected and answered, '
        + 'satisfaction, campaigns; and the deputy\'s published suggestions. No constituent\'s data, no phone number, no attendance of single events.',
      params: IdParams,
      response: { 200: Disclosure, 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
    },
  }, async (request) => getDisclosure(app.db, request.params.id));
};
