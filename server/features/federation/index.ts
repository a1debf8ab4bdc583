import { defineFeature } from '../../platform/feature.js';
import { abilities } from './access.js';
import { FEDERATION_DEMO } from './demo.js';
import { FEDERATION_ERRORS } from './errors.js';
import { federationInboundRoutes, federationRoutes } from './routes.js';

/**
 * Federation between provinces (联邦): one instance per province; a cross-province case is
 * handed from one instance to another through a signed, idempotent API. This feature is the
 * receiving end: the peers an administrator registers, this instance's identity, and the
 * inbound API (docs/ARCHITECTURE.md, "Federation between provinces").
 */
export const feature = defineFeature({
  name: 'federation',
  routes: [federationRoutes, federationInboundRoutes],
  errors: FEDERATION_ERRORS,
  auditActions: {
    'federation.peer_create': { zh: '登记联邦对端', en: 'Federation peer registered' },
    'federation.peer_update': { zh: '修改联邦对端', en: 'Federation peer changed' },
    'federation.peer_remove': { zh: '删除联邦对端', en: 'Federation peer removed' },
    'federation.case_receive': { zh: '接收外省实例移交的意见', en: 'Case received from another province’s instance' },
  },
  auditEntityTypes: {
    federation_peer: { zh: '联邦对端', en: 'Federation peer' },
  },
  jobs: [],
  housekeeping: [],
  demo: [FEDERATION_DEMO],
  registers: [],
  exports: [],
  abilities,
  pointSources: [],
  todos: [],
});
