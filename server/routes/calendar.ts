import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { replaceSchedule } from '../commands/calendar.js';
import { CivilDate, ErrorResponse, errorResponses } from '../http/schemas.js';
import { runWrite } from '../http/write.js';
import { loadCalendar } from '../queries/calendar.js';

const Year = z.coerce.number().int().min(2000).max(2100);
const Day = z.object({ date: CivilDate, kind: z.enum(['rest', 'workday']), name: z.string().trim().max(50).default('') });
const Schedule = z.object({
  year: z.number().int(),
  source: z.string(),
  covered: z.boolean().meta({ description: 'false: no official schedule stored; only weekends are rest days' }),
  days: z.array(Day),
}).meta({ id: 'HolidaySchedule' });

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/calendar/add-working-days', {
    config: { access: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } },
    schema: {
      tags: ['calendar'],
      summary: '工作日推算 The date N working days after a date',
      description: 'The N-th working day after `from` (which itself never counts), following the State Council holiday schedules including makeup working days (调休).',
      querystring: z.object({ from: CivilDate, days: z.coerce.number().int().min(0).max(3650) }),
      response: { 200: z.object({ date: z.string() }), 400: ErrorResponse, 429: ErrorResponse },
    },
  }, async (request) => {
    const calendar = await loadCalendar(app.db);
    return { date: calendar.addWorkingDays(request.query.from, request.query.days) };
  });

  app.get('/api/calendar/holidays', {
    config: { access: 'authenticated', ability: 'calendar.read' },
    schema: {
      tags: ['calendar'], summary: '节假日安排 The holiday schedule of a year',
      querystring: z.object({ year: Year }),
      response: { 200: Schedule.extend({ years: z.array(z.number()).meta({ description: 'Every year with a stored schedule' }) }), ...errorResponses },
    },
  }, async (request) => {
    const { year } = request.query;
    const [meta, days, years] = await Promise.all([
      app.db.selectFrom('holiday_year').select('source').where('year', '=', year).executeTakeFirst(),
      app.db.selectFrom('holiday').select(['date', 'kind', 'name']).where('year', '=', year).orderBy('date').execute(),
      app.db.selectFrom('holiday_year').select('year').orderBy('year').execute(),
    ]);
    return { year, source: meta?.source ?? '', covered: Boolean(meta), days, years: years.map((y) => y.year) };
  });

  app.put('/api/calendar/holidays/:year', {
    config: { access: 'authenticated', ability: 'calendar.update' },
    schema: {
      tags: ['calendar'], summary: '设置节假日安排 Replace the schedule of a year',
      description: 'Lists the rest days and the weekend days that become working days (调休). Affects deadlines computed from now on.',
      params: z.object({ year: Year }),
      body: z.object({ source: z.string().trim().max(200).default(''), days: z.array(Day).max(366) }),
      response: { 200: Schedule, ...errorResponses },
    },
  }, async (request) => {
    const { year } = request.params;
    await runWrite(request, (ctx) => replaceSchedule(ctx, { year, ...request.body }));
    const days = await app.db.selectFrom('holiday').select(['date', 'kind', 'name']).where('year', '=', year).orderBy('date').execute();
    return { year, source: request.body.source, covered: true, days };
  });
};
