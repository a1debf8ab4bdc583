import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo, first start) uses.
export { loadDemoBudget } from './demo.js';
// What the performance archive reads.
export { deputyBudgetReviews } from './deputyBudget.js';
import { abilities } from './access.js';
import { BUDGET_AUDIT_ACTIONS, BUDGET_AUDIT_ENTITY_TYPES } from './auditActions.js';
import { budgetRemindJob } from './comments.js';
import { BUDGET_ERRORS } from './errors.js';
import { budgetPointFacts } from './points.js';
import { budgetRoutes } from './routes.js';
import { BUDGET_EXPORTS } from './exportLists.js';
import { BUDGET_TODOS } from './todos.js';

/** Budget review with deputies (预算审查): the draft's key projects, the committee's preliminary review, deputies' comments and their answers, performance evaluation, the mid-year adjustment, the state-asset and debt reports. */
export const feature = defineFeature({
  name: 'budget',
  routes: [budgetRoutes],
  errors: BUDGET_ERRORS,
  auditActions: BUDGET_AUDIT_ACTIONS,
  auditEntityTypes: BUDGET_AUDIT_ENTITY_TYPES,
  jobs: [budgetRemindJob],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: BUDGET_EXPORTS,
  abilities,
  pointSources: [budgetPointFacts],
  todos: [BUDGET_TODOS],
});
