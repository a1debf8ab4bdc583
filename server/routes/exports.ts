import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPUTY_LEVELS, DEPUTY_STATUSES, ROLES, STATION_TIERS, STATION_TYPES } from '../../common/enums.js';
import { CASE_STATES } from '../domain/caseWorkflow.js';
import { accountExport, activityExport, auditExport, caseExport, deputyExport, stationExport, unitExport, type ExportList } from '../exports/lists.js';
import { allPages, shanghaiDate, writeXlsx } from '../exports/xlsx.js';
import { attachment } from '../http/download.js';
import { errorResponses, RegionCode } from '../http/schemas.js';
import { activityFilters, ActivityQuery } from './activities.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const Active = z.enum(['true', 'false', 'all']);

/**
 * Sends a list as an .xlsx download. The first page is read before anything is sent, so a bad
 * filter still answers as a JSON error; the rest streams.
 */
async function sendExport<F, T>(request: FastifyRequest, reply: FastifyReply, list: ExportList<F, T>, filters: F) {
  const db = request.server.db;
  const actor = request.actor!;
  const fetch = (cursor: string | undefined) => list.fetch(db, actor, filters, cursor);
  const first = await fetch(undefined);
  const out = new PassThrough();
  const date = shanghaiDate();
  writeXlsx(out, list.sheet, list.columns, allPages(fetch, first)).catch((err: unknown) => {
    request.log.error({ err }, 'export failed while streaming');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', attachment(`${list.fileName}_${date}.xlsx`, `${list.asciiName}-${date}.xlsx`))
    .header('cache-control', 'private, no-cache')
    .header('x-content-type-options', 'nosniff')
    .send(out);
}

const described = (what: string) => `All ${what} the JSON list would give with the same filters and scope, every page, as an .xlsx `
  + 'download (Chinese headers, coded values as Chinese labels, times in Asia/Shanghai).';

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const produces = [XLSX];

  app.get('/api/deputies.xlsx', {
    config: { access: 'authenticated', ability: 'deputy.read' },
    schema: {
      tags: ['deputies'], summary: '导出代表花名册 Deputies as Excel', description: `${described('deputies')} The headers are those of the import template.`,
      produces,
      querystring: z.object({
        q: z.string().trim().min(1).max(50).optional(),
        stationId: Id.optional(),
        level: z.enum(DEPUTY_LEVELS.keys).optional(),
        status: z.enum(DEPUTY_STATUSES.keys).optional(),
        regionCode: RegionCode.optional(),
        tag: z.string().trim().min(1).max(20).optional(),
        active: Active.default('true'),
      }),
      response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, deputyExport, request.query));

  app.get('/api/stations.xlsx', {
    config: { access: 'authenticated', ability: 'station.read' },
    schema: {
      tags: ['stations'], summary: '导出联络站名单 Stations as Excel', description: `${described('stations')} The headers are those of the import template.`,
      produces,
      querystring: z.object({
        regionCode: RegionCode.optional(),
        type: z.enum(STATION_TYPES.keys).optional(),
        tier: z.enum(STATION_TIERS.keys).optional(),
        parentId: Id.optional(),
        active: Active.default('true'),
        q: z.string().trim().min(1).max(50).optional(),
      }),
      response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, stationExport, request.query));

  app.get('/api/activities.xlsx', {
    config: { access: 'authenticated', ability: 'activity.read' },
    schema: {
      tags: ['activities'], summary: '导出履职活动 Activities as Excel', description: described('activities'), produces,
      querystring: ActivityQuery, response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, activityExport, activityFilters(request.query)));

  app.get('/api/units.xlsx', {
    config: { access: 'authenticated', ability: 'unit.read' },
    schema: {
      tags: ['units'], summary: '导出承办单位 Handling units as Excel', description: described('units'), produces,
      querystring: z.object({
        regionCode: RegionCode.optional(),
        q: z.string().trim().min(1).max(50).optional(),
        active: Active.default('true'),
      }),
      response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, unitExport, request.query));

  app.get('/api/accounts.xlsx', {
    config: { access: 'authenticated', ability: 'account.read' },
    schema: {
      tags: ['accounts'], summary: '导出账号 Accounts as Excel', description: described('accounts'), produces,
      querystring: z.object({
        role: z.enum(ROLES.keys).optional(),
        q: z.string().trim().min(1).max(50).optional(),
        active: Active.default('all'),
      }),
      response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, accountExport, request.query));

  app.get('/api/cases.xlsx', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['cases'], summary: '导出意见工单 The case queue as Excel', description: described('cases'), produces,
      querystring: z.object({
        state: z.enum(CASE_STATES).optional(),
        open: Flag.optional(),
        stationId: Id.optional(),
        unitId: Id.optional(),
        categoryId: Id.optional(),
        regionCode: RegionCode.optional(),
        overdue: Flag.optional(),
        keySupervision: Flag.optional(),
        q: z.string().trim().min(1).max(50).optional(),
        sort: z.enum(['newest', 'deadline']).default('newest'),
      }),
      response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, caseExport, request.query));

  app.get('/api/audit.xlsx', {
    config: { access: 'authenticated', ability: 'audit.read' },
    schema: {
      tags: ['audit'], summary: '导出审计日志 The audit log as Excel', description: described('audit records'), produces,
      querystring: z.object({
        entityType: z.string().max(50).optional(),
        entityId: z.string().max(50).optional(),
        actorAccountId: Id.optional(),
        action: z.string().max(80).optional(),
        from: z.iso.datetime({ offset: true }).optional(),
        to: z.iso.datetime({ offset: true }).optional(),
      }),
      response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, auditExport, request.query));
};
