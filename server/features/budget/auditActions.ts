import type { Label } from '../../../common/enums.js';
import { BUDGET_ACTIONS, BUDGET_RULES } from './workflow.js';

/** What the audit actions of budget review mean: one per workflow action (`budget_review.<action>`) and the records' writes. */
export const BUDGET_AUDIT_ACTIONS: Record<string, Label> = {
  ...Object.fromEntries(BUDGET_ACTIONS.map((a) => [`budget_review.${a}`, { zh: `预算审查:${BUDGET_RULES[a].label.zh}`, en: `Budget review: ${BUDGET_RULES[a].label.en}` }])),
  'budget_review.create': { zh: '预算审查:建立', en: 'Budget review: create' },
  'budget_review.update': { zh: '预算审查:修改', en: 'Budget review: change' },
  'budget_project.create': { zh: '预算审查:新增重点项目', en: 'Budget review: add a key project' },
  'budget_project.update': { zh: '预算审查:修改重点项目', en: 'Budget review: change a key project' },
  'budget_project.delete': { zh: '预算审查:删除重点项目', en: 'Budget review: remove a key project' },
  'budget_opinion.record': { zh: '预算审查:录入初审意见', en: 'Budget review: record a preliminary opinion' },
  'budget_comment.create': { zh: '预算审查:代表提出意见', en: 'Budget review: a deputy’s comment' },
  'budget_comment.answer': { zh: '预算审查:答复代表意见', en: 'Budget review: answer a comment' },
  'budget_comment.remind': { zh: '预算审查:答复提醒', en: 'Budget review: answer reminder' },
  'budget_report.create': { zh: '预算审查:报送专项报告', en: 'Budget review: file a report' },
  'budget_evaluation.create': { zh: '预算审查:开展绩效评价', en: 'Budget review: start a performance evaluation' },
  'budget_evaluation.score': { zh: '预算审查:代表绩效评分', en: 'Budget review: a deputy’s evaluation score' },
  'budget_evaluation.conclude': { zh: '预算审查:绩效评价结论', en: 'Budget review: conclude an evaluation' },
};

export const BUDGET_AUDIT_ENTITY_TYPES: Record<string, Label> = {
  budget_review: { zh: '预算审查', en: 'Budget review' },
  budget_project: { zh: '预算重点项目', en: 'Budget key project' },
  budget_comment: { zh: '预算审查代表意见', en: 'Budget review comment' },
  budget_report: { zh: '预算审查专项报告', en: 'Budget review report' },
  budget_evaluation: { zh: '预算绩效评价', en: 'Budget performance evaluation' },
};
