import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPUTY_LEVELS, DEPUTY_STATUSES, GENDERS, STATION_MEMBER_ROLES } from '../../../common/enums.js';
import { createDeputy, updateDeputy } from './commands.js';
import { ActiveQuery, errorResponses, IdParams, MobilePhone, pageOf, PageQuery, patchOf, QueryId, RegionCode, SearchQuery, uniqueBy } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { DeputyListItemSchema, DeputySchema } from './presenter.js';
import { getDeputy, listDeputies } from './queries.js';

const DeputyBody = z.object({
  name: SearchQuery,
  gender: z.enum(GENDERS.keys),
  ethnicity: z.string().trim().min(1).max(20).default('汉族'),
  party: z.string().trim().max(30).default(''),
  birthYear: z.number().int().min(1900).max(2100).nullable().default(null),
  phone: MobilePhone.nullable().default(null),
  status: z.enum(DEPUTY_STATUSES.keys).default('current'),
  specialLiaison: z.boolean().default(false),
  regionCode: RegionCode.meta({ description: 'The region the deputy is registered in (their lowest congress)' }),
  constituency: z.string().trim().max(100).default('').meta({ description: '选区' }),
  professionTags: z.array(z.string().trim().min(1).max(20)).max(20).default([])
    .refine(uniqueBy((t: string) => t), { message: 'DUPLICATE_VALUES' }),
  occupation: z.string().trim().max(100).default(''),
  gridCell: z.string().trim().max(100).nullable().default(null),
  levels: z.array(z.object({ level: z.enum(DEPUTY_LEVELS.keys), term: z.number().int().min(1).max(30), regionCode: RegionCode.nullable().default(null) }))
    .max(5).default([]).refine(uniqueBy((l: { level: string }) => l.level), { message: 'DUPLICATE_VALUES' })
    .meta({ description: 'Levels held at once (one person may be a deputy at several levels)' }),
  stations: z.array(z.object({ stationId: z.number().int().positive().max(2_147_483_647), role: z.enum(STATION_MEMBER_ROLES.keys).default('resident') }))
    .max(20).default([]).refine(uniqueBy((s: { stationId: number }) => s.stationId), { message: 'DUPLICATE_VALUES' }),
});

/** The deputy list's filters, which its Excel export takes too. */
export const DeputyFilters = {
  q: SearchQuery.optional(),
  stationId: QueryId.optional(),
  level: z.enum(DEPUTY_LEVELS.keys).optional(),
  status: z.enum(DEPUTY_STATUSES.keys).optional(),
  regionCode: RegionCode.optional(),
  tag: z.string().trim().min(1).max(20).optional(),
  active: ActiveQuery.default('true'),
};

export const deputyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/deputies', {
    config: { access: 'authenticated', ability: 'deputy.read' },
    schema: {
      tags: ['deputies'],
      summary: '代表列表 Deputies in your scope',
      description: '`q` matches a name, or pinyin initials/pinyin when all Latin letters (e.g. `zxm` for 张晓明).',
      querystring: z.object({ ...DeputyFilters, ...PageQuery }),
      response: { 200: pageOf(DeputyListItemSchema), ...errorResponses },
    },
  }, async (request) => listDeputies(app.db, request.actor!, request.query));

  app.post('/api/deputies', {
    config: { access: 'authenticated', ability: 'deputy.create' },
    schema: { tags: ['deputies'], summary: '新增代表 Add a deputy', body: DeputyBody, response: { 201: DeputySchema, ...errorResponses } },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createDeputy(ctx, request.body));
    reply.status(201);
    return getDeputy(app.db, request.actor!, id);
  });

  app.get('/api/deputies/:id', {
    config: { access: 'authenticated', ability: 'deputy.read' },
    schema: { tags: ['deputies'], summary: '代表详情 A deputy', params: IdParams, response: { 200: DeputySchema, ...errorResponses } },
  }, async (request) => getDeputy(app.db, request.actor!, request.params.id));

  app.patch('/api/deputies/:id', {
    config: { access: 'authenticated', ability: 'deputy.update' },
    schema: {
      tags: ['deputies'], summary: '修改代表 Edit a deputy',
      description: '`stations` replaces the memberships in stations you can see; others are kept.',
      params: IdParams, body: patchOf(DeputyBody).extend({ active: z.boolean().optional().meta({ description: 'false removes the deputy from lists (never deleted); their accounts stop working' }) }),
      response: { 200: DeputySchema, ...errorResponses },
    },
  }, async (request) => {
    const { version, ...patch } = request.body;
    await runWrite(request, (ctx) => updateDeputy(ctx, request.params.id, version, patch));
    return getDeputy(app.db, request.actor!, request.params.id);
  });
};
