import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordExportDownload } from '../registers/index.js';
import { contributions } from '../../platform/feature.js';
import type { ExportList } from './lists.js';
import { allPages, shanghaiDate, writeXlsx } from '../../platform/tables/xlsxExport.js';
import { attachment } from '../../platform/http/download.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';

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
  // Reports read the replica when one is configured (the record of the download goes to the primary).
  const db = request.server.readDb;
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
  writeXlsx(out, list.sheet, list.columnsFor ? list.columnsFor(filters) : list.columns, counted(allPages(fetch, first), count)).catch((err: unknown) => {
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

/** The Excel export of every list the features contribute (`exports` in their manifests). */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const r of contributions('exports')) {
    app.get(r.url, {
      config: { access: 'authenticated', ability: r.ability },
      schema: { tags: [r.tag], summary: r.summary, description: r.description, produces: [XLSX], querystring: r.query, response: errorResponses },
    }, async (request, reply) => {
      const query = request.query as z.output<typeof r.query>;
      return sendExport(request, reply, r.list as ExportList<unknown, unknown>, r.filters ? r.filters(query) : query);
    });
  }
};
