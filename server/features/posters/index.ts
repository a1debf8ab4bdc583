import { defineFeature } from '../../platform/feature.js';
import { posterRoutes } from './routes.js';

// What other features use to print a poster of their own (a consultation's public form, say).
export { layoutPoster, type PosterDescription } from './layout.js';
export { posterPdf } from './pdf.js';
export { posterPng } from './png.js';
export { layoutSvg } from './poster.js';

export const feature = defineFeature({
  name: 'posters',
  routes: [posterRoutes],
  errors: {},
  auditActions: {},
  auditEntityTypes: {},
  jobs: [],
  demo: [],
  housekeeping: [],
  registers: [],
  exports: [],
  pointSources: [],
  todos: [],
  abilities: {},
});
