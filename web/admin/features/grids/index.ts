import { lazyPage, type WebFeature } from '../../kit/feature.js';

const GridsPage = lazyPage(() => import('./GridsPage.js'), (m) => m.GridsPage);
const CoveragePage = lazyPage(() => import('./CoveragePage.js'), (m) => m.CoveragePage);
const TeamsPage = lazyPage(() => import('./TeamsPage.js'), (m) => m.TeamsPage);
const MyGridPage = lazyPage(() => import('./MyGridPage.js'), (m) => m.MyGridPage);
const WhistlePage = lazyPage(() => import('./WhistlePage.js'), (m) => m.WhistlePage);

/**
 * Grids (网格): cells of villages with their deputies and grid workers, the coverage of a region
 * and the cross-border service teams in the back office; for the grid worker, on a phone, their
 * cells, the whistle (吹哨) and what became of each whistle.
 */
export const grids: WebFeature = {
  name: 'grids',
  routes: [
    { path: '/grids', page: GridsPage },
    { path: '/grids/coverage', page: CoveragePage },
    { path: '/grids/teams', page: TeamsPage },
    { path: '/my-grid', page: MyGridPage },
    { path: '/my-grid/whistles/:id', page: WhistlePage, title: { zh: '吹哨详情', en: 'Whistle' } },
  ],
  menu: [
    { path: '/my-grid', zh: '我的网格', en: 'My grid', ability: 'grid.whistle', order: 11.5 },
    { path: '/grids', zh: '网格', en: 'Grid cells', ability: 'grid.read', hideFor: ['grid'], order: 62 },
    { path: '/grids/coverage', zh: '网格覆盖', en: 'Grid coverage', ability: 'grid.coverage', order: 62.1 },
    { path: '/grids/teams', zh: '跨界服务小组', en: 'Cross-border teams', ability: 'grid.team_read', order: 62.2 },
  ],
};
