import { defineFeature } from '../../platform/feature.js';

export {
  described, EXPORT_PAGE, exportSource, inUse, templateHeaders, yesNo, zh, type ExportList,
} from './lists.js';
import { exportRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'exports',
  routes: [exportRoutes],
  errors: {},
  auditActions: {
    'export.download': { zh: '导出 Excel', en: 'List exported to Excel' },
  },
  auditEntityTypes: {
    export: { zh: '导出列表', en: 'Exported list' },
  },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  pointSources: [],
  todos: [],
  abilities: {},
});
