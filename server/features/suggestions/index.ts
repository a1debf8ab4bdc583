import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo, first start) uses.
export { DEMO_SUGGESTION_LOGINS, loadDemoSuggestions } from './demo.js';
import { abilities } from './access.js';
import { SUGGESTION_ERRORS } from './errors.js';
import { SUGGESTION_AUDIT_ACTIONS } from './auditActions.js';
import { draftRoutes } from './draftRoutes.js';
import { sessionRoutes } from './sessionRoutes.js';
import { suggestionRemindJob } from './timers.js';
import { handlingRoutes } from './handlingRoutes.js';
import { statisticsRoutes } from './statisticsRoutes.js';
import { suggestionPointFacts } from './points.js';
// What the archive and the public disclosure show of a deputy's suggestions.
export { deputySuggestions } from './deputySuggestions.js';
// What the report-backs' issue list hands on as a deputy's draft suggestion.
export { createSuggestion } from './draftCommands.js';
export { SUGGESTION_STATES } from './workflow.js';
export { suggestionColumns, suggestionVisible } from './access.js';
import { suggestionReadRoutes } from './readRoutes.js';
import { suggestionPublicRoutes } from './publicRoutes.js';
import { SUGGESTION_TODOS } from './todos.js';
import { SUGGESTION_REGISTERS } from './registers.js';
import { SUGGESTION_EXPORT } from './exportList.js';

export const feature = defineFeature({
  name: 'suggestions',
  routes: [draftRoutes, sessionRoutes, statisticsRoutes, handlingRoutes, suggestionReadRoutes, suggestionPublicRoutes],
  errors: { ...SUGGESTION_ERRORS },
  auditActions: SUGGESTION_AUDIT_ACTIONS,
  auditEntityTypes: {
    suggestion: { zh: '代表建议', en: 'Suggestion' },
    congress_session: { zh: '大会会议', en: 'Congress session' },
    suggestion_setting: { zh: '建议办理设置', en: 'Suggestion settings' },
  },
  jobs: [suggestionRemindJob],
  demo: [],
  housekeeping: [],
  registers: [...SUGGESTION_REGISTERS],
  exports: [SUGGESTION_EXPORT],
  abilities,
  pointSources: [suggestionPointFacts],
  todos: [SUGGESTION_TODOS],
});
