import type { WebFeature } from '../../kit/feature.js';

/** Roster and station-list imports open as a drawer on the deputies', stations' and election round pages; no page of their own. */
export const imports: WebFeature = { name: 'imports', routes: [], menu: [] };
