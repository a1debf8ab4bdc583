import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPUTY_LEVELS } from '../../../common/enums.js';
import { shanghaiDate } from '../../platform/calendar/workingDays.js';
import { now as clockNow } from '../../platform/clock.js';
import { documentFileName } from '../../platform/documents/model.js';
import { registerFont } from '../../platform/documents/pdf.js';
import { renderRegister } from '../../platform/documents/renderWorker.js';
import { ErrorResponse, errorResponses, QueryId, RegionCode } from '../../platform/http/schemas.js';
import { sendFile } from '../../platform/http/sendFile.js';
import { handlingReport } from './report.js';
import { SUGGESTION_GROUPS, suggestionStatistics, suggestionStatisticsBy } from './statistics.js';

const FACE_TO_FACE = '面商: an answered suggestion whose lead unit recorded a contact with the deputy of mode meeting or site_visit '
  + 'dated on or before the day (Beijing time) of the first answer; 面商率 = faceToFace / answered.';

const Figures = z.object({
  total: z.number().meta({ description: 'Submitted in the period (withdrawn ones left out)' }),
  assigned: z.number(), answered: z.number(),
  answeredOnTime: z.number().meta({ description: 'The latest answer came by the deadline in force then' }),
  overdue: z.number().meta({ description: 'Held by the units now (assigned, reassignment asked, re-handling) past the deadline' }),
  faceToFace: z.number().meta({ description: FACE_TO_FACE }),
  rated: z.number(), satisfied: z.number(), basicallySatisfied: z.number(), unsatisfied: z.number(),
  a: z.number(), b: z.number(), c: z.number(),
  commitments: z.number(), commitmentsDone: z.number(),
  onTimeRate: z.number().nullable().meta({ description: 'answeredOnTime / answered' }),
  faceToFaceRate: z.number().nullable().meta({ description: '面商率: faceToFace / answered' }),
  satisfactionRate: z.number().nullable().meta({ description: '(satisfied + basicallySatisfied) / rated (the lead deputy\'s latest rating)' }),
  aShare: z.number().nullable(), bShare: z.number().nullable(), cShare: z.number().nullable(),
  commitmentsDoneRate: z.number().nullable().meta({ description: 'commitmentsDone / commitments' }),
}).meta({ id: 'SuggestionFigures' });

const Query = z.object({
  groupBy: z.enum(SUGGESTION_GROUPS).default('unit')
    .meta({ description: 'Rows per lead unit (key \'\' = not assigned yet), congress (key level:regionCode), category, or month of submission (YYYY-MM)' }),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Submitted from this instant' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: '…and before this one' }),
  level: z.enum(DEPUTY_LEVELS.keys).optional().meta({ description: 'The congress\'s level' }),
  regionCode: RegionCode.optional().meta({ description: 'Congresses in this region\'s subtree' }),
  kind: z.enum(['suggestion', 'motion']).optional(),
  categoryId: QueryId.optional(),
});

const ReportQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  level: z.enum(DEPUTY_LEVELS.keys),
  regionCode: RegionCode.optional().meta({ description: 'The congress\'s region (all but the national congress); its subtree is counted' }),
});

const instants = (q: { from?: string | undefined; to?: string | undefined }) => ({
  from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
});

const REPORT_DESCRIPTION = 'Over the suggestions submitted in the year (Beijing time) to the congress of that level in the region\'s subtree '
  + 'that you reach: overview figures, lead units, categories, A/B/C, satisfaction, 面商率, commitments and the key suggestions. '
  + FACE_TO_FACE;

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/suggestions/statistics', {
    config: { access: 'authenticated', ability: 'suggestion.statistics' },
    schema: {
      tags: ['suggestions'], summary: '建议办理统计 Suggestion figures per unit, congress, category or month',
      description: 'Counted from the stored facts over the suggestions you reach (staff: the congresses in their subtree), submitted in the period. '
        + FACE_TO_FACE,
      querystring: Query,
      response: {
        200: z.object({ groupBy: z.enum(SUGGESTION_GROUPS), rows: z.array(Figures.extend({ key: z.string(), label: z.string() })), totals: Figures }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { groupBy, from, to, ...rest } = request.query;
    const filter = { ...rest, ...instants({ from, to }) };
    const today = shanghaiDate(clockNow());
    const [rows, totals] = await Promise.all([
      suggestionStatisticsBy(app.readDb, request.actor!, filter, groupBy, today),
      suggestionStatistics(app.readDb, request.actor!, filter, today),
    ]);
    return { groupBy, rows, totals };
  });

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(`/api/suggestions/report.${format}`, {
      config: { access: 'authenticated', ability: 'suggestion.statistics' },
      schema: {
        tags: ['suggestions'],
        summary: format === 'pdf' ? '办理情况报告 The yearly handling report as PDF (A4 landscape)' : '办理情况报告 The yearly handling report as Excel',
        description: REPORT_DESCRIPTION + (format === 'pdf' ? ' 503 PDF_FONT_MISSING without a CJK font.' : ''),
        querystring: ReportQuery,
        produces: [format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { ...errorResponses, ...(format === 'pdf' ? { 503: ErrorResponse } : {}) },
      },
    }, async (request, reply) => {
      const now = clockNow();
      const font = format === 'pdf' ? registerFont(app.config.posterFont) : null;
      const doc = await handlingReport(app.readDb, request.actor!, request.query, shanghaiDate(now), now);
      const body = font ? await renderRegister(doc, 'pdf', font) : await renderRegister(doc, 'xlsx');
      return sendFile(reply, {
        body, type: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        name: `${documentFileName(doc)}.${format}`, asciiName: `suggestion-report-${request.query.year}.${format}`,
      });
    });
  }
};
