import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIVITY_KINDS, ATTENDANCE } from '../../../common/enums.js';
import { addActivityFiles, checkActivityFiles, createActivity, MAX_ACTIVITY_PHOTOS, MAX_REPORT_BYTES, updateActivity, type ActivityInput } from './commands.js';
import { invalidFields } from '../../platform/errors.js';
import { MAX_PHOTO_BYTES } from '../../platform/uploads/imageType.js';
import { attachment } from '../../platform/http/download.js';
import { errorResponses, Id, IdParams, pageOf, PageQuery, QueryId, RegionCode } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { getActivity, getActivityFile, listActivities } from './queries.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const base64Of = (bytes: number) => Math.ceil((bytes * 4) / 3) + 4;
const MAX_REPORTS = 5;
const Photo = z.object({ data: z.base64().max(base64Of(MAX_PHOTO_BYTES)), filename: z.string().trim().max(200).optional() });
const Report = z.object({ data: z.base64().max(base64Of(MAX_REPORT_BYTES)), filename: z.string().trim().min(1).max(200) });
const FILES_LIMIT = MAX_ACTIVITY_PHOTOS * base64Of(MAX_PHOTO_BYTES) + 2 * base64Of(MAX_REPORT_BYTES) + 256 * 1024;

const ActivityFields = z.object({
  kind: z.enum(ACTIVITY_KINDS.keys),
  title: z.string().trim().min(1).max(200).meta({ description: 'The topic (主题)' }),
  stationId: Id.nullable().default(null),
  regionCode: RegionCode.nullable().default(null).meta({ description: 'Only without a station; a deputy defaults to their own region' }),
  campaignId: Id.nullable().default(null),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable().default(null),
  place: z.string().trim().max(200).default(''),
  summary: z.string().trim().max(5000).default(''),
  suggestionsMade: z.number().int().min(0).max(1000).default(0).meta({ description: 'Suggestions the deputies put forward (建议条数)' }),
  participants: z.array(z.object({ deputyId: Id, attendance: z.enum(ATTENDANCE.keys).default('present') })).max(300).default([])
    .meta({ description: 'A deputy recording their own activity is added as present' }),
  unitIds: z.array(Id).max(50).default([]).meta({ description: 'Departments invited' }),
  rotaSlotId: Id.nullable().default(null).meta({ description: 'The reception day of the rota this activity holds' }),
});

const ActivityListItem = z.object({
  id: z.number(), kind: z.enum(ACTIVITY_KINDS.keys), kindLabel: Label, title: z.string(), startsAt: z.string(), place: z.string(),
  station: z.object({ id: z.number(), name: z.string() }).nullable(), regionName: z.string(),
  campaign: z.object({ id: z.number(), name: z.string() }).nullable(),
  participants: z.number(), present: z.number(), opinions: z.number(), photos: z.number(), suggestionsMade: z.number(),
}).meta({ id: 'ActivityListItem' });

const ActivityDetail = z.object({
  id: z.number(), kind: z.enum(ACTIVITY_KINDS.keys), kindLabel: Label, title: z.string(),
  station: z.object({ id: z.number(), name: z.string() }).nullable(), region: z.object({ code: z.string(), fullName: z.string() }),
  campaign: z.object({ id: z.number(), name: z.string() }).nullable(),
  startsAt: z.string(), endsAt: z.string().nullable(), place: z.string(), summary: z.string(), suggestionsMade: z.number(),
  participants: z.array(z.object({ deputyId: z.number(), name: z.string(), attendance: z.enum(ATTENDANCE.keys), attendanceLabel: Label })),
  units: z.array(z.object({ id: z.number(), name: z.string() })),
  photos: z.array(z.object({ id: z.number(), url: z.string() })),
  reports: z.array(z.object({ id: z.number(), filename: z.string(), size: z.number(), url: z.string() })),
  opinions: z.array(z.object({ id: z.number(), trackingCode: z.string(), state: z.string(), stateLabel: Label, summary: z.string() }))
    .meta({ description: 'Opinions collected during the activity (those the reader reaches)' }),
  rotaSlot: z.object({ id: z.number(), date: z.string() }).nullable(),
  createdAt: z.string(), updatedAt: z.string(), version: z.number(),
  abilities: z.array(z.enum(['update'])),
}).meta({ id: 'ActivityDetail' });

const toInput = (b: z.infer<typeof ActivityFields>): ActivityInput => ({
  ...b, startsAt: new Date(b.startsAt), endsAt: b.endsAt ? new Date(b.endsAt) : null,
});
const bytesOf = (files: { data: string; filename?: string | undefined }[]) =>
  files.map((f) => ({ bytes: new Uint8Array(Buffer.from(f.data, 'base64')), filename: f.filename ?? '' }));

/** The activity list's filters, shared by the JSON list and its Excel export. */
export const ActivityQuery = z.object({
  stationId: QueryId.optional(),
  regionCode: RegionCode.optional(),
  kind: z.enum(ACTIVITY_KINDS.keys).optional(),
  campaignId: QueryId.optional(),
  deputyId: QueryId.optional().meta({ description: 'Activities this deputy took part in' }),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().min(1).max(50).optional(),
});
export const activityFilters = ({ from, to, ...rest }: z.infer<typeof ActivityQuery>) =>
  ({ ...rest, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined });

export const activityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/activities', {
    config: { access: 'authenticated', ability: 'activity.read' },
    schema: {
      tags: ['activities'], summary: '履职活动列表 Activities in your reach, newest first',
      querystring: ActivityQuery.extend(PageQuery),
      response: { 200: pageOf(ActivityListItem), ...errorResponses },
    },
  }, async (request) => {
    const { limit, cursor, ...filters } = request.query;
    return listActivities(app.db, request.actor!, { ...activityFilters(filters), limit, cursor });
  });

  app.post('/api/activities', {
    config: { access: 'authenticated', ability: 'activity.write' },
    bodyLimit: FILES_LIMIT,
    schema: {
      tags: ['activities'], summary: '记录履职活动 Record an activity',
      description: 'With its participants and attendance, invited units, and photos (base64 JPEG/PNG/WebP, up to 9) and reports (PDF/docx/xlsx/pptx). '
        + 'Naming a `rotaSlotId` marks that reception day held.',
      body: ActivityFields.extend({
        photos: z.array(Photo).max(MAX_ACTIVITY_PHOTOS).default([]),
        reports: z.array(Report).max(MAX_REPORTS).default([]),
      }),
      response: { 201: ActivityDetail, ...errorResponses },
    },
  }, async (request, reply) => {
    const { photos, reports, ...fields } = request.body;
    // Checked, and photos cleaned, before the transaction opens: no connection is held while libvips works.
    const files = await checkActivityFiles(bytesOf(photos), bytesOf(reports));
    const id = await runWrite(request, (ctx) => createActivity(ctx, toInput(fields), files));
    reply.status(201);
    return getActivity(app.db, request.actor!, id);
  });

  app.get('/api/activities/:id', {
    config: { access: 'authenticated', ability: 'activity.read' },
    schema: { tags: ['activities'], summary: '活动详情 An activity', params: IdParams, response: { 200: ActivityDetail, ...errorResponses } },
  }, async (request) => getActivity(app.db, request.actor!, request.params.id));

  app.put('/api/activities/:id', {
    config: { access: 'authenticated', ability: 'activity.write' },
    schema: {
      tags: ['activities'], summary: '修改活动 Replace an activity\'s record (files stay)',
      params: IdParams, body: ActivityFields.extend({ version: z.number().int().positive() }),
      response: { 200: ActivityDetail, ...errorResponses },
    },
  }, async (request) => {
    const { version, ...fields } = request.body;
    await runWrite(request, (ctx) => updateActivity(ctx, request.params.id, version, toInput(fields)));
    return getActivity(app.db, request.actor!, request.params.id);
  });

  app.post('/api/activities/:id/files', {
    config: { access: 'authenticated', ability: 'activity.write' },
    bodyLimit: FILES_LIMIT,
    schema: {
      tags: ['activities'], summary: '补充照片或材料 Add photos or reports',
      params: IdParams,
      body: z.object({ photos: z.array(Photo).max(MAX_ACTIVITY_PHOTOS).default([]), reports: z.array(Report).max(MAX_REPORTS).default([]) }),
      response: { 200: ActivityDetail, ...errorResponses },
    },
  }, async (request) => {
    const files = await checkActivityFiles(bytesOf(request.body.photos), bytesOf(request.body.reports));
    // Files only: their problems are the answer, without a transaction.
    if (files.problems.length) throw invalidFields(files.problems);
    await runWrite(request, (ctx) => addActivityFiles(ctx, request.params.id, files));
    return getActivity(app.db, request.actor!, request.params.id);
  });

  app.get('/api/activities/:id/files/:fileId', {
    config: { access: 'authenticated', ability: 'activity.read' },
    schema: {
      tags: ['activities'], summary: '活动照片或材料 A photo or report of an activity',
      params: IdParams.extend({ fileId: QueryId }),
    },
  }, async (request, reply) => {
    const file = await getActivityFile(app.db, request.actor!, request.params.id, request.params.fileId);
    reply.header('content-type', file.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff');
    if (file.kind === 'report') reply.header('content-disposition', attachment(file.filename || 'report', `activity-${request.params.id}-report`));
    return reply.send(Buffer.from(file.bytes));
  });
};
