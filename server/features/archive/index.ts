import { defineFeature } from '../../platform/feature.js';

// What other features use of this one.
export { getArchiveTerms, getDeputyArchive } from './queries.js';
import { ARCHIVE_ERRORS } from './errors.js';
import { archiveRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'archive',
  routes: [archiveRoutes],
  errors: ARCHIVE_ERRORS,
  auditActions: {
    'archive.download': { zh: '下载履职档案', en: 'Performance archive downloaded' },
  },
  auditEntityTypes: {},
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  pointSources: [],
  todos: [],
  abilities,
});
