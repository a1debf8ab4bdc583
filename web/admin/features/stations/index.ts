import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const stations: WebFeature = {
  name: 'stations',
  routes: [
    { path: '/stations', page: lazyPage(() => import('./StationsPage.js'), (m) => m.StationsPage) },
    { path: '/stations/:id', page: lazyPage(() => import('./StationDetailPage.js'), (m) => m.StationDetailPage), title: { zh: '联络站详情', en: 'Station' } },
  ],
  menu: [{ path: '/stations', zh: '联络站', en: 'Stations', ability: 'station.read', order: 70 }],
};
