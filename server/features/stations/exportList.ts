/** The stations as Excel, with the import template's headers. */
import { z } from 'zod';
import { STATION_GRADES, STATION_TIERS, STATION_TYPES } from '../../../common/enums.js';
import { described, EXPORT_PAGE, exportSource, inUse, templateHeaders, zh, type ExportList } from '../exports/index.js';
import { listStations, type StationFilters } from './queries.js';
import { StationFilters as StationFilterQuery } from './routes.js';

type StationItem = Awaited<ReturnType<typeof listStations>>['items'][number];
type StationRow = StationItem & { parentName: string; phone: string; openingHours: string; description: string };

const stationExport: ExportList<Omit<StationFilters, 'limit' | 'cursor'>, StationRow> = {
  fileName: '联络站名单', asciiName: 'stations', sheet: '联络站',
  async fetch(db, actor, filters, cursor) {
    const page = await listStations(db, actor, { ...filters, limit: EXPORT_PAGE, cursor });
    if (page.items.length === 0) return { items: [], nextCursor: page.nextCursor };
    const extra = await db.selectFrom('station as s').leftJoin('station as p', 'p.id', 's.parent_id')
      .select(['s.id', 's.phone', 's.opening_hours', 's.description', 'p.name as parent_name'])
      .where('s.id', 'in', page.items.map((i) => i.id)).execute();
    const byId = new Map(extra.map((e) => [e.id, e]));
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((i) => {
        const e = byId.get(i.id)!;
        return { ...i, parentName: e.parent_name ?? '', phone: e.phone ?? '', openingHours: e.opening_hours, description: e.description };
      }),
    };
  },
  columns: [
    { header: '站点名称', width: 36, value: (s) => s.name },
    { header: '类型', width: 16, value: (s) => zh(STATION_TYPES.labels, s.type) },
    { header: '层级', width: 18, value: (s) => zh(STATION_TIERS.labels, s.tier) },
    { header: '上级站点', width: 30, value: (s) => s.parentName },
    { header: '所在区划', width: 30, value: (s) => s.homeRegion.fullName },
    { header: '行政区划代码', width: 12, value: (s) => s.homeRegion.code },
    { header: '地址', width: 30, value: (s) => s.address },
    { header: '电话', width: 14, value: (s) => s.phone },
    { header: '开放时间', width: 20, value: (s) => s.openingHours },
    { header: '等级', width: 8, value: (s) => zh(STATION_GRADES.labels, s.grade) },
    { header: '星级', width: 6, kind: 'number', value: (s) => s.stars },
    { header: '代表人数', width: 8, kind: 'number', value: (s) => s.deputyCount },
    { header: '八有一册六簿', width: 12, value: (s) => `${s.checklistDone}/${s.checklistTotal}` },
    { header: '简介', width: 40, value: (s) => s.description },
    { header: '是否在用', width: 8, value: (s) => inUse(s.active) },
  ],
};

export const EXPORT = exportSource({
  url: '/api/stations.xlsx', ability: 'station.read', tag: 'stations', summary: '导出联络站名单 Stations as Excel',
  description: described('stations') + templateHeaders, query: z.object(StationFilterQuery), list: stationExport,
});
