import { defineFeature } from '../../platform/feature.js';
import { publicDirectoryRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'directory',
  routes: [publicDirectoryRoutes],
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
