import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo, first start) uses.
export { importRegions } from './seed.js';

// What other features use of this one.
export { regionBrief, RegionBriefSchema } from './presenter.js';

import { regionRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'regions',
  routes: [regionRoutes],
  errors: {},
  auditActions: {
    'region.import': { zh: '导入行政区划', en: 'Regions imported' },
  },
  auditEntityTypes: {
    region: { zh: '行政区划', en: 'Region' },
  },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  pointSources: [],
  todos: [],
  abilities,
});
