import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cancelSlot, generateRota, swapDuty } from './rotaCommands.js';
import { shanghaiDate, addDays } from '../../platform/calendar/workingDays.js';
import { AppError } from '../../platform/errors.js';
import { CivilDate, errorResponses, Id, IdParams, OkResponse } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { deputyDuties, stationRota } from './rotaQueries.js';
import { now } from '../../platform/clock.js';

const Day = z.object({
  id: z.number(), station: z.object({ id: z.number(), name: z.string() }), date: z.string(), hours: z.string(),
  status: z.enum(['scheduled', 'held', 'missed', 'cancelled']), activityId: z.number().nullable(), note: z.string(), version: z.number(),
  deputies: z.array(z.object({ id: z.number(), name: z.string(), replaces: z.string().nullable().meta({ description: 'Whose turn this deputy took (调班)' }) })),
}).meta({ id: 'RotaDay' });

export const rotaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/stations/:id/rota', {
    config: { access: 'authenticated', ability: 'rota.read' },
    schema: {
      tags: ['rota'], summary: '接待日轮值表 A station\'s reception rota over a period',
      params: IdParams,
      querystring: z.object({ from: CivilDate.optional(), to: CivilDate.optional() }).meta({ description: 'Default: the current month and the next two' }),
      response: {
        200: z.object({
          days: z.array(Day),
          summary: z.object({ scheduled: z.number(), held: z.number(), missed: z.number(), cancelled: z.number() }),
          abilities: z.array(z.enum(['manage'])),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const today = shanghaiDate(now());
    const from = request.query.from ?? `${today.slice(0, 8)}01`;
    const to = request.query.to ?? addDays(from, 91);
    return stationRota(app.db, request.actor!, request.params.id, from, to);
  });

  app.post('/api/stations/:id/rota', {
    config: { access: 'authenticated', ability: 'rota.manage' },
    schema: {
      tags: ['rota'], summary: '生成轮值表 Add the reception days of a period, deputies taking turns',
      description: 'From the station\'s schedule (weekdays, days of the month), public holidays left out; days already in the rota stay as they are.',
      params: IdParams,
      body: z.object({
        from: CivilDate, to: CivilDate,
        perDay: z.number().int().min(1).max(5).default(1).meta({ description: 'Deputies on duty each day' }),
        deputyIds: z.array(Id).min(1).max(100).nullable().default(null).meta({ description: 'Who takes turns, in order; default the station\'s current deputies, heads first' }),
      }),
      response: { 201: z.object({ added: z.number() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const added = await runWrite(request, (ctx) => generateRota(ctx, request.params.id, request.body));
    reply.status(201);
    return { added };
  });

  app.post('/api/rota/:id/swap', {
    config: { access: 'authenticated', ability: 'rota.manage' },
    schema: {
      tags: ['rota'], summary: '调班 Another deputy of the station takes a turn',
      params: IdParams, body: z.object({ fromDeputyId: Id, toDeputyId: Id }), response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    if (request.body.fromDeputyId === request.body.toDeputyId) throw new AppError('BAD_REQUEST');
    await runWrite(request, (ctx) => swapDuty(ctx, request.params.id, request.body.fromDeputyId, request.body.toDeputyId));
    return { ok: true as const };
  });

  app.post('/api/rota/:id/cancel', {
    config: { access: 'authenticated', ability: 'rota.manage' },
    schema: {
      tags: ['rota'], summary: '取消接待日 Cancel a reception day, with the reason',
      params: IdParams, body: z.object({ reason: z.string().trim().min(1).max(200) }), response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => cancelSlot(ctx, request.params.id, request.body.reason));
    return { ok: true as const };
  });

  app.get('/api/rota/mine', {
    config: { access: 'authenticated', ability: 'rota.read' },
    schema: {
      tags: ['rota'], summary: '我的接待日 A deputy\'s own turns from today on (and the last 30 days)',
      response: { 200: z.array(Day), ...errorResponses },
    },
  }, async (request) => {
    const deputyId = request.actor!.deputyId;
    if (deputyId === null) return [];
    return deputyDuties(app.db, deputyId, addDays(shanghaiDate(now()), -30));
  });
};
