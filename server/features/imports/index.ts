import { defineFeature } from '../../platform/feature.js';
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
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
  abilities: {},
});
