import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordExportDownload } from '../commands/downloads.js';
import { accountExport, activityExport, auditExport, caseExport, deputyExport, stationExport, unitExport, type ExportList } from '../exports/lists.js';
import { allPages, shanghaiDate, writeXlsx } from '../exports/xlsx.js';
import { attachment } from '../http/download.js';
import { errorResponses } from '../http/schemas.js';
import { runWrite } from '../http/write.js';
import { AccountFilters } from './accounts.js';
import { activityFilters, ActivityQuery } from './activities.js';
import { AuditFilters } from './audit.js';
import { CaseFilters } from './cases.js';
import { DeputyFilters } from './deputies.js';
import { StationFilters } from './stations.js';
import { UnitFilters } from './units.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every page, counting the rows as they pass. */
async function* counted<T>(pages: AsyncIterable<T[]>, count: { rows: number }): AsyncGenerator<T[]> {
  for await (const page of pages) {
    count.rows += page.length;
    yield page;
  }
}

/**
 * Sends a list as an .xlsx download. The first page is read before anything is sent, so a bad
 * filter still answers as a JSON error; the rest streams. The download is audited: the record
 * (`export.download`, with the filters and the number of rows) is written once the workbook is
 * complete, and the response ends only after it is committed. A workbook that fails on the way
 * leaves no record, and a record that cannot be written breaks the download off.
 */
async function sendExport<F, T>(request: FastifyRequest, reply: FastifyReply, list: ExportList<F, T>, filters: F) {
  const db = request.server.db;
  const actor = request.actor!;
  const fetch = (cursor: string | undefined) => list.fetch(db, actor, filters, cursor);
  const first = await fetch(undefined);
  const count = { rows: 0 };
  const out = new PassThrough({
    // Runs when the workbook writer has ended the stream, before its end reaches the client.
    flush(done) {
      runWrite(request, (ctx) => recordExportDownload(ctx, { list: list.asciiName, name: list.fileName, filters, rows: count.rows }))
        .then(() => done(), done);
    },
  });
  const date = shanghaiDate();
  writeXlsx(out, list.sheet, list.columns, counted(allPages(fetch, first), count)).catch((err: unknown) => {
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
      querystring: z.object(DeputyFilters),
      response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, deputyExport, request.query));

  app.get('/api/stations.xlsx', {
    config: { access: 'authenticated', ability: 'station.read' },
    schema: {
      tags: ['stations'], summary: '导出联络站名单 Stations as Excel', description: `${described('stations')} The headers are those of the import template.`,
      produces,
      querystring: z.object(StationFilters),
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
      querystring: z.object(UnitFilters),
      response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, unitExport, request.query));

  app.get('/api/accounts.xlsx', {
    config: { access: 'authenticated', ability: 'account.read' },
    schema: {
      tags: ['accounts'], summary: '导出账号 Accounts as Excel', description: described('accounts'), produces,
      querystring: z.object(AccountFilters),
      response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, accountExport, request.query));

  app.get('/api/cases.xlsx', {
    config: { access: 'authenticated', ability: 'case.read' },
    schema: {
      tags: ['cases'], summary: '导出意见工单 The case queue as Excel', description: described('cases'), produces,
      querystring: z.object(CaseFilters),
      response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, caseExport, request.query));

  app.get('/api/audit.xlsx', {
    config: { access: 'authenticated', ability: 'audit.read' },
    schema: {
      tags: ['audit'], summary: '导出审计日志 The audit log as Excel', description: described('audit records'), produces,
      querystring: z.object(AuditFilters),
      response: errorResponses,
    },
  }, async (request, reply) => sendExport(request, reply, auditExport, request.query));
};
