import { lazyPage, type WebFeature } from '../../kit/feature.js';

const MediationsPage = lazyPage(() => import('./MediationsPage.js'), (m) => m.MediationsPage);
const MediationPage = lazyPage(() => import('./MediationPage.js'), (m) => m.MediationPage);
const StatisticsPage = lazyPage(() => import('./StatisticsPage.js'), (m) => m.StatisticsPage);

/**
 * Mediation rooms (代表法庭联络室, 代表法官/检察官工作室, "人大代表+调解员"): the disputes a station
 * received, their parties (masked unless you handle them, revealed on purpose and on the record),
 * sessions with the deputies, the judge or prosecutor and the village secretary, the outcome with
 * the signed agreement, and a room's year in figures.
 */
export const mediation: WebFeature = {
  name: 'mediation',
  routes: [
    { path: '/mediation', page: MediationsPage },
    { path: '/mediation/statistics', page: StatisticsPage, title: { zh: '调解室年度统计', en: 'Mediation room statistics' } },
    { path: '/mediation/:id', page: MediationPage, title: { zh: '调解记录', en: 'Mediation record' } },
  ],
  menu: [
    { path: '/mediation', zh: '调解室', en: 'Mediation', ability: 'mediation.read', order: 72 },
  ],
};
