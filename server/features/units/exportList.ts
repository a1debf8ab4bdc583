/** The handling units as Excel. */
import { z } from 'zod';
import { described, EXPORT_PAGE, exportSource, inUse, type ExportList } from '../exports/index.js';
import { listUnits, type UnitFilters } from './queries.js';
import { UnitFilters as UnitFilterQuery } from './routes.js';

type UnitItem = Awaited<ReturnType<typeof listUnits>>['items'][number];

const unitExport: ExportList<Omit<UnitFilters, 'limit' | 'cursor'>, UnitItem> = {
  fileName: '承办单位', asciiName: 'units', sheet: '承办单位',
  fetch: (db, actor, filters, cursor) => listUnits(db, actor, { ...filters, limit: EXPORT_PAGE, cursor }),
  columns: [
    { header: '单位名称', width: 30, value: (u) => u.name },
    { header: '所属区划', width: 30, value: (u) => u.region.fullName },
    { header: '行政区划代码', width: 12, value: (u) => u.region.code },
    { header: '地址', width: 30, value: (u) => u.address },
    { header: '联系人', width: 40, value: (u) => u.contacts.map((c) => `${c.name}${c.title ? `(${c.title})` : ''} ${c.phone}`).join(';') },
    { header: '是否在用', width: 8, value: (u) => inUse(u.active) },
    { header: '创建时间', width: 17, kind: 'datetime', value: (u) => new Date(u.createdAt) },
  ],
};

export const EXPORT = exportSource({
  url: '/api/units.xlsx', ability: 'unit.read', tag: 'units', summary: '导出承办单位 Handling units as Excel',
  description: described('units'), query: z.object(UnitFilterQuery), list: unitExport,
});
