import { defineFeature } from '../../platform/feature.js';

// What other features use of this one.
export { currentYear } from './queries.js';
export { fromCents, yearPeriod } from './scoring.js';
export { ledgerEntries } from './facts.js';
import { loadDemoPoints } from './demo.js';
import { pointRoutes } from './routes.js';
import { bonusPointFacts } from './bonusFacts.js';
import { POINT_ERRORS } from './errors.js';
import type { PointFactSource } from './contract.js';
import { abilities } from './access.js';

export type { FactPeriod, PointFactSource } from './contract.js';

declare module '../../platform/feature.js' {
  interface FeatureContributions { pointSources: PointFactSource }
}

export const feature = defineFeature({
  name: 'points',
  routes: [pointRoutes],
  errors: POINT_ERRORS,
  auditActions: {
    'points.rules.create': { zh: '设定积分规则', en: 'Point rules set' },
    'points.rules.update': { zh: '修改积分规则', en: 'Point rules changed' },
    'points.bonus.create': { zh: '加减分', en: 'Bonus entered' },
    'points.bonus.void': { zh: '撤销加减分', en: 'Bonus withdrawn' },
    'points.stars.confirm': { zh: '确认履职之星', en: 'Stars of the year confirmed' },
    'points.stars.change': { zh: '变更履职之星', en: 'Stars of the year changed' },
  },
  auditEntityTypes: {
    point_rule_set: { zh: '积分规则', en: 'Point rules' },
    point_bonus: { zh: '加减分', en: 'Bonus' },
    point_star_award: { zh: '履职之星', en: 'Stars of the year' },
  },
  jobs: [],
  demo: [{ order: 10, run: loadDemoPoints }],
  housekeeping: [],
  registers: [],
  exports: [],
  abilities,
  pointSources: [bonusPointFacts],
  todos: [],
});
