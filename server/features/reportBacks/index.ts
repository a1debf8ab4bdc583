import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo) uses.
export { loadDemoReportBacks } from './demo.js';
// What the performance archive and the public disclosure show of a deputy's report-backs.
export { deputyReportBacks } from './deputyReportBacks.js';
import { abilities } from './access.js';
import { REPORT_BACK_ERRORS } from './errors.js';
import { REPORT_BACK_AUDIT_ACTIONS } from './auditActions.js';
import { reportBackRoutes } from './routes.js';
import { reportBackPublicRoutes } from './publicRoutes.js';
import { reportBackPointFacts } from './points.js';
import { evaluationCloseJob, issueRemindJob } from './timers.js';
import { REPORT_BACK_TODOS } from './todos.js';

/** Report-backs (述职): the plan of who must report, the meeting, the report, the constituents' evaluation by QR code and the issue list. */
export const feature = defineFeature({
  name: 'reportBacks',
  routes: [reportBackRoutes, reportBackPublicRoutes],
  errors: { ...REPORT_BACK_ERRORS },
  auditActions: REPORT_BACK_AUDIT_ACTIONS,
  auditEntityTypes: { report_back: { zh: '述职', en: 'Report-back' }, report_back_plan: { zh: '述职计划', en: 'Report-back plan' } },
  jobs: [evaluationCloseJob, issueRemindJob],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  abilities,
  pointSources: [reportBackPointFacts],
  todos: [REPORT_BACK_TODOS],
});
