import { lazyPage, type WebFeature } from '../../kit/feature.js';

/** A deputy's performance archive (履职档案), opened from the deputy's page; no menu entry of its own. */
export const archive: WebFeature = {
  name: 'archive',
  routes: [{ path: '/deputies/:id/archive', page: lazyPage(() => import('./ArchivePage.js'), (m) => m.ArchivePage), title: { zh: '履职档案', en: 'Service record' } }],
  menu: [],
};
