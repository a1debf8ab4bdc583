import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const units: WebFeature = {
  name: 'units',
  routes: [{ path: '/units', page: lazyPage(() => import('./UnitsPage.js'), (m) => m.UnitsPage) }],
  menu: [{ path: '/units', zh: '承办单位', en: 'Units', ability: 'unit.read', hideFor: ['unit'], order: 100 }],
};
