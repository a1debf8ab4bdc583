import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo) uses.
export { loadDemoFormerDeputies } from './demo.js';
import { abilities } from './access.js';
import { FORMER_DEPUTY_ERRORS } from './errors.js';
import { formerDeputyRoutes } from './routes.js';

/** Former deputies at the 代表之家 (香洲 "一届当代表, 终身为人民"): roster and 特邀联络员 card, fields and roles, opinions carried by current deputies, deeds. */
export const feature = defineFeature({
  name: 'formerDeputies',
  routes: [formerDeputyRoutes],
  errors: FORMER_DEPUTY_ERRORS,
  auditActions: {
    'former_deputy.enrol': { zh: '往届代表登记入册(颁发特邀联络员证)', en: 'Former deputy enrolled as special liaison' },
    'former_deputy.update': { zh: '修改往届代表登记', en: 'Former deputy entry changed' },
    'former_opinion.register': { zh: '登记往届代表收集的意见', en: 'Opinion collected by a former deputy registered' },
    'former_opinion.answer': { zh: '当场答复往届代表收集的意见', en: 'Opinion collected by a former deputy answered on the spot' },
    'former_opinion.carry': { zh: '现届代表转交往届代表收集的意见', en: 'Opinion collected by a former deputy carried by a current deputy' },
  },
  auditEntityTypes: { former_deputy_opinion: { zh: '往届代表收集的意见', en: 'Opinion collected by a former deputy' } },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  abilities,
  pointSources: [],
  todos: [],
});
