import { defineFeature } from '../../platform/feature.js';
import { notificationRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'inbox',
  routes: [notificationRoutes],
  errors: {},
  auditActions: {
    'notification.read': { zh: '通知标为已读', en: 'Notification marked read' },
    'notification.read_all': { zh: '全部通知标为已读', en: 'All notifications marked read' },
  },
  auditEntityTypes: {
    notification: { zh: '通知', en: 'Notification' },
  },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  pointSources: [],
  todos: [],
  abilities,
});
