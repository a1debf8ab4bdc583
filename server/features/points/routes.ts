import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIVITY_KINDS } from '../../../common/enums.js';
import { BUDGET_RULE_DEFAULTS, CONSULTATION_RULE_DEFAULT, LIVELIHOOD_RULE_DEFAULTS, POINT_SOURCES, RENAMED_RULE_KEYS, REPORT_BACK_RULE_DEFAULT, MEDIATION_RULE_DEFAULT, SUGGESTION_RULE_DEFAULTS } from '../../../common/points.js';
import { addBonus, confirmStars, saveRuleSet, voidBonus } from './commands.js';
import { AppError, invalidFields } from '../../platform/errors.js';
import { CivilDate, errorResponses, Id, IdParams, pageOf, PageQuery, QueryId, RegionCode } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import {
  currentYear, deputyLedger, listBonuses, pointsRanking, presentScope, rankingScope, regionStars, ruleVersions,
} from './queries.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Year = z.coerce.number().int().min(2000).max(2100);
/** Points as people write them: whole or with up to two decimals. */
const Points = (min: number, max: number) => z.number().min(min).max(max)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { message: 'At most two decimals' });

const RuleValue = Points(-100, 100);
const Rules = z.object({
  present: z.object(Object.fromEntries(ACTIVITY_KINDS.keys.map((k) => [k, RuleValue])) as Record<(typeof ACTIVITY_KINDS.keys)[number], typeof RuleValue>)
    .meta({ description: 'Points for attending, per kind of activity' }),
  absent: RuleValue.meta({ description: 'Absent (缺席): 0 or negative' }),
  leave: RuleValue.meta({ description: 'On leave (请假)' }),
  organiser: RuleValue.meta({ description: 'The deputy who recorded an activity other deputies attended' }),
  activitySuggestion: RuleValue.meta({
    description: 'Per suggestion made at an activity, shared evenly among the deputies present (called `suggestion` before; that name is refused)',
  }),
  caseCollected: RuleValue, caseAnswered: RuleValue, caseSatisfied: RuleValue, caseBasicallySatisfied: RuleValue,
  ...Object.fromEntries(Object.entries(SUGGESTION_RULE_DEFAULTS).map(([k, v]) => [k, RuleValue.default(v)
    .meta({ description: `代表建议 (default ${v} where a rule table does not name it)` })])) as Record<keyof typeof SUGGESTION_RULE_DEFAULTS, ReturnType<typeof RuleValue.default>>,
  consultation: RuleValue.default(CONSULTATION_RULE_DEFAULT)
    .meta({ description: `议题征询: per topic taken part in (default ${CONSULTATION_RULE_DEFAULT} where a rule table does not name it)` }),
  ...Object.fromEntries(Object.entries(BUDGET_RULE_DEFAULTS).map(([k, v]) => [k, RuleValue.default(v)
    .meta({ description: `预算审查 (default ${v} where a rule table does not name it)` })])) as Record<keyof typeof BUDGET_RULE_DEFAULTS, ReturnType<typeof RuleValue.default>>,
  ...Object.fromEntries(Object.entries(LIVELIHOOD_RULE_DEFAULTS).map(([k, v]) => [k, RuleValue.default(v)
    .meta({ description: `民生实事项目票决 (default ${v} where a rule table does not name it)` })])) as Record<keyof typeof LIVELIHOOD_RULE_DEFAULTS, ReturnType<typeof RuleValue.default>>,
  reportBackEvaluated: RuleValue.default(REPORT_BACK_RULE_DEFAULT)
    .meta({ description: `述职: per report-back evaluated by the constituents (default ${REPORT_BACK_RULE_DEFAULT} where a rule table does not name it)` }),
  mediationAgreement: RuleValue.default(MEDIATION_RULE_DEFAULT)
    .meta({ description: `调解: per mediation sat in that reached agreement (default ${MEDIATION_RULE_DEFAULT} where a rule table does not name it)` }),
}).meta({ id: 'PointRules' });

/**
 * A rule table naming a key of an earlier format (`suggestion`) is refused with its own code
 * before the schema runs, rather than reported as a missing `activitySuggestion` or dropped.
 */
async function refuseRenamedRuleKeys(request: { body: unknown }): Promise<void> {
  const rules = (request.body as { rules?: unknown } | null)?.rules;
  if (!rules || typeof rules !== 'object') return;
  const key = Object.keys(RENAMED_RULE_KEYS).find((k) => Object.hasOwn(rules, k));
  if (key) throw new AppError('POINT_RULE_KEY_RENAMED', { key, newKey: RENAMED_RULE_KEYS[key] });
}

const RuleSetView = z.object({
  id: z.number(), region: z.object({ code: z.string(), fullName: z.string() }).nullable(), inherited: z.boolean(),
  effectiveFrom: z.string(), rules: Rules, note: z.string(), version: z.number(),
  createdBy: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(), abilities: z.array(z.enum(['update'])),
});
const RuleVersions = z.object({
  region: z.object({ code: z.string(), fullName: z.string() }).nullable(),
  inForceId: z.number().nullable().meta({ description: 'The version in force today for the region' }),
  versions: z.array(RuleSetView).meta({ description: 'The region\'s own versions and those it inherits, newest first' }),
  abilities: z.array(z.enum(['create'])),
}).meta({ id: 'PointRuleVersions' });

const Scope = z.object({
  kind: z.enum(['region', 'station', 'all']),
  region: z.object({ code: z.string(), fullName: z.string() }).nullable(),
  station: z.object({ id: z.number(), name: z.string() }).nullable(),
});
const RankingRow = z.object({
  rank: z.number().meta({ description: 'Equal totals share a rank (1, 2, 2, 4)' }),
  deputy: z.object({ id: z.number(), name: z.string() }),
  serving: z.boolean().meta({ description: 'Still a serving deputy (not 离任 or 终止资格); only those serving are proposed as 履职之星' }),
  stations: z.array(z.string()), points: z.number(), entries: z.number(),
});
const Ranking = z.object({ year: z.number(), scope: Scope, rows: z.array(RankingRow) }).meta({ id: 'PointRanking' });

const Entry = z.object({
  date: z.string(), source: z.enum(POINT_SOURCES.keys), sourceLabel: Label,
  ref: z.object({ type: z.enum(['activity', 'case', 'suggestion', 'consultation', 'budget_review', 'livelihood_project', 'livelihood_round', 'report_back', 'mediation', 'bonus']), id: z.number(), title: z.string(), link: z.string().nullable() }),
  station: z.object({ id: z.number(), name: z.string() }).nullable(),
  rule: z.object({
    key: z.string(), label: Label, value: z.number(), ruleSetId: z.number(), effectiveFrom: z.string(), regionName: z.string().nullable(),
  }).nullable().meta({ description: 'The rule that priced it, from the version in force on that day (none for a bonus)' }),
  note: Label.nullable(), points: z.number(),
});
const Ledger = z.object({
  deputy: z.object({ id: z.number(), name: z.string() }), year: z.number(), total: z.number(),
  bySource: z.array(z.object({ source: z.string(), sourceLabel: Label, points: z.number() })),
  years: z.array(z.object({ year: z.number(), points: z.number() })).meta({ description: 'Each year\'s total on its own (totals start from zero every year)' }),
  stars: z.array(z.object({
    region: z.object({ code: z.string(), fullName: z.string() }), rank: z.number(), points: z.number().meta({ description: 'As recorded at the confirmation' }),
  })).meta({ description: 'The year\'s confirmed 履职之星 awards naming the deputy, of the regions whose award you may read' }),
  entries: z.array(Entry),
}).meta({ id: 'PointLedger' });

const Bonus = z.object({
  id: z.number(), deputy: z.object({ id: z.number(), name: z.string() }), region: z.object({ code: z.string(), fullName: z.string() }),
  station: z.object({ id: z.number(), name: z.string() }).nullable(), date: z.string(), points: z.number(), reason: z.string(),
  createdBy: z.string().nullable(), createdAt: z.string(),
  voided: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
  abilities: z.array(z.enum(['void'])),
}).meta({ id: 'PointBonus' });

const Star = z.object({ rank: z.number(), deputy: z.object({ id: z.number(), name: z.string() }), stations: z.array(z.string()), points: z.number(), entries: z.number() });
const Stars = z.object({
  year: z.number(), region: z.object({ code: z.string(), fullName: z.string() }),
  proposal: z.array(Star).nullable().meta({ description: 'Today\'s top N (ties at the cut included); for those who manage the region' }),
  confirmed: z.object({
    top: z.number(), note: z.string(), confirmedBy: z.string(), confirmedAt: z.string(), version: z.number(),
    stars: z.array(z.object({
      deputy: z.object({ id: z.number(), name: z.string() }), position: z.number(),
      rank: z.number(), points: z.number().meta({ description: 'As recorded at the confirmation' }),
      pointsNow: z.number().nullable(), rankNow: z.number().nullable(),
    })),
  }).nullable(),
  changedSince: z.boolean().nullable().meta({ description: 'A confirmed star\'s total differs from today\'s: facts were corrected since' }),
  proposalDiffers: z.boolean().nullable(),
  abilities: z.array(z.enum(['confirm'])),
}).meta({ id: 'PointStars' });

export const pointRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/points/ranking', {
    config: { access: 'authenticated', ability: 'points.read' },
    schema: {
      tags: ['points'], summary: '积分排名 Points ranking of a region or a station for a year',
      description: 'Points earned in the region (facts placed in its subtree) or at the station. Staff default to their region, '
        + 'officers and deputies to their first station. A region or station outside your reach answers 404.',
      querystring: z.object({ year: Year.optional(), regionCode: RegionCode.optional(), stationId: QueryId.optional() }),
      response: { 200: Ranking, ...errorResponses },
    },
  }, async (request) => {
    const year = request.query.year ?? currentYear();
    const scope = await rankingScope(app.db, request.actor!, request.query);
    const rows = await pointsRanking(app.db, request.actor!, year, scope);
    return { year, scope: presentScope(scope), rows: rows.map(({ cents: _cents, ...r }) => r) };
  });

  app.get('/api/points/deputies/:id', {
    config: { access: 'authenticated', ability: 'points.read' },
    schema: {
      tags: ['points'], summary: '代表积分明细 A deputy\'s points: every entry and where it came from',
      description: 'Deputies read their own only; staff and officers the entries placed within their reach.',
      params: IdParams, querystring: z.object({ year: Year.optional() }), response: { 200: Ledger, ...errorResponses },
    },
  }, async (request) => deputyLedger(app.db, request.actor!, request.params.id, request.query.year ?? currentYear()));

  app.get('/api/points/rules', {
    config: { access: 'authenticated', ability: 'points.read' },
    schema: {
      tags: ['points'], summary: '积分规则 The rule versions that bear on a region (its own and inherited)',
      description: 'Without `regionCode`: the nationwide default.',
      querystring: z.object({ regionCode: RegionCode.optional() }), response: { 200: RuleVersions, ...errorResponses },
    },
  }, async (request) => ruleVersions(app.db, request.actor!, request.query.regionCode ?? null));

  app.post('/api/points/rules', {
    config: { access: 'authenticated', ability: 'points.manage' },
    preValidation: refuseRenamedRuleKeys,
    schema: {
      tags: ['points'], summary: '保存积分规则 Save a region\'s rules from a day on',
      description: 'Facts before `effectiveFrom` keep the rules in force for them. A version of the same day is replaced (send its `version`). '
        + '`regionCode: null` is the nationwide default (administrators). Rules naming `suggestion` (now `activitySuggestion`) answer '
        + '400 `POINT_RULE_KEY_RENAMED`.',
      body: z.object({
        regionCode: RegionCode.nullable(), effectiveFrom: CivilDate, rules: Rules, note: z.string().trim().max(500).default(''),
        version: z.number().int().positive().nullable().default(null),
      }),
      response: { 201: RuleVersions, ...errorResponses },
    },
  }, async (request, reply) => {
    await runWrite(request, (ctx) => saveRuleSet(ctx, request.body));
    reply.status(201);
    return ruleVersions(app.db, request.actor!, request.body.regionCode);
  });

  app.get('/api/points/bonuses', {
    config: { access: 'authenticated', ability: 'points.read' },
    schema: {
      tags: ['points'], summary: '加减分记录 Bonuses and deductions in your reach, newest first',
      querystring: z.object({ year: Year.optional(), deputyId: QueryId.optional(), regionCode: RegionCode.optional(), ...PageQuery }),
      response: { 200: pageOf(Bonus), ...errorResponses },
    },
  }, async (request) => listBonuses(app.db, request.actor!, request.query));

  app.post('/api/points/bonuses', {
    config: { access: 'authenticated', ability: 'points.manage' },
    schema: {
      tags: ['points'], summary: '加分或扣分 Add a bonus or deduction with its reason',
      body: z.object({
        deputyId: Id, stationId: Id.nullable().default(null),
        regionCode: RegionCode.nullable().default(null).meta({ description: 'Without a station; staff default to their region' }),
        date: CivilDate, points: Points(-1000, 1000).refine((v) => v !== 0, { message: 'Not zero' }), reason: z.string().trim().min(1).max(500),
      }),
      response: { 201: Bonus, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => addBonus(ctx, request.body));
    reply.status(201);
    return (await listBonuses(app.db, request.actor!, { id, limit: 1 })).items[0]!;
  });

  app.post('/api/points/bonuses/:id/void', {
    config: { access: 'authenticated', ability: 'points.manage' },
    schema: {
      tags: ['points'], summary: '撤销加减分 Withdraw a bonus entered in error (it stays on record)',
      params: IdParams, body: z.object({ reason: z.string().trim().min(1).max(500) }),
      response: { 200: Bonus, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => voidBonus(ctx, request.params.id, request.body.reason));
    return (await listBonuses(app.db, request.actor!, { id: request.params.id, limit: 1 })).items[0]!;
  });

  app.get('/api/points/stars', {
    config: { access: 'authenticated', ability: 'points.read' },
    schema: {
      tags: ['points'], summary: '履职之星 A region\'s stars for a year: the confirmed award and today\'s proposal',
      querystring: z.object({ year: Year.optional(), regionCode: RegionCode.optional(), top: z.coerce.number().int().min(1).max(100).default(10) }),
      response: { 200: Stars, ...errorResponses },
    },
  }, async (request) => {
    const { year = currentYear(), regionCode = request.actor!.regionCode ?? undefined, top } = request.query;
    // Officers and deputies have no region of their own: they name the region of the award.
    if (!regionCode) throw invalidFields([{ path: 'regionCode', code: 'REQUIRED' }]);
    return regionStars(app.db, request.actor!, year, regionCode, top);
  });

  app.post('/api/points/stars', {
    config: { access: 'authenticated', ability: 'points.manage' },
    schema: {
      tags: ['points'], summary: '确认履职之星 Confirm (or change) a region\'s stars for a year',
      description: 'Each star is recorded with their rank and total as they stand now, with who confirmed. Changing a confirmed award needs its `version`.',
      body: z.object({
        year: Year, regionCode: RegionCode, top: z.number().int().min(1).max(100).default(10),
        deputyIds: z.array(Id).min(1).max(100), note: z.string().trim().max(500).default(''),
        version: z.number().int().positive().nullable().default(null),
      }),
      response: { 200: Stars, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => confirmStars(ctx, request.body));
    return regionStars(app.db, request.actor!, request.body.year, request.body.regionCode, request.body.top);
  });
};

