/**
 * The back office's routes of cross-province stations (跨省联建站): agreements with parties and
 * files, the rotating chair, joint meetings, the cadence monitor, the joint governance list and
 * the shared calendar; and the public governance list. Scope in each query (access.ts); each
 * write one transaction with its audit record.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIVITY_KINDS } from '../../../common/enums.js';
import { attachment } from '../../platform/http/download.js';
import { ErrorResponse, errorResponses, IdParams, OkResponse, QueryId } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import {
  acceptHandover, addFile, checkAgreementFile, addIssueNote, addParty, AgreementBody, CadenceBody, cancelMeeting, createAgreement, createIssue, FILE_KINDS, FileBody,
  generateRota, HoldBody, holdMeeting, ISSUE_CATEGORIES, ISSUE_STATUSES, IssueBody, MeetingBody, NoteBody, PartyBody, removeFile, scheduleMeeting, setCadence, updateIssue,
} from './commands.js';
import { cadenceReport, calendarMonth, getCadence, getFile, getIssue, getOverview, listIssues, listStations, publicIssues } from './queries.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Chair = z.object({ id: z.number(), startsOn: z.string(), endsOn: z.string(), regionCode: z.string(), regionName: z.string(), chairName: z.string(), accepted: z.boolean() });
const Overview = z.object({
  id: z.number(), name: z.string(), today: z.string(),
  sides: z.array(z.object({ regionCode: z.string(), name: z.string(), fullName: z.string(), home: z.boolean() })),
  agreements: z.array(z.object({
    id: z.number(), title: z.string(), signedOn: z.string(), scope: z.string(), validFrom: z.string(), validTo: z.string().nullable(), expired: z.boolean(),
    parties: z.array(z.object({ regionCode: z.string(), regionName: z.string(), congressName: z.string(), joinedOn: z.string(), ordinal: z.number(), chairName: z.string(), joinedLater: z.boolean() })),
    files: z.array(z.object({ id: z.number(), kind: z.enum(FILE_KINDS), name: z.string(), mime: z.string(), size: z.number(), url: z.string() })),
  })),
  currentChair: Chair.nullable(), nextHandover: Chair.extend({ inDays: z.number() }).nullable(), rota: z.array(Chair),
  meetings: z.array(z.object({
    id: z.number(), scheduledOn: z.string(), title: z.string(), place: z.string(), state: z.enum(['scheduled', 'held', 'cancelled']), minutes: z.string().nullable(),
    activityId: z.number().nullable(), heldAt: z.string().nullable(), version: z.number(),
    attendance: z.array(z.object({ regionCode: z.string(), regionName: z.string(), present: z.number(), names: z.string() })),
  })),
  suggestedMeetingOn: z.string().meta({ description: 'Six months after the last joint meeting held (today when none)' }),
  canHost: z.boolean().meta({ description: 'The reader may change the agreements, rota and cadence' }),
  canChair: z.boolean().meta({ description: 'The reader may keep the governance list and convene meetings (host or this quarter chair side)' }),
}).meta({ id: 'CrossProvinceOverview' });

const Cadence = z.object({
  receptionsPerWeek: z.number(), exchangesPerMonth: z.number(), jointPerQuarter: z.number(),
  receptionKinds: z.array(z.enum(ACTIVITY_KINDS.keys)), exchangeKinds: z.array(z.enum(ACTIVITY_KINDS.keys)), jointKinds: z.array(z.enum(ACTIVITY_KINDS.keys)),
  stored: z.boolean(), version: z.number(),
}).meta({ id: 'CrossProvinceCadence' });
const CadencePeriod = z.object({ start: z.string(), end: z.string(), expected: z.number(), held: z.number(), running: z.boolean(), gap: z.boolean() });
const CadenceReport = z.object({
  stationId: z.number(), cadence: Cadence, weeks: z.array(CadencePeriod), months: z.array(CadencePeriod), quarters: z.array(CadencePeriod), gaps: z.number(), canEdit: z.boolean(),
}).meta({ id: 'CrossProvinceCadenceReport' });

const Side = z.object({ regionCode: z.string(), name: z.string() });
const IssueItem = z.object({
  id: z.number(), title: z.string(), category: z.enum(ISSUE_CATEGORIES), description: z.string(), status: z.enum(ISSUE_STATUSES), deadline: z.string().nullable(),
  overdue: z.boolean(), updatedAt: z.string(), version: z.number(), sides: z.array(Side),
}).meta({ id: 'CrossProvinceIssueItem' });
const Issue = IssueItem.extend({
  stationId: z.number(), stationName: z.string(),
  notes: z.array(z.object({ id: z.number(), at: z.string(), body: z.string(), statusFrom: z.string().nullable(), statusTo: z.string().nullable(), author: z.string() })),
  links: z.array(z.object({ kind: z.enum(['case', 'suggestion']), id: z.number(), label: z.string(), state: z.string() })),
  canEdit: z.boolean(),
}).meta({ id: 'CrossProvinceIssue' });

const read = { access: 'authenticated', ability: 'cross_province.read' } as const;
const write = { access: 'authenticated', ability: 'cross_province.write' } as const;
const tags = ['crossProvince'];
const Created = z.object({ id: z.number() });
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'DATE_INVALID' });

export const crossProvinceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/cross-province/stations', {
    config: read,
    schema: {
      tags, summary: '跨省联建站 The cross-province stations in reach, with this quarter chair',
      response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), home: z.string(), chair: z.object({ name: z.string(), regionName: z.string() }).nullable() })) }), ...errorResponses },
    },
  }, async (request) => listStations(app.db, request.actor!));

  app.get('/api/cross-province/stations/:id', {
    config: read,
    schema: { tags, summary: '联建站概况 Sides, agreements, rota, current chair, joint meetings', params: IdParams, response: { 200: Overview, ...errorResponses } },
  }, async (request) => getOverview(app.db, request.actor!, request.params.id));

  app.post('/api/cross-province/stations/:id/agreements', {
    config: write,
    schema: {
      tags, summary: '登记协议书 Record an agreement with its parties (host only)',
      description: 'A party not yet a member region joins the station. 400 CROSS_PROVINCE_PARTY_INVALID, CROSS_PROVINCE_DATES_INVALID; 403.',
      params: IdParams, body: AgreementBody, response: { 201: Created, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send({ id: await runWrite(request, (ctx) => createAgreement(ctx, request.params.id, request.body)) }));

  app.post('/api/cross-province/agreements/:id/parties', {
    config: write,
    schema: { tags, summary: '新增协议方 A party joins the agreement later (host only)', params: IdParams, body: PartyBody, response: { 200: OkResponse, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => addParty(ctx, request.params.id, request.body));
    return { ok: true as const };
  });

  app.post('/api/cross-province/agreements/:id/files', {
    config: write,
    schema: {
      tags, summary: '上传协议书或制度文件 Attach the document, rules, flow chart or manual (host only)',
      description: 'A PDF (≤ 10 MB) or a photo (≤ 5 MB), judged by its bytes. 400 CROSS_PROVINCE_FILE_TYPE, CROSS_PROVINCE_FILE_TOO_LARGE.',
      params: IdParams, body: FileBody, response: { 201: Created, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send({
    // Checked, and a photo cleaned, before the transaction opens: no connection is held while libvips works.
    id: await checkAgreementFile({ kind: request.body.kind, name: request.body.name, bytes: new Uint8Array(Buffer.from(request.body.data, 'base64')) })
      .then((file) => runWrite(request, (ctx) => addFile(ctx, request.params.id, file))),
  }));

  app.get('/api/cross-province/agreements/:id/files/:fileId', {
    config: read,
    schema: { tags, summary: '协议文件 A file of an agreement in reach', params: IdParams.extend({ fileId: QueryId }) },
  }, async (request, reply) => {
    const file = await getFile(app.db, request.actor!, request.params.id, request.params.fileId);
    return reply.header('content-type', file.mime).header('x-content-type-options', 'nosniff')
      .header('content-disposition', attachment(file.name, `agreement-file-${request.params.fileId}`)).send(Buffer.from(file.bytes));
  });

  app.delete('/api/cross-province/agreements/:id/files/:fileId', {
    config: write,
    schema: { tags, summary: '删除协议文件 Remove a file (host only)', params: IdParams.extend({ fileId: QueryId }), response: { 200: OkResponse, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => removeFile(ctx, request.params.id, request.params.fileId));
    return { ok: true as const };
  });

  app.post('/api/cross-province/stations/:id/rota', {
    config: write,
    schema: {
      tags, summary: '生成轮值表 Draw up a year of the rotating chair from the parties in order (host only)',
      description: 'Quarters begun keep their chair. 409 CROSS_PROVINCE_NO_PARTIES.',
      params: IdParams, body: z.object({ year: z.number().int().min(2000).max(2100) }), response: { 200: z.object({ quarters: z.number() }), ...errorResponses },
    },
  }, async (request) => ({ quarters: await runWrite(request, (ctx) => generateRota(ctx, request.params.id, request.body.year)) }));

  app.post('/api/cross-province/chairs/:id/accept', {
    config: read,
    schema: { tags, summary: '确认轮值交接 The incoming side confirms the hand-over (its staff or the chair deputy)', params: IdParams, response: { 200: OkResponse, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => acceptHandover(ctx, request.params.id));
    return { ok: true as const };
  });

  app.post('/api/cross-province/stations/:id/meetings', {
    config: write,
    schema: { tags, summary: '安排联席会议 Schedule a joint meeting (host or chair side)', params: IdParams, body: MeetingBody, response: { 201: Created, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send({ id: await runWrite(request, (ctx) => scheduleMeeting(ctx, request.params.id, request.body)) }));

  app.post('/api/cross-province/meetings/:id/hold', {
    config: write,
    schema: {
      tags, summary: '记录联席会议 Record a held joint meeting: attendance by side, minutes (an activity of kind joint_meeting)',
      description: '409 CROSS_PROVINCE_MEETING_STATE, CROSS_PROVINCE_MEETING_NOT_HELD, CONFLICT; 403 CROSS_PROVINCE_NOT_CHAIR.',
      params: IdParams, body: HoldBody, response: { 200: z.object({ activityId: z.number() }), ...errorResponses },
    },
  }, async (request) => ({ activityId: await runWrite(request, (ctx) => holdMeeting(ctx, request.params.id, request.body)) }));

  app.post('/api/cross-province/meetings/:id/cancel', {
    config: write,
    schema: { tags, summary: '取消联席会议 Cancel a scheduled joint meeting', params: IdParams, response: { 200: OkResponse, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => cancelMeeting(ctx, request.params.id));
    return { ok: true as const };
  });

  app.get('/api/cross-province/stations/:id/cadence', {
    config: read,
    schema: {
      tags, summary: '工作频次监测 Expected vs held over recent weeks, months and quarters, gaps flagged',
      params: IdParams, querystring: z.object({ weeks: z.coerce.number().int().min(1).max(26).default(8), months: z.coerce.number().int().min(1).max(12).default(6), quarters: z.coerce.number().int().min(1).max(8).default(4) }),
      response: { 200: CadenceReport, ...errorResponses },
    },
  }, async (request) => cadenceReport(app.db, request.actor!, request.params.id, request.query));

  app.put('/api/cross-province/stations/:id/cadence', {
    config: write,
    schema: { tags, summary: '设置工作频次 Set the cadence and which activity kinds count for each measure (host only)', params: IdParams, body: CadenceBody, response: { 200: Cadence, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => setCadence(ctx, request.params.id, request.body));
    return getCadence(app.db, request.actor!, request.params.id);
  });

  app.get('/api/cross-province/stations/:id/issues', {
    config: read,
    schema: {
      tags, summary: '协同治理清单 The joint governance list (every side reads it)', params: IdParams,
      response: { 200: z.object({ items: z.array(IssueItem), canEdit: z.boolean(), chair: Chair.nullable() }), ...errorResponses },
    },
  }, async (request) => listIssues(app.db, request.actor!, request.params.id));

  app.post('/api/cross-province/stations/:id/issues', {
    config: write,
    schema: {
      tags, summary: '新增清单事项 Add an item (host or this quarter chair side)',
      description: '403 CROSS_PROVINCE_NOT_CHAIR; 400 CROSS_PROVINCE_PARTY_INVALID, CROSS_PROVINCE_LINK_INVALID.',
      params: IdParams, body: IssueBody, response: { 201: Created, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send({ id: await runWrite(request, (ctx) => createIssue(ctx, request.params.id, request.body)) }));

  app.get('/api/cross-province/issues/:id', {
    config: read,
    schema: { tags, summary: '清单事项 An item with its progress notes and linked cases and suggestions', params: IdParams, response: { 200: Issue, ...errorResponses } },
  }, async (request) => getIssue(app.db, request.actor!, request.params.id));

  app.put('/api/cross-province/issues/:id', {
    config: write,
    schema: { tags, summary: '修改清单事项 Change an item (host or chair side)', params: IdParams, body: IssueBody.extend({ version: z.number().int() }), response: { 200: Issue, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => updateIssue(ctx, request.params.id, request.body));
    return getIssue(app.db, request.actor!, request.params.id);
  });

  app.post('/api/cross-province/issues/:id/notes', {
    config: write,
    schema: { tags, summary: '记录进展 A progress note, optionally with a new status (host or chair side)', params: IdParams, body: NoteBody, response: { 200: Issue, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => addIssueNote(ctx, request.params.id, request.body));
    return getIssue(app.db, request.actor!, request.params.id);
  });

  app.get('/api/cross-province/stations/:id/calendar', {
    config: read,
    schema: {
      tags, summary: '活动共享日历 A month of every side activities at the station and the scheduled joint meetings',
      params: IdParams, querystring: z.object({ month: Month }),
      response: {
        200: z.object({
          month: z.string(), start: z.string(), end: z.string(),
          items: z.array(z.object({ date: z.string(), kind: z.string(), kindLabel: Label, title: z.string(), source: z.enum(['activity', 'meeting']), id: z.number(), side: z.string(), href: z.string().nullable() })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => calendarMonth(app.db, request.actor!, request.params.id, request.query.month));
};

export const crossProvincePublicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/public/cross-province/stations/:id/issues', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      tags: ['public'], summary: '协同治理清单(公开) The governance list of a cross-province station, published without personal data', params: IdParams,
      response: {
        200: z.object({
          stationName: z.string(),
          items: z.array(z.object({
            id: z.number(), title: z.string(), category: z.enum(ISSUE_CATEGORIES), description: z.string(), status: z.enum(ISSUE_STATUSES), deadline: z.string().nullable(),
            sides: z.array(z.string()), progress: z.array(z.object({ at: z.string(), body: z.string(), statusTo: z.string().nullable() })),
          })),
        }).meta({ id: 'PublicCrossProvinceIssues' }),
        404: ErrorResponse, 429: ErrorResponse,
      },
    },
  }, async (request) => publicIssues(app.db, request.params.id));
};
