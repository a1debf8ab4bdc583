import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordExportDownload } from '../registers/downloads.js';
import { accountExport, activityExport, auditExport, caseExport, deputyExport, stationExport, unitExport, type ExportList } from './lists.js';
import { allPages, shanghaiDate, writeXlsx } from '../../platform/tables/xlsxExport.js';
import { attachment } from '../../platform/http/download.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import type { Ability } from '../../platform/access/abilities.js';
import { AccountFilters } from '../accounts/routes.js';
import { activityFilters, ActivityQuery } from '../activities/routes.js';
import { AuditFilters } from '../audit/routes.js';
import { CaseFilters } from '../cases/routes.js';
import { DeputyFilters } from '../deputies/routes.js';
import { StationFilters } from '../stations/routes.js';
import { UnitFilters } from '../units/routes.js';

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

/** One list's Excel export: the list route's filters, its read ability and its name in the docs. */
interface ExportRoute<Q extends z.ZodType, F, T> {
  url: string;
  ability: Ability;
  tag: string;
  summary: string;
  description: string;
  query: Q;
  list: ExportList<F, T>;
  /** The list's filters from the query string, when they are not the query string itself. */
  filters?: (query: z.output<Q>) => F;
}

const templateHeaders = ' The headers are those of the import template.';

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  function exportRoute<Q extends z.ZodType, F, T>(r: ExportRoute<Q, F, T>) {
    app.get(r.url, {
      config: { access: 'authenticated', ability: r.ability },
      schema: { tags: [r.tag], summary: r.summary, description: r.description, produces: [XLSX], querystring: r.query, response: errorResponses },
    }, async (request, reply) => {
      const query = request.query as z.output<Q>;
      return sendExport(request, reply, r.list, r.filters ? r.filters(query) : (query as F));
    });
  }

  exportRoute({
    url: '/api/deputies.xlsx', ability: 'deputy.read', tag: 'deputies', summary: '导出代表花名册 Deputies as Excel',
    description: described('deputies') + templateHeaders, query: z.object(DeputyFilters), list: deputyExport,
  });
  exportRoute({
    url: '/api/stations.xlsx', ability: 'station.read', tag: 'stations', summary: '导出联络站名单 Stations as Excel',
    description: described('stations') + templateHeaders, query: z.object(StationFilters), list: stationExport,
  });
  exportRoute({
    url: '/api/activities.xlsx', ability: 'activity.read', tag: 'activities', summary: '导出履职活动 Activities as Excel',
    description: described('activities'), query: ActivityQuery, list: activityExport, filters: activityFilters,
  });
  exportRoute({
    url: '/api/units.xlsx', ability: 'unit.read', tag: 'units', summary: '导出承办单位 Handling units as Excel',
    description: described('units'), query: z.object(UnitFilters), list: unitExport,
  });
  exportRoute({
    url: '/api/accounts.xlsx', ability: 'account.read', tag: 'accounts', summary: '导出账号 Accounts as Excel',
    description: described('accounts'), query: z.object(AccountFilters), list: accountExport,
  });
  exportRoute({
    url: '/api/cases.xlsx', ability: 'case.read', tag: 'cases', summary: '导出意见工单 The case queue as Excel',
    description: described('cases'), query: z.object(CaseFilters), list: caseExport,
  });
  exportRoute({
    url: '/api/audit.xlsx', ability: 'audit.read', tag: 'audit', summary: '导出审计日志 The audit log as Excel',
    description: described('audit records'), query: z.object(AuditFilters), list: auditExport,
  });
};
