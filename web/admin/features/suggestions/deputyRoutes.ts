import { lazyPage, type FeatureRoute, type MenuEntry } from '../../kit/feature.js';

const MySuggestionsPage = lazyPage(() => import('./MySuggestionsPage.js'), (m) => m.MySuggestionsPage);
const DraftPage = lazyPage(() => import('./DraftPage.js'), (m) => m.DraftPage);

/**
 * The deputy's pages (on a phone too): 我的建议 with the invitations to co-sign, and drafting a
 * suggestion or motion, new (from cases or an activity: `?caseIds=1,2&activityIds=3`) or going on
 * with a draft. The suggestion's own page is the office's /suggestions/:id.
 */
export const DEPUTY_ROUTES: FeatureRoute[] = [
  { path: '/my-suggestions', page: MySuggestionsPage },
  { path: '/my-suggestions/new', page: DraftPage, title: { zh: '起草代表建议', en: 'Draft a suggestion' } },
  { path: '/my-suggestions/:id/edit', page: DraftPage, title: { zh: '修改建议草稿', en: 'Edit a draft' } },
];
export const DEPUTY_MENU: MenuEntry[] = [
  { path: '/my-suggestions', zh: '我的建议', en: 'My suggestions', ability: 'suggestion.draft', order: 22 },
];
