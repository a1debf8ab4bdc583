import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, IdParams, OkResponse, RegionCode } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { listCategoryRules, setCategoryDefault, setRegionRule } from './clocks.js';

const Days = z.object({
  deadlineDays: z.number().int().min(1).max(30).meta({ description: 'Handling days (working days from signing, or from the sign-for limit when signed after it)' }),
  maxDays: z.number().int().min(1).max(60).meta({ description: 'The most a unit may be given, extensions included, without the level above' }),
  signDays: z.number().int().min(1).max(10).meta({ description: 'Sign-for limit: working days from assignment' }),
});

const InForce = Days.extend({ fromRegion: z.string().nullable().meta({ description: 'The region whose own rule this is; null: the category\'s default' }) });

/** The clocks of one case (CaseDetail.clocks). */
export const CaseClocks = z.object({
  transferMinutes: z.number().nullable().meta({ description: 'The station\'s transfer: minutes from acceptance to the first assignment; null before it' }),
  transferredWithin24h: z.boolean().nullable().meta({ description: '…within 24 hours (日清日结)' }),
  signDueDate: z.string().nullable().meta({ description: 'The sign-for limit\'s last day (YYYY-MM-DD, ends at 24:00 Asia/Shanghai), set at assignment' }),
  signedAt: z.string().nullable(),
  signedOnTime: z.boolean().nullable().meta({ description: 'Signed within the sign-for limit; null before signing' }),
  signOverdue: z.boolean().meta({ description: 'Assigned, unsigned, past the sign-for limit now' }),
  signOverdueSince: z.string().nullable().meta({ description: 'Since when it was (or is) unsigned past the limit' }),
  rule: InForce.meta({ description: 'The deadline rule the case follows (the assign dialog proposes its days)' }),
}).meta({ id: 'CaseClocks' });

const RuleRow = z.object({
  categoryId: z.number(), code: z.string(), name: z.string(), nameEn: z.string(),
  defaults: Days, inherited: InForce, own: Days.nullable(), inForce: InForce,
  maxCeiling: z.number().nullable().meta({ description: 'The highest maximum you may set here; null: no limit but 60' }),
  editable: z.boolean(),
}).meta({ id: 'CaseCategoryRule' });

const RuleList = z.object({
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  rules: z.array(RuleRow),
}).meta({ id: 'CaseCategoryRules' });

const RegionRuleParams = z.object({ id: IdParams.shape.id, regionCode: RegionCode });

export const caseRuleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/case-rules', {
    config: { access: 'authenticated', ability: 'case.rules' },
    schema: {
      tags: ['cases'], summary: '办理时限规则 Deadline rules per category, at a region',
      description: 'Without `regionCode` (administrators): the categories\' defaults. With it: what the region\'s cases follow — its own rule, or the one '
        + 'inherited from a region above or the default. Staff read and edit their region and the regions below it.',
      querystring: z.object({ regionCode: RegionCode.optional() }),
      response: { 200: RuleList, ...errorResponses },
    },
  }, async (request) => listCategoryRules(app.db, request.actor!, request.query.regionCode ?? null));

  app.put('/api/case-rules/categories/:id', {
    config: { access: 'authenticated', ability: 'case.rules' },
    schema: {
      tags: ['cases'], summary: '设置类别默认时限 Set a category\'s default rule (administrators)',
      params: IdParams, body: Days, response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => setCategoryDefault(ctx, request.params.id, request.body));
    return { ok: true as const };
  });

  app.put('/api/case-rules/categories/:id/regions/:regionCode', {
    config: { access: 'authenticated', ability: 'case.rules' },
    schema: {
      tags: ['cases'], summary: '设置本地区时限 Set a region\'s own rule for a category',
      description: 'Holds for the cases of the region and the regions below it (the deepest region\'s rule wins). Staff may not set a maximum above '
        + 'the one set above their own region (`CASE_RULE_MAX_TOO_HIGH`).',
      params: RegionRuleParams, body: Days, response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => setRegionRule(ctx, request.params.id, request.params.regionCode, request.body));
    return { ok: true as const };
  });

  app.delete('/api/case-rules/categories/:id/regions/:regionCode', {
    config: { access: 'authenticated', ability: 'case.rules' },
    schema: {
      tags: ['cases'], summary: '取消本地区时限 Remove a region\'s own rule: its cases follow the rule above again',
      params: RegionRuleParams, response: { 200: OkResponse, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => setRegionRule(ctx, request.params.id, request.params.regionCode, null));
    return { ok: true as const };
  });
};
