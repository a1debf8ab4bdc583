/**
 * The coded values of consultations as the screens name them. A topic's state label comes from
 * the server with it; these name the choices of the filter and the tags' colours.
 */
import type { CongressLevel, TopicState } from './types.js';

type Label = { zh: string; en: string };

/** The states in the order a topic passes them (the state filter's choices). */
export const STATE_LABELS: [TopicState, Label][] = [
  ['draft', { zh: '草稿', en: 'Draft' }],
  ['open', { zh: '征询中', en: 'Open' }],
  ['closed', { zh: '征询结束', en: 'Closed' }],
  ['deliberated', { zh: '已审议', en: 'Deliberated' }],
  ['handled', { zh: '已反馈处理情况', en: 'Handling reported' }],
];

export const STATE_COLORS: Record<TopicState, string> = {
  draft: 'default', open: 'green', closed: 'orange', deliberated: 'purple', handled: 'blue',
};

/** The congress level a committee's region stands for (a county's standing committee, a town's presidium). */
export const CONGRESS_LEVEL_OF_REGION: Record<string, CongressLevel> = {
  province: 'provincial', city: 'city', county: 'county', town: 'township',
};
