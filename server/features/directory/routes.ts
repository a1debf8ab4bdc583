import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPUTY_LEVELS, REGION_LEVELS, STATION_TYPES } from '../../../common/enums.js';
import { ErrorResponse, IdParams, PageQuery, pageOf, RegionCode } from '../../platform/http/schemas.js';
import { ReceptionScheduleSchema, StationLocationSchema } from '../stations/index.js';
import { getPublicDeputy, getPublicStation, listPublicStations, publicStationRegions } from './queries.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const PublicStation = z.object({
  id: z.number(), name: z.string(), type: z.enum(STATION_TYPES.keys), typeLabel: Label, address: z.string(), phone: z.string().nullable(),
  openingHours: z.string(), receptionSchedule: ReceptionScheduleSchema, region: z.object({ code: z.string(), fullName: z.string() }),
  locatedRegion: z.object({ code: z.string(), fullName: z.string() }).nullable()
    .meta({ description: 'A remote liaison point (异地联络点): where it stands, outside its home region; the map link searches there' }),
  location: StationLocationSchema.nullable().meta({ description: 'Where it is on the map (高德/Amap, GCJ-02); null: look it up by the address' }),
  deputies: z.array(z.object({ id: z.number(), name: z.string() })).meta({ description: 'Current deputies who receive there' }),
}).meta({ id: 'PublicStation' });
const PublicStationPage = PublicStation.extend({
  nextReception: z.object({
    date: z.string().meta({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
    hours: z.string(),
    deputies: z.array(z.object({ id: z.number(), name: z.string() })).meta({ description: 'On duty that day by the rota; empty when no rota names them' }),
  }).nullable().meta({ description: 'The next reception day from today on: the rota\'s next day not cancelled, or else the next day the schedule names' }),
}).meta({ id: 'PublicStationPage' });
const PublicDeputy = z.object({
  id: z.number(), name: z.string(),
  levels: z.array(z.object({ level: z.enum(DEPUTY_LEVELS.keys), label: Label })),
  stations: z.array(z.object({ id: z.number(), name: z.string(), address: z.string() })),
}).meta({ id: 'PublicDeputy' });
const Errors = { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse };
// Directory pages are browsed, not scripted: generous for people, a ceiling for crawlers.
const LIMIT = { max: 120, timeWindow: '1 minute' };

/** The public station directory and the targets of QR links, for the constituents' phone pages. */
export const publicDirectoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/public/stations', {
    config: { access: 'public', rateLimit: LIMIT },
    schema: {
      tags: ['public'], summary: '联络站名录 Active stations, by region and name',
      querystring: z.object({
        regionCode: RegionCode.optional().meta({ description: 'Stations serving somewhere inside this region' }),
        q: z.string().trim().min(1).max(50).optional(),
        ...PageQuery,
      }),
      response: { 200: pageOf(PublicStation), ...Errors },
    },
  }, async (request) => listPublicStations(app.db, request.query));

  app.get('/api/public/stations/regions', {
    config: { access: 'public', rateLimit: LIMIT },
    schema: {
      tags: ['public'], summary: '有联络站的地区 The regions one level down that have stations, with counts',
      querystring: z.object({ parent: RegionCode.optional().meta({ description: 'Absent: the provinces' }) }),
      response: {
        200: z.object({
          trail: z.array(z.object({ code: z.string(), name: z.string() })).meta({ description: 'The way down to `parent`, province first' }),
          regions: z.array(z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS.keys), stations: z.number() })),
        }),
        ...Errors,
      },
    },
  }, async (request) => publicStationRegions(app.db, request.query.parent));

  app.get('/api/public/stations/:id', {
    config: { access: 'public', rateLimit: LIMIT },
    schema: { tags: ['public'], summary: '联络站公开信息 An active station, as the public sees it', params: IdParams, response: { 200: PublicStationPage, ...Errors } },
  }, async (request) => getPublicStation(app.db, request.params.id));

  app.get('/api/public/deputies/:id', {
    config: { access: 'public', rateLimit: LIMIT },
    schema: { tags: ['public'], summary: '代表公开信息 A deputy, as the public sees them', params: IdParams, response: { 200: PublicDeputy, ...Errors } },
  }, async (request) => getPublicDeputy(app.db, request.params.id));
};
