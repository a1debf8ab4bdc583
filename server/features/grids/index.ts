import { defineFeature } from '../../platform/feature.js';
import { abilities } from './access.js';
import { loadDemoGrids } from './demo.js';
import { GRID_ERRORS } from './errors.js';
import { gridRoutes } from './routes.js';

/** With the demo's cases (server/bootstrap.ts): the demo grid worker's whistle, handled by the station. */
export { loadDemoWhistle } from './demo.js';

/** Grids (网格): cells under villages with their deputies and grid workers, whistles (吹哨) and cross-border service teams. */
export const feature = defineFeature({
  name: 'grids',
  routes: [gridRoutes],
  errors: GRID_ERRORS,
  auditActions: {
    'grid.cell_create': { zh: '新建网格', en: 'Grid cell created' },
    'grid.cell_update': { zh: '修改网格', en: 'Grid cell changed' },
    'grid.whistle': { zh: '网格员吹哨', en: 'Whistle blown by a grid worker' },
    'grid.team_create': { zh: '组建跨界服务小组', en: 'Cross-border service team formed' },
    'grid.patrol': { zh: '登记联合巡查', en: 'Joint patrol logged' },
  },
  auditEntityTypes: {
    grid_cell: { zh: '网格', en: 'Grid cell' },
    grid_team: { zh: '跨界服务小组', en: 'Cross-border service team' },
  },
  jobs: [],
  demo: [{ order: 40, run: loadDemoGrids }],
  housekeeping: [],
  registers: [],
  exports: [],
  abilities,
  pointSources: [],
  todos: [],
});
