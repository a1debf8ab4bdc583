import { lazyPage, type WebFeature } from '../../kit/feature.js';

const RosterPage = lazyPage(() => import('./RosterPage.js'), (m) => m.RosterPage);
const FormerDeputyPage = lazyPage(() => import('./FormerDeputyPage.js'), (m) => m.FormerDeputyPage);

/**
 * Former deputies at the 代表之家 (香洲: "一届当代表, 终身为人民"): the roster with each one's
 * 特邀联络员 card, their six fields and four roles, the opinions they collect (answered on the spot
 * or carried by a current deputy as a case) and their deeds.
 */
export const formerDeputies: WebFeature = {
  name: 'formerDeputies',
  routes: [
    { path: '/former-deputies', page: RosterPage },
    { path: '/former-deputies/:id', page: FormerDeputyPage, title: { zh: '往届代表', en: 'Former deputy' } },
  ],
  menu: [
    { path: '/former-deputies', zh: '代表之家', en: 'Former deputies', ability: 'formerDeputy.read', order: 81 },
  ],
};
