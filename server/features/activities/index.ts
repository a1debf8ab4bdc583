import { defineFeature } from '../../platform/feature.js';
import { EXPORT } from './exportList.js';

// What other features use of this one.
export { activityColumns, activityEditable, activityVisible } from './access.js';
export { createCampaign } from './campaignCommands.js';
export { createActivity } from './commands.js';
export { rotaStatus } from './rota.js';
export { generateRota } from './rotaCommands.js';
export { nextReceptionDay } from './rotaQueries.js';
import { ACTIVITY_REGISTERS } from './registers.js';
import { ACTIVITIES_ERRORS } from './errors.js';
import { activityRoutes } from './routes.js';
import { campaignRoutes } from './campaignRoutes.js';
import { rotaRoutes } from './rotaRoutes.js';
import { activityPointFacts } from './points.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'activities',
  routes: [activityRoutes, campaignRoutes, rotaRoutes],
  errors: ACTIVITIES_ERRORS,
  auditActions: {
    'activity.create': { zh: '登记履职活动', en: 'Activity recorded' },
    'activity.update': { zh: '修改履职活动', en: 'Activity changed' },
    'activity.add_files': { zh: '上传活动照片或材料', en: 'Activity files added' },
    'campaign.create': { zh: '新建主题活动', en: 'Campaign created' },
    'campaign.update': { zh: '修改主题活动', en: 'Campaign changed' },
    'rota.generate': { zh: '排接待日轮值', en: 'Rota drawn up' },
    'rota.swap': { zh: '调班', en: 'Turn swapped' },
    'rota.cancel': { zh: '取消接待日', en: 'Reception day cancelled' },
  },
  auditEntityTypes: {
    activity: { zh: '履职活动', en: 'Activity' },
    campaign: { zh: '主题活动', en: 'Campaign' },
    rota_slot: { zh: '接待日', en: 'Reception day' },
  },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: ACTIVITY_REGISTERS,
  exports: [EXPORT],
  abilities,
  pointSources: [activityPointFacts],
  todos: [],
});
