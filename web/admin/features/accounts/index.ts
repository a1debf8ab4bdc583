import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const accounts: WebFeature = {
  name: 'accounts',
  routes: [{ path: '/accounts', page: lazyPage(() => import('./AccountsPage.js'), (m) => m.AccountsPage) }],
  menu: [{ path: '/accounts', zh: '账号管理', en: 'Accounts', ability: 'account.read', order: 130 }],
};
