import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo, first start) uses.
export { createAccount } from './commands.js';
import { EXPORT } from './exportList.js';

// What other features use of this one.
export { refreshAccountAnchors } from './commands.js';

import { ACCOUNTS_ERRORS } from './errors.js';
import { authRoutes } from './authRoutes.js';
import { accountRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'accounts',
  routes: [authRoutes, accountRoutes],
  errors: ACCOUNTS_ERRORS,
  auditActions: {
    'auth.login': { zh: '登录', en: 'Signed in' },
    'auth.login_failed': { zh: '登录失败', en: 'Failed sign-in' },
    'auth.account_locked': { zh: '登录失败,账号锁定', en: 'Failed sign-in; account locked' },
    'auth.login_refused_locked': { zh: '账号锁定中,拒绝登录', en: 'Sign-in refused: account locked' },
    'auth.login_refused_disabled': { zh: '账号已停用,拒绝登录', en: 'Sign-in refused: account disabled' },
    'auth.logout': { zh: '退出登录', en: 'Signed out' },
    'auth.session_revoked': { zh: '退出其他设备上的登录', en: 'Another session signed out' },
    'auth.sessions_revoked': { zh: '退出所有其他设备', en: 'All other sessions signed out' },
    'account.create': { zh: '新增账号', en: 'Account added' },
    'account.update': { zh: '修改账号', en: 'Account changed' },
    'account.password_changed': { zh: '修改密码', en: 'Password changed' },
    'account.password_reset': { zh: '重置密码', en: 'Password reset' },
    'account.unlock': { zh: '解除锁定', en: 'Account unlocked' },
  },
  auditEntityTypes: {
    account: { zh: '账号', en: 'Account' },
  },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [EXPORT],
  pointSources: [],
  todos: [],
  abilities,
});
