import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo) uses.
export { loadDemoMediation } from './demo.js';
// What the performance archive shows of a deputy's mediations.
export { deputyMediations } from './queries.js';
import { abilities } from './access.js';
import { MEDIATION_ERRORS } from './errors.js';
import { mediationPointFacts } from './points.js';
import { MEDIATION_REGISTERS } from './registers.js';
import { mediationRoutes } from './routes.js';

/** Mediation rooms (代表法庭联络室, 代表法官/检察官工作室, "人大代表+调解员"): disputes, parties, sessions, outcome, agreement, statistics. */
export const feature = defineFeature({
  name: 'mediation',
  routes: [mediationRoutes],
  errors: MEDIATION_ERRORS,
  auditActions: {
    'mediation.create': { zh: '受理矛盾纠纷调解', en: 'Mediation received' },
    'mediation.session': { zh: '记录调解会', en: 'Mediation session recorded' },
    'mediation.close': { zh: '调解结案', en: 'Mediation closed' },
    'mediation.agreement': { zh: '上传调解协议书', en: 'Mediation agreement stored' },
    'mediation.figures': { zh: '登记调解室年度接待数', en: 'Mediation room figures entered' },
    'mediation.contact_reveal': { zh: '查看调解当事人联系方式', en: 'Mediation parties revealed' },
  },
  auditEntityTypes: { mediation: { zh: '矛盾纠纷调解', en: 'Mediation' } },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: MEDIATION_REGISTERS,
  exports: [],
  abilities,
  pointSources: [mediationPointFacts],
  todos: [],
});
