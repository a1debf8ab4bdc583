import { defineFeature } from '../../platform/feature.js';
import { exportRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'exports',
  routes: [exportRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
