import { defineFeature } from '../../platform/feature.js';

// What the points feature's demo uses.
export { saveScheme } from './commands.js';

import { assessmentRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'assessments',
  routes: [assessmentRoutes],
  errors: {},
  auditActions: {
    'assessment.scheme.create': { zh: '设定考核方案', en: 'Assessment scheme set' },
    'assessment.scheme.update': { zh: '修改考核方案', en: 'Assessment scheme changed' },
    'assessment.confirm': { zh: '确认考核结果', en: 'Assessment confirmed' },
    'assessment.reconfirm': { zh: '重新确认考核结果', en: 'Assessment confirmed again' },
  },
  auditEntityTypes: {
    assessment_scheme: { zh: '考核方案', en: 'Assessment scheme' },
    station_assessment: { zh: '站点考核', en: 'Station assessment' },
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
