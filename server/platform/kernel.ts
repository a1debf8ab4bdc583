/**
 * What the kernel itself brings besides the features: the health and vocabulary routes, the
 * kernel's error codes and its job kinds. The composition root installs it with the features.
 */
import { ERRORS } from './errors.js';
import type { KernelParts } from './feature.js';
import { healthRoutes } from './http/health.js';
import { metaRoutes } from './http/meta.js';

export const KERNEL: KernelParts = {
  routes: [healthRoutes, metaRoutes],
  errors: ERRORS,
  auditActions: {},
  auditEntityTypes: {},
  jobs: [],
};
