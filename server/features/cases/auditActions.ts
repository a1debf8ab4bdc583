import type { Label } from '../../../common/enums.js';

/**
 * What the case actions of the audit log mean. The steps of the workflow repeat the labels of its
 * rule table (workflow.ts); auditActions.test.ts keeps the two the same.
 */
export const CASE_AUDIT_ACTIONS = {
  'case.submit': { zh: '登记意见', en: 'Opinion registered' },
  'case.accept': { zh: '受理', en: 'Accept' },
  'case.decline': { zh: '不予受理', en: 'Decline' },
  'case.answer_on_spot': { zh: '当场答复', en: 'Answer on the spot' },
  'case.assign': { zh: '交办', en: 'Assign to a unit' },
  'case.sign': { zh: '签收', en: 'Sign for it' },
  'case.return': { zh: '退回', en: 'Return as wrongly assigned' },
  'case.request_extension': { zh: '申请延期', en: 'Ask for an extension' },
  'case.grant_extension': { zh: '批准延期', en: 'Grant the extension' },
  'case.refuse_extension': { zh: '不批准延期', en: 'Refuse the extension' },
  'case.reply': { zh: '办复', en: 'Reply' },
  'case.approve_reply': { zh: '审核通过', en: 'Approve the reply' },
  'case.send_back_reply': { zh: '退回重办', en: 'Send the reply back' },
  'case.answer': { zh: '反馈群众', en: 'Answer the constituent' },
  'case.rate': { zh: '评价', en: 'Rate the answer' },
  'case.auto_close': { zh: '逾期未评价自动办结', en: 'Close unrated after 15 days' },
  'case.escalate': { zh: '上报', en: 'Escalate one level up' },
  'case.merge': { zh: '并单', en: 'Merge into another case' },
  'case.urge': { zh: '催办', en: 'Urge the unit' },
  'case.flag_key': { zh: '重点督办', en: 'Flag for key supervision' },
  'case.unflag_key': { zh: '取消重点督办', en: 'Remove key supervision' },
  'case.remind': { zh: '到期提醒', en: 'Deadline reminder' },
  'case.archive': { zh: '归档', en: 'Archive' },
  'case.print_form': { zh: '打印办理单', en: 'Handling form printed' },
  'case.lookup_unlock': { zh: '解锁群众查询', en: 'Unlock the constituent\'s look-up' },
  'case.hand_over': { zh: '换届移交', en: 'Handed over at the election' },
  'case.contact_reveal': { zh: '查看联系方式', en: 'Contact details revealed' },
} as const satisfies Record<string, Label>;
