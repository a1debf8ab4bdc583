/**
 * Industry contact points (产业(行业)联系点) through the API: the points in reach, the "1+2+5+N"
 * organisation, member enterprises (contacts masked for those who do not run the point; an
 * audited reveal for its deputies), outreach campaigns with progress and burn-down, visits logged
 * as activities, and what the visits found made into cases or suggestions. Scope is in each query.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CivilDate, errorResponses, Id, IdParams, OkResponse, PageQuery, pageOf, QueryId } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import {
  createCampaign, createEnterprise, deleteEnterprise, issueToCase, issueToSuggestion, logVisit, revealEnterpriseContact,
  setOrganisation, updateEnterprise,
} from './commands.js';
import { getCampaign, getEnterprise, getPoint, issueOrigin, listCampaigns, listEnterprises, listPoints } from './queries.js';

const tags = ['industry'];
const read = { access: 'authenticated', ability: 'industry.read' } as const;
const manage = { access: 'authenticated', ability: 'industry.manage' } as const;
const visit = { access: 'authenticated', ability: 'industry.visit' } as const;
const Label = z.object({ zh: z.string(), en: z.string() });

const Telephone = z.string().trim().max(30).regex(/^[0-9+\-() ]*$/, { message: 'TELEPHONE_INVALID' });
export const EnterpriseBody = z.object({
  name: z.string().trim().min(1).max(100),
  creditCode: z.string().trim().min(1).max(40).meta({ description: '统一社会信用代码: 18 characters, check character per GB 32100-2015 (else 400 INDUSTRY_CREDIT_CODE_INVALID)' }),
  industry: z.string().trim().max(50).default(''),
  address: z.string().trim().max(200).default(''),
  contactName: z.string().trim().max(50).nullable().default(null),
  contactPhone: Telephone.nullable().default(null),
});

const Enterprise = z.object({
  id: z.number(), stationId: z.number(), stationName: z.string(), name: z.string(), creditCode: z.string(), industry: z.string(), address: z.string(),
  contactName: z.string().nullable().meta({ description: 'Masked (张*) for those who do not run the point' }),
  contactPhone: z.string().nullable().meta({ description: 'Masked (138****1234) for those who do not run the point' }),
  contactMasked: z.boolean(),
  contactRevealable: z.boolean().meta({ description: 'true when masked for you but you may reveal it (POST /api/industry/enterprises/{id}/contact, audited)' }),
  visitCount: z.number(), lastVisitedOn: z.string().nullable(), version: z.number(),
}).meta({ id: 'IndustryEnterprise' });

const Member = z.object({ deputyId: z.number().nullable(), name: z.string(), title: z.string(), profession: z.string() });
const Point = z.object({
  id: z.number(), name: z.string(), active: z.boolean(), address: z.string(), regionName: z.string(), regionCode: z.string(),
  canManage: z.boolean(), canVisit: z.boolean(),
  organisation: z.object({
    lead: z.array(Member), conveners: z.array(Member), residents: z.array(Member), participants: z.array(Member),
    complete: z.boolean(), gaps: z.array(z.object({ code: z.string(), label: Label })).meta({ description: 'What the 1+2+5+N structure lacks' }),
  }),
  deputies: z.array(z.object({ id: z.number(), name: z.string(), occupation: z.string(), professionTags: z.array(z.string()), stationRole: z.string() })),
}).meta({ id: 'IndustryPoint' });

const Progress = z.object({
  target: z.number(), visited: z.number().meta({ description: 'Distinct enterprises visited' }), periodDays: z.number(), daysElapsed: z.number(),
  visitedPercent: z.number(), elapsedPercent: z.number(), onTrack: z.boolean(),
});
const CampaignSummary = z.object({
  id: z.number(), stationId: z.number(), stationName: z.string(), title: z.string(), description: z.string(), startsOn: z.string(), endsOn: z.string(), progress: Progress,
}).meta({ id: 'IndustryCampaignSummary' });
const Campaign = CampaignSummary.extend({
  canManage: z.boolean(), canVisit: z.boolean(),
  burnDown: z.array(z.object({ date: z.string(), remaining: z.number().nullable(), ideal: z.number() })),
  visits: z.array(z.object({
    id: z.number(), visitedOn: z.string(), activityId: z.number(), kind: z.string(), title: z.string(), summary: z.string(),
    enterprises: z.array(z.object({ id: z.number(), name: z.string() })), deputies: z.array(z.object({ id: z.number(), name: z.string() })),
    issues: z.array(z.object({
      id: z.number(), summary: z.string(), caseId: z.number().nullable(), trackingCode: z.string().nullable(),
      suggestionId: z.number().nullable(), suggestionTitle: z.string().nullable(),
    })),
  })),
}).meta({ id: 'IndustryCampaign' });

const Person = z.object({ deputyId: Id.nullable().default(null), name: z.string().trim().max(50).default(''), title: z.string().trim().max(100).default('') });

export const industryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/industry/points', {
    config: read,
    schema: {
      tags, summary: '产业(行业)联系点 The industry contact points in your reach',
      response: {
        200: z.object({
          items: z.array(z.object({
            id: z.number(), name: z.string(), active: z.boolean(), regionName: z.string(), enterpriseCount: z.number(), campaignCount: z.number(),
            organisationGaps: z.array(z.string()), canManage: z.boolean(),
          })),
        }), ...errorResponses,
      },
    },
  }, async (request) => listPoints(app.db, request.actor!));

  app.get('/api/industry/points/:id', {
    config: read,
    schema: { tags, summary: '联系点详情 A contact point with its 1+2+5+N organisation', params: IdParams, response: { 200: Point, ...errorResponses } },
  }, async (request) => getPoint(app.db, request.actor!, request.params.id));

  app.put('/api/industry/points/:id/organisation', {
    config: manage,
    schema: {
      tags, summary: '设置组织架构 Set the 1+2+5+N organisation',
      description: 'Replaces the structure. Deputies must be deputies of the point, each once (UNKNOWN_REFERENCE, DUPLICATE_VALUES); a lead or convener who is not a deputy is named. An incomplete structure is kept and flagged.',
      params: IdParams,
      body: z.object({
        lead: z.array(Person).max(1),
        conveners: z.array(Person).max(2),
        residents: z.array(z.object({ deputyId: Id, profession: z.string().trim().min(1).max(50) })).max(100),
        participants: z.array(z.object({ deputyId: Id })).max(500),
      }),
      response: { 200: Point, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => setOrganisation(ctx, request.params.id, request.body));
    return getPoint(app.db, request.actor!, request.params.id);
  });

  app.get('/api/industry/points/:id/enterprises', {
    config: read,
    schema: {
      tags, summary: '成员企业 The point\'s member enterprises',
      params: IdParams, querystring: z.object({ q: z.string().trim().min(1).max(50).optional(), ...PageQuery }),
      response: { 200: pageOf(Enterprise), ...errorResponses },
    },
  }, async (request) => {
    await getPoint(app.db, request.actor!, request.params.id);
    return listEnterprises(app.db, request.actor!, request.params.id, request.query);
  });

  app.post('/api/industry/points/:id/enterprises', {
    config: manage,
    schema: {
      tags, summary: '新增成员企业 Add a member enterprise',
      description: '400 INDUSTRY_CREDIT_CODE_INVALID; 409 INDUSTRY_CREDIT_CODE_TAKEN (one code once per point), INDUSTRY_NOT_CONTACT_POINT.',
      params: IdParams, body: EnterpriseBody, response: { 201: Enterprise, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createEnterprise(ctx, request.params.id, request.body));
    reply.status(201);
    return getEnterprise(app.db, request.actor!, id);
  });

  app.get('/api/industry/enterprises/:id', {
    config: read,
    schema: { tags, summary: '成员企业详情 One member enterprise', params: IdParams, response: { 200: Enterprise, ...errorResponses } },
  }, async (request) => getEnterprise(app.db, request.actor!, request.params.id));

  app.put('/api/industry/enterprises/:id', {
    config: manage,
    schema: {
      tags, summary: '修改成员企业 Change a member enterprise',
      params: IdParams, body: EnterpriseBody.extend({ version: z.number().int().positive() }), response: { 200: Enterprise, ...errorResponses },
    },
  }, async (request) => {
    const { version, ...input } = request.body;
    await runWrite(request, (ctx) => updateEnterprise(ctx, request.params.id, version, input));
    return getEnterprise(app.db, request.actor!, request.params.id);
  });

  app.delete('/api/industry/enterprises/:id', {
    config: manage,
    schema: {
      tags, summary: '移除成员企业 Remove a member enterprise', description: '409 INDUSTRY_ENTERPRISE_VISITED once a visit has reached it.',
      params: IdParams, response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => deleteEnterprise(ctx, request.params.id));
    return { ok: true as const };
  });

  app.post('/api/industry/enterprises/:id/contact', {
    config: read,
    schema: {
      tags, summary: '查看联系人 Reveal the enterprise contact (audited)',
      description: 'For the deputies of the point (and those who run it). Others who see the enterprise: 403 INDUSTRY_CONTACT_FORBIDDEN. Each reveal is an audit record `industry.contact_reveal`.',
      params: IdParams, body: z.object({}).optional(),
      response: { 200: z.object({ contactName: z.string().nullable(), contactPhone: z.string().nullable() }), ...errorResponses },
    },
  }, async (request) => runWrite(request, (ctx) => revealEnterpriseContact(ctx, request.params.id)));

  app.get('/api/industry/points/:id/campaigns', {
    config: read,
    schema: { tags, summary: '联系计划 The point\'s outreach campaigns with their progress', params: IdParams, response: { 200: z.object({ items: z.array(CampaignSummary) }), ...errorResponses } },
  }, async (request) => {
    await getPoint(app.db, request.actor!, request.params.id);
    return listCampaigns(app.db, request.actor!, request.params.id);
  });

  app.post('/api/industry/points/:id/campaigns', {
    config: manage,
    schema: {
      tags, summary: '新建联系计划 Start an outreach campaign (百日联系计划)',
      params: IdParams,
      body: z.object({
        title: z.string().trim().min(1).max(100), description: z.string().trim().max(2000).default(''),
        target: z.number().int().min(1).max(100000), startsOn: CivilDate, endsOn: CivilDate,
      }),
      response: { 201: Campaign, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createCampaign(ctx, request.params.id, request.body));
    reply.status(201);
    return getCampaign(app.db, request.actor!, id);
  });

  app.get('/api/industry/campaigns/:id', {
    config: read,
    schema: { tags, summary: '联系计划详情 A campaign: progress, burn-down, visits and what they found', params: IdParams, response: { 200: Campaign, ...errorResponses } },
  }, async (request) => getCampaign(app.db, request.actor!, request.params.id));

  app.post('/api/industry/campaigns/:id/visits', {
    config: visit,
    schema: {
      tags, summary: '登记走访 Log a visit of the campaign (an activity of the point)',
      description: 'Recorded as an activity (kind visit or research) with its deputies; a deputy logging it is among them. '
        + '400 INDUSTRY_VISIT_OUTSIDE_CAMPAIGN, DATE_IN_FUTURE; enterprises must be the point\'s (UNKNOWN_REFERENCE).',
      params: IdParams,
      body: z.object({
        kind: z.enum(['visit', 'research']).default('visit'), visitedOn: CivilDate,
        enterpriseIds: z.array(Id).min(1).max(20).refine((l) => new Set(l).size === l.length, { message: 'DUPLICATE_VALUES' }),
        deputyIds: z.array(Id).max(50).default([]), place: z.string().trim().max(200).default(''), summary: z.string().trim().max(5000).default(''),
      }),
      response: { 201: z.object({ visitId: z.number(), activityId: z.number() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const out = await runWrite(request, (ctx) => logVisit(ctx, request.params.id, request.body));
    reply.status(201);
    return out;
  });

  app.post('/api/industry/visits/:id/case', {
    config: visit,
    schema: {
      tags, summary: '问题转群众意见 Make an issue found on a visit a case',
      description: 'Registered at the point from the visit\'s activity (channel visit), through the cases feature; linked both ways.',
      params: IdParams,
      body: z.object({
        summary: z.string().trim().min(1).max(200), categoryId: Id, content: z.string().trim().min(1).max(5000), place: z.string().trim().max(200).default(''),
        name: z.string().trim().min(1).max(50).nullable().default(null), phone: Telephone.min(3).nullable().default(null),
      }),
      response: { 201: z.object({ issueId: z.number(), caseId: z.number(), trackingCode: z.string() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const out = await runWrite(request, (ctx) => issueToCase(ctx, request.params.id, request.body));
    reply.status(201);
    return out;
  });

  app.post('/api/industry/visits/:id/suggestion', {
    config: visit,
    schema: {
      tags, summary: '问题转代表建议 Make an issue found on a visit a draft suggestion (deputies)',
      description: 'A deputy of the point drafts it as lead signer, linked to the visit\'s activity; 403 for other roles.',
      params: IdParams,
      body: z.object({
        summary: z.string().trim().min(1).max(200), title: z.string().trim().min(1).max(200), reasons: z.string().trim().min(1).max(20000),
        proposals: z.string().trim().min(1).max(20000), categoryId: Id,
      }),
      response: { 201: z.object({ issueId: z.number(), suggestionId: z.number() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const out = await runWrite(request, (ctx) => issueToSuggestion(ctx, request.params.id, request.body));
    reply.status(201);
    return out;
  });

  app.get('/api/industry/issues', {
    config: read,
    schema: {
      tags, summary: '来自走访的问题 The visit a case or suggestion came from',
      description: 'The way back from a case or suggestion to the campaign visit that found it; empty when none you can see.',
      querystring: z.object({ caseId: QueryId.optional(), suggestionId: QueryId.optional() }),
      response: {
        200: z.object({
          items: z.array(z.object({
            issueId: z.number(), summary: z.string(), visitId: z.number(), visitedOn: z.string(), campaignId: z.number(), campaignTitle: z.string(),
            stationId: z.number(), stationName: z.string(),
          })),
        }), ...errorResponses,
      },
    },
  }, async (request) => issueOrigin(app.db, request.actor!, request.query));
};
