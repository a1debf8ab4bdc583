import { defineFeature } from '../../platform/feature.js';
import { posterRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'posters',
  routes: [posterRoutes],
  errors: {},
  auditActions: {},
  auditEntityTypes: {},
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  pointSources: [],
  todos: [],
  abilities: {},
});
