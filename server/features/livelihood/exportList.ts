/** The year's livelihood projects with their progress as Excel (民生实事项目实施情况表): adopted onward, within the reader's reach. */
import { sql } from 'kysely';
import { z } from 'zod';
import { today } from '../../platform/clock.js';
import { RegionCode } from '../../platform/http/schemas.js';
import { exportSource, type ExportList } from '../exports/index.js';
import { projectColumns, projectVisible } from './access.js';
import { DELIVERY_VIEW_STATES, progressPercent } from './deliveryQueries.js';
import { satisfiedPercent } from './evaluation.js';
import { PROJECT_STATE_LABELS } from './workflow.js';
import type { LivelihoodProjectState } from '../../platform/db/schemaLivelihood.js';

interface Filters { year: number; regionCode?: string | undefined }
interface Item {
  id: number; round_title: string; title: string; address: string; state: LivelihoodProjectState; unit_name: string | null; budget_yuan: number;
  spent: number; planned: number; done: number; slipped: number; started_on: string | null; accepted_on: string | null; beneficiaries: number | null;
  rating_count: number | null; satisfied_count: number | null; open_rectifications: number;
}

const PAGE = 500;

const projectsExport: ExportList<Filters, Item> = {
  fileName: '民生实事项目实施情况', asciiName: 'livelihood-projects', sheet: '民生实事项目',
  fetch: async (db, actor, f, cursor) => {
    let q = db.selectFrom('livelihood_project as p').innerJoin('livelihood_round as r', 'r.id', 'p.round_id')
      .leftJoin('unit as u', 'u.id', 'p.unit_id').leftJoin('livelihood_delivery as d', 'd.project_id', 'p.id')
      .select(['p.id', 'r.title as round_title', 'p.title', 'p.address', 'p.state', 'u.name as unit_name', 'p.budget_yuan',
        'd.started_on', 'd.accepted_on', 'd.beneficiaries', 'd.rating_count', 'd.satisfied_count',
        sql<number>`coalesce((select sum(s.amount_yuan) from livelihood_spending s where s.project_id = p.id), 0)::bigint`.as('spent'),
        sql<number>`(select count(*)::int from livelihood_milestone m where m.project_id = p.id)`.as('planned'),
        sql<number>`(select count(*)::int from livelihood_milestone m where m.project_id = p.id and m.done_on is not null)`.as('done'),
        sql<number>`(select count(*)::int from livelihood_milestone m where m.project_id = p.id and m.done_on is null and m.planned_on < ${today()})`.as('slipped'),
        sql<number>`(select count(*)::int from livelihood_rectification x where x.project_id = p.id and x.closed_at is null)`.as('open_rectifications')])
      .where('r.year', '=', f.year).where('p.state', 'in', DELIVERY_VIEW_STATES).where(projectVisible(actor, projectColumns('p')));
    if (f.regionCode) {
      const region = await db.selectFrom('region').select('path').where('code', '=', f.regionCode).executeTakeFirst();
      q = q.where('p.region_path', 'like', `${region?.path ?? '-'}%`);
    }
    if (cursor) q = q.where('p.id', '>', Number(cursor));
    const rows = (await q.orderBy('p.id').limit(PAGE + 1).execute()) as Item[];
    return { items: rows.slice(0, PAGE), nextCursor: rows.length > PAGE ? String(rows[PAGE - 1]!.id) : null };
  },
  columns: [
    { header: '票决轮次', width: 30, value: (p) => p.round_title },
    { header: '项目名称', width: 36, value: (p) => p.title },
    { header: '地点', width: 24, value: (p) => p.address },
    { header: '状态', width: 12, value: (p) => PROJECT_STATE_LABELS[p.state].zh },
    { header: '责任单位', width: 26, value: (p) => p.unit_name ?? '' },
    { header: '预算(元)', width: 12, kind: 'number', value: (p) => Number(p.budget_yuan) },
    { header: '已执行(元)', width: 12, kind: 'number', value: (p) => Number(p.spent) },
    { header: '进度(%)', width: 8, kind: 'number', value: (p) => progressPercent(p.state, p.done, p.planned) },
    { header: '节点(完成/计划)', width: 14, value: (p) => `${p.done}/${p.planned}` },
    { header: '滞后节点', width: 8, kind: 'number', value: (p) => p.slipped },
    { header: '开工日期', width: 12, kind: 'date', value: (p) => p.started_on },
    { header: '验收日期', width: 12, kind: 'date', value: (p) => p.accepted_on },
    { header: '受益人数', width: 10, kind: 'number', value: (p) => p.beneficiaries },
    { header: '满意率(%)', width: 10, kind: 'number', value: (p) => (p.rating_count ? satisfiedPercent(p.rating_count, p.satisfied_count ?? 0) : null) },
    { header: '未销号整改', width: 10, kind: 'number', value: (p) => p.open_rectifications },
  ],
};

export const LIVELIHOOD_EXPORT = exportSource({
  url: '/api/livelihood/projects.xlsx', ability: 'livelihood.read', tag: 'livelihood',
  summary: '导出民生实事项目实施情况 The year\'s livelihood projects with their progress, as Excel',
  description: 'The projects voted in (adopted and on) of the year\'s rounds the reader reaches, optionally placed in a region: budget, money executed, '
    + 'milestones done and slipping, start and acceptance, beneficiaries, satisfaction, open rectification items.',
  query: z.object({ year: z.coerce.number().int().min(2000).max(2100), regionCode: RegionCode.optional() }),
  list: projectsExport,
});
