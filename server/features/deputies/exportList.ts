/** The deputy roster as Excel, with the import template's headers. */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { DEPUTY_LEVELS, DEPUTY_STATUSES, GENDERS, STATION_MEMBER_ROLES, type DeputyLevel } from '../../../common/enums.js';
import type { DB } from '../../platform/db/schema.js';
import { described, EXPORT_PAGE, exportSource, inUse, templateHeaders, yesNo, zh, type ExportList } from '../exports/index.js';
import { listDeputies, type DeputyFilters } from './queries.js';
import { DeputyFilters as DeputyFilterQuery } from './routes.js';

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

const deputyExport: ExportList<Omit<DeputyFilters, 'limit' | 'cursor'>, DeputyRow> = {
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

export const EXPORT = exportSource({
  url: '/api/deputies.xlsx', ability: 'deputy.read', tag: 'deputies', summary: '导出代表花名册 Deputies as Excel',
  description: described('deputies') + templateHeaders, query: z.object(DeputyFilterQuery), list: deputyExport,
});
