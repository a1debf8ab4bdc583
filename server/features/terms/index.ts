import { defineFeature } from '../../platform/feature.js';

// What other features use of this one.
export { CONGRESS_REGION_LEVEL, congressRegionFits } from './congress.js';
export { chineseNumeral, congressTermName, termPeriod } from './congressTerms.js';
export { ArchiveTermSchema } from './presenter.js';
export { deputyTerm, deputyTerms } from './queries.js';
export { requireRoundTerm } from './roundCommands.js';
import { loadDemoTerms } from './demo.js';
import { loadDemoRound } from './demoRound.js';
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
  demo: [{ order: 20, run: loadDemoTerms }, { order: 30, run: loadDemoRound }],
  housekeeping: [],
  registers: [],
  exports: [],
  pointSources: [],
  todos: [],
  abilities,
});
