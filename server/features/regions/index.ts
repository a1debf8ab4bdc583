import { defineFeature } from '../../platform/feature.js';
import { regionRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'regions',
  routes: [regionRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
