import { lazyPage, type WebFeature } from '../../kit/feature.js';

const CrossProvincePage = lazyPage(() => import('./CrossProvincePage.js'), (m) => m.CrossProvincePage);

/**
 * Cross-province stations (跨省联建站): the agreement and its parties, the rotating chair, joint
 * meetings, the cadence monitor, the joint governance list kept by the chair's side, and the
 * shared activity calendar. Staff of every member side, the station's officers and deputies read it.
 */
export const crossProvince: WebFeature = {
  name: 'crossProvince',
  routes: [{ path: '/cross-province', page: CrossProvincePage }],
  menu: [{ path: '/cross-province', zh: '跨省联建', en: 'Cross-province stations', ability: 'cross_province.read', order: 29.8 }],
};
