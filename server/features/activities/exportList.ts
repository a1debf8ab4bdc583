/** The activities as Excel. */
import { described, EXPORT_PAGE, exportSource, type ExportList } from '../exports/index.js';
import { listActivities, type ActivityFilters } from './queries.js';
import { activityFilters, ActivityQuery } from './routes.js';

type ActivityItem = Awaited<ReturnType<typeof listActivities>>['items'][number];

const activityExport: ExportList<Omit<ActivityFilters, 'limit' | 'cursor'>, ActivityItem> = {
  fileName: '履职活动', asciiName: 'activities', sheet: '履职活动',
  fetch: (db, actor, filters, cursor) => listActivities(db, actor, { ...filters, limit: EXPORT_PAGE, cursor }),
  columns: [
    { header: '时间', width: 17, kind: 'datetime', value: (a) => new Date(a.startsAt) },
    { header: '类型', width: 12, value: (a) => a.kindLabel.zh },
    { header: '主题', width: 30, value: (a) => a.title },
    { header: '联络站', width: 30, value: (a) => a.station?.name ?? '' },
    { header: '地区', width: 30, value: (a) => a.regionName },
    { header: '地点', width: 20, value: (a) => a.place },
    { header: '主题活动', width: 24, value: (a) => a.campaign?.name ?? '' },
    { header: '参加代表', width: 10, kind: 'number', value: (a) => a.participants },
    { header: '出席', width: 8, kind: 'number', value: (a) => a.present },
    { header: '收集意见', width: 10, kind: 'number', value: (a) => a.opinions },
    { header: '提出建议', width: 10, kind: 'number', value: (a) => a.suggestionsMade },
    { header: '照片', width: 8, kind: 'number', value: (a) => a.photos },
  ],
};

export const EXPORT = exportSource({
  url: '/api/activities.xlsx', ability: 'activity.read', tag: 'activities', summary: '导出履职活动 Activities as Excel',
  description: described('activities'), query: ActivityQuery, list: activityExport, filters: activityFilters,
});
