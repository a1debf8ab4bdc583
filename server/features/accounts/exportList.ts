/** The accounts as Excel. */
import { z } from 'zod';
import { ROLES } from '../../../common/enums.js';
import { described, EXPORT_PAGE, exportSource, inUse, yesNo, zh, type ExportList } from '../exports/index.js';
import { listAccounts, type AccountFilters } from './queries.js';
import { AccountFilters as AccountFilterQuery } from './routes.js';

type AccountItem = Awaited<ReturnType<typeof listAccounts>>['items'][number];

const accountExport: ExportList<Omit<AccountFilters, 'limit' | 'cursor'>, AccountItem> = {
  fileName: '账号', asciiName: 'accounts', sheet: '账号',
  fetch: (db, actor, filters, cursor) => listAccounts(db, actor, { ...filters, limit: EXPORT_PAGE, cursor }),
  columns: [
    { header: '用户名', width: 16, value: (a) => a.username },
    { header: '姓名', width: 20, value: (a) => a.displayName },
    { header: '角色', width: 14, value: (a) => zh(ROLES.labels, a.role) },
    { header: '所属区划', width: 16, value: (a) => a.region?.name ?? '' },
    { header: '联络站', width: 36, value: (a) => a.stations.map((s) => s.name).join('、') },
    { header: '代表', width: 10, value: (a) => a.deputy?.name ?? '' },
    { header: '承办单位', width: 24, value: (a) => a.unit?.name ?? '' },
    { header: '须修改密码', width: 10, value: (a) => yesNo(a.mustChangePassword) },
    { header: '锁定至', width: 17, kind: 'datetime', value: (a) => (a.lockedUntil ? new Date(a.lockedUntil) : null) },
    { header: '最近登录', width: 17, kind: 'datetime', value: (a) => (a.lastLoginAt ? new Date(a.lastLoginAt) : null) },
    { header: '是否在用', width: 8, value: (a) => inUse(a.active) },
    { header: '创建时间', width: 17, kind: 'datetime', value: (a) => new Date(a.createdAt) },
  ],
};

export const EXPORT = exportSource({
  url: '/api/accounts.xlsx', ability: 'account.read', tag: 'accounts', summary: '导出账号 Accounts as Excel',
  description: described('accounts'), query: z.object(AccountFilterQuery), list: accountExport,
});
