/**
 * The types notifications are filtered and configured by (inbox filters, preferences, the daily
 * digest), and which notification kinds each one holds. A kind not listed is `other`.
 */
import { labelled } from './enums.js';

export const NOTIFICATION_TYPES = labelled({
  task: { zh: '待办事项', en: 'To do' },
  reminder: { zh: '到期提醒', en: 'Deadline reminders' },
  result: { zh: '办理结果', en: 'Outcomes' },
  other: { zh: '其他', en: 'Other' },
});
export type NotificationTypeKey = (typeof NOTIFICATION_TYPES.keys)[number];

/** The kinds of each type but `other`. */
export const KINDS_OF_TYPE: Readonly<Record<Exclude<NotificationTypeKey, 'other'>, readonly string[]>> = {
  task: [
    'case.submit', 'case.assign', 'case.return', 'case.request_extension', 'case.reply', 'case.send_back_reply',
    'case.approve_reply', 'case.escalate', 'case.urge', 'case.flag_key',
    'suggestion.invite', 'suggestion.submit',
    'suggestion.assign', 'suggestion.request_reassignment', 'suggestion.grant_reassignment', 'suggestion.send_view',
    'suggestion.answer', 'suggestion.urge', 'suggestion.flag_key',
    'consultation.publish',
    'budget.open', 'budget.comment', 'budget.evaluate',
    'livelihood.open_vote',
    'deliberation.notice', 'deliberation.assign', 'deliberation.answer', 'deliberation.urge', 'deliberation.send_back', 'deliberation.reopen', 'deliberation.feedback',
    'report_back.scheduled',
  ],
  reminder: ['case.remind', 'suggestion.remind', 'budget.remind', 'deliberation.remind', 'report_back.issue_overdue'],
  result: [
    'case.grant_extension', 'case.refuse_extension', 'case.rate', 'case.answer',
    'suggestion.cosign', 'suggestion.decline_cosign', 'suggestion.register', 'suggestion.decline', 'suggestion.make_reference',
    'suggestion.convert_to_case', 'suggestion.place_on_agenda', 'suggestion.convert_to_suggestion',
    'suggestion.refuse_reassignment', 'suggestion.rate', 'suggestion.report_progress', 'suggestion.upgrade_answer', 'suggestion.close',
    'consultation.deliberate', 'consultation.handle',
    'budget.answer',
    'livelihood.publish',
    'deliberation.approve', 'deliberation.publish',
    'report_back.evaluated',
  ],
};

/** Every kind some type but `other` lists. */
export const TYPED_KINDS: readonly string[] = Object.values(KINDS_OF_TYPE).flat();

export function typeOfKind(kind: string): NotificationTypeKey {
  for (const [type, kinds] of Object.entries(KINDS_OF_TYPE)) if (kinds.includes(kind)) return type as NotificationTypeKey;
  return 'other';
}

/** The kind of the daily digest itself (always shown: it is what a digest preference asks for). */
export const DIGEST_KIND = 'inbox.digest';

/** How a type reaches an account on a channel. */
export const DELIVERY_MODES = labelled({
  immediate: { zh: '即时', en: 'Immediately' },
  digest: { zh: '每日汇总', en: 'Daily digest' },
  off: { zh: '不接收', en: 'Off' },
});
export type DeliveryModeKey = (typeof DELIVERY_MODES.keys)[number];

/** Where notifications go: the inbox (`app`) and the outside channels. */
export const PREF_CHANNELS = labelled({
  app: { zh: '站内通知', en: 'In the app' },
  sms: { zh: '短信', en: 'SMS' },
  wechat: { zh: '微信', en: 'WeChat' },
  log: { zh: '消息日志', en: 'Message log' },
});
export type PrefChannelKey = (typeof PREF_CHANNELS.keys)[number];
