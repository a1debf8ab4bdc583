/**
 * Open311 GeoReport v2 (JSON): services are the case categories, requests the public view of
 * cases, and a created request is a public submission, posted as a form (as GeoReport clients
 * do) or as JSON. Stations route cases: a request names one with the extension field
 * `station_id` (or `deputy_id`, as on a deputy's QR card), or a standard client's
 * `address_string` is placed on the region tree and goes to the station serving it
 * (open311Place.ts). Every error answers GeoReport's `[{ code, description }]`, the code being
 * the HTTP status.
 * The public view carries no personal data: no name, phone, text or place, only what the
 * tracking page shows without the key — category, status, dates and the unit handling it.
 * A request's id is the case's public id (`opinion.public_id`), never its tracking code: the
 * tracking code with a PIN opens the case, so it is shown only to the submitter and staff.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { submitPublic } from './intake.js';
import { stationForAddress } from './open311Place.js';
import { isOpen } from './workflow.js';
import { AppError } from '../../platform/errors.js';
import { MobilePhone, QueryId } from '../../platform/http/schemas.js';
import { parseFormBody } from '../../platform/http/textInput.js';
import { nowMs } from '../../platform/clock.js';


const Service = z.object({
  service_code: z.string(), service_name: z.string(), description: z.string(), metadata: z.boolean(),
  type: z.literal('realtime'), keywords: z.string(), group: z.string(),
});

const ServiceRequest = z.object({
  service_request_id: z.string(), status: z.enum(['open', 'closed']), status_notes: z.string().nullable(),
  service_name: z.string(), service_code: z.string(), agency_responsible: z.string().nullable(),
  requested_datetime: z.string(), updated_datetime: z.string(), expected_datetime: z.string().nullable(),
});

/** GeoReport's error answer: the HTTP status and a readable description, in a list. */
const GeoReportErrors = z.array(z.object({
  code: z.number().int().meta({ description: 'The HTTP status' }),
  description: z.string().meta({ description: 'What went wrong, in the language of Accept-Language (zh-CN by default), with the stable error code' }),
})).meta({ id: 'GeoReportErrors' });

interface ErrorBody { error: { code: string; message: string; fields?: { path: string; message: string }[] } }

/** The standard error body of the API as GeoReport's list. */
function geoReportErrors(status: number, body: ErrorBody) {
  const fields = (body.error.fields ?? []).map((f) => `${f.path.replace(/^body\./, '')}: ${f.message}`);
  return [{ code: status, description: `${body.error.message}${fields.length ? ` (${fields.join('; ')})` : ''} [${body.error.code}]` }];
}

/** ISO 8601 with the Asia/Shanghai offset, as GeoReport clients expect local times. */
function localTime(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export const open311Routes: FastifyPluginAsyncZod = async (app) => {
  // GeoReport clients post forms; an empty field counts as not given (GeoReport's optional arguments).
  // Text that is not UTF-8 is refused naming the field (platform/http/textInput.ts), never read with replacement characters.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, Object.fromEntries(parseFormBody(request.headers['content-type'], body as Buffer).filter(([, v]) => v.trim() !== '')));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  // Errors, whoever raised them (validation, rate limit, not found), in GeoReport's format.
  app.addHook('preSerialization', async (_request, reply, payload) => {
    const body = payload as Partial<ErrorBody> | null;
    return reply.statusCode >= 400 && body && typeof body === 'object' && body.error?.message ? geoReportErrors(reply.statusCode, body as ErrorBody) : payload;
  });

  const services = async () => (await app.db.selectFrom('case_category').selectAll().where('active', '=', true).orderBy('sort').execute())
    .map((c) => ({
      service_code: c.code, service_name: c.name, description: `${c.name_en}; answered within ${c.deadline_days} working days`,
      metadata: false, type: 'realtime' as const, keywords: c.name_en.toLowerCase(), group: '群众意见建议',
    }));

  app.get('/open311/v2/services.json', {
    config: { access: 'public' },
    schema: { tags: ['open311'], summary: 'GeoReport v2: services (case categories)', response: { 200: z.array(Service) } },
  }, services);

  app.get('/open311/v2/services/:code.json', {
    config: { access: 'public' },
    schema: {
      tags: ['open311'], summary: 'GeoReport v2: service definition', params: z.object({ code: z.string().max(50) }),
      response: { 200: z.object({ service_code: z.string(), attributes: z.array(z.unknown()) }), 404: GeoReportErrors },
    },
  }, async (request) => {
    const found = (await services()).find((s) => s.service_code === request.params.code);
    if (!found) throw new AppError('NOT_FOUND');
    return { service_code: found.service_code, attributes: [] };
  });

  const requestRows = () => app.db.selectFrom('opinion as o')
    .innerJoin('case_category as c', 'c.id', 'o.category_id')
    .leftJoin('unit as u', 'u.id', 'o.assigned_unit_id')
    .select(['o.public_id', 'o.state', 'o.submitted_at', 'o.updated_at', 'o.deadline_at', 'c.code', 'c.name', 'u.name as unit_name']);
  type Row = Awaited<ReturnType<ReturnType<typeof requestRows>['execute']>>[number];
  const present = (r: Row) => ({
    service_request_id: r.public_id,
    status: isOpen(r.state) ? 'open' as const : 'closed' as const,
    status_notes: isOpen(r.state) ? null : r.state === 'declined' ? '不予受理' : r.state === 'merged' ? '已并单' : '已办结',
    service_name: r.name, service_code: r.code, agency_responsible: r.unit_name,
    requested_datetime: localTime(r.submitted_at), updated_datetime: localTime(r.updated_at),
    expected_datetime: r.deadline_at ? localTime(r.deadline_at) : null,
  });

  app.get('/open311/v2/requests.json', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['open311'], summary: 'GeoReport v2: service requests (public view, newest first, at most 1000)',
      querystring: z.object({
        service_request_id: z.string().max(400).optional().meta({ description: 'Comma-separated request ids (public ids; tracking codes are not request ids)' }),
        service_code: z.string().max(50).optional(),
        status: z.enum(['open', 'closed']).optional(),
        start_date: z.iso.datetime({ offset: true }).optional(),
        end_date: z.iso.datetime({ offset: true }).optional(),
      }),
      response: { 200: z.array(ServiceRequest), 400: GeoReportErrors, 429: GeoReportErrors },
    },
  }, async (request) => {
    const f = request.query;
    // Newest first within the date window, along the (submitted_at, id) index, so a rare service cannot make it read the whole table.
    let q = requestRows().orderBy('o.submitted_at', 'desc').orderBy('o.id', 'desc').limit(1000);
    if (f.service_request_id) {
      const ids = f.service_request_id.split(',').map((c) => c.trim().toLowerCase()).filter((c) => /^[0-9a-f]{32}$/.test(c));
      q = q.where('o.public_id', 'in', ids.length ? ids : ['']);
    }
    if (f.service_code) q = q.where('c.code', '=', f.service_code);
    if (f.status === 'open') q = q.where('o.state', 'not in', ['declined', 'merged', 'closed', 'archived']);
    if (f.status === 'closed') q = q.where('o.state', 'in', ['declined', 'merged', 'closed', 'archived']);
    // GeoReport's default window: the last 90 days.
    q = q.where('o.submitted_at', '>=', f.start_date ? new Date(f.start_date) : new Date(nowMs() - 90 * 86_400_000));
    if (f.end_date) q = q.where('o.submitted_at', '<', new Date(f.end_date));
    return (await q.execute()).map(present);
  });

  app.get('/open311/v2/requests/:id.json', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['open311'], summary: 'GeoReport v2: one service request', params: z.object({ id: z.string().max(40) }),
      response: { 200: z.array(ServiceRequest), 400: GeoReportErrors, 404: GeoReportErrors, 429: GeoReportErrors },
    },
  }, async (request) => {
    const id = request.params.id.toLowerCase();
    const row = /^[0-9a-f]{32}$/.test(id) ? await requestRows().where('o.public_id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return [present(row)];
  });

  app.post('/open311/v2/requests.json', {
    config: { access: 'public', rateLimit: { max: 10, timeWindow: '10 minutes' } },
    schema: {
      tags: ['open311'],
      summary: 'GeoReport v2: create a service request (a public submission)',
      description: 'Form-encoded (as GeoReport clients post) or JSON. Who receives it: the extension field `station_id` '
        + 'or `deputy_id`, or else the station serving the region that `address_string` names (its town or county; '
        + 'stations have no coordinates, so `lat`/`long` alone cannot be placed and are kept with the address). '
        + 'The answer\'s `token` is the secret key for the tracking page.',
      body: z.object({
        service_code: z.string().max(50),
        description: z.string().trim().min(1).max(2000),
        address_string: z.string().trim().max(200).optional(),
        lat: z.coerce.number().min(-90).max(90).optional(),
        long: z.coerce.number().min(-180).max(180).optional(),
        first_name: z.string().trim().max(25).optional(),
        last_name: z.string().trim().max(25).optional(),
        phone: MobilePhone.optional(),
        station_id: QueryId.optional(),
        deputy_id: QueryId.optional(),
      }),
      response: {
        201: z.array(z.object({ service_request_id: z.string(), token: z.string(), service_notice: z.string() })),
        400: GeoReportErrors, 404: GeoReportErrors, 413: GeoReportErrors, 429: GeoReportErrors,
      },
    },
  }, async (request, reply) => {
    const b = request.body;
    const category = await app.db.selectFrom('case_category').select('id').where('code', '=', b.service_code).where('active', '=', true).executeTakeFirst();
    if (!category) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'body.service_code', code: 'CATEGORY_UNKNOWN', message: 'Unknown category' }]);
    let stationId = b.station_id;
    if (stationId === undefined && b.deputy_id === undefined) {
      stationId = (b.address_string ? await stationForAddress(app.db, b.address_string) : null) ?? undefined;
      if (stationId === undefined) throw new AppError('OPEN311_UNROUTABLE');
    }
    const name = [b.last_name, b.first_name].filter(Boolean).join('') || null;
    const point = b.lat !== undefined && b.long !== undefined ? `(${b.lat}, ${b.long})` : '';
    const receipt = await submitPublic(app.db, request.ip, {
      target: { stationId, deputyId: b.deputy_id }, categoryId: category.id, content: b.description,
      place: [b.address_string, point].filter(Boolean).join(' '), name, phone: b.phone ?? null, channel: 'online', photos: [], idempotencyKey: null,
    });
    reply.status(201);
    // The request id is public; the tracking code and the PIN are the submitter's own, told to her alone in the notice.
    return [{
      service_request_id: receipt.publicId, token: receipt.queryKey,
      service_notice: `已收到。受理编号 ${receipt.trackingCode},查询码 ${receipt.pin},请妥善保存,凭此查询办理进度。`,
    }];
  });
};
