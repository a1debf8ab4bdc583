import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { caseStatistics, caseStatisticsBy, GROUPS, unitLeague } from './statistics.js';
import { LeagueQuery, StatisticsQuery, withInstants } from './statisticsQuery.js';

const Figures = z.object({
  received: z.number(), accepted: z.number(), declined: z.number(), answeredOnSpot: z.number(), assigned: z.number(),
  signedLate: z.number(), replied: z.number(), repliedOnTime: z.number(), overdueNow: z.number(), rated: z.number(),
  satisfied: z.number(), basicallySatisfied: z.number(), unsatisfied: z.number(), unrated: z.number(), rehandled: z.number(), closed: z.number(),
  onTimeRate: z.number().nullable().meta({ description: 'repliedOnTime / replied' }),
  satisfactionRate: z.number().nullable().meta({ description: '(satisfied + basicallySatisfied) / rated' }),
  averageWorkingDays: z.number().nullable().meta({ description: 'Average working days from signing to the reply, extension waits excluded' }),
  answered: z.number().meta({ description: 'Cases answered to the constituent (on the spot or after the unit\'s reply)' }),
  closedHandled: z.number().meta({ description: 'Closed, apart from declined or merged' }),
  transferred: z.number().meta({ description: 'Cases the station assigned after accepting them (the first assignment)' }),
  transferredWithin24h: z.number().meta({ description: '…of which within 24 hours of acceptance (日清日结)' }),
  transferRate: z.number().nullable().meta({ description: '24 小时转办率: transferredWithin24h / transferred' }),
  signedOnTime: z.number().meta({ description: 'Signed for within the sign-for limit' }),
  signOverdueNow: z.number().meta({ description: 'Assigned, not signed for, past the sign-for limit now' }),
  resolved: z.number().meta({ description: 'The latest reply\'s result is 已解决' }),
  resolutionRate: z.number().nullable().meta({ description: 'resolved / cases whose reply has a result type' }),
}).meta({ id: 'CaseFigures' });

const LeagueRow = z.object({
  unitId: z.number(), unitName: z.string(), assigned: z.number(), replied: z.number(), repliedOnTime: z.number(),
  onTimeRate: z.number().nullable().meta({ description: '按期办复率: repliedOnTime / replied' }),
  rated: z.number(), satisfied: z.number(), basicallySatisfied: z.number(),
  satisfactionRate: z.number().nullable().meta({ description: '满意率: (satisfied + basicallySatisfied) / rated' }),
  resolved: z.number(),
  resolutionRate: z.number().nullable().meta({ description: '解决率: resolved / replies with a result type' }),
  overdueNow: z.number().meta({ description: 'Past the handling deadline or the sign-for limit now' }),
}).meta({ id: 'UnitLeagueRow' });

export const statisticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/statistics/cases', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['statistics'], summary: '办理统计 Case figures for a scope and period',
      description: 'Over the cases you reach, narrowed by region subtree, station, unit, deputy, category and submission period.',
      querystring: StatisticsQuery, response: { 200: Figures, ...errorResponses },
    },
  }, async (request) => caseStatistics(app.readDb, request.actor!, withInstants(request.query)));

  app.get('/api/statistics/cases/by/:group', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['statistics'], summary: '分组统计 Case figures per station, unit, category, deputy, week (named by its Monday), month or side',
      description: '`side`: per side of a cross-province station (属地管理): the member region holding the case\'s place, or the station\'s home region; key = its region code, \'\' for cases at other stations.',
      params: z.object({ group: z.enum(GROUPS) }), querystring: StatisticsQuery,
      response: { 200: z.array(Figures.extend({ key: z.string(), label: z.string() })), ...errorResponses },
    },
  }, async (request) => caseStatisticsBy(app.readDb, request.actor!, withInstants(request.query), request.params.group));

  app.get('/api/statistics/units/league', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['statistics'], summary: '承办单位排名 Unit league table: on-time reply, satisfaction and resolution rates',
      description: 'Per lead unit, over the cases you reach assigned in the period; best first by 按期办复率, then 满意率, then 解决率 (a rate not yet measurable last).',
      querystring: LeagueQuery, response: { 200: z.array(LeagueRow), ...errorResponses },
    },
  }, async (request) => unitLeague(app.readDb, request.actor!, withInstants(request.query)));
};
