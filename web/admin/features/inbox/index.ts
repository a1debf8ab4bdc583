import type { WebFeature } from '../../kit/feature.js';
import { NotificationsPage } from './NotificationsPage.js';

// Loaded with the shell: the bell in the header counts the unread notifications.
export const inbox: WebFeature = {
  name: 'inbox',
  routes: [{ path: '/notifications', page: NotificationsPage }],
  menu: [{ path: '/notifications', zh: '通知', en: 'Notifications', ability: 'notification.read', order: 160 }],
};
