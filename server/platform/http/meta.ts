import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as enums from '../../../common/enums.js';
import * as points from '../../../common/points.js';
import { auditLabels } from '../feature.js';

const LABELLED = {
  roles: enums.ROLES,
  stationTypes: enums.STATION_TYPES,
  stationTiers: enums.STATION_TIERS,
  stationGrades: enums.STATION_GRADES,
  stationChecklist: enums.STATION_CHECKLIST,
  deputyLevels: enums.DEPUTY_LEVELS,
  deputyStatuses: enums.DEPUTY_STATUSES,
  stationMemberRoles: enums.STATION_MEMBER_ROLES,
  genders: enums.GENDERS,
  regionLevels: enums.REGION_LEVELS,
  activityKinds: enums.ACTIVITY_KINDS,
  attendance: enums.ATTENDANCE,
  pointSources: points.POINT_SOURCES,
  assessmentIndicators: points.ASSESSMENT_INDICATORS,
};

const Vocabulary = z.record(z.string(), z.array(z.object({ value: z.string(), zh: z.string(), en: z.string() })));

const entries = (labels: Record<string, enums.Label>) => Object.entries(labels).map(([value, { zh, en }]) => ({ value, zh, en }));

export const metaRoutes: FastifyPluginAsyncZod = async (app) => {
  const body = {
    ...Object.fromEntries(Object.entries(LABELLED).map(([name, list]) => [
      name, list.keys.map((value) => ({ value, ...(list.labels as Record<string, enums.Label>)[value]! })),
    ])),
    // What the audit log's actions and records are called, as the kernel and the features declare them.
    auditActions: entries(auditLabels('auditActions')),
    auditEntityTypes: entries(auditLabels('auditEntityTypes')),
  };
  app.get('/api/meta/vocabulary', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: '代码表 Every coded value with its zh-CN and en label', response: { 200: Vocabulary } },
  }, async () => body);
};
