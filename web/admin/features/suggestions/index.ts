import type { WebFeature } from '../../kit/feature.js';
import { DEPUTY_ROUTES, DEPUTY_MENU } from './deputyRoutes.js';
import { OFFICE_ROUTES, OFFICE_MENU } from './officeRoutes.js';

/** Suggestions and motions: the deputy's drafting and signing pages, and the congress's and units' pages. */
export const suggestions: WebFeature = {
  name: 'suggestions',
  routes: [...DEPUTY_ROUTES, ...OFFICE_ROUTES],
  menu: [...DEPUTY_MENU, ...OFFICE_MENU],
};
