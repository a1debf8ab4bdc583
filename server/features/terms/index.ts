import { defineFeature } from '../../platform/feature.js';
import { termRoutes } from './routes.js';
import { electionRoundRoutes } from './roundRoutes.js';

export const feature = defineFeature({
  name: 'terms',
  routes: [termRoutes, electionRoundRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
