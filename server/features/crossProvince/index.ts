import { defineFeature } from '../../platform/feature.js';
import { abilities } from './access.js';
import { remindCrossProvince } from './commands.js';
import { CROSS_PROVINCE_DEMO } from './demo.js';
import { CROSS_PROVINCE_ERRORS } from './errors.js';
import { crossProvincePublicRoutes, crossProvinceRoutes } from './routes.js';
import { CROSS_PROVINCE_TODOS } from './todos.js';

/**
 * Cross-province stations (跨省联建站): agreements and their parties, the rotating chair (轮值)
 * with hand-over reminders, joint meetings, the cadence monitor, the joint governance list
 * (协同治理清单) and the shared activity calendar.
 */
export const feature = defineFeature({
  name: 'crossProvince',
  routes: [crossProvinceRoutes, crossProvincePublicRoutes],
  errors: CROSS_PROVINCE_ERRORS,
  auditActions: {
    'cross_province.agreement_create': { zh: '登记跨省联建协议书', en: 'Cross-province agreement recorded' },
    'cross_province.party_add': { zh: '新增协议方', en: 'Agreement party joined' },
    'cross_province.file_add': { zh: '上传协议或制度文件', en: 'Agreement file attached' },
    'cross_province.file_remove': { zh: '删除协议或制度文件', en: 'Agreement file removed' },
    'cross_province.rota': { zh: '生成轮值表', en: 'Chair rota drawn up' },
    'cross_province.handover_accept': { zh: '确认轮值交接', en: 'Chair hand-over confirmed' },
    'cross_province.meeting_schedule': { zh: '安排联席会议', en: 'Joint meeting scheduled' },
    'cross_province.meeting_hold': { zh: '记录联席会议', en: 'Joint meeting recorded' },
    'cross_province.meeting_cancel': { zh: '取消联席会议', en: 'Joint meeting cancelled' },
    'cross_province.cadence': { zh: '设置工作频次', en: 'Cadence set' },
    'cross_province.issue_create': { zh: '新增协同治理事项', en: 'Governance item added' },
    'cross_province.issue_update': { zh: '修改协同治理事项', en: 'Governance item changed' },
    'cross_province.issue_note': { zh: '记录协同治理进展', en: 'Governance progress noted' },
  },
  auditEntityTypes: {
    cross_province_agreement: { zh: '跨省联建协议书', en: 'Cross-province agreement' },
    cross_province_chair: { zh: '轮值', en: 'Rotating chair' },
    cross_province_meeting: { zh: '联席会议', en: 'Joint meeting' },
    cross_province_issue: { zh: '协同治理事项', en: 'Joint governance item' },
  },
  jobs: [],
  housekeeping: [remindCrossProvince],
  demo: [CROSS_PROVINCE_DEMO],
  registers: [],
  exports: [],
  abilities,
  pointSources: [],
  todos: [CROSS_PROVINCE_TODOS],
});
