import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cancelImport, commitImport, createImportBatch } from './commands.js';
import type { ImportKind } from '../../platform/db/schemaImports.js';
import { AppError } from '../../platform/errors.js';
import { attachment } from '../../platform/http/download.js';
import { ErrorResponse, errorResponses, IdParams, PageQuery, pageOf } from '../../platform/http/schemas.js';
import { abortAllImports, failStalledImports, IMPORT_LIMITS } from '../../platform/tables/stage.js';
import { stageImportFile } from './staging.js';
import { importTemplate, TEMPLATE_NAMES } from '../../platform/tables/template.js';
import type { Ability } from '../../platform/access/abilities.js';
import { ImportBatchSchema, ImportRowSchema } from './presenter.js';
import { getImportBatch, listImportRows } from './queries.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Content types the file may be sent as; each is passed through as a stream, never buffered. */
const FILE_TYPES = ['application/octet-stream', XLSX, 'text/csv', 'application/vnd.ms-excel', 'text/plain'];

const KINDS: { kind: ImportKind; ability: Ability; tag: string; what: string }[] = [
  { kind: 'deputies', ability: 'deputy.create', tag: 'deputies', what: '代表花名册 a deputy roster' },
  { kind: 'stations', ability: 'station.create', tag: 'stations', what: '联络站名单 a station list' },
  { kind: 'enterprises', ability: 'industry.manage', tag: 'industry', what: '联系点成员企业 the member enterprises of an industry contact point' },
];

function isStream(body: unknown): body is AsyncIterable<Buffer> {
  return typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function';
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // Only the routes of this plugin take a file body; elsewhere these types stay refused.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(FILE_TYPES, (_request, payload, done) => done(null, payload));
  // Checks cut off by a crash before this start fail now (those of a server still running keep their stamp fresh).
  app.addHook('onReady', async () => { await failStalledImports(app.db); });
  // A stopping server stops its checks first, so their requests answer and it closes promptly.
  app.addHook('preClose', async () => { abortAllImports(); });

  for (const { kind, ability, tag, what } of KINDS) {
    const base = `/api/imports/${kind}`;
    const config = { access: 'authenticated' as const, ability };

    app.get(`${base}/template.xlsx`, {
      config,
      schema: {
        tags: [tag, 'imports'], summary: `导入模板 The import template for ${what}`, produces: [XLSX],
        description: 'The headers on the first sheet (required ones in red), what each column takes on the second.',
        response: errorResponses,
      },
    }, async (_request, reply: FastifyReply) => reply
      .header('content-type', XLSX)
      .header('content-disposition', attachment(TEMPLATE_NAMES[kind].file, TEMPLATE_NAMES[kind].ascii))
      .header('cache-control', 'private, no-cache')
      .send(await importTemplate(kind)));

    app.post(base, {
      config,
      schema: {
        tags: [tag, 'imports'], summary: `新建导入 Start importing ${what}`,
        description: `Creates a batch waiting for its file; then \`PUT ${base}/:id/file\`. A batch is seen only by the account that created it.`
          + (kind === 'enterprises' ? ' `stationId`: the industry contact point the enterprises join, which you run (404 out of reach, '
            + '409 INDUSTRY_NOT_CONTACT_POINT, 403 when you only read it).' : '')
          + (kind === 'deputies' ? ' With `termId`, the roster of the election round (换届) closing that term (see docs/ELECTIONS.md): people already '
            + 'registered are matched (`data.match`) instead of refused, and only the round commits it.' : ''),
        body: kind === 'deputies'
          ? z.object({
            filename: z.string().trim().min(1).max(255),
            termId: z.number().int().positive().optional().meta({ description: 'The running term an election round closes (term.round on it needed)' }),
          })
          : kind === 'enterprises'
            ? z.object({ filename: z.string().trim().min(1).max(255), stationId: z.number().int().positive().max(2_147_483_647).meta({ description: 'The industry contact point' }) })
            : z.object({ filename: z.string().trim().min(1).max(255) }),
        response: { 201: ImportBatchSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const body = request.body as { filename: string; termId?: number; stationId?: number };
      const id = await createImportBatch(app.db, request.actor!, kind, body.filename, body.termId ?? null, body.stationId ?? null);
      reply.status(201);
      return getImportBatch(app.db, request.actor!, kind, id, request.lang);
    });

    app.put(`${base}/:id/file`, {
      config,
      schema: {
        tags: [tag, 'imports'], summary: `上传并检查文件 Upload the file and check it (${what})`,
        description: 'The raw file as the body (`application/octet-stream`, or its own type: .xlsx, or .csv in UTF-8, GB18030/GBK or UTF-16), '
          + `at most ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB. Rows are checked and staged as the file streams in; while this runs, `
          + '`GET` the batch to see `totalRows` grow. Answers the batch when the file is checked: `ready` (see `errorRows`), '
          + 'or an error for the file as a whole (the batch is then `failed`). Nothing is written to the registers. '
          + `The file is parsed off the server's main thread with bounds: a cell at most ${IMPORT_LIMITS.maxCellChars} characters `
          + '(IMPORT_CELL_TOO_LONG), blank rows (IMPORT_TOO_MANY_BLANK_ROWS), a workbook\'s unpacked size and the parser\'s memory '
          + '(IMPORT_FILE_TOO_COMPLEX). A cancel answers 409 IMPORT_CANCELLED, a stopping server 503 IMPORT_INTERRUPTED.',
        params: IdParams,
        consumes: FILE_TYPES,
        response: { 200: ImportBatchSchema, ...errorResponses, 413: ErrorResponse },
      },
    }, async (request, reply) => {
      const declared = Number(request.headers['content-length']);
      if (declared > IMPORT_LIMITS.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: IMPORT_LIMITS.maxBytes });
      await getImportBatch(app.db, request.actor!, kind, request.params.id, request.lang);
      if (!isStream(request.body)) throw new AppError('BAD_REQUEST', { reason: `send the file as one of ${FILE_TYPES.join(', ')}` });
      try {
        await stageImportFile(app.db, request.actor!, kind, request.params.id, request.body);
      } catch (err) {
        // The server is stopping: the rest of the upload is not waited for.
        if (err instanceof AppError && err.code === 'IMPORT_INTERRUPTED') void reply.header('connection', 'close');
        throw err;
      } finally {
        // Whatever was not read (a file refused part-way) is drained, so the answer reaches the client.
        if (!request.raw.readableEnded) request.raw.resume();
      }
      return getImportBatch(app.db, request.actor!, kind, request.params.id, request.lang);
    });

    app.post(`${base}/:id/cancel`, {
      config,
      schema: {
        tags: [tag, 'imports'], summary: `取消导入 Cancel the import (${what})`,
        description: 'Stops the check of a file being uploaded (its upload then answers 409 IMPORT_CANCELLED), or drops a batch waiting '
          + 'for its file or checked and not committed. The batch becomes `failed` (IMPORT_CANCELLED) and its staged rows are cleared; '
          + 'the file can be uploaded again in a new batch. 409 IMPORT_NOT_READY once committed or failed.',
        params: IdParams, response: { 200: ImportBatchSchema, ...errorResponses },
      },
    }, async (request) => {
      await cancelImport(app.db, request.actor!, kind, request.params.id);
      return getImportBatch(app.db, request.actor!, kind, request.params.id, request.lang);
    });

    app.get(`${base}/:id`, {
      config,
      schema: {
        tags: [tag, 'imports'], summary: `导入批次 An import batch (${what})`,
        description: 'Its status, the columns as mapped, the counts; `totalRows` is the progress while `parsing`.',
        params: IdParams, response: { 200: ImportBatchSchema, ...errorResponses },
      },
    }, async (request) => getImportBatch(app.db, request.actor!, kind, request.params.id, request.lang));

    app.get(`${base}/:id/rows`, {
      config,
      schema: {
        tags: [tag, 'imports'], summary: `导入预览 The checked rows (${what})`,
        description: 'The staged rows in sheet order with their problems (row, column, code, message); `errors=true` gives only rows with problems.',
        params: IdParams,
        querystring: z.object({ errors: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), ...PageQuery }),
        response: { 200: pageOf(ImportRowSchema), ...errorResponses },
      },
    }, async (request) => listImportRows(app.db, request.actor!, kind, request.params.id, request.lang, request.query));

    app.post(`${base}/:id/commit`, {
      config,
      schema: {
        tags: [tag, 'imports'], summary: `提交导入 Commit the import (${what})`,
        description: 'All or nothing, in one transaction. Refused with 409 while the batch is not `ready` (IMPORT_NOT_READY) or has rows '
          + 'with errors (IMPORT_HAS_ERRORS). Rows that were valid at the preview but are not now (a station deactivated meanwhile) '
          + 'answer 409 IMPORT_STALE, write nothing, and show their errors in the preview. A batch left uncommitted for a week has had '
          + 'its staged rows cleared and answers 410 IMPORT_EXPIRED.',
        params: IdParams, response: { 200: ImportBatchSchema, ...errorResponses, 410: ErrorResponse },
      },
    }, async (request) => {
      await commitImport(app.db, request.actor!, request.ip, kind, request.params.id);
      return getImportBatch(app.db, request.actor!, kind, request.params.id, request.lang);
    });
  }
};
