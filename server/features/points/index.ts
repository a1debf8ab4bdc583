import { defineFeature } from '../../platform/feature.js';
import { pointRoutes } from './routes.js';
import { bonusPointFacts } from './bonusFacts.js';
import type { PointFactSource } from './contract.js';

export type { FactPeriod, PointFactRow, PointFactSource, PointRefType } from './contract.js';

declare module '../../platform/feature.js' {
  interface FeatureContributions { pointSources: PointFactSource }
}

export const feature = defineFeature({
  name: 'points',
  routes: [pointRoutes],
  errors: {},
  auditActions: {},
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
  pointSources: [bonusPointFacts],
});
