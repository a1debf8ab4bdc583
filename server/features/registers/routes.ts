import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordRegisterDownload } from './downloads.js';
import {
  deleteChronicleEntry, deleteDeed, recordChronicleEntry, recordDeed, updateChronicleEntry, updateDeed,
} from './entryCommands.js';
import { invalidFields } from '../../platform/errors.js';
import { CivilDate, ErrorResponse, errorResponses, Id, IdParams, pageOf, PageQuery, patchOf, QueryId, RegionCode } from '../../platform/http/schemas.js';
import { sendFile } from '../../platform/http/sendFile.js';
import { runWrite } from '../../platform/http/write.js';
import { getChronicleEntry, getDeed, listChronicle, listDeeds } from './entryQueries.js';
import { buildRegister } from './build.js';
import { registerSources } from './kinds.js';
import { defaultPeriod, documentFileName, type Period } from '../../platform/documents/model.js';
import { registerFont } from '../../platform/documents/pdf.js';
import { renderRegister } from '../../platform/documents/renderWorker.js';
import { resolvePlace } from './place.js';
import { now as clockNow } from '../../platform/clock.js';

const Label = z.object({ zh: z.string(), en: z.string() });

const PlaceQuery = {
  stationId: QueryId.optional().meta({ description: 'One station (any the reader sees); or give regionCode' }),
  regionCode: RegionCode.optional().meta({ description: 'Every station of a region (staff: inside their subtree; administrators: any)' }),
};
const PeriodQuery = {
  from: CivilDate.optional().meta({ description: 'First day of the period; default 1 January of the current year' }),
  to: CivilDate.optional().meta({ description: 'Last day of the period (inclusive); default 31 December of the current year' }),
};

const FORMATS = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** The period asked for, or the current year; a period that ends before it starts is the client's error. */
function periodOf(q: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  const fallback = defaultPeriod(now);
  const from = q.from ?? (q.to ? `${q.to.slice(0, 4)}-01-01` : fallback.from);
  const period = { from, to: q.to ?? (q.from ? `${q.from.slice(0, 4)}-12-31` : fallback.to) };
  if (period.from > period.to) throw invalidFields([{ path: 'querystring.to', code: 'ENDS_BEFORE_START' }]);
  return period;
}

const Versioned = {
  createdAt: z.string(), updatedAt: z.string(),
  version: z.number().meta({ description: 'Send it back with a change or a deletion; a stale one answers 409 CONFLICT' }),
};
const Deed = z.object({
  id: z.number(), station: z.object({ id: z.number(), name: z.string() }), deputy: z.object({ id: z.number(), name: z.string() }),
  occurredOn: z.string(), title: z.string(), description: z.string(), recordedBy: z.string(), ...Versioned,
}).meta({ id: 'Deed' });
const ChronicleEntry = z.object({
  id: z.number(), station: z.object({ id: z.number(), name: z.string() }).nullable(), region: z.object({ code: z.string(), fullName: z.string() }),
  occurredOn: z.string(), title: z.string(), body: z.string(), recordedBy: z.string(), ...Versioned,
}).meta({ id: 'ChronicleEntry' });

const DeedBody = z.object({
  stationId: Id, deputyId: Id.meta({ description: 'A deputy of that station' }), occurredOn: CivilDate,
  title: z.string().trim().min(1).max(100), description: z.string().trim().max(2000).default(''),
});
const ChronicleBody = z.object({
  stationId: Id.nullable().default(null), regionCode: RegionCode.nullable().default(null).meta({ description: 'A region the writer manages; give this or stationId' }),
  occurredOn: CivilDate, title: z.string().trim().min(1).max(100), body: z.string().trim().max(2000).default(''),
});
/** A deletion names the version it saw, as a change does: an entry changed meanwhile is not deleted unseen. */
const DeleteQuery = z.object({
  version: QueryId.meta({ description: 'The version read; a stale one answers 409' }),
});
const Deleted = z.null().meta({ description: 'Deleted; the audit log keeps what the entry held' });

export const registerRoutes: FastifyPluginAsyncZod = async (app) => {
  // The registers the features contribute, in list order.
  const sources = registerSources();
  const REGISTER_KINDS = sources.map((s) => s.key) as [string, ...string[]];
  const listed = sources.map(({ key, periodic, entries, label, description }) => ({ key, periodic, entries, label, description, formats: ['xlsx' as const, 'pdf' as const] }));
  app.get('/api/registers', {
    config: { access: 'authenticated', ability: 'register.read' },
    schema: {
      tags: ['registers'], summary: '登记簿种类 The registers a station keeps (六簿一表一登记)',
      response: {
        200: z.array(z.object({
          key: z.enum(REGISTER_KINDS), label: Label, description: Label,
          periodic: z.boolean().meta({ description: 'false for the roster, which lists who is in the station now' }),
          entries: z.enum(['deeds', 'chronicle']).nullable().meta({ description: 'The endpoint its hand-made entries are kept at' }),
          formats: z.array(z.enum(['xlsx', 'pdf'])),
        })),
        ...errorResponses,
      },
    },
  }, async () => listed);

  app.get('/api/registers/:kind.:format', {
    config: { access: 'authenticated', ability: 'register.read' },
    schema: {
      tags: ['registers'], summary: '生成登记簿 A register of a station or region over a period, as Excel or PDF',
      description: 'Generated from the records as the reader reaches them: a station outside the reader\'s reach, or a region outside a '
        + 'staff member\'s subtree, answers 404. Constituents\' names and phones, and deputies\' phones, are masked exactly as the API '
        + 'masks them for the reader. PDF answers 503 PDF_FONT_MISSING without a CJK font; a register of more than 10 000 rows answers '
        + '413 REGISTER_TOO_LARGE.',
      params: z.object({ kind: z.enum(REGISTER_KINDS), format: z.enum(['xlsx', 'pdf']) }),
      querystring: z.object({ ...PlaceQuery, ...PeriodQuery }),
      produces: Object.values(FORMATS),
      response: { ...errorResponses, 413: ErrorResponse, 503: ErrorResponse },
    },
  }, async (request, reply) => {
    const { kind, format } = request.params;
    const now = clockNow();
    const period = periodOf(request.query, now);
    // A report: read from the replica when one is configured; its record goes to the primary.
    const place = await resolvePlace(app.readDb, request.actor!, request.query);
    // Look for the font before reading the records, so a server without one answers at once.
    const font = format === 'pdf' ? registerFont(app.config.posterFont) : null;
    const doc = await buildRegister(app.readDb, request.actor!, kind, place, period, now);
    const body = font ? await renderRegister(doc, 'pdf', font) : await renderRegister(doc, 'xlsx');
    // Personal data is leaving: on the record once the file is made, before it is sent.
    await runWrite(request, (ctx) => recordRegisterDownload(ctx, { kind, format, place, period, doc }));
    const ascii = `register-${kind}-${place.kind === 'station' ? `station-${place.id}` : `region-${place.code}`}`;
    return sendFile(reply, { body, type: FORMATS[format], name: `${documentFileName(doc)}.${format}`, asciiName: `${ascii}.${format}` });
  });

  app.get('/api/deeds', {
    config: { access: 'authenticated', ability: 'register.read' },
    schema: {
      tags: ['registers'], summary: '先进事迹 Deeds recorded at a station or in a region, newest entry first',
      querystring: z.object({ ...PlaceQuery, deputyId: QueryId.optional(), ...PeriodQuery, ...PageQuery }),
      response: { 200: pageOf(Deed), ...errorResponses },
    },
  }, async (request) => {
    const { stationId, regionCode, ...filters } = request.query;
    const place = await resolvePlace(app.db, request.actor!, { stationId, regionCode });
    return listDeeds(app.db, request.actor!, place, filters);
  });

  app.post('/api/deeds', {
    config: { access: 'authenticated', ability: 'register.write' },
    schema: {
      tags: ['registers'], summary: '登记先进事迹 Record a deputy\'s deed at their station',
      body: DeedBody,
      response: { 201: Deed, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => recordDeed(ctx, request.body));
    reply.status(201);
    return getDeed(app.db, request.actor!, id);
  });

  app.patch('/api/deeds/:id', {
    config: { access: 'authenticated', ability: 'register.write' },
    schema: {
      tags: ['registers'], summary: '修改先进事迹 Correct a deed',
      description: 'The deed\'s station must be one the writer sees (404 otherwise). A new station or deputy is checked as recording would check it.',
      params: IdParams, body: patchOf(DeedBody),
      response: { 200: Deed, ...errorResponses },
    },
  }, async (request) => {
    const { version, ...patch } = request.body;
    await runWrite(request, (ctx) => updateDeed(ctx, request.params.id, version, patch));
    return getDeed(app.db, request.actor!, request.params.id);
  });

  app.delete('/api/deeds/:id', {
    config: { access: 'authenticated', ability: 'register.write' },
    schema: {
      tags: ['registers'], summary: '删除先进事迹 Delete a deed',
      description: 'The deed\'s station must be one the writer sees (404 otherwise). The audit record (deed.delete) keeps what it held.',
      params: IdParams, querystring: DeleteQuery,
      response: { 204: Deleted, ...errorResponses },
    },
  }, async (request, reply) => {
    await runWrite(request, (ctx) => deleteDeed(ctx, request.params.id, request.query.version));
    return reply.status(204).send(null);
  });

  app.get('/api/chronicle', {
    config: { access: 'authenticated', ability: 'register.read' },
    schema: {
      tags: ['registers'], summary: '大事记条目 Chronicle entries of a station or region, newest entry first',
      description: 'The entries made by hand; the chronicle register adds the period\'s campaigns and well-attended activities by itself.',
      querystring: z.object({ ...PlaceQuery, ...PeriodQuery, ...PageQuery }),
      response: { 200: pageOf(ChronicleEntry), ...errorResponses },
    },
  }, async (request) => {
    const { stationId, regionCode, ...filters } = request.query;
    const place = await resolvePlace(app.db, request.actor!, { stationId, regionCode });
    return listChronicle(app.db, request.actor!, place, filters);
  });

  app.post('/api/chronicle', {
    config: { access: 'authenticated', ability: 'register.write' },
    schema: {
      tags: ['registers'], summary: '登记大事记 Record an event in a station\'s or a region\'s chronicle',
      body: ChronicleBody,
      response: { 201: ChronicleEntry, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => recordChronicleEntry(ctx, request.body));
    reply.status(201);
    return getChronicleEntry(app.db, request.actor!, id);
  });

  app.patch('/api/chronicle/:id', {
    config: { access: 'authenticated', ability: 'register.write' },
    schema: {
      tags: ['registers'], summary: '修改大事记 Correct a chronicle entry',
      description: 'A station\'s entry needs a station the writer sees, a region\'s a region they manage (404 otherwise). '
        + 'Giving stationId or regionCode moves the entry to exactly that place, checked as recording would check it.',
      params: IdParams, body: patchOf(ChronicleBody),
      response: { 200: ChronicleEntry, ...errorResponses },
    },
  }, async (request) => {
    const { version, ...patch } = request.body;
    await runWrite(request, (ctx) => updateChronicleEntry(ctx, request.params.id, version, patch));
    return getChronicleEntry(app.db, request.actor!, request.params.id);
  });

  app.delete('/api/chronicle/:id', {
    config: { access: 'authenticated', ability: 'register.write' },
    schema: {
      tags: ['registers'], summary: '删除大事记 Delete a chronicle entry',
      description: 'A station\'s entry needs a station the writer sees, a region\'s a region they manage (404 otherwise). '
        + 'The audit record (chronicle.delete) keeps what it held.',
      params: IdParams, querystring: DeleteQuery,
      response: { 204: Deleted, ...errorResponses },
    },
  }, async (request, reply) => {
    await runWrite(request, (ctx) => deleteChronicleEntry(ctx, request.params.id, request.query.version));
    return reply.status(204).send(null);
  });
};
