import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const calendar: WebFeature = {
  name: 'calendar',
  routes: [{ path: '/holidays', page: lazyPage(() => import('./HolidaysPage.js'), (m) => m.HolidaysPage) }],
  menu: [{ path: '/holidays', zh: '节假日', en: 'Holidays', ability: 'calendar.update', order: 140 }],
};
