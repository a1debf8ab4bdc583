import { defineFeature } from '../../platform/feature.js';
import { notificationRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'inbox',
  routes: [notificationRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
