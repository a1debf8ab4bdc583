import { defineFeature } from '../../platform/feature.js';
import { deputyRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'deputies',
  routes: [deputyRoutes],
  errors: {},
  auditActions: {
    'deputy.create': { zh: '新增代表', en: 'Deputy added' },
    'deputy.update': { zh: '修改代表', en: 'Deputy changed' },
    'deputy.deactivate': { zh: '停用代表', en: 'Deputy deactivated' },
    'deputy.import': { zh: '导入花名册', en: 'Roster imported' },
  },
  auditEntityTypes: {
    deputy: { zh: '代表', en: 'Deputy' },
  },
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
  abilities,
});
