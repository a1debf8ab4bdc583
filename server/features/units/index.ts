import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo, first start) uses.
export { createUnit } from './commands.js';
import { EXPORT } from './exportList.js';

import { unitRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'units',
  routes: [unitRoutes],
  errors: {},
  auditActions: {
    'unit.create': { zh: '新增承办单位', en: 'Unit added' },
    'unit.update': { zh: '修改承办单位', en: 'Unit changed' },
  },
  auditEntityTypes: {
    unit: { zh: '承办单位', en: 'Unit' },
  },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [EXPORT],
  pointSources: [],
  todos: [],
  abilities,
});
