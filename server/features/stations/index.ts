import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo, first start) uses.
export { createStation, type StationInput } from './commands.js';
import { EXPORT } from './exportList.js';

// What other features use of this one.
export { updateStation } from './commands.js';
export { commitStationImport } from './importCommands.js';
export { StationRowChecker } from './importRows.js';
export { locationOf, ReceptionScheduleSchema, StationLocationSchema, type StationView } from './presenter.js';
export { getStation } from './queries.js';

import { STATIONS_ERRORS } from './errors.js';
import { stationRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'stations',
  routes: [stationRoutes],
  errors: STATIONS_ERRORS,
  auditActions: {
    'station.create': { zh: '新增联络站', en: 'Station added' },
    'station.update': { zh: '修改联络站', en: 'Station changed' },
    'station.deactivate': { zh: '停用联络站', en: 'Station deactivated' },
    'station.reactivate': { zh: '启用联络站', en: 'Station reactivated' },
    'station.import': { zh: '导入站点名单', en: 'Station list imported' },
  },
  auditEntityTypes: {
    station: { zh: '联络站', en: 'Station' },
  },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [EXPORT],
  pointSources: [],
  todos: [],
  abilities,
});
