import { defineFeature } from '../../platform/feature.js';

// What other features use of this one.
export { createImportBatch } from './commands.js';
export { RegionLookup, StationLookup } from './lookups.js';
export { stageImportFile } from './staging.js';
import { expireImports, failInterruptedImports } from './commands.js';
import { IMPORTS_ERRORS } from './errors.js';
import { importRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'imports',
  routes: [importRoutes],
  errors: IMPORTS_ERRORS,
  auditActions: {},
  auditEntityTypes: {
    import_batch: { zh: '导入批次', en: 'Import batch' },
  },
  jobs: [],
  demo: [],
  housekeeping: [expireImports, failInterruptedImports],
  registers: [],
  exports: [],
  pointSources: [],
  todos: [],
  abilities: {},
});
