import { lazyPage, type WebFeature } from '../../kit/feature.js';

/** 办理统计: case figures per station, unit, deputy, category and period, and the unit league table. */
export const statistics: WebFeature = {
  name: 'statistics',
  routes: [{ path: '/statistics', page: lazyPage(() => import('./StatisticsPage.js'), (m) => m.StatisticsPage) }],
  menu: [{ path: '/statistics', zh: '办理统计', en: 'Case statistics', ability: 'case.read', order: 25 }],
};
