import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STATION_GRADES } from '../../../common/enums.js';
import { ASSESSMENT_INDICATORS } from '../../../common/points.js';
import { confirmAssessment, saveScheme } from './commands.js';
import { errorResponses, IdParams, pageOf, PageQuery, QueryId, RegionCode } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { listAssessments, schemeVersions } from './queries.js';
import { currentYear } from '../points/index.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Year = z.coerce.number().int().min(2000).max(2100);
const Grades = z.object({
  first: z.number().min(0).max(100).meta({ description: 'Lowest score of 一类' }),
  second: z.number().min(0).max(100).meta({ description: 'Lowest score of 二类; below it 三类' }),
});
const IndicatorSetting = z.object({
  key: z.enum(ASSESSMENT_INDICATORS.keys),
  weight: z.number().min(0).max(100),
  target: z.number().positive().max(100_000).meta({ description: 'A count per year, or a share between 0 and 1 for the rates and the checklist' }),
});

const Scheme = z.object({
  id: z.number(), region: z.object({ code: z.string(), fullName: z.string() }).nullable(), inherited: z.boolean(), fromYear: z.number(),
  indicators: z.array(IndicatorSetting.extend({ label: Label })), grades: Grades, note: z.string(), version: z.number(),
  createdBy: z.string().nullable(), createdAt: z.string(), abilities: z.array(z.enum(['update'])),
});
const SchemeVersions = z.object({
  region: z.object({ code: z.string(), fullName: z.string() }).nullable(), year: z.number(),
  inForceId: z.number().nullable().meta({ description: 'The scheme the region\'s stations are assessed by for the year' }),
  versions: z.array(Scheme), abilities: z.array(z.enum(['create'])),
}).meta({ id: 'AssessmentSchemes' });

const IndicatorResult = z.object({
  key: z.string(), label: Label, weight: z.number(), target: z.number(),
  value: z.number().nullable().meta({ description: 'Null when it does not apply (no reception days due, no replies or ratings yet)' }),
  score: z.number().nullable(),
});
const Assessment = z.object({
  station: z.object({ id: z.number(), name: z.string(), regionName: z.string(), grade: z.enum(STATION_GRADES.keys).nullable(), gradeLabel: Label.nullable() }),
  year: z.number(),
  scheme: z.object({ id: z.number(), region: z.object({ code: z.string(), fullName: z.string() }).nullable(), fromYear: z.number(), grades: Grades }),
  indicators: z.array(IndicatorResult),
  receptionDays: z.object({ held: z.number(), due: z.number() }),
  score: z.number().meta({ description: 'Out of 100, computed now' }),
  grade: z.enum(STATION_GRADES.keys), gradeLabel: Label,
  confirmed: z.object({
    score: z.number(), grade: z.enum(STATION_GRADES.keys), gradeLabel: Label, gradeApplied: z.boolean(),
    indicators: z.array(IndicatorResult), grades: Grades, confirmedBy: z.string(), confirmedAt: z.string(), version: z.number(),
  }).nullable(),
  changedSince: z.boolean().nullable().meta({ description: 'Today\'s score differs from the confirmed one' }),
  abilities: z.array(z.enum(['confirm'])),
}).meta({ id: 'StationAssessment' });

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/assessments', {
    config: { access: 'authenticated', ability: 'assessment.read' },
    schema: {
      tags: ['assessments'], summary: '联络站考核 Each station\'s indicators, score and grade for a year',
      description: 'Computed now from the facts of the year (a year in progress so far), beside the confirmed assessment if any. Stations in your reach, by id.',
      querystring: z.object({
        year: Year.optional(), regionCode: RegionCode.optional().meta({ description: 'Stations whose home region is in this subtree' }),
        stationId: QueryId.optional(), ...PageQuery,
      }),
      response: { 200: pageOf(Assessment), ...errorResponses },
    },
  }, async (request) => listAssessments(app.db, request.actor!, { ...request.query, year: request.query.year ?? currentYear() }));

  app.get('/api/assessments/schemes', {
    config: { access: 'authenticated', ability: 'assessment.read' },
    schema: {
      tags: ['assessments'], summary: '考核方案 The assessment schemes that bear on a region, and the one in force for a year',
      querystring: z.object({ regionCode: RegionCode.optional(), year: Year.optional() }),
      response: { 200: SchemeVersions, ...errorResponses },
    },
  }, async (request) => schemeVersions(app.db, request.actor!, request.query.regionCode ?? null, request.query.year ?? currentYear()));

  app.post('/api/assessments/schemes', {
    config: { access: 'authenticated', ability: 'assessment.manage' },
    schema: {
      tags: ['assessments'], summary: '保存考核方案 Save a region\'s scheme from a year on',
      description: 'Weights add up to 100; each indicator earns weight × min(1, value / target). `regionCode: null` is the nationwide default (administrators).',
      body: z.object({
        regionCode: RegionCode.nullable(), fromYear: Year, indicators: z.array(IndicatorSetting).min(1).max(ASSESSMENT_INDICATORS.keys.length),
        grades: Grades, note: z.string().trim().max(500).default(''), version: z.number().int().positive().nullable().default(null),
      }),
      response: { 201: SchemeVersions, ...errorResponses },
    },
  }, async (request, reply) => {
    await runWrite(request, (ctx) => saveScheme(ctx, request.body));
    reply.status(201);
    return schemeVersions(app.db, request.actor!, request.body.regionCode, request.body.fromYear);
  });

  app.post('/api/assessments/stations/:id/confirm', {
    config: { access: 'authenticated', ability: 'assessment.manage' },
    schema: {
      tags: ['assessments'], summary: '确认考核结果 Confirm a station\'s assessment for a year, optionally setting its grade',
      description: 'Stores the indicators, score and grade as computed now. With `applyGrade` the station\'s grade is set like any station edit (audited). '
        + 'Confirming again needs the `version` read.',
      params: IdParams,
      body: z.object({ year: Year, applyGrade: z.boolean().default(false), version: z.number().int().positive().nullable().default(null) }),
      response: { 200: Assessment, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => confirmAssessment(ctx, request.params.id, request.body));
    return (await listAssessments(app.db, request.actor!, { year: request.body.year, stationId: request.params.id, limit: 1 })).items[0]!;
  });
};
