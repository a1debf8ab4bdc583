/**
 * What the kernel itself brings besides the features: the health and vocabulary routes, the
 * kernel's error codes and its job kinds (delivering outbox messages, daily housekeeping). The composition root installs it with the features.
 */
import { ERRORS } from './errors.js';
import type { KernelParts } from './feature.js';
import { healthRoutes } from './http/health.js';
import { metaRoutes } from './http/meta.js';
import { maintenanceJob } from './jobs/maintenance.js';
import { outboxDeliverJob } from './notify/deliver.js';

export const KERNEL: KernelParts = {
  routes: [healthRoutes, metaRoutes],
  errors: ERRORS,
  auditActions: {},
  auditEntityTypes: {},
  jobs: [outboxDeliverJob, maintenanceJob],
};
