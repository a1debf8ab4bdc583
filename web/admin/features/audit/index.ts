import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const audit: WebFeature = {
  name: 'audit',
  routes: [{ path: '/audit', page: lazyPage(() => import('./AuditPage.js'), (m) => m.AuditPage) }],
  menu: [{ path: '/audit', zh: '审计日志', en: 'Audit log', ability: 'audit.read', order: 150 }],
};
