import type { WebFeature } from '../../kit/feature.js';
import { CaseDetailPage } from './CaseDetailPage.js';
import { CasesPage } from './CasesPage.js';

// The case queue and case pages come with the first load, like the sign-in page.
export const cases: WebFeature = {
  name: 'cases',
  routes: [
    { path: '/cases', page: CasesPage },
    { path: '/cases/:id', page: CaseDetailPage, title: { zh: '意见详情', en: 'Case' } },
  ],
  menu: [{ path: '/cases', zh: '意见办理', en: 'Cases', ability: 'case.read', order: 20 }],
};
