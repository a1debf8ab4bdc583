import { defineFeature } from '../../platform/feature.js';
import { auditRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'audit',
  routes: [auditRoutes],
  errors: {},
  auditActions: {},
  auditEntityTypes: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
  abilities,
});
