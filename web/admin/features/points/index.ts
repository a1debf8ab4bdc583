import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const points: WebFeature = {
  name: 'points',
  routes: [
    { path: '/points', page: lazyPage(() => import('./PointsPage.js'), (m) => m.PointsPage) },
    { path: '/points/deputies/:id', page: lazyPage(() => import('./LedgerPage.js'), (m) => m.LedgerPage), title: { zh: '积分明细', en: 'Points ledger' } },
  ],
  menu: [{ path: '/points', zh: '履职积分', en: 'Points', ability: 'points.read', order: 50 }],
};
