import { defineFeature } from '../../platform/feature.js';
import { stationRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'stations',
  routes: [stationRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
