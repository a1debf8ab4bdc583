import { defineFeature } from '../../platform/feature.js';

// What other features use of this one: the hot topics create deliberation topics with it.
export { createDeliberationTopic } from './commands.js';
// What the composition root (demo, first start) uses.
export { loadDemoDeliberations } from './demo.js';
import { abilities } from './access.js';
import { dayNoticeJob } from './commands.js';
import { DELIBERATION_ERRORS } from './errors.js';
import { itemRemindJob } from './items.js';
import { deliberationPublicRoutes } from './publicRoutes.js';
import { deliberationRoutes } from './routes.js';
import { DELIBERATION_TODOS } from './todos.js';
import { ITEM_RULES } from './workflow.js';

const itemAudit = Object.fromEntries(Object.entries(ITEM_RULES).map(([action, rule]) => [
  `deliberation_item.${action}`, { zh: `议事行动方案事项:${rule.label.zh}`, en: `Deliberation action item: ${rule.label.en}` },
]));

/** Deliberation days (逢四议事): scored topics, the monthly day by rule, notice, the meeting record, the action plan and its publication. */
export const feature = defineFeature({
  name: 'deliberations',
  routes: [deliberationRoutes, deliberationPublicRoutes],
  errors: DELIBERATION_ERRORS,
  auditActions: {
    'deliberation.rule': { zh: '设置逢四议事规则', en: 'Deliberation rule set' },
    'deliberation.day_create': { zh: '生成议事日', en: 'Deliberation day generated' },
    'deliberation.day_update': { zh: '修改议事安排', en: 'Deliberation day changed' },
    'deliberation.topic_create': { zh: '提出议事议题', en: 'Deliberation topic proposed' },
    'deliberation.topic_score': { zh: '议题评分', en: 'Deliberation topic scored' },
    'deliberation.topic_withdraw': { zh: '撤回议事议题', en: 'Deliberation topic withdrawn' },
    'deliberation.choose': { zh: '选定议事议题', en: 'Deliberation topics chosen' },
    'deliberation.notice': { zh: '发出议事通知', en: 'Deliberation notice sent' },
    'deliberation.record': { zh: '记录议事', en: 'Deliberation meeting recorded' },
    'deliberation.publish': { zh: '公布议事结果', en: 'Deliberation results published' },
    'deliberation.cancel': { zh: '取消议事日', en: 'Deliberation day cancelled' },
    'deliberation.feedback': { zh: '群众评价议事结果', en: 'Public feedback on deliberation results' },
    'deliberation.feedback_decide': { zh: '处理群众反馈', en: 'Feedback on deliberation results decided' },
    ...itemAudit,
  },
  auditEntityTypes: {
    deliberation_rule: { zh: '逢四议事规则', en: 'Deliberation rule' },
    deliberation_day: { zh: '议事日', en: 'Deliberation day' },
    deliberation_topic: { zh: '议事议题', en: 'Deliberation topic' },
    deliberation_item: { zh: '议事行动方案事项', en: 'Deliberation action item' },
    deliberation_feedback: { zh: '议事结果群众反馈', en: 'Feedback on deliberation results' },
  },
  jobs: [dayNoticeJob, itemRemindJob],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  abilities,
  pointSources: [],
  todos: [DELIBERATION_TODOS],
});
