import { defineFeature } from '../../platform/feature.js';
import { ACTIVITIES_ERRORS } from './errors.js';
import { activityRoutes } from './routes.js';
import { campaignRoutes } from './campaignRoutes.js';
import { rotaRoutes } from './rotaRoutes.js';
import { activityPointFacts } from './points.js';

export const feature = defineFeature({
  name: 'activities',
  routes: [activityRoutes, campaignRoutes, rotaRoutes],
  errors: ACTIVITIES_ERRORS,
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
  pointSources: [activityPointFacts],
});
