import { defineFeature } from '../../platform/feature.js';
import { TERMS_ERRORS } from './errors.js';
import { termRoutes } from './routes.js';
import { electionRoundRoutes } from './roundRoutes.js';

export const feature = defineFeature({
  name: 'terms',
  routes: [termRoutes, electionRoundRoutes],
  errors: TERMS_ERRORS,
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
