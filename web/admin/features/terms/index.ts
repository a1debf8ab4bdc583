import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const terms: WebFeature = {
  name: 'terms',
  routes: [
    { path: '/terms', page: lazyPage(() => import('./TermsPage.js'), (m) => m.TermsPage) },
    { path: '/terms/:id/round', page: lazyPage(() => import('./ElectionRoundPage.js'), (m) => m.ElectionRoundPage), title: { zh: '换届', en: 'Election round' } },
    { path: '/terms/:id/coverage', page: lazyPage(() => import('./CoverageView.js'), (m) => m.CoveragePage), title: { zh: '编组覆盖率', en: 'Station coverage' } },
  ],
  menu: [{ path: '/terms', zh: '人大届次', en: 'Congress terms', ability: 'term.manage', order: 120 }],
};
