import { lazyPage, type WebFeature } from '../../kit/feature.js';

const HotTopicsPage = lazyPage(() => import('./HotTopicsPage.js'), (m) => m.HotTopicsPage);
const HotTopicPage = lazyPage(() => import('./HotTopicPage.js'), (m) => m.HotTopicPage);

/**
 * Hot topics: similar opinions grouped across stations, rising topics per county, each turned into
 * a deliberation-day topic, a deputy's draft suggestion or input to a consultation. Staff,
 * station officers and deputies (on their phones) read them; staff recompute them.
 */
export const hotTopics: WebFeature = {
  name: 'hotTopics',
  routes: [
    { path: '/hot-topics', page: HotTopicsPage },
    { path: '/hot-topics/:id', page: HotTopicPage, title: { zh: '热点议题', en: 'Hot topic' } },
  ],
  menu: [
    { path: '/hot-topics', zh: '热点议题', en: 'Hot topics', ability: 'hotTopic.read', order: 26.5 },
  ],
};
