import type { Label } from '../../../common/enums.js';

/** What the audit actions of consultations mean. */
export const CONSULTATION_AUDIT_ACTIONS: Record<string, Label> = {
  'consultation.create': { zh: '议题征询:新建议题', en: 'Consultation: create a topic' },
  'consultation.update': { zh: '议题征询:修改议题', en: 'Consultation: change a topic' },
  'consultation.add_document': { zh: '议题征询:添加材料', en: 'Consultation: add a document' },
  'consultation.remove_document': { zh: '议题征询:删除材料', en: 'Consultation: remove a document' },
  'consultation.publish': { zh: '议题征询:发布征询', en: 'Consultation: publish' },
  'consultation.close': { zh: '议题征询:结束征询', en: 'Consultation: close' },
  'consultation.deliberate': { zh: '议题征询:录入审议意见', en: 'Consultation: record the deliberation opinion' },
  'consultation.handle': { zh: '议题征询:录入处理情况', en: 'Consultation: record the handling report' },
  'consultation.view_public': { zh: '议题征询:群众提交意见', en: 'Consultation: a constituent’s view' },
  'consultation.view_register': { zh: '议题征询:登记接待意见', en: 'Consultation: register a view heard' },
  'consultation.link_activity': { zh: '议题征询:关联活动', en: 'Consultation: link an activity' },
  'consultation.unlink_activity': { zh: '议题征询:取消关联活动', en: 'Consultation: unlink an activity' },
  'consultation.contact_reveal': { zh: '议题征询:查看联系方式', en: 'Consultation: reveal contact details' },
};
