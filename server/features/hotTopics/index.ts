import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo) uses: the rising demo opinions and 平桂区's computed topics, after the cases' demo.
export { loadDemoHotTopics } from './demo.js';
// What the consultations feature uses when opinions of a hot topic are linked to a consultation.
export { presentOpinion, topicInReach } from './queries.js';
export { recordAction } from './record.js';
import { abilities } from './access.js';
import { HOT_TOPIC_ERRORS } from './errors.js';
import { hotTopicRoutes } from './routes.js';
import { nightlyHotTopics } from './compute.js';

/** Hot topics: similar opinions grouped across stations, rising topics per region, turned into deliberation topics, suggestions or consultation input. */
export const feature = defineFeature({
  name: 'hotTopics',
  routes: [hotTopicRoutes],
  errors: { ...HOT_TOPIC_ERRORS },
  auditActions: {
    'hot_topic.refresh': { zh: '热点议题:重新计算', en: 'Hot topics: compute now' },
    'hot_topic.deliberation': { zh: '热点议题:转为议事议题', en: 'Hot topics: make a deliberation topic' },
    'hot_topic.suggestion': { zh: '热点议题:起草代表建议', en: 'Hot topics: start a draft suggestion' },
    'hot_topic.consultation': { zh: '热点议题:作为议题征询意见', en: 'Hot topics: input to a consultation' },
  },
  auditEntityTypes: {
    hot_topic: { zh: '热点议题', en: 'Hot topic' },
    hot_topic_run: { zh: '热点议题计算', en: 'Hot-topic run' },
  },
  jobs: [],
  demo: [],
  housekeeping: [nightlyHotTopics],
  registers: [],
  exports: [],
  abilities,
  pointSources: [],
  todos: [],
});
