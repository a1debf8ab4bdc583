import { lazyPage, type WebFeature } from '../../kit/feature.js';

/** The deadline rules of the case workflow (办理时限): per category, and a region's own. */
export const caseRules: WebFeature = {
  name: 'caseRules',
  routes: [{ path: '/case-rules', page: lazyPage(() => import('./CategoryRulesPage.js'), (m) => m.CategoryRulesPage) }],
  menu: [{ path: '/case-rules', zh: '办理时限', en: 'Deadline rules', ability: 'case.rules', order: 135 }],
};
