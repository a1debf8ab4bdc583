import { defineFeature } from '../../platform/feature.js';
import { registerRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'registers',
  routes: [registerRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
