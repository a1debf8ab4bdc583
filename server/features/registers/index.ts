import { defineFeature } from '../../platform/feature.js';
import { REGISTERS_ERRORS } from './errors.js';
import { registerRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'registers',
  routes: [registerRoutes],
  errors: REGISTERS_ERRORS,
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
