import { defineFeature } from '../../platform/feature.js';
import { TERMS_ERRORS } from './errors.js';
import { termRoutes } from './routes.js';
import { electionRoundRoutes } from './roundRoutes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'terms',
  routes: [termRoutes, electionRoundRoutes],
  errors: TERMS_ERRORS,
  auditActions: {
    'term.create': { zh: '登记人大届次', en: 'Congress term recorded' },
    'term.update': { zh: '修改人大届次', en: 'Congress term changed' },
    'term.round': { zh: '换届', en: 'Election round' },
  },
  auditEntityTypes: {
    congress_term: { zh: '人大届次', en: 'Congress term' },
  },
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
  abilities,
});
