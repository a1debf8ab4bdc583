import { defineFeature } from '../../platform/feature.js';
import { importRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'imports',
  routes: [importRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
