import { lazyPage, type WebFeature } from '../../kit/feature.js';

/** 个人中心: one's password, sessions and notification preferences. Every role has it (the header links to it too). */
export const me: WebFeature = {
  name: 'me',
  routes: [{ path: '/me', page: lazyPage(() => import('./PersonalCentrePage.js'), (m) => m.PersonalCentrePage) }],
  menu: [{ path: '/me', zh: '个人中心', en: 'My account', ability: 'notification.read', order: 170 }],
};
