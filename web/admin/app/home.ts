import { lazyPage, type WebFeature } from '../kit/feature.js';

/** The dashboard of the month, the back office's first page. */
export const home: WebFeature = {
  name: 'home',
  routes: [{ path: '/', page: lazyPage(() => import('./DashboardPage.js'), (m) => m.DashboardPage) }],
  menu: [{ path: '/', zh: '工作台', en: 'Dashboard', ability: 'case.read', order: 10 }],
};
