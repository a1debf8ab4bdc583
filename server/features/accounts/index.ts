import { defineFeature } from '../../platform/feature.js';
import { ACCOUNTS_ERRORS } from './errors.js';
import { authRoutes } from './authRoutes.js';
import { accountRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'accounts',
  routes: [authRoutes, accountRoutes],
  errors: ACCOUNTS_ERRORS,
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
