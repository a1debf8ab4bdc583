import { defineFeature } from '../../platform/feature.js';
import { deputyRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'deputies',
  routes: [deputyRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
