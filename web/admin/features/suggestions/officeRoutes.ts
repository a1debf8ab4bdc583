import { lazyPage, type FeatureRoute, type MenuEntry } from '../../kit/feature.js';

const SuggestionsPage = lazyPage(() => import('./SuggestionsPage.js'), (m) => m.SuggestionsPage);
const SuggestionDetailPage = lazyPage(() => import('./SuggestionDetailPage.js'), (m) => m.SuggestionDetailPage);
const SuggestionStatisticsPage = lazyPage(() => import('./SuggestionStatisticsPage.js'), (m) => m.SuggestionStatisticsPage);
const SuggestionSettingsPage = lazyPage(() => import('./SuggestionSettingsPage.js'), (m) => m.SuggestionSettingsPage);

/**
 * The list, the suggestion's page with its actions, the statistics with the yearly report, and a
 * congress's sessions and settings. The list and the page serve the congress's staff, the units
 * and the deputies alike: what each sees and may do is the server's answer for their part.
 */
export const OFFICE_ROUTES: FeatureRoute[] = [
  { path: '/suggestions', page: SuggestionsPage },
  { path: '/suggestions/statistics', page: SuggestionStatisticsPage, title: { zh: '建议办理统计', en: 'Suggestion statistics' } },
  { path: '/suggestions/:id', page: SuggestionDetailPage, title: { zh: '代表建议详情', en: 'Suggestion' } },
  { path: '/suggestion-settings', page: SuggestionSettingsPage },
];
export const OFFICE_MENU: MenuEntry[] = [
  // Deputies find theirs under 我的建议 (deputyRoutes.ts), with the invitations waiting for them.
  { path: '/suggestions', zh: '代表建议', en: 'Suggestions', ability: 'suggestion.read', order: 23, hideFor: ['deputy'] },
  { path: '/suggestions/statistics', zh: '建议统计', en: 'Suggestion statistics', ability: 'suggestion.statistics', order: 26 },
  { path: '/suggestion-settings', zh: '建议办理设置', en: 'Suggestion settings', ability: 'suggestion.manage', order: 136 },
];
