/**
 * The states and rule tables of deliberation days (逢四议事).
 *
 * A day: scheduled → noticed (the notice job, or the office by hand) → held (the meeting
 * recorded) → published; cancelled from scheduled or noticed.
 * A topic: proposed → chosen (for a day) → deliberated (the day held); withdrawn while proposed.
 * An action-plan item, handled like a case by the responsible unit and reviewed by the street's
 * congress office (答复意见审核): assigned → signed (签收, the working-day clock starts) →
 * answered (办复) → approved (审核通过), or sent back to signed (退回重办); an approved item goes
 * back to signed when the office reopens it on a constituent's unsatisfied feedback.
 */
import type { Label } from '../../../common/enums.js';
import type { DeliberationDayState, DeliberationItemState, DeliberationTopicSource, DeliberationTopicState, DeliberationRating } from '../../platform/db/schemaDeliberations.js';
import { defineWorkflow, type RuleTable } from '../../platform/workflow/rules.js';

export const DAY_STATES = ['scheduled', 'noticed', 'held', 'published', 'cancelled'] as const satisfies readonly DeliberationDayState[];
export const DAY_STATE_LABELS: Record<DeliberationDayState, Label> = {
  scheduled: { zh: '待议事', en: 'Scheduled' },
  noticed: { zh: '已通知', en: 'Notice sent' },
  held: { zh: '已议事', en: 'Held' },
  published: { zh: '已公布', en: 'Published' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const TOPIC_STATES = ['proposed', 'chosen', 'deliberated', 'withdrawn'] as const satisfies readonly DeliberationTopicState[];
export const TOPIC_STATE_LABELS: Record<DeliberationTopicState, Label> = {
  proposed: { zh: '待选', en: 'Proposed' },
  chosen: { zh: '已选定', en: 'Chosen' },
  deliberated: { zh: '已议', en: 'Deliberated' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const TOPIC_SOURCES = ['deputy', 'staff', 'case', 'hot_topic'] as const satisfies readonly DeliberationTopicSource[];
export const TOPIC_SOURCE_LABELS: Record<DeliberationTopicSource, Label> = {
  deputy: { zh: '代表提出', en: 'Proposed by a deputy' },
  staff: { zh: '工委提出', en: 'Proposed by the office' },
  case: { zh: '群众意见', en: 'From opinions' },
  hot_topic: { zh: '热点议题', en: 'From a hot topic' },
};

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const satisfies readonly DeliberationRating[];
export const RATING_LABELS: Record<DeliberationRating, Label> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

export const ITEM_STATES = ['assigned', 'signed', 'answered', 'approved'] as const satisfies readonly DeliberationItemState[];
export const ITEM_STATE_LABELS: Record<DeliberationItemState, Label> = {
  assigned: { zh: '待签收', en: 'Assigned' },
  signed: { zh: '办理中', en: 'Being handled' },
  answered: { zh: '待审核', en: 'Answered, under review' },
  approved: { zh: '已办结', en: 'Approved' },
};

/** The part an account plays on an item: the responsible unit's clerk, the street's office (staff, admin), or the system (timers). */
export type ItemActor = 'unit' | 'staff' | 'system';

export const ITEM_ACTIONS = ['assign', 'sign', 'answer', 'urge', 'approve', 'send_back', 'reopen', 'remind'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];
/** The actions taken through `POST /items/:id/actions` (assign is the item's creation). */
export const TAKEN_ACTIONS = ['sign', 'answer', 'urge', 'approve', 'send_back', 'reopen'] as const satisfies readonly ItemAction[];

export const ITEM_RULES: RuleTable<DeliberationItemState, ItemAction, ItemActor> = {
  assign: { from: [], to: 'assigned', by: ['staff'], label: { zh: '交办', en: 'Assigned' } },
  sign: { from: ['assigned'], to: 'signed', by: ['unit'], label: { zh: '签收', en: 'Sign for it' } },
  answer: { from: ['signed'], to: 'answered', by: ['unit'], needsComment: true, label: { zh: '办复', en: 'Answer' } },
  urge: { from: ['assigned', 'signed'], to: null, by: ['staff'], needsComment: true, label: { zh: '督办', en: 'Urge' } },
  approve: { from: ['answered'], to: 'approved', by: ['staff'], label: { zh: '审核通过', en: 'Approve the answer' } },
  send_back: { from: ['answered'], to: 'signed', by: ['staff'], needsComment: true, label: { zh: '退回重办', en: 'Send back for re-handling' } },
  reopen: { from: ['approved'], to: 'signed', by: ['staff'], needsComment: true, label: { zh: '群众不满意,重新办理', en: 'Reopened on unsatisfied feedback' } },
  remind: { from: ['assigned', 'signed'], to: null, by: ['system'], label: { zh: '到期提醒', en: 'Deadline reminder' } },
};

export const ITEM_WORKFLOW = defineWorkflow(ITEM_ACTIONS, ITEM_RULES);
