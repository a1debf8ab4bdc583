import { defineFeature } from '../../platform/feature.js';
import { calendarRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'calendar',
  routes: [calendarRoutes],
  errors: {},
  auditActions: {
    'calendar.update': { zh: '修改节假日安排', en: 'Holiday schedule changed' },
    'calendar.import': { zh: '导入节假日安排', en: 'Holiday schedule imported' },
    'calendar.deadlines_recomputed': { zh: '按放假安排重算办理期限', en: 'Deadlines recomputed on the holiday schedule' },
  },
  auditEntityTypes: {
    holiday_year: { zh: '节假日', en: 'Holidays' },
  },
  jobs: [],
  registers: [],
  exports: [],
  archiveSections: [],
  disclosureSections: [],
  abilities,
});
