import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { containsPattern, prefixPattern } from '../../platform/db/sql.js';
import { pathCodes } from '../../platform/regions/regionPath.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/paging.js';
import { errorResponses, PageQuery, pageOf, RegionCode } from '../../platform/http/schemas.js';
import { presentRegion, RegionSchema } from './presenter.js';
import { regionPathOf } from '../../platform/regions/filters.js';

const isCodeCursor = (v: unknown): v is string => typeof v === 'string' && /^\d+$/.test(v);
const RegionWithChildren = RegionSchema.extend({ hasChildren: z.boolean() });

export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  const cols = ['code', 'name', 'level', 'parent_code', 'full_name'] as const;

  app.get('/api/regions', {
    config: { access: 'authenticated', ability: 'region.read' },
    schema: {
      tags: ['regions'],
      summary: '下级行政区划 Children of a region (provinces when no parent)',
      querystring: z.object({ parent: RegionCode.optional(), ...PageQuery, limit: PageQuery.limit.default(200) }),
      response: { 200: pageOf(RegionWithChildren), ...errorResponses },
    },
  }, async (request) => {
    const { parent, limit, cursor } = request.query;
    const after = decodeCursor(cursor, isCodeCursor);
    let q = app.db.selectFrom('region as r').select(cols.map((c) => `r.${c}` as const))
      .select((eb) => eb.exists(eb.selectFrom('region as c').select('c.code').whereRef('c.parent_code', '=', 'r.code')).as('has_children'))
      .orderBy('r.code').limit(limit + 1);
    q = parent ? q.where('r.parent_code', '=', parent) : q.where('r.parent_code', 'is', null);
    if (after) q = q.where('r.code', '>', after);
    const rows = await q.execute();
    return toPage(rows, limit, (r) => r.code, (r) => ({ ...presentRegion(r), hasChildren: Boolean(r.has_children) }));
  });

  app.get('/api/regions/search', {
    config: { access: 'authenticated', ability: 'region.read' },
    schema: {
      tags: ['regions'],
      summary: '搜索行政区划 Search regions by name or code',
      querystring: z.object({ q: z.string().trim().min(1).max(50), within: RegionCode.optional(), ...PageQuery, limit: PageQuery.limit.default(20) }),
      response: { 200: pageOf(RegionSchema), ...errorResponses },
    },
  }, async (request) => {
    const { q, within, limit, cursor } = request.query;
    const after = decodeCursor(cursor, isCodeCursor);
    let query = app.db.selectFrom('region').select(cols).orderBy('code').limit(limit + 1);
    query = /^\d+$/.test(q)
      ? query.where('code', 'like', `${q}%`)
      : query.where((eb) => eb.or([eb('name', 'like', containsPattern(q)), eb('full_name', 'like', containsPattern(q))]));
    if (within) {
      query = query.where('path', 'like', prefixPattern(await regionPathOf(app.db, within)));
    }
    if (after) query = query.where('code', '>', after);
    const rows = await query.execute();
    return toPage(rows, limit, (r) => r.code, presentRegion);
  });

  app.get('/api/regions/:code', {
    config: { access: 'authenticated', ability: 'region.read' },
    schema: {
      tags: ['regions'],
      summary: '行政区划详情 A region with its ancestors',
      params: z.object({ code: RegionCode }),
      response: { 200: RegionSchema.extend({ ancestors: z.array(RegionSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const region = await app.db.selectFrom('region').select([...cols, 'path']).where('code', '=', request.params.code).executeTakeFirst();
    if (!region) throw new AppError('NOT_FOUND');
    const ancestorCodes = pathCodes(region.path).slice(0, -1);
    const ancestors = ancestorCodes.length
      ? await app.db.selectFrom('region').select(cols).where('code', 'in', ancestorCodes).orderBy('path').execute()
      : [];
    return { ...presentRegion(region), ancestors: ancestors.map(presentRegion) };
  });
};
