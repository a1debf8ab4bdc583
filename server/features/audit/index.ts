import { defineFeature } from '../../platform/feature.js';
import { EXPORT } from './exportList.js';

export { verifyAuditChain } from './chain.js';
export { auditSigningKey, scheduleAuditCheckpoint, useAuditCheckpoints } from './checkpoints.js';
import { auditCheckpointJob } from './checkpoints.js';
import { AUDIT_ERRORS } from './errors.js';
import { auditRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'audit',
  routes: [auditRoutes],
  errors: AUDIT_ERRORS,
  auditActions: {},
  auditEntityTypes: {},
  jobs: [auditCheckpointJob],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [EXPORT],
  pointSources: [],
  todos: [],
  abilities,
});
