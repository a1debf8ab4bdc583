import { lazyPage, type WebFeature } from '../../kit/feature.js';

export const activities: WebFeature = {
  name: 'activities',
  routes: [
    { path: '/activities', page: lazyPage(() => import('./ActivitiesPage.js'), (m) => m.ActivitiesPage) },
    { path: '/activities/:id', page: lazyPage(() => import('./ActivityDetailPage.js'), (m) => m.ActivityDetailPage), title: { zh: '活动详情', en: 'Activity' } },
    { path: '/campaigns', page: lazyPage(() => import('./CampaignsPage.js'), (m) => m.CampaignsPage) },
  ],
  menu: [
    { path: '/activities', zh: '履职活动', en: 'Activities', ability: 'activity.read', hideFor: ['unit'], order: 30 },
    { path: '/campaigns', zh: '主题活动', en: 'Campaigns', ability: 'campaign.read', order: 40 },
  ],
};
