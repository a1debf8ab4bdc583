import { defineFeature } from '../../platform/feature.js';
import { EXPORT } from './exportList.js';

export { verifyAuditChain } from './chain.js';
import { auditRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'audit',
  routes: [auditRoutes],
  errors: {},
  auditActions: {},
  auditEntityTypes: {},
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [EXPORT],
  pointSources: [],
  todos: [],
  abilities,
});
