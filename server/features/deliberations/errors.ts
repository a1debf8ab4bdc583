import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of deliberation days; each has its row in the README. */
export const DELIBERATION_ERRORS = {
  DELIBERATION_REGION_INVALID: { status: 400, zh: '议事只能在您管辖范围内的街道或乡镇开展', en: 'Deliberation days are held by a street or town in your reach' },
  DELIBERATION_TRANSITION_INVALID: { status: 409, zh: '议事日当前状态下不能进行此操作', en: 'The deliberation day does not allow this in its current state' },
  DELIBERATION_TOPIC_COUNT: { status: 400, zh: '每次议事应选择 {min} 至 {max} 个议题', en: 'Choose between {min} and {max} topics for a day' },
  DELIBERATION_TOPIC_UNAVAILABLE: { status: 409, zh: '议题不可选:须为本街道(乡镇)待议的议题', en: 'That topic cannot be chosen: it must be a proposed topic of this street or town' },
  DELIBERATION_TOPIC_UNSCORED: { status: 409, zh: '议题尚未评分,不能选定', en: 'The topic has not been scored yet' },
  DELIBERATION_TOPIC_NOT_OPEN: { status: 409, zh: '议题已选定或已撤回,不能修改', en: 'The topic has been chosen or withdrawn already' },
  DELIBERATION_NO_TOPICS: { status: 409, zh: '尚未选定议题', en: 'No topics have been chosen for the day' },
  DELIBERATION_MEETING_NOT_HELD: { status: 409, zh: '会议尚未举行:会议开始时间不能晚于当前时间', en: 'The meeting has not taken place yet: its start cannot be later than now' },
  DELIBERATION_NO_ITEMS: { status: 409, zh: '行动方案尚无事项,不能公布', en: 'The action plan has no items yet: nothing to publish' },
  DELIBERATION_NOT_PUBLISHED: { status: 409, zh: '议事结果尚未公布', en: 'The results of this day are not published' },
  DELIBERATION_ITEM_ACTION_INVALID: { status: 409, zh: '该事项当前状态下您不能进行此操作', en: 'You cannot take this action on the item in its current state' },
  DELIBERATION_COMMENT_REQUIRED: { status: 400, zh: '请填写意见或答复内容', en: 'A comment (reason or answer) is required' },
  DELIBERATION_FEEDBACK_DECIDED: { status: 409, zh: '该反馈已处理', en: 'This feedback has been decided already' },
  DELIBERATION_HOT_TOPIC_REQUIRED: { status: 400, zh: '来自热点议题的议题须注明热点议题', en: 'A topic from a hot topic names that hot topic' },
  DELIBERATION_WEIGHTS_INVALID: { status: 400, zh: '评分权重之和须大于零', en: 'The score weights must not all be zero' },
} as const satisfies Record<string, ErrorSpec>;

type DeliberationErrors = typeof DELIBERATION_ERRORS;
declare module '../../platform/errors.js' {
  interface ErrorCatalog extends DeliberationErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
