/**
 * The mediation rooms' routes (代表法庭联络室, 代表法官/检察官工作室): mediations received at a
 * station with their parties, sessions, outcome and agreement document; the audited reveal of
 * the parties; a room's yearly statistics and the figures it keeps by hand. Scope in each query
 * (access.ts); each write one transaction with its audit record.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DISPUTE_TYPES, LEGAL_OFFICER_ROLES, MEDIATION_OUTCOMES, MEDIATION_STATES, PARTY_SIDES } from '../../../common/mediation.js';
import { attachment } from '../../platform/http/download.js';
import { errorResponses, IdParams, OkResponse, PageQuery, pageOf, QueryId } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { addSession, checkAgreement, closeMediation, createMediation, downloadAgreement, putAgreement, revealParties, setFigures } from './commands.js';
import { AgreementBody, CloseBody, FiguresBody, MediationBody, SessionBody } from './fields.js';
import { getMediation, listMediations, roomStatistics } from './queries.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Ref = z.object({ id: z.number(), name: z.string() });
const byType = z.object(Object.fromEntries(DISPUTE_TYPES.keys.map((k) => [k, z.number()])) as Record<(typeof DISPUTE_TYPES.keys)[number], z.ZodNumber>);
const byOutcome = z.object(Object.fromEntries(MEDIATION_OUTCOMES.keys.map((k) => [k, z.number()])) as Record<(typeof MEDIATION_OUTCOMES.keys)[number], z.ZodNumber>);

const MediationItem = z.object({
  id: z.number(), station: Ref, disputeType: z.enum(DISPUTE_TYPES.keys), disputeTypeLabel: Label,
  title: z.string().meta({ description: 'Party names in it masked for a reader not handling the mediation' }), receivedOn: z.string(),
  state: z.enum(MEDIATION_STATES.keys), outcome: z.enum(MEDIATION_OUTCOMES.keys).nullable(), outcomeLabel: Label.nullable(), closedOn: z.string().nullable(), sessions: z.number(),
}).meta({ id: 'MediationItem' });

const Mediation = MediationItem.omit({ sessions: true }).extend({
  description: z.string(), outcomeNote: z.string().nullable(),
  agreement: z.object({ name: z.string(), mime: z.string(), size: z.number() }).nullable(),
  partiesMasked: z.boolean().meta({ description: 'true when the names and phones below are masked for you' }),
  contactRevealable: z.boolean().meta({ description: 'true when masked for you but you may reveal them (POST /api/mediation/{id}/contact, audited)' }),
  parties: z.array(z.object({ position: z.number(), side: z.enum(PARTY_SIDES.keys), name: z.string(), phone: z.string().nullable() })),
  sessions: z.array(z.object({
    id: z.number(), heldOn: z.string(), place: z.string(), legalOfficerRole: z.enum(LEGAL_OFFICER_ROLES.keys).nullable(), legalOfficerName: z.string().nullable(),
    villageSecretary: z.string().nullable(), notes: z.string(), activityId: z.number().nullable(), deputies: z.array(Ref),
  })),
  version: z.number(), actions: z.array(z.enum(['session', 'close', 'agreement'])),
}).meta({ id: 'Mediation' });

const Statistics = z.object({
  station: Ref, year: z.number(),
  received: z.number().meta({ description: 'Disputes received in the year' }),
  resolved: z.number().meta({ description: 'Closed in the year with agreement (调解成功)' }),
  closed: z.number(), receivedByType: byType, resolvedByType: byType, byOutcome,
  constituentsReceived: z.number().nullable().meta({ description: 'Constituents received and visited (接待选民和走访群众), as the room entered it' }),
  opinionsCollected: z.number().nullable().meta({ description: 'Opinions collected (收集意见建议), as the room entered it' }),
}).meta({ id: 'MediationStatistics' });

const read = { access: 'authenticated', ability: 'mediation.read' } as const;
const manage = { access: 'authenticated', ability: 'mediation.manage' } as const;
const tags = ['mediation'];
const Year = z.coerce.number().int().min(2000).max(2200);

export const mediationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/mediation', {
    config: read,
    schema: {
      tags, summary: '矛盾纠纷调解 Mediations at the stations in reach, latest received first',
      querystring: z.object({
        stationId: QueryId.optional(), year: Year.optional(), state: z.enum(MEDIATION_STATES.keys).optional(),
        disputeType: z.enum(DISPUTE_TYPES.keys).optional(), outcome: z.enum(MEDIATION_OUTCOMES.keys).optional(), ...PageQuery,
      }),
      response: { 200: pageOf(MediationItem), ...errorResponses },
    },
  }, async (request) => listMediations(app.db, request.actor!, request.query));

  app.post('/api/mediation', {
    config: manage,
    schema: {
      tags, summary: '受理调解 Record a dispute received at a station\'s mediation room, with its parties',
      description: '400 MEDIATION_STATION_INVALID for a station you do not run.',
      body: MediationBody, response: { 201: Mediation, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createMediation(ctx, request.body));
    reply.status(201);
    return getMediation(app.db, request.actor!, id);
  });

  app.get('/api/mediation/statistics', {
    config: read,
    schema: {
      tags, summary: '调解室年度统计 A room\'s year: disputes received and resolved, by type and outcome; constituents received; opinions collected',
      querystring: z.object({ stationId: QueryId, year: Year }),
      response: { 200: Statistics, ...errorResponses },
    },
  }, async (request) => roomStatistics(app.db, request.actor!, request.query.stationId, request.query.year));

  app.put('/api/mediation/figures', {
    config: manage,
    schema: {
      tags, summary: '登记年度接待数 Enter a room\'s yearly figures not kept as records (constituents received and visited, opinions collected)',
      description: '400 MEDIATION_STATION_INVALID for a station you do not run.',
      body: FiguresBody, response: { 200: Statistics, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => setFigures(ctx, request.body));
    return roomStatistics(app.db, request.actor!, request.body.stationId, request.body.year);
  });

  app.get('/api/mediation/:id', {
    config: read,
    schema: { tags, summary: '调解详情 A mediation: parties (masked unless you handle it), sessions, outcome, what you may do', params: IdParams, response: { 200: Mediation, ...errorResponses } },
  }, async (request) => getMediation(app.db, request.actor!, request.params.id));

  app.post('/api/mediation/:id/sessions', {
    config: manage,
    schema: {
      tags, summary: '记录调解会 Record a session: the deputies present, the judge or prosecutor, the village secretary, notes',
      description: 'Logged as an activity of kind mediation unless logActivity is false. 400 MEDIATION_DEPUTY_INVALID, MEDIATION_SESSION_FUTURE; 409 MEDIATION_CLOSED.',
      params: IdParams, body: SessionBody, response: { 201: Mediation, ...errorResponses },
    },
  }, async (request, reply) => {
    await runWrite(request, (ctx) => addSession(ctx, request.params.id, request.body));
    reply.status(201);
    return getMediation(app.db, request.actor!, request.params.id);
  });

  app.post('/api/mediation/:id/close', {
    config: manage,
    schema: {
      tags, summary: '结案 Close with the outcome: agreement reached, not reached, or referred to court',
      description: '409 MEDIATION_NO_SESSION, MEDIATION_CLOSED.', params: IdParams, body: CloseBody, response: { 200: Mediation, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => closeMediation(ctx, request.params.id, request.body));
    return getMediation(app.db, request.actor!, request.params.id);
  });

  app.put('/api/mediation/:id/agreement', {
    config: manage,
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      tags, summary: '上传调解协议书 Store the signed agreement of an agreed mediation (PDF or photo)',
      description: '409 MEDIATION_AGREEMENT_OUTCOME unless the outcome is agreed; 400 REPLY_ATTACHMENT_TYPE, REPLY_ATTACHMENT_TOO_LARGE.',
      params: IdParams, body: AgreementBody, response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    // Checked, and a photo cleaned, before the transaction opens: no connection is held while libvips works.
    const file = await checkAgreement(request.body);
    await runWrite(request, (ctx) => putAgreement(ctx, request.params.id, file));
    return { ok: true as const };
  });

  app.get('/api/mediation/:id/agreement', {
    config: read,
    schema: { tags, summary: '调解协议书 The stored agreement document (each download written to the audit log)', description: 'For those who handle the mediation (who record at its station, the deputies present at a session); other readers 403 MEDIATION_CONTACT_FORBIDDEN. 404 MEDIATION_NO_AGREEMENT when none was stored. Each download is an audit record `mediation.agreement_download`.', params: IdParams, produces: ['application/pdf', 'image/*'] },
  }, async (request, reply) => {
    const file = await runWrite(request, (ctx) => downloadAgreement(ctx, request.params.id));
    const disposition = attachment(file.name, `mediation-${request.params.id}-agreement`);
    return reply.header('content-type', file.mime).header('cache-control', 'private, no-cache').header('x-content-type-options', 'nosniff')
      .header('content-disposition', file.mime === 'application/pdf' ? disposition.replace(/^attachment/, 'inline') : disposition)
      .send(Buffer.from(file.bytes));
  });

  app.post('/api/mediation/:id/contact', {
    config: read,
    schema: {
      tags, summary: '查看当事人联系方式 Reveal the parties\' names and phones (written to the audit log)',
      description: 'For a deputy of the station who did not sit in the sessions, and whoever reads them anyway. Others: 403 MEDIATION_CONTACT_FORBIDDEN. Each reveal is an audit record `mediation.contact_reveal`.',
      params: IdParams,
      response: { 200: z.object({ parties: z.array(z.object({ position: z.number(), side: z.enum(PARTY_SIDES.keys), name: z.string(), phone: z.string().nullable() })) }), ...errorResponses },
    },
  }, async (request) => ({ parties: await runWrite(request, (ctx) => revealParties(ctx, request.params.id)) }));
};
