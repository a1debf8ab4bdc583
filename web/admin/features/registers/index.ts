import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const registers: WebFeature = {
  name: 'registers',
  routes: [{ path: '/registers', page: lazyPage(() => import('./RegistersPage.js'), (m) => m.RegistersPage) }],
  menu: [{ path: '/registers', zh: '登记簿', en: 'Registers', ability: 'register.read', order: 90 }],
};
