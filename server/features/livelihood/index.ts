import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo, first start) uses.
export { loadDemoLivelihood } from './demo.js';
// What the performance archive shows of a deputy's part in livelihood projects.
export { deputyLivelihood } from './deputyLivelihood.js';
import { abilities } from './access.js';
import { LIVELIHOOD_AUDIT_ACTIONS, LIVELIHOOD_AUDIT_ENTITY_TYPES } from './auditActions.js';
import { LIVELIHOOD_ERRORS } from './errors.js';
import { DELIVERY_AUDIT_ACTIONS } from './deliveryAudit.js';
import { DELIVERY_ERRORS } from './deliveryErrors.js';
import { livelihoodSlipJob } from './deliveryReminders.js';
import { deliveryRoutes } from './deliveryRoutes.js';
import { livelihoodPublicRoutes } from './publicRoutes.js';
import { LIVELIHOOD_TODOS } from './todos.js';
import { LIVELIHOOD_EXPORT } from './exportList.js';
import { livelihoodRoutes } from './routes.js';
import { livelihoodPointFacts } from './points.js';

/** Livelihood projects voted by deputies (民生实事项目票决): collection, shortlist, the secret ballot, its result, and the adopted projects carried out and evaluated. */
export const feature = defineFeature({
  name: 'livelihood',
  routes: [livelihoodRoutes, deliveryRoutes, livelihoodPublicRoutes],
  errors: { ...LIVELIHOOD_ERRORS, ...DELIVERY_ERRORS },
  auditActions: { ...LIVELIHOOD_AUDIT_ACTIONS, ...DELIVERY_AUDIT_ACTIONS },
  auditEntityTypes: LIVELIHOOD_AUDIT_ENTITY_TYPES,
  jobs: [livelihoodSlipJob],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [LIVELIHOOD_EXPORT],
  abilities,
  pointSources: [livelihoodPointFacts],
  todos: [LIVELIHOOD_TODOS],
});
