import type { Label } from '../../../common/enums.js';

/** What the audit actions of report-backs mean. */
export const REPORT_BACK_AUDIT_ACTIONS: Record<string, Label> = {
  'report_back.plan': { zh: '述职:修改述职计划', en: 'Report-back: change the plan' },
  'report_back.create': { zh: '述职:安排述职', en: 'Report-back: schedule' },
  'report_back.attendance': { zh: '述职:登记到会群众人数', en: 'Report-back: record the headcount' },
  'report_back.open_evaluation': { zh: '述职:开始测评', en: 'Report-back: open the evaluation' },
  'report_back.close_evaluation': { zh: '述职:结束测评', en: 'Report-back: close the evaluation' },
  'report_back.reopen_evaluation': { zh: '述职:重新开放测评', en: 'Report-back: reopen the evaluation' },
  'report_back.cancel': { zh: '述职:取消述职', en: 'Report-back: cancel' },
  'report_back.report': { zh: '述职:保存述职报告', en: 'Report-back: save the report' },
  'report_back.evaluate': { zh: '述职:群众扫码测评', en: 'Report-back: a constituent’s evaluation' },
  'report_back.evaluate_paper': { zh: '述职:录入纸质测评表', en: 'Report-back: paper forms entered' },
  'report_back.issue_add': { zh: '述职:问题清单新增问题', en: 'Report-back: issue added' },
  'report_back.issue_close': { zh: '述职:问题清单销号', en: 'Report-back: issue closed' },
  'report_back.issue_hand_case': { zh: '述职:问题转为群众意见办理', en: 'Report-back: issue handed on as a case' },
  'report_back.issue_hand_suggestion': { zh: '述职:问题转为代表建议', en: 'Report-back: issue handed on as a suggestion' },
  'report_back.issue_remind': { zh: '述职:问题清单逾期提醒', en: 'Report-back: overdue issue reminder' },
};
