import { defineFeature } from '../../platform/feature.js';

// What other features use of this one.
export { loadCalendar } from './queries.js';

export { importShippedSchedules } from './commands.js';
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
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  pointSources: [],
  todos: [],
  abilities,
});
