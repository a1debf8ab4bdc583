import { lazyPage, type WebFeature } from '../../kit/feature.js';

const PointsPage = lazyPage(() => import('./PointsPage.js'), (m) => m.PointsPage);
const PointPage = lazyPage(() => import('./PointPage.js'), (m) => m.PointPage);
const CampaignPage = lazyPage(() => import('./CampaignPage.js'), (m) => m.CampaignPage);

/**
 * Industry contact points (产业(行业)联系点): member enterprises (imported from Excel, contacts
 * masked for those who do not run the point), the "1+2+5+N" organisation flagged while
 * incomplete, and outreach campaigns (百日联系计划) with their progress and burn-down. Deputies
 * of a point read it and log their visits on their phones.
 */
export const industry: WebFeature = {
  name: 'industry',
  routes: [
    { path: '/industry', page: PointsPage },
    { path: '/industry/points/:id', page: PointPage, title: { zh: '产业联系点', en: 'Industry contact point' } },
    { path: '/industry/campaigns/:id', page: CampaignPage, title: { zh: '联系计划', en: 'Outreach campaign' } },
  ],
  menu: [
    { path: '/industry', zh: '产业联系点', en: 'Industry points', ability: 'industry.read', order: 71 },
  ],
};
