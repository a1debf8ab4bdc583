import { defineFeature } from '../../platform/feature.js';
import { notificationRoutes } from './routes.js';
import { abilities } from './access.js';
import { INBOX_ERRORS } from './errors.js';
import { composeDigests } from '../../platform/notify/digest.js';

export const feature = defineFeature({
  name: 'inbox',
  routes: [notificationRoutes],
  errors: INBOX_ERRORS,
  auditActions: {
    'notification.read': { zh: '通知标为已读', en: 'Notification marked read' },
    'notification.read_all': { zh: '全部通知标为已读', en: 'All notifications marked read' },
    'notification.preferences': { zh: '修改通知偏好', en: 'Notification preferences changed' },
  },
  auditEntityTypes: {
    notification: { zh: '通知', en: 'Notification' },
  },
  jobs: [],
  demo: [],
  // The daily digest of the notifications kept for it.
  housekeeping: [composeDigests],
  registers: [],
  exports: [],
  pointSources: [],
  todos: [],
  abilities,
});
