import { defineFeature } from '../../platform/feature.js';

// What other features use of this one (the imports kit: member enterprises from Excel).
export { requirePoint } from './commands.js';
export { commitEnterpriseImport } from './importCommands.js';
export { EnterpriseRowChecker } from './importRows.js';
import { abilities } from './access.js';
import { INDUSTRY_DEMO } from './demo.js';
import { INDUSTRY_ERRORS } from './errors.js';
import { ENTERPRISE_EXPORT } from './exportList.js';
import { industryRoutes } from './routes.js';

export const feature = defineFeature({
  name: 'industry',
  routes: [industryRoutes],
  errors: INDUSTRY_ERRORS,
  auditActions: {
    'industry.enterprise_create': { zh: '新增联系点成员企业', en: 'Member enterprise added' },
    'industry.enterprise_update': { zh: '修改联系点成员企业', en: 'Member enterprise changed' },
    'industry.enterprise_delete': { zh: '移除联系点成员企业', en: 'Member enterprise removed' },
    'industry.enterprise_import': { zh: '导入联系点成员企业', en: 'Member enterprises imported' },
    'industry.contact_reveal': { zh: '查看企业联系人', en: 'Enterprise contact revealed' },
    'industry.organisation_set': { zh: '设置联系点组织架构', en: 'Contact point organisation set' },
    'industry.campaign_create': { zh: '新建联系计划', en: 'Outreach campaign started' },
    'industry.visit_log': { zh: '登记企业走访', en: 'Enterprise visit logged' },
    'industry.issue_case': { zh: '走访问题转群众意见', en: 'Visit issue made a case' },
    'industry.issue_suggestion': { zh: '走访问题转代表建议', en: 'Visit issue made a suggestion' },
  },
  auditEntityTypes: {
    industry_enterprise: { zh: '联系点成员企业', en: 'Member enterprise' },
    industry_campaign: { zh: '联系计划', en: 'Outreach campaign' },
    industry_visit: { zh: '企业走访', en: 'Enterprise visit' },
  },
  jobs: [],
  demo: [INDUSTRY_DEMO],
  housekeeping: [],
  registers: [],
  exports: [ENTERPRISE_EXPORT],
  pointSources: [],
  todos: [],
  abilities,
});
