/**
 * What each back-office list exports: the same query as its JSON endpoint (so the same filters
 * and the same region scope, inside the SQL), every page of it, with Chinese headers and coded
 * values as their Chinese labels. The deputy and station sheets use the import template's
 * headers, so an export can be corrected and imported elsewhere.
 */
import { sql, type Kysely } from 'kysely';
import { CASE_CHANNELS } from '../../../common/caseVocabulary.js';
import {
  DEPUTY_LEVELS, DEPUTY_STATUSES, GENDERS, ROLES, STATION_GRADES, STATION_MEMBER_ROLES, STATION_TIERS, STATION_TYPES,
  type DeputyLevel, type Label,
} from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/access/actor.js';
import { listAccounts, type AccountFilters } from '../accounts/queries.js';
import { listActivities, type ActivityFilters } from '../activities/queries.js';
import { listAuditLog, type AuditFilters } from '../audit/queries.js';
import { listCases, type CaseFilters } from '../cases/queries.js';
import { listDeputies, type DeputyFilters } from '../deputies/queries.js';
import { listStations, type StationFilters } from '../stations/queries.js';
import { listUnits, type UnitFilters } from '../units/queries.js';
import type { ExportColumn } from '../../platform/tables/xlsxExport.js';

/** Rows fetched per page while exporting. */
export const EXPORT_PAGE = 1000;

type Page<T> = { items: T[]; nextCursor: string | null };

export interface ExportList<F, T> {
  /** The file's name (without the date and extension) and an ASCII stand-in. */
  fileName: string;
  asciiName: string;
  sheet: string;
  columns: ExportColumn<T>[];
  fetch(db: Kysely<DB>, actor: Actor, filters: F, cursor: string | undefined): Promise<Page<T>>;
}

const zh = (labels: Record<string, Label>, key: string | null | undefined) => (key ? labels[key]?.zh ?? key : '');
const yesNo = (b: boolean) => (b ? '是' : '否');
const inUse = (active: boolean) => (active ? '在用' : '已停用');
const LEVEL_ORDER = DEPUTY_LEVELS.keys as string[];

type DeputyItem = Awaited<ReturnType<typeof listDeputies>>['items'][number];
type DeputyRow = DeputyItem & {
  ethnicity: string; birthYear: number | null; constituency: string; gridCell: string | null;
  levelTerms: { level: DeputyLevel; term: number }[]; stationRoles: { name: string; role: string }[];
};

/** The roster's columns the list item lacks: ethnicity, year of birth, terms, stations and roles. */
async function deputyDetails(db: Kysely<DB>, items: DeputyItem[]): Promise<DeputyRow[]> {
  if (items.length === 0) return [];
  const rows = await db.selectFrom('deputy as d')
    .select(['d.id', 'd.ethnicity', 'd.birth_year', 'd.constituency', 'd.grid_cell',
      sql<{ level: DeputyLevel; term: number }[]>`coalesce((select json_agg(json_build_object('level', l.level, 'term', l.term))
        from deputy_level l where l.deputy_id = d.id), '[]'::json)`.as('levels'),
      sql<{ name: string; role: string }[]>`coalesce((select json_agg(json_build_object('name', s.name, 'role', ds.role) order by s.id)
        from deputy_station ds join station s on s.id = ds.station_id where ds.deputy_id = d.id), '[]'::json)`.as('stations')])
    .where('d.id', 'in', items.map((i) => i.id)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return items.map((item) => {
    const r = byId.get(item.id)!;
    return {
      ...item, ethnicity: r.ethnicity, birthYear: r.birth_year, constituency: r.constituency, gridCell: r.grid_cell,
      levelTerms: [...r.levels].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level)),
      stationRoles: r.stations,
    };
  });
}

export const deputyExport: ExportList<Omit<DeputyFilters, 'limit' | 'cursor'>, DeputyRow> = {
  fileName: '人大代表花名册', asciiName: 'deputies', sheet: '花名册',
  async fetch(db, actor, filters, cursor) {
    const page = await listDeputies(db, actor, { ...filters, limit: EXPORT_PAGE, cursor });
    return { items: await deputyDetails(db, page.items), nextCursor: page.nextCursor };
  },
  columns: [
    { header: '姓名', width: 10, value: (d) => d.name },
    { header: '性别', width: 6, value: (d) => zh(GENDERS.labels, d.gender) },
    { header: '民族', width: 8, value: (d) => d.ethnicity },
    { header: '政治面貌', width: 12, value: (d) => d.party },
    { header: '出生年月', width: 9, kind: 'number', value: (d) => d.birthYear },
    { header: '手机号码', width: 14, value: (d) => d.phone },
    { header: '代表层级', width: 28, value: (d) => d.levelTerms.map((l) => zh(DEPUTY_LEVELS.labels, l.level)).join('、') },
    { header: '届次', width: 10, value: (d) => d.levelTerms.map((l) => String(l.term)).join('、') },
    { header: '所属区划', width: 30, value: (d) => d.region.fullName },
    { header: '行政区划代码', width: 12, value: (d) => d.region.code },
    { header: '选区', width: 14, value: (d) => d.constituency },
    { header: '工作单位及职务', width: 28, value: (d) => d.occupation },
    { header: '专业领域', width: 16, value: (d) => d.professionTags.join('、') },
    { header: '所在联络站', width: 36, value: (d) => d.stationRoles.map((s) => s.name).join('、') },
    { header: '站内职责', width: 16, value: (d) => d.stationRoles.map((s) => zh(STATION_MEMBER_ROLES.labels, s.role)).join('、') },
    { header: '网格', width: 14, value: (d) => d.gridCell ?? '' },
    { header: '代表状态', width: 10, value: (d) => zh(DEPUTY_STATUSES.labels, d.status) },
    { header: '特邀联络员', width: 8, value: (d) => yesNo(d.specialLiaison) },
    { header: '是否在用', width: 8, value: (d) => inUse(d.active) },
  ],
};

type StationItem = Awaited<ReturnType<typeof listStations>>['items'][number];
type StationRow = StationItem & { parentName: string; phone: string; openingHours: string; description: string };

export const stationExport: ExportList<Omit<StationFilters, 'limit' | 'cursor'>, StationRow> = {
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

type UnitItem = Awaited<ReturnType<typeof listUnits>>['items'][number];

export const unitExport: ExportList<Omit<UnitFilters, 'limit' | 'cursor'>, UnitItem> = {
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

type AccountItem = Awaited<ReturnType<typeof listAccounts>>['items'][number];

export const accountExport: ExportList<Omit<AccountFilters, 'limit' | 'cursor'>, AccountItem> = {
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

type CaseItem = Awaited<ReturnType<typeof listCases>>['items'][number];

export const caseExport: ExportList<Omit<CaseFilters, 'limit' | 'cursor'>, CaseItem> = {
  fileName: '群众意见', asciiName: 'cases', sheet: '意见工单',
  fetch: (db, actor, filters, cursor) => listCases(db, actor, { ...filters, limit: EXPORT_PAGE, cursor }),
  columns: [
    { header: '跟踪码', width: 14, value: (c) => c.trackingCode },
    { header: '状态', width: 10, value: (c) => c.stateLabel.zh },
    { header: '渠道', width: 10, value: (c) => zh(CASE_CHANNELS.labels, c.channel) },
    { header: '类别', width: 12, value: (c) => c.category },
    { header: '内容摘要', width: 50, value: (c) => c.summary },
    { header: '联络站', width: 30, value: (c) => c.station },
    { header: '承办单位', width: 24, value: (c) => c.unit ?? '' },
    { header: '提交时间', width: 17, kind: 'datetime', value: (c) => new Date(c.submittedAt) },
    { header: '办理期限', width: 17, kind: 'datetime', value: (c) => (c.deadlineAt ? new Date(c.deadlineAt) : null) },
    { header: '期限暂定', width: 8, value: (c) => (c.deadlineAt ? yesNo(c.deadlineProvisional) : '') },
    { header: '是否超期', width: 8, value: (c) => yesNo(c.overdue) },
    { header: '重点督办', width: 8, value: (c) => yesNo(c.keySupervision) },
    { header: '催办次数', width: 8, kind: 'number', value: (c) => c.urgeCount },
    { header: '办理轮次', width: 8, kind: 'number', value: (c) => c.round },
  ],
};

type AuditItem = Awaited<ReturnType<typeof listAuditLog>>['items'][number];

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

export const auditExport: ExportList<Omit<AuditFilters, 'limit' | 'cursor'>, AuditItem> = {
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

type ActivityItem = Awaited<ReturnType<typeof listActivities>>['items'][number];

export const activityExport: ExportList<Omit<ActivityFilters, 'limit' | 'cursor'>, ActivityItem> = {
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
