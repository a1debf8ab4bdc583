import { lazyPage, type WebFeature } from '../../kit/feature.js';

/** Federation between provinces: the peers (other provinces' instances) and this instance's identity. */
export const federation: WebFeature = {
  name: 'federation',
  routes: [{ path: '/federation', page: lazyPage(() => import('./FederationPage.js'), (m) => m.FederationPage) }],
  menu: [{ path: '/federation', zh: '联邦对端', en: 'Federation peers', ability: 'federation.manage', order: 145 }],
};
