import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { replaceSchedule } from './commands.js';
import { today } from '../../platform/clock.js';
import { STATUTORY_SOURCE, statutoryRestDays } from '../../platform/calendar/statutoryHolidays.js';
import { CivilDate, ErrorResponse, errorResponses } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { calendarStatus, loadCalendar } from './queries.js';

const Year = z.coerce.number().int().min(2000).max(2100);
const Day = z.object({ date: CivilDate, kind: z.enum(['rest', 'workday']), name: z.string().trim().max(50).default('') });
const Schedule = z.object({
  year: z.number().int(),
  source: z.string(),
  covered: z.boolean().meta({ description: 'false: no official schedule stored; the year follows the provisional calendar (weekends and the statutory holidays, no makeup working days)' }),
  days: z.array(Day),
}).meta({ id: 'HolidaySchedule' });

const Moved = z.object({ caseId: z.number(), trackingCode: z.string(), from: z.string(), to: z.string(), provisional: z.boolean() });

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/calendar/add-working-days', {
    config: { access: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } },
    schema: {
      tags: ['calendar'],
      summary: '工作日推算 The date N working days after a date',
      description: 'The N-th working day after `from` (which itself never counts), following the State Council holiday schedules including makeup working days (调休). '
        + 'Over a year whose schedule is not entered, the provisional calendar counts: weekends and the statutory holidays of 《全国年节及纪念日放假办法》, without makeup working days; `provisional` then says so.',
      querystring: z.object({
        from: CivilDate.optional().meta({ description: 'YYYY-MM-DD (Asia/Shanghai); today by the server\'s clock when left out' }),
        days: z.coerce.number().int().min(0).max(3650),
      }),
      response: {
        200: z.object({
          from: z.string().meta({ description: 'The day counted from' }),
          date: z.string(),
          provisional: z.boolean().meta({ description: 'true when the count met a year without an official schedule: the date may change once it is entered' }),
        }),
        400: ErrorResponse, 429: ErrorResponse,
      },
    },
  }, async (request) => {
    const calendar = await loadCalendar(app.db);
    const from = request.query.from ?? today();
    const date = calendar.addWorkingDays(from, request.query.days);
    return { from, date, provisional: calendar.provisionalWithin(from, date) };
  });

  app.get('/api/calendar/status', {
    config: { access: 'authenticated', ability: 'calendar.read' },
    schema: {
      tags: ['calendar'], summary: '放假安排录入情况 Which years have an official schedule, and whether one is due',
      description: 'A year without an official schedule follows the provisional calendar (statutory holidays only). From 1 October, '
        + 'the next year\'s missing schedule is due: `bannerYear` names it for administrators and staff (null for other roles, or when nothing is due; '
        + 'the current year when even its schedule is missing) until the schedule is entered with `PUT /api/calendar/holidays/{year}`.',
      response: {
        200: z.object({
          today: z.string().meta({ description: 'The server\'s date (Asia/Shanghai)' }),
          years: z.array(z.number()).meta({ description: 'Years with an official schedule' }),
          provisionalYears: z.array(z.number()).meta({ description: 'This year and the next, where they have no official schedule' }),
          bannerYear: z.number().nullable().meta({ description: 'The year whose schedule administrators and staff are asked to enter' }),
          provisionalDeadlines: z.number().meta({ description: 'Running deadlines you reach that are provisional' }),
        }).meta({ id: 'CalendarStatus' }),
        ...errorResponses,
      },
    },
  }, async (request) => calendarStatus(app.db, request.actor!, today()));

  app.get('/api/calendar/holidays', {
    config: { access: 'authenticated', ability: 'calendar.read' },
    schema: {
      tags: ['calendar'], summary: '节假日安排 The holiday schedule of a year',
      querystring: z.object({ year: Year }),
      response: {
        200: Schedule.extend({
          years: z.array(z.number()).meta({ description: 'Every year with a stored schedule' }),
          provisionalDays: z.array(Day).meta({ description: 'For a year without an official schedule: the statutory rest days the provisional calendar takes (a starting point for entering the schedule); empty otherwise' }),
          provisionalSource: z.string().meta({ description: 'Where the provisional days come from' }),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const { year } = request.query;
    const [meta, days, years] = await Promise.all([
      app.db.selectFrom('holiday_year').select('source').where('year', '=', year).executeTakeFirst(),
      app.db.selectFrom('holiday').select(['date', 'kind', 'name']).where('year', '=', year).orderBy('date').execute(),
      app.db.selectFrom('holiday_year').select('year').orderBy('year').execute(),
    ]);
    return {
      year, source: meta?.source ?? '', covered: Boolean(meta), days, years: years.map((y) => y.year),
      provisionalDays: meta ? [] : statutoryRestDays(year), provisionalSource: STATUTORY_SOURCE,
    };
  });

  app.put('/api/calendar/holidays/:year', {
    config: { access: 'authenticated', ability: 'calendar.update' },
    schema: {
      tags: ['calendar'], summary: '设置节假日安排 Replace the schedule of a year',
      description: 'Lists the rest days and the weekend days that become working days (调休). Affects deadlines computed from now on, and, in the same '
        + 'transaction, every running deadline that was counted on the provisional calendar: each one that moves gets a timeline entry '
        + '(`deadline_recomputed`, from → to) and its unit is notified; `deadlinesMoved` lists them. Entering the schedule is also how a '
        + 'provisional year is confirmed: to accept the statutory days as they are, send `provisionalDays` from the GET.',
      params: z.object({ year: Year }),
      body: z.object({ source: z.string().trim().max(200).default(''), days: z.array(Day).max(366) }),
      response: { 200: Schedule.extend({ deadlinesMoved: z.array(Moved).meta({ description: 'The running deadlines that moved' }) }), ...errorResponses },
    },
  }, async (request) => {
    const { year } = request.params;
    const moved = await runWrite(request, (ctx) => replaceSchedule(ctx, { year, ...request.body }));
    const days = await app.db.selectFrom('holiday').select(['date', 'kind', 'name']).where('year', '=', year).orderBy('date').execute();
    return { year, source: request.body.source, covered: true, days, deadlinesMoved: moved };
  });
};
