/** A contact point's member enterprises as Excel, with the import template's headers (contacts masked as the list masks them). */
import { z } from 'zod';
import { described, EXPORT_PAGE, exportSource, templateHeaders, type ExportList } from '../exports/index.js';
import { QueryId } from '../../platform/http/schemas.js';
import { listEnterprises, type EnterpriseView } from './queries.js';

const enterpriseExport: ExportList<{ stationId: number; q?: string | undefined }, EnterpriseView> = {
  fileName: '联系点成员企业', asciiName: 'industry-enterprises', sheet: '成员企业',
  fetch: (db, actor, filters, cursor) => listEnterprises(db, actor, filters.stationId, { q: filters.q, limit: EXPORT_PAGE, cursor }),
  columns: [
    { header: '企业名称', width: 32, value: (e) => e.name },
    { header: '统一社会信用代码', width: 22, value: (e) => e.creditCode },
    { header: '所属行业', width: 14, value: (e) => e.industry },
    { header: '地址', width: 32, value: (e) => e.address },
    { header: '联系人', width: 10, value: (e) => e.contactName ?? '' },
    { header: '联系电话', width: 15, value: (e) => e.contactPhone ?? '' },
    { header: '走访次数', width: 8, kind: 'number', value: (e) => e.visitCount },
    { header: '最近走访', width: 12, value: (e) => e.lastVisitedOn ?? '' },
    { header: '联系点', width: 30, value: (e) => e.stationName },
  ],
};

export const ENTERPRISE_EXPORT = exportSource({
  url: '/api/industry/enterprises.xlsx', ability: 'industry.read', tag: 'industry', summary: '导出成员企业 A contact point\'s member enterprises as Excel',
  description: described('member enterprises of the contact point') + templateHeaders + ' Contacts are masked for those who do not run the point.',
  query: z.object({ stationId: QueryId, q: z.string().trim().min(1).max(50).optional() }), list: enterpriseExport,
});
