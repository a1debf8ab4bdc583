import { defineFeature } from '../../platform/feature.js';
import { REGISTERS_ERRORS } from './errors.js';
import { registerRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'registers',
  routes: [registerRoutes],
  errors: REGISTERS_ERRORS,
  auditActions: {
    'deed.create': { zh: '登记先进事迹', en: 'Deed recorded' },
    'deed.update': { zh: '修改先进事迹', en: 'Deed corrected' },
    'deed.delete': { zh: '删除先进事迹', en: 'Deed deleted' },
    'chronicle.create': { zh: '登记大事记', en: 'Chronicle entry recorded' },
    'chronicle.update': { zh: '修改大事记', en: 'Chronicle entry corrected' },
    'chronicle.delete': { zh: '删除大事记', en: 'Chronicle entry deleted' },
    'register.download': { zh: '下载登记簿', en: 'Register downloaded' },
  },
  auditEntityTypes: {
    deputy_deed: { zh: '先进事迹', en: 'Deed' },
    chronicle_entry: { zh: '大事记', en: 'Chronicle entry' },
  },
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
  abilities,
});
