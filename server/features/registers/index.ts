import { defineFeature } from '../../platform/feature.js';

// What other features use of this one.
export { recordArchiveDownload, recordExportDownload } from './downloads.js';
// The former deputies' demo records a deed in 先进事迹登记簿, as /api/deeds does.
export { recordDeed } from './entryCommands.js';
import { ENTRY_REGISTERS } from './entryRegisters.js';

export {
  activityCondition, capped, inPeriod, MAX_REGISTER_ROWS, type RegisterBody, type RegisterContext,
} from './context.js';
export type { RegisterSource } from './kinds.js';
export { caseAt, stationAt } from './place.js';
import { REGISTERS_ERRORS } from './errors.js';
import { registerRoutes } from './routes.js';
import { abilities } from './access.js';

export const feature = defineFeature({
  name: 'registers',
  routes: [registerRoutes],
  errors: REGISTERS_ERRORS,
  auditActions: {
    'deed.create': { zh: '登记先进事迹', en: 'Deed recorded' },
    'deed.update': { zh: '修改先进事迹', en: 'Deed corrected' },
    'deed.delete': { zh: '删除先进事迹', en: 'Deed deleted' },
    'chronicle.create': { zh: '登记大事记', en: 'Chronicle entry recorded' },
    'chronicle.update': { zh: '修改大事记', en: 'Chronicle entry corrected' },
    'chronicle.delete': { zh: '删除大事记', en: 'Chronicle entry deleted' },
    'register.download': { zh: '下载登记簿', en: 'Register downloaded' },
  },
  auditEntityTypes: {
    deputy_deed: { zh: '先进事迹', en: 'Deed' },
    chronicle_entry: { zh: '大事记', en: 'Chronicle entry' },
  },
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: ENTRY_REGISTERS,
  exports: [],
  pointSources: [],
  todos: [],
  abilities,
});
