import { createElement } from 'react';
import { lazyPage, type WebFeature } from '../kit/feature.js';
import { TodoPage } from '../features/todo/TodoPage.js';
import { useSession } from './session.js';

const DashboardPage = lazyPage(() => import('./DashboardPage.js'), (m) => m.DashboardPage);
const MyGridPage = lazyPage(() => import('../features/grids/MyGridPage.js'), (m) => m.MyGridPage);

/**
 * The back office's first page: for unit clerks and deputies, who mostly act on what is sent to
 * them (often from a phone), their to-do list; for grid workers their grid (the whistle); for everyone else the month's dashboard, with
 * their to-do panel at its top.
 */
function HomePage() {
  const { me } = useSession();
  if (me?.role === 'grid') return createElement(MyGridPage);
  return createElement(me?.role === 'unit' || me?.role === 'deputy' ? TodoPage : DashboardPage);
}

export const home: WebFeature = {
  name: 'home',
  routes: [{ path: '/', page: HomePage }, { path: '/dashboard', page: DashboardPage }],
  // Clerks and deputies open on their to-do list; the month's figures (/dashboard) stay a link away on it.
  menu: [{ path: '/', zh: '工作台', en: 'Dashboard', ability: 'case.read', order: 10 }],
};
