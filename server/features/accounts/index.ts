import { defineFeature } from '../../platform/feature.js';
import { authRoutes } from './authRoutes.js';
import { accountRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'accounts',
  routes: [authRoutes, accountRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
