import { defineFeature } from '../../platform/feature.js';
import { calendarRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'calendar',
  routes: [calendarRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
