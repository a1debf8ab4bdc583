import type { IssueStatus, Label } from './types.js';

export const ISSUE_CATEGORIES: Record<string, Label> = {
  land_dispute: { zh: '土地纠纷', en: 'Land dispute' },
  road: { zh: '道路交通', en: 'Road' },
  river_pollution: { zh: '河流污染', en: 'River pollution' },
  sand_mining: { zh: '非法采砂', en: 'Illegal sand mining' },
  other: { zh: '其他', en: 'Other' },
};

export const ISSUE_STATUSES: Record<IssueStatus, Label & { color: string }> = {
  open: { zh: '待办', en: 'Open', color: 'default' },
  in_progress: { zh: '推进中', en: 'In progress', color: 'processing' },
  resolved: { zh: '已解决', en: 'Resolved', color: 'success' },
};

export const FILE_KINDS: Record<string, Label> = {
  agreement: { zh: '协议书', en: 'Agreement' },
  rules: { zh: '工作制度', en: 'Rules' },
  flow: { zh: '接待流程图', en: 'Reception flow chart' },
  manual: { zh: '工作手册', en: 'Manual' },
  other: { zh: '其他材料', en: 'Other' },
};

export const MEETING_STATES: Record<string, Label & { color: string }> = {
  scheduled: { zh: '已安排', en: 'Scheduled', color: 'blue' },
  held: { zh: '已召开', en: 'Held', color: 'green' },
  cancelled: { zh: '已取消', en: 'Cancelled', color: 'default' },
};
