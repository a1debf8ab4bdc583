import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, QueryId, RegionCode } from '../../platform/http/schemas.js';
import { caseStatistics, caseStatisticsBy, GROUPS } from './statistics.js';

const Figures = z.object({
  received: z.number(), accepted: z.number(), declined: z.number(), answeredOnSpot: z.number(), assigned: z.number(),
  signedLate: z.number(), replied: z.number(), repliedOnTime: z.number(), overdueNow: z.number(), rated: z.number(),
  satisfied: z.number(), basicallySatisfied: z.number(), unsatisfied: z.number(), unrated: z.number(), rehandled: z.number(), closed: z.number(),
  onTimeRate: z.number().nullable().meta({ description: 'repliedOnTime / replied' }),
  satisfactionRate: z.number().nullable().meta({ description: '(satisfied + basicallySatisfied) / rated' }),
  averageWorkingDays: z.number().nullable().meta({ description: 'Average working days from signing to the reply, extension waits excluded' }),
}).meta({ id: 'CaseFigures' });

const Filter = z.object({
  regionCode: RegionCode.optional(),
  stationId: QueryId.optional(),
  unitId: QueryId.optional(),
  deputyId: QueryId.optional(),
  categoryId: QueryId.optional(),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Cases submitted from this instant' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: '…and before this one' }),
});

const toFilter = (q: z.infer<typeof Filter>) => ({
  ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
});

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/statistics/cases', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['statistics'], summary: '办理统计 Case figures for a scope and period',
      description: 'Over the cases you reach, narrowed by region subtree, station, unit, deputy, category and submission period.',
      querystring: Filter, response: { 200: Figures, ...errorResponses },
    },
  }, async (request) => caseStatistics(app.db, request.actor!, toFilter(request.query)));

  app.get('/api/statistics/cases/by/:group', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['statistics'], summary: '分组统计 Case figures per station, unit, category, deputy, week (named by its Monday) or month',
      params: z.object({ group: z.enum(GROUPS) }), querystring: Filter,
      response: { 200: z.array(Figures.extend({ key: z.string(), label: z.string() })), ...errorResponses },
    },
  }, async (request) => caseStatisticsBy(app.db, request.actor!, toFilter(request.query), request.params.group));
};
