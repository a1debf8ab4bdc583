/** The audit log as Excel. */
import { z } from 'zod';
import { described, EXPORT_PAGE, exportSource, type ExportList } from '../exports/index.js';
import { listAuditLog, type AuditFilters } from './queries.js';
import { AuditFilters as AuditFilterQuery } from './routes.js';

type AuditItem = Awaited<ReturnType<typeof listAuditLog>>['items'][number];

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

const auditExport: ExportList<Omit<AuditFilters, 'limit' | 'cursor'>, AuditItem> = {
  fileName: '审计日志', asciiName: 'audit-log', sheet: '审计日志',
  fetch: (db, _actor, filters, cursor) => listAuditLog(db, { ...filters, limit: EXPORT_PAGE, cursor }),
  columns: [
    { header: '编号', width: 8, kind: 'number', value: (a) => a.id },
    { header: '时间', width: 17, kind: 'datetime', value: (a) => a.at },
    { header: '操作人', width: 16, value: (a) => a.actor_name },
    { header: '操作人账号编号', width: 10, kind: 'number', value: (a) => a.actor_account_id },
    { header: '操作', width: 22, value: (a) => a.action },
    { header: '对象类型', width: 14, value: (a) => a.entity_type },
    { header: '对象编号', width: 10, value: (a) => a.entity_id ?? '' },
    { header: 'IP 地址', width: 14, value: (a) => a.ip ?? '' },
    { header: '变更前', width: 40, value: (a) => json(a.before) },
    { header: '变更后', width: 40, value: (a) => json(a.after) },
    { header: '哈希', width: 20, value: (a) => a.hash },
  ],
};

export const EXPORT = exportSource({
  url: '/api/audit.xlsx', ability: 'audit.read', tag: 'audit', summary: '导出审计日志 The audit log as Excel',
  description: described('audit records'), query: z.object(AuditFilterQuery), list: auditExport,
});
