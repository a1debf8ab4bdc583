import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STATION_GRADES, STATION_TIERS, STATION_TYPES } from '../../../common/enums.js';
import { createStation, setStationActive, updateStation } from './commands.js';
import { ActiveQuery, errorResponses, IdParams, OkResponse, pageOf, PageQuery, patchOf, QueryId, RegionCode, SearchQuery, uniqueBy } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { ChecklistSchema, ReceptionScheduleSchema, StationListItemSchema, StationLocationSchema, StationSchema } from './presenter.js';
import { getStation, listStations } from './queries.js';

const StationBody = z.object({
  name: z.string().trim().min(1).max(100),
  type: z.enum(STATION_TYPES.keys),
  tier: z.enum(STATION_TIERS.keys),
  parentId: z.number().int().positive().max(2_147_483_647).nullable().default(null),
  homeRegionCode: RegionCode,
  memberRegionCodes: z.array(RegionCode).max(20).default([])
    .refine(uniqueBy((c: string) => c), { message: 'DUPLICATE_VALUES' })
    .meta({ description: 'Other regions the station serves; a cross-province station lists the member towns of every side' }),
  locatedRegionCode: RegionCode.nullable().default(null)
    .meta({ description: 'A remote liaison point (异地联络点): the region it stands in, outside its home region (信都镇\'s point in 佛山); null: it stands at home' }),
  address: z.string().trim().max(200).default(''),
  phone: z.string().trim().max(30).nullable().default(null),
  openingHours: z.string().trim().max(200).default(''),
  receptionSchedule: ReceptionScheduleSchema.default({ weekdays: [], monthDays: [], hours: '', note: '' }),
  location: StationLocationSchema.nullable().default(null).meta({ description: 'For the map link of the public station page; without it the map searches the address' }),
  checklist: ChecklistSchema.default({}),
  grade: z.enum(STATION_GRADES.keys).nullable().default(null),
  stars: z.number().int().min(1).max(5).nullable().default(null),
  description: z.string().trim().max(2000).default(''),
});

const StationPatch = patchOf(StationBody);

/** The station list's filters, which its Excel export takes too. */
export const StationFilters = {
  regionCode: RegionCode.optional().meta({ description: 'Stations with any member region inside this region' }),
  type: z.enum(STATION_TYPES.keys).optional(),
  tier: z.enum(STATION_TIERS.keys).optional(),
  parentId: QueryId.optional(),
  active: ActiveQuery.default('true'),
  q: SearchQuery.optional(),
};

export const stationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/stations', {
    config: { access: 'authenticated', ability: 'station.read' },
    schema: {
      tags: ['stations'],
      summary: '联络站列表 Stations in your scope',
      querystring: z.object({ ...StationFilters, ...PageQuery }),
      response: { 200: pageOf(StationListItemSchema), ...errorResponses },
    },
  }, async (request) => listStations(app.db, request.actor!, request.query));

  app.post('/api/stations', {
    config: { access: 'authenticated', ability: 'station.create' },
    schema: { tags: ['stations'], summary: '新建联络站 Create a station', body: StationBody, response: { 201: StationSchema, ...errorResponses } },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createStation(ctx, request.body));
    reply.status(201);
    return getStation(app.db, request.actor!, id);
  });

  app.get('/api/stations/:id', {
    config: { access: 'authenticated', ability: 'station.read' },
    schema: { tags: ['stations'], summary: '联络站详情 A station', params: IdParams, response: { 200: StationSchema, ...errorResponses } },
  }, async (request) => getStation(app.db, request.actor!, request.params.id));

  app.patch('/api/stations/:id', {
    config: { access: 'authenticated', ability: 'station.update' },
    schema: {
      tags: ['stations'],
      summary: '修改联络站 Edit a station',
      description: 'Station officers may change only address, phone, openingHours, receptionSchedule, location, checklist and description of their own stations.',
      params: IdParams, body: StationPatch, response: { 200: StationSchema, ...errorResponses },
    },
  }, async (request) => {
    const { version, ...patch } = request.body;
    await runWrite(request, (ctx) => updateStation(ctx, request.params.id, version, patch));
    return getStation(app.db, request.actor!, request.params.id);
  });

  const Reason = z.object({ reason: z.string().trim().max(500).default('') });
  app.post('/api/stations/:id/deactivate', {
    config: { access: 'authenticated', ability: 'station.deactivate' },
    schema: {
      tags: ['stations'], summary: '停用联络站 Deactivate (never deleted)', params: IdParams, body: Reason.optional(),
      response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => setStationActive(ctx, request.params.id, false, request.body?.reason ?? ''));
    return { ok: true as const };
  });

  app.post('/api/stations/:id/reactivate', {
    config: { access: 'authenticated', ability: 'station.deactivate' },
    schema: {
      tags: ['stations'], summary: '恢复联络站 Reactivate', params: IdParams, body: Reason.optional(),
      response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => setStationActive(ctx, request.params.id, true, request.body?.reason ?? ''));
    return { ok: true as const };
  });
};
