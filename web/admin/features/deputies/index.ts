import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const deputies: WebFeature = {
  name: 'deputies',
  routes: [
    { path: '/deputies', page: lazyPage(() => import('./DeputiesPage.js'), (m) => m.DeputiesPage) },
    { path: '/deputies/:id', page: lazyPage(() => import('./DeputyDetailPage.js'), (m) => m.DeputyDetailPage), title: { zh: '代表详情', en: 'Deputy' } },
  ],
  menu: [{ path: '/deputies', zh: '人大代表', en: 'Deputies', ability: 'deputy.read', order: 80 }],
};
