/** The case statistics per station, unit, category, deputy, week or month as Excel: the figures of GET /api/statistics/cases/by/{group}. */
import { z } from 'zod';
import { exportSource, type ExportList } from '../exports/index.js';
import { LeagueQuery, StatisticsQuery, withInstants } from './statisticsQuery.js';
import type { ExportColumn } from '../../platform/tables/xlsxExport.js';
import { caseStatisticsBy, GROUPS, unitLeague, type Group, type LeagueFilter, type StatisticsFilter } from './statistics.js';

type Row = Awaited<ReturnType<typeof caseStatisticsBy>>[number];
type Filters = StatisticsFilter & { group: Group };

const GROUP_HEADERS: Record<Group, string> = { station: '联络站', unit: '承办单位', category: '意见类别', deputy: '代表', week: '周(周一)', month: '月份', side: '属地(跨省联建站一方)' };
/** What an empty key stands for: cases not assigned yet, or collected without a deputy. */
const NONE: Partial<Record<Group, string>> = { unit: '(未交办)', deputy: '(无代表)', side: '(非跨省联建站)' };

/** A rate as a percentage with one decimal (Excel reads it as a number). */
const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10);
const count = (header: string, value: (r: Row) => number | null | undefined): ExportColumn<Row> =>
  ({ header, width: 10, kind: 'number', value: (r) => value(r) ?? null });
const rate = (header: string, value: (r: Row) => number | null | undefined): ExportColumn<Row> =>
  ({ header, width: 12, kind: 'number', value: (r) => percent(value(r)) });

/** The figures' columns, in the order the statistics screen shows them. */
const FIGURE_COLUMNS: ExportColumn<Row>[] = [
  count('收到', (r) => r.received),
  count('受理', (r) => r.accepted),
  count('不予受理', (r) => r.declined),
  count('当场答复', (r) => r.answeredOnSpot),
  count('交办', (r) => r.assigned),
  count('逾期签收', (r) => r.signedLate),
  count('办复', (r) => r.replied),
  count('按期办复', (r) => r.repliedOnTime),
  rate('按期办复率(%)', (r) => r.onTimeRate),
  count('转办', (r) => r.transferred),
  count('24小时内转办', (r) => r.transferredWithin24h),
  rate('24小时转办率(%)', (r) => r.transferRate),
  count('按时签收', (r) => r.signedOnTime),
  count('当前逾期未签收', (r) => r.signOverdueNow),
  count('已答复群众', (r) => r.answered),
  count('当前超期', (r) => r.overdueNow),
  count('已评价', (r) => r.rated),
  count('满意', (r) => r.satisfied),
  count('基本满意', (r) => r.basicallySatisfied),
  count('不满意', (r) => r.unsatisfied),
  rate('满意率(%)', (r) => r.satisfactionRate),
  count('已解决', (r) => r.resolved),
  rate('解决率(%)', (r) => r.resolutionRate),
  count('未评价自动办结', (r) => r.unrated),
  count('重办', (r) => r.rehandled),
  count('办结', (r) => r.closed),
  count('办结(不含不予受理、并单)', (r) => r.closedHandled),
  { header: '平均办理工作日', width: 14, kind: 'number', value: (r) => (r.averageWorkingDays === null ? null : Math.round(r.averageWorkingDays * 10) / 10) },
];

/** The columns for one grouping: its name first, then the figures. */
export const statisticsColumns = (group: Group): ExportColumn<Row>[] => [
  { header: GROUP_HEADERS[group], width: group === 'week' || group === 'month' ? 12 : 30, value: (r) => r.label || NONE[group] || r.key },
  ...FIGURE_COLUMNS,
];

const statisticsList: ExportList<Filters, Row> = {
  fileName: '意见办理统计', asciiName: 'case-statistics', sheet: '办理统计',
  columns: statisticsColumns('station'),
  columnsFor: (f) => statisticsColumns(f.group),
  fetch: async (db, actor, { group, ...filters }) => ({ items: await caseStatisticsBy(db, actor, filters, group), nextCursor: null }),
};

const Query = StatisticsQuery.extend({
  group: z.enum(GROUPS).meta({ description: 'Count per station, unit, category, deputy, week (named by its Monday), month or side of a cross-province station' }),
});

export const STATISTICS_EXPORT = exportSource({
  url: '/api/statistics/cases.xlsx', ability: 'case.read', tag: 'statistics',
  summary: '导出办理统计 Case figures per station, unit, category, deputy, week or month as Excel',
  description: 'The rows of GET /api/statistics/cases/by/{group} with the same filters and scope, as an .xlsx download: the group\'s name, '
    + 'then every figure (rates as percentages with one decimal). The download is audited like every export.',
  query: Query,
  list: statisticsList,
  filters: withInstants,
});

/** A row of the league table with its place in it. */
type LeagueRow = Awaited<ReturnType<typeof unitLeague>>[number] & { rank: number };

/** The unit league table as Excel, in its order (best first): what a congress office reports upward. */
const leagueList: ExportList<LeagueFilter, LeagueRow> = {
  fileName: '承办单位排名', asciiName: 'unit-league', sheet: '承办单位排名',
  columns: [
    { header: '名次', width: 6, kind: 'number', value: (r) => r.rank },
    { header: '承办单位', width: 30, value: (r) => r.unitName },
    { header: '交办', width: 8, kind: 'number', value: (r) => r.assigned },
    { header: '办复', width: 8, kind: 'number', value: (r) => r.replied },
    { header: '按期办复', width: 10, kind: 'number', value: (r) => r.repliedOnTime },
    { header: '按期办复率(%)', width: 14, kind: 'number', value: (r) => percent(r.onTimeRate) },
    { header: '已评价', width: 8, kind: 'number', value: (r) => r.rated },
    { header: '满意', width: 8, kind: 'number', value: (r) => r.satisfied },
    { header: '基本满意', width: 10, kind: 'number', value: (r) => r.basicallySatisfied },
    { header: '满意率(%)', width: 12, kind: 'number', value: (r) => percent(r.satisfactionRate) },
    { header: '已解决', width: 8, kind: 'number', value: (r) => r.resolved },
    { header: '解决率(%)', width: 12, kind: 'number', value: (r) => percent(r.resolutionRate) },
    { header: '当前超期', width: 10, kind: 'number', value: (r) => r.overdueNow },
  ],
  fetch: async (db, actor, filters) => ({ items: (await unitLeague(db, actor, filters)).map((r, i) => ({ ...r, rank: i + 1 })), nextCursor: null }),
};

export const LEAGUE_EXPORT = exportSource({
  url: '/api/statistics/units/league.xlsx', ability: 'case.read', tag: 'statistics',
  summary: '导出承办单位排名 The unit league table as Excel',
  description: 'The rows of GET /api/statistics/units/league with the same filters and scope, in its order, numbered; rates as percentages with one decimal. Audited like every export.',
  query: LeagueQuery,
  list: leagueList,
  filters: withInstants,
});
