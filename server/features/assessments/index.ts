import { defineFeature } from '../../platform/feature.js';
import { assessmentRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'assessments',
  routes: [assessmentRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
