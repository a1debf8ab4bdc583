import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo, first start) uses.
export { DEMO_UNIT_CLERKS, loadDemoCases } from './demo.js';
import { EXPORT } from './exportList.js';
import { LEAGUE_EXPORT, STATISTICS_EXPORT } from './statisticsExport.js';

// What other features use of this one.
export { caseColumns, caseVisible } from './access.js';
export { takeCaseAction } from './actions.js';
export { checkPhotos, type CheckedPhoto, photoProblems, registerFederated, registerOpinions, registerWhistle } from './intake.js';
export { checkReplyAttachments, type CheckedAttachment } from './replyAttachments.js';
export { refreshStationCaseScopes } from './scope.js';
export { handlingText, opinionFacts } from './opinionFacts.js';
export { type MovedDeadline, recomputeProvisionalDeadlines } from './provisionalDeadlines.js';
export { caseStatisticsBy } from './statistics.js';
export { noteOnCase, type CaseNote } from './caseNotes.js';
export { CASE_STATES, type CaseState, OPEN_STATES } from './workflow.js';
import { CASE_REGISTERS } from './registers.js';

import { CASE_AUDIT_ACTIONS } from './auditActions.js';
import { purgeIdempotency } from './intake.js';
// The case timers (reminders, closing unrated answers) register their job kinds when loaded.
import './timers.js';
import { CASES_ERRORS } from './errors.js';
import { caseRoutes } from './routes.js';
import { caseDeskRoutes } from './deskRoutes.js';
import { publicOpinionRoutes } from './publicRoutes.js';
import { statisticsRoutes } from './statisticsRoutes.js';
import { open311Routes } from './open311.js';
import { lookupRoutes } from './lookupRoutes.js';
import { purgeLookupState } from './lookup.js';
import { caseReplyRoutes } from './replyRoutes.js';
import { casePointFacts } from './points.js';
import { abilities } from './access.js';
import { caseRuleRoutes } from './ruleRoutes.js';
import { CASE_CLOCK_ABILITIES, CASE_CLOCK_AUDIT_ACTIONS, CASE_CLOCK_ENTITY_TYPES, CASE_CLOCK_ERRORS } from './clockContributions.js';
import { CASE_TODOS } from './todos.js';

export const feature = defineFeature({
  name: 'cases',
  routes: [caseRoutes, caseDeskRoutes, publicOpinionRoutes, lookupRoutes, statisticsRoutes, open311Routes, caseReplyRoutes, caseRuleRoutes],
  errors: { ...CASES_ERRORS, ...CASE_CLOCK_ERRORS },
  auditActions: { ...CASE_AUDIT_ACTIONS, ...CASE_CLOCK_AUDIT_ACTIONS },
  auditEntityTypes: {
    case: { zh: '意见工单', en: 'Case' },
    ...CASE_CLOCK_ENTITY_TYPES,
  },
  jobs: [],
  demo: [],
  housekeeping: [purgeIdempotency, purgeLookupState],
  registers: CASE_REGISTERS,
  exports: [EXPORT, STATISTICS_EXPORT, LEAGUE_EXPORT],
  abilities: { ...abilities, ...CASE_CLOCK_ABILITIES },
  pointSources: [casePointFacts],
  todos: [CASE_TODOS],
});
