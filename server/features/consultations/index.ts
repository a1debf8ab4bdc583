import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo) uses.
export { loadDemoConsultations } from './demo.js';
// What the performance archive shows of a deputy's part in consultations.
export { deputyConsultations } from './deputyConsultations.js';
// What the hot-topics feature uses to offer and make a consultation's input.
export { topicManageable } from './access.js';
export { linkCasesToConsultation } from './caseLinks.js';
import { abilities } from './access.js';
import { CONSULTATION_ERRORS } from './errors.js';
import { CONSULTATION_AUDIT_ACTIONS } from './auditActions.js';
import { consultationRoutes } from './routes.js';
import { consultationPublicRoutes } from './publicRoutes.js';
import { consultationCaseRoutes } from './caseLinks.js';
import { CONSULTATION_TODOS } from './todos.js';
import { consultationPointFacts } from './points.js';

/** Standing-committee topics consulted through the stations (议题征询): the topic, the views gathered at the stations, their compilation, and the committee's and the government's feedback. */
export const feature = defineFeature({
  name: 'consultations',
  routes: [consultationRoutes, consultationPublicRoutes, consultationCaseRoutes],
  errors: { ...CONSULTATION_ERRORS },
  auditActions: { ...CONSULTATION_AUDIT_ACTIONS, 'consultation.link_cases': { zh: '议题征询:关联群众意见', en: 'Consultation: link opinions as input' } },
  auditEntityTypes: { consultation: { zh: '议题征询', en: 'Consultation' } },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  abilities,
  pointSources: [consultationPointFacts],
  todos: [CONSULTATION_TODOS],
});
