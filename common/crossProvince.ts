/**
 * Vocabulary of cross-province joint stations (跨省联建站): the kinds and states of the items on
 * their joint governance list (协同治理清单), shared by the server, the back office and the public pages.
 */
import { labelled } from './enums.js';

export const CROSS_PROVINCE_ISSUE_CATEGORIES = labelled({
  land_dispute: { zh: '土地纠纷', en: 'Land dispute' },
  road: { zh: '道路交通', en: 'Road' },
  river_pollution: { zh: '河流污染', en: 'River pollution' },
  sand_mining: { zh: '非法采砂', en: 'Illegal sand mining' },
  other: { zh: '其他', en: 'Other' },
});

export const CROSS_PROVINCE_ISSUE_STATUSES = labelled({
  open: { zh: '待办', en: 'Open' },
  in_progress: { zh: '推进中', en: 'In progress' },
  resolved: { zh: '已解决', en: 'Resolved' },
});
