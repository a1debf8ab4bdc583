import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const regions: WebFeature = {
  name: 'regions',
  routes: [{ path: '/regions', page: lazyPage(() => import('./RegionsPage.js'), (m) => m.RegionsPage) }],
  menu: [{ path: '/regions', zh: '行政区划', en: 'Regions', ability: 'station.create', order: 110 }],
};
