/**
 * The deliberation-day records (逢四议事) as the server presents them under /api/deliberations:
 * a street's or town's rule, its days, the topic pool with scores, the action plan's items and
 * the public feedback on a published result.
 */
import type { Answer, Schemas } from '../../../shared/api.js';

type Named = { id: number; name: string };

export type Rule = Schemas['DeliberationRule'];
export type Weights = Rule['weights'];
export type Scores = Weights;
export type RegionEntry = Answer<'/api/deliberations/regions'>['items'][number];

export type DayItem = Schemas['DeliberationDayItem'];
export type DayState = DayItem['state'];
/** A day as its page reads it; `deputies` (the region's deputies, for the attendance) when the server sends them. */
export type Day = Schemas['DeliberationDay'] & { deputies?: Named[] };
export type DayAction = Day['actions'][number];
export type Attendance = 'present' | 'absent' | 'leave';

export type TopicItem = Schemas['DeliberationTopicItem'];
export type TopicState = TopicItem['state'];
export type Topic = Schemas['DeliberationTopic'];

export type ItemSummary = Schemas['DeliberationItemSummary'];
export type ItemState = ItemSummary['state'];
export type Item = Schemas['DeliberationItem'];
/** The steps a person takes on an item (the timers' reminders are the server's own). */
export type ItemAction = 'sign' | 'answer' | 'urge' | 'approve' | 'send_back' | 'reopen';

export type Feedback = Schemas['DeliberationFeedback'];
