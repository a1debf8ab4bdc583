/**
 * The grid routes (网格): cells and their deputies and grid workers, the coverage of a region, a
 * grid worker's whistles (吹哨) and the cross-border service teams with their joint patrols.
 * Scope in each query (access.ts); each write one transaction with its audit record.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_STATES, checkPhotos } from '../cases/index.js';
import { errorResponses, Id, IdParams, RegionCode } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '../../platform/uploads/imageType.js';
import { blowWhistle, createCell, createTeam, logPatrol, updateCell } from './commands.js';
import { coverage, getCell, getMyWhistle, listCells, listMyWhistles, listTeams } from './queries.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const requiredText = (max: number) => z.string({ error: 'REQUIRED' }).trim().min(1, { error: 'REQUIRED' }).max(max, { error: 'TEXT_TOO_LONG' });
const text = (max: number) => z.string({ error: 'REQUIRED' }).trim().max(max, { error: 'TEXT_TOO_LONG' });
const Point = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
const Named = z.object({ id: z.number(), name: z.string() });
const base64Limit = Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 4;

const CellBody = z.object({
  name: requiredText(100).describe('The cell, e.g. 公和村第 1 网格'),
  regionCode: RegionCode.describe('The town (regions end at the town)'),
  village: requiredText(100).describe('The village or community'),
  stationId: Id.describe('The station whistles from the cell go to; it serves the town'),
  boundary: text(2000).default(''),
  center: Point.nullable().default(null),
  deputyIds: z.array(Id).max(200).default([]),
  workerAccountIds: z.array(Id).max(50).default([]),
});

const CellItem = z.object({
  id: z.number(), name: z.string(), village: z.string(), regionCode: z.string(), regionName: z.string(), stationId: z.number(), stationName: z.string(),
  deputyCount: z.number(), workerCount: z.number(), whistleCount: z.number(),
}).meta({ id: 'GridCellItem' });

const Cell = z.object({
  id: z.number(), name: z.string(), village: z.string(), regionCode: z.string(), regionName: z.string(), stationId: z.number(), stationName: z.string(),
  boundary: z.string(), center: Point.nullable(), version: z.number(), deputies: z.array(Named), workers: z.array(Named), canManage: z.boolean(),
}).meta({ id: 'GridCell' });

const Coverage = z.object({
  regionCode: z.string(), regionName: z.string(), deputyCount: z.number(), inGridCount: z.number(),
  towns: z.array(z.object({
    regionCode: z.string(), regionName: z.string(),
    villages: z.array(z.object({ village: z.string(), cells: z.array(z.object({ id: z.number(), name: z.string(), deputies: z.array(Named), workers: z.array(Named) })) })),
  })),
  notInGrid: z.array(z.object({ id: z.number(), name: z.string(), regionName: z.string(), gridLabel: z.string().nullable().describe('The free-text grid label of the deputy record') })),
}).meta({ id: 'GridCoverage' });

const WhistleItem = z.object({
  id: z.number(), trackingCode: z.string(), state: z.enum(CASE_STATES), stateLabel: Label, excerpt: z.string(), submittedAt: z.string(),
  cellId: z.number(), cellName: z.string(), stationName: z.string(),
}).meta({ id: 'GridWhistleItem' });

const Whistle = WhistleItem.extend({
  content: z.string(), place: z.string(), location: Point.nullable(), photoCount: z.number(),
  timeline: z.array(z.object({ at: z.string(), label: Label, comment: z.string().nullable() })),
}).meta({ id: 'GridWhistle' });

const Team = z.object({
  id: z.number(), name: z.string(), description: z.string(), stationId: z.number(), stationName: z.string(), canLogPatrol: z.boolean(),
  members: z.array(z.object({ id: z.number(), name: z.string(), side: z.string() })),
  patrols: z.array(z.object({ id: z.number(), activityId: z.number(), title: z.string(), startsAt: z.string(), place: z.string(), members: z.array(Named) })),
}).meta({ id: 'GridTeam' });

const read = { access: 'authenticated', ability: 'grid.read' } as const;
const manage = { access: 'authenticated', ability: 'grid.manage' } as const;
const tags = ['grids'];

export const gridRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/grids/cells', {
    config: read,
    schema: {
      tags, summary: '网格 The cells in reach (a grid worker: their own cells)',
      querystring: z.object({ regionCode: RegionCode.optional() }), response: { 200: z.object({ items: z.array(CellItem) }), ...errorResponses },
    },
  }, async (request) => listCells(app.db, request.actor!, request.query));

  app.post('/api/grids/cells', {
    config: manage,
    schema: {
      tags, summary: '新建网格 Create a cell of a village, with its deputies and grid workers',
      description: '400 GRID_STATION_INVALID, GRID_DEPUTY_INVALID, GRID_WORKER_INVALID; 409 GRID_CELL_TAKEN.',
      body: CellBody, response: { 201: Cell, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createCell(ctx, request.body));
    reply.status(201);
    return getCell(app.db, request.actor!, id);
  });

  app.get('/api/grids/cells/:id', {
    config: read,
    schema: { tags, summary: '网格详情 A cell with its boundary, deputies and grid workers', params: IdParams, response: { 200: Cell, ...errorResponses } },
  }, async (request) => getCell(app.db, request.actor!, request.params.id));

  app.put('/api/grids/cells/:id', {
    config: manage,
    schema: {
      tags, summary: '修改网格 Change a cell, its deputies and grid workers',
      description: '400 GRID_STATION_INVALID, GRID_DEPUTY_INVALID, GRID_WORKER_INVALID; 409 GRID_CELL_TAKEN, CONFLICT.',
      params: IdParams, body: CellBody.extend({ version: z.number().int() }), response: { 200: Cell, ...errorResponses },
    },
  }, async (request) => {
    const { version, ...input } = request.body;
    await runWrite(request, (ctx) => updateCell(ctx, request.params.id, version, input));
    return getCell(app.db, request.actor!, request.params.id);
  });

  app.get('/api/grids/coverage', {
    config: { access: 'authenticated', ability: 'grid.coverage' },
    schema: {
      tags, summary: '网格覆盖 Every cell of a region by town and village with its deputies and workers, and the deputies in no cell',
      querystring: z.object({ regionCode: RegionCode }), response: { 200: Coverage, ...errorResponses },
    },
  }, async (request) => coverage(app.db, request.actor!, request.query.regionCode));

  app.post('/api/grids/whistles', {
    config: { access: 'authenticated', ability: 'grid.whistle' },
    schema: {
      tags, summary: '网格吹哨 Blow the whistle: a case of channel whistle at the station of one of your cells',
      description: 'With photos (base64, up to 5) and where: the phone location or a description of the place. 400 GRID_LOCATION_REQUIRED; 404 for a cell not yours.',
      body: z.object({
        cellId: Id, categoryId: Id, content: requiredText(2000), place: text(200).default(''), location: Point.nullable().default(null),
        photos: z.array(z.object({ data: z.base64().max(base64Limit) })).max(MAX_PHOTOS).default([]),
      }),
      response: { 201: Whistle, ...errorResponses },
    },
  }, async (request, reply) => {
    const { photos, ...input } = request.body;
    // Decoded and cleaned before the transaction opens: no connection is held while libvips works.
    const checked = await checkPhotos(photos.map((p) => ({ bytes: new Uint8Array(Buffer.from(p.data, 'base64')) })));
    const id = await runWrite(request, (ctx) => blowWhistle(ctx, { ...input, photos: checked }));
    reply.status(201);
    return getMyWhistle(app.db, request.actor!, id);
  });

  app.get('/api/grids/whistles', {
    config: { access: 'authenticated', ability: 'grid.whistle' },
    schema: { tags, summary: '我的吹哨 Your whistles with their status', response: { 200: z.object({ items: z.array(WhistleItem) }), ...errorResponses } },
  }, async (request) => listMyWhistles(app.db, request.actor!));

  app.get('/api/grids/whistles/:id', {
    config: { access: 'authenticated', ability: 'grid.whistle' },
    schema: { tags, summary: '吹哨详情 One of your whistles and what the station did (its public timeline)', params: IdParams, response: { 200: Whistle, ...errorResponses } },
  }, async (request) => getMyWhistle(app.db, request.actor!, request.params.id));

  app.get('/api/grids/teams', {
    config: { access: 'authenticated', ability: 'grid.team_read' },
    schema: { tags, summary: '跨界服务小组 Cross-border service teams in reach with their members and patrols', response: { 200: z.object({ items: z.array(Team) }), ...errorResponses } },
  }, async (request) => listTeams(app.db, request.actor!));

  app.post('/api/grids/teams', {
    config: manage,
    schema: {
      tags, summary: '组建跨界服务小组 Form a team of grid workers of a station',
      description: 'Members: grid workers of cells in the station regions, from either side. 400 GRID_STATION_INVALID, GRID_WORKER_INVALID; 409 GRID_TEAM_TAKEN.',
      body: z.object({ stationId: Id, name: requiredText(100), description: text(2000).default(''), memberAccountIds: z.array(Id).max(50).default([]) }),
      response: { 201: z.object({ id: z.number() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createTeam(ctx, request.body));
    reply.status(201);
    return { id };
  });

  app.post('/api/grids/teams/:id/patrols', {
    config: { access: 'authenticated', ability: 'grid.patrol' },
    schema: {
      tags, summary: '登记联合巡查 Log a joint patrol of the team (an activity of its station)',
      description: '400 GRID_PATROL_MEMBER_INVALID.',
      params: IdParams,
      body: z.object({
        title: requiredText(100), startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }).nullable().default(null),
        place: text(200).default(''), summary: text(2000).default(''), memberAccountIds: z.array(Id).min(1).max(50),
      }),
      response: { 201: z.object({ id: z.number(), activityId: z.number() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const { startsAt, endsAt, ...rest } = request.body;
    const id = await runWrite(request, (ctx) => logPatrol(ctx, request.params.id, { ...rest, startsAt: new Date(startsAt), endsAt: endsAt ? new Date(endsAt) : null }));
    const patrol = await app.db.selectFrom('grid_patrol').select(['id', 'activity_id']).where('id', '=', id).executeTakeFirstOrThrow();
    reply.status(201);
    return { id: patrol.id, activityId: patrol.activity_id };
  });
};
