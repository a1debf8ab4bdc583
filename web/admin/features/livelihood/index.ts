import { lazyPage, type WebFeature } from '../../kit/feature.js';

const RoundsPage = lazyPage(() => import('./RoundsPage.js'), (m) => m.RoundsPage);
const RoundPage = lazyPage(() => import('./RoundPage.js'), (m) => m.RoundPage);
const ProjectPage = lazyPage(() => import('./ProjectPage.js'), (m) => m.ProjectPage);
const VotePage = lazyPage(() => import('./VotePage.js'), (m) => m.VotePage);

/**
 * Livelihood projects voted by deputies (民生实事项目票决): collection, shortlist, the secret ballot,
 * its result, and the adopted projects carried out and evaluated. Deputies cast their ballot on
 * their phones under 票决投票; every part reads the rounds and projects under 民生实事.
 */
export const livelihood: WebFeature = {
  name: 'livelihood',
  routes: [
    { path: '/livelihood', page: RoundsPage },
    { path: '/livelihood/projects/:id', page: ProjectPage, title: { zh: '民生实事项目', en: 'Livelihood project' } },
    { path: '/livelihood/:id', page: RoundPage, title: { zh: '民生实事项目票决', en: 'Livelihood-project round' } },
    { path: '/my-vote', page: VotePage },
  ],
  menu: [
    { path: '/my-vote', zh: '票决投票', en: 'Vote', ability: 'livelihood.vote', order: 21 },
    { path: '/livelihood', zh: '民生实事', en: 'Livelihood projects', ability: 'livelihood.read', order: 24 },
  ],
};
