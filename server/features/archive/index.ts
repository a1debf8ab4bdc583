import { defineFeature } from '../../platform/feature.js';
import { archiveRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'archive',
  routes: [archiveRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
