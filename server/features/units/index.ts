import { defineFeature } from '../../platform/feature.js';
import { unitRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'units',
  routes: [unitRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
