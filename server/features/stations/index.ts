import { defineFeature } from '../../platform/feature.js';
import { STATIONS_ERRORS } from './errors.js';
import { stationRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'stations',
  routes: [stationRoutes],
  errors: STATIONS_ERRORS,
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
});
