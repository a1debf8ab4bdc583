import { CROSS_PROVINCE_ISSUE_CATEGORIES, CROSS_PROVINCE_ISSUE_STATUSES } from '../../../../common/crossProvince.js';
import type { IssueStatus, Label } from './types.js';

export const ISSUE_CATEGORIES: Record<string, Label> = CROSS_PROVINCE_ISSUE_CATEGORIES.labels;

const ISSUE_COLOURS: Record<IssueStatus, string> = { open: 'default', in_progress: 'processing', resolved: 'success' };
export const ISSUE_STATUSES = Object.fromEntries(CROSS_PROVINCE_ISSUE_STATUSES.keys.map((k) => [k, { ...CROSS_PROVINCE_ISSUE_STATUSES.labels[k], color: ISSUE_COLOURS[k] }])) as Record<IssueStatus, Label & { color: string }>;

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
