import { lazyPage, type WebFeature } from '../../kit/feature.js';

const DeliberationsPage = lazyPage(() => import('./DeliberationsPage.js'), (m) => m.DeliberationsPage);
const DayPage = lazyPage(() => import('./DayPage.js'), (m) => m.DayPage);
const TopicPage = lazyPage(() => import('./TopicPage.js'), (m) => m.TopicPage);
const ItemPage = lazyPage(() => import('./ItemPage.js'), (m) => m.ItemPage);

/**
 * Deliberation days (逢四议事): a street's or town's monthly day by its rule, the topic pool
 * scored by importance, urgency and social impact, the notice, the meeting record, the action
 * plan handled by the units and reviewed by the street's office, and its publication. Deputies
 * read and propose on their phones; a unit's clerk finds the unit's action items here.
 */
export const deliberations: WebFeature = {
  name: 'deliberations',
  routes: [
    { path: '/deliberations', page: DeliberationsPage },
    { path: '/deliberations/days/:id', page: DayPage, title: { zh: '议事日', en: 'Deliberation day' } },
    { path: '/deliberations/topics/:id', page: TopicPage, title: { zh: '议事议题', en: 'Deliberation topic' } },
    { path: '/deliberations/items/:id', page: ItemPage, title: { zh: '行动事项', en: 'Action item' } },
  ],
  menu: [
    { path: '/deliberations', zh: '逢四议事', en: 'Deliberation days', ability: 'deliberation.read', order: 29.5 },
  ],
};
