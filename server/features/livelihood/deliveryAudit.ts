import type { Label } from '../../../common/enums.js';

/** What the audit actions of a project's delivery outside its rule table mean (the rule table's own are `livelihood_project.<action>`). */
export const DELIVERY_AUDIT_ACTIONS: Record<string, Label> = {
  'livelihood.visit': { zh: '民生实事项目:记录代表视察', en: 'Livelihood project: supervision visit recorded' },
  'livelihood.rate': { zh: '民生实事项目:代表满意度测评', en: 'Livelihood project: a deputy\'s rating' },
  'livelihood.evaluation_open': { zh: '民生实事项目:开始满意度测评', en: 'Livelihood projects: evaluation opened' },
  'livelihood.evaluation_close': { zh: '民生实事项目:结束满意度测评', en: 'Livelihood projects: evaluation closed' },
};
