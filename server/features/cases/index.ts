import { defineFeature } from '../../platform/feature.js';
import { CASE_AUDIT_ACTIONS } from './auditActions.js';
import { CASES_ERRORS } from './errors.js';
import { caseRoutes } from './routes.js';
import { publicOpinionRoutes } from './publicRoutes.js';
import { statisticsRoutes } from './statisticsRoutes.js';
import { open311Routes } from './open311.js';
import { casePointFacts } from './points.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'cases',
  routes: [caseRoutes, publicOpinionRoutes, statisticsRoutes, open311Routes],
  errors: CASES_ERRORS,
  auditActions: CASE_AUDIT_ACTIONS,
  auditEntityTypes: {
    case: { zh: '意见工单', en: 'Case' },
  },
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
  abilities,
  pointSources: [casePointFacts],
});
