import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const assessments: WebFeature = {
  name: 'assessments',
  routes: [{ path: '/assessments', page: lazyPage(() => import('./AssessmentsPage.js'), (m) => m.AssessmentsPage) }],
  menu: [{ path: '/assessments', zh: '考核评价', en: 'Assessment', ability: 'assessment.read', order: 60 }],
};
