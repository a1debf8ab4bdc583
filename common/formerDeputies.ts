/**
 * Vocabulary of former deputies at the 代表之家 (香洲: "一届当代表, 终身为人民"): the six fields of
 * their work (六大方面) and their four roles (四种作用), shared by the server and the back office.
 */
import { labelled } from './enums.js';

/** 六大方面. */
export const FORMER_FIELDS = labelled({
  attend_meetings: { zh: '旁听会议', en: 'Attending meetings as observers' },
  hear_opinions: { zh: '听取意见', en: 'Hearing opinions' },
  share_experience: { zh: '分享经验', en: 'Sharing experience' },
  join_activities: { zh: '参加活动', en: 'Joining activities' },
  contact_people: { zh: '联系群众', en: 'Keeping in touch with the people' },
  serve_people: { zh: '服务群众', en: 'Serving the people' },
});
export type FormerField = (typeof FORMER_FIELDS.keys)[number];

/** 四种作用. */
export const FORMER_ROLES = labelled({
  publicist: { zh: '宣传员', en: 'Publicist' },
  informant: { zh: '信息员', en: 'Informant' },
  liaison: { zh: '联络员', en: 'Liaison' },
  supervisor: { zh: '监督员', en: 'Supervisor' },
});
export type FormerRole = (typeof FORMER_ROLES.keys)[number];

/** What became of an opinion a former deputy collected. */
export const FORMER_OPINION_STATES = labelled({
  registered: { zh: '已登记', en: 'Registered' },
  answered: { zh: '当场答复', en: 'Answered on the spot' },
  carried: { zh: '已转交现届代表', en: 'Carried by a current deputy' },
});
export type FormerOpinionState = (typeof FORMER_OPINION_STATES.keys)[number];
