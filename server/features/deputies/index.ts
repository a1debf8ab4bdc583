import { defineFeature } from '../../platform/feature.js';

// What the composition root (demo, first start) uses.
export { createDeputy, updateDeputy, type DeputyInput } from './commands.js';
import { EXPORT } from './exportList.js';

// What other features use of this one.
export { commitDeputyImport, StaleImportError } from './importCommands.js';
export { DeputyRowChecker, type DeputyRowData, personKeyKind, personKeys } from './importRows.js';
export { type DeputyView } from './presenter.js';
export { getDeputy } from './queries.js';
export { deputyRecord, recordFigures } from './record.js';
import { DEPUTY_REGISTERS } from './registers.js';

import { deputyRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'deputies',
  routes: [deputyRoutes],
  errors: {},
  auditActions: {
    'deputy.create': { zh: '新增代表', en: 'Deputy added' },
    'deputy.update': { zh: '修改代表', en: 'Deputy changed' },
    'deputy.deactivate': { zh: '停用代表', en: 'Deputy deactivated' },
    'deputy.import': { zh: '导入花名册', en: 'Roster imported' },
  },
  auditEntityTypes: {
    deputy: { zh: '代表', en: 'Deputy' },
  },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: DEPUTY_REGISTERS,
  exports: [EXPORT],
  pointSources: [],
  todos: [],
  abilities,
});
