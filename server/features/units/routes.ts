import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUnit, updateUnit } from './commands.js';
import { ActiveQuery, errorResponses, IdParams, pageOf, PageQuery, patchOf, RegionCode, SearchQuery } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { UnitContactSchema, UnitSchema } from './presenter.js';
import { getUnit, listUnits } from './queries.js';

const UnitBody = z.object({
  name: z.string().trim().min(1).max(100),
  regionCode: RegionCode,
  address: z.string().trim().max(200).default(''),
  contacts: z.array(UnitContactSchema).max(20).default([]),
});

/** The unit list's filters, which its Excel export takes too. */
export const UnitFilters = {
  regionCode: RegionCode.optional(),
  q: SearchQuery.optional(),
  active: ActiveQuery.default('true'),
};

export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/units', {
    config: { access: 'authenticated', ability: 'unit.read' },
    schema: {
      tags: ['units'],
      summary: '承办单位列表 Handling units you can reach',
      querystring: z.object({ ...UnitFilters, ...PageQuery }),
      response: { 200: pageOf(UnitSchema), ...errorResponses },
    },
  }, async (request) => listUnits(app.db, request.actor!, request.query));

  app.post('/api/units', {
    config: { access: 'authenticated', ability: 'unit.create' },
    schema: { tags: ['units'], summary: '新增承办单位 Add a handling unit', body: UnitBody, response: { 201: UnitSchema, ...errorResponses } },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createUnit(ctx, request.body));
    reply.status(201);
    return getUnit(app.db, request.actor!, id);
  });

  app.get('/api/units/:id', {
    config: { access: 'authenticated', ability: 'unit.read' },
    schema: { tags: ['units'], summary: '承办单位详情 A handling unit', params: IdParams, response: { 200: UnitSchema, ...errorResponses } },
  }, async (request) => getUnit(app.db, request.actor!, request.params.id));

  app.patch('/api/units/:id', {
    config: { access: 'authenticated', ability: 'unit.update' },
    schema: {
      tags: ['units'], summary: '修改或停用承办单位 Edit or deactivate a unit',
      params: IdParams, body: patchOf(UnitBody).extend({ active: z.boolean().optional() }),
      response: { 200: UnitSchema, ...errorResponses },
    },
  }, async (request) => {
    const { version, ...patch } = request.body;
    await runWrite(request, (ctx) => updateUnit(ctx, request.params.id, version, patch));
    return getUnit(app.db, request.actor!, request.params.id);
  });
};
