import { Card, Col, Row, Segmented, Select, Space, Statistic, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { qs, type Answer, type Schemas } from '../../../shared/api.js';
import { monthRange, monthsBefore, percent, shanghaiMonth } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { Chart } from '../../kit/Chart.js';
import { ExportButton } from '../../kit/ExportButton.js';
import { FilterBar, LoadError, PageTitle, useFilterStyle, useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';

type Grouped = Answer<'/api/statistics/cases/by/{group}'>[number];
type LeagueRow = Schemas['UnitLeagueRow'];
type Group = 'station' | 'unit' | 'deputy' | 'category' | 'month' | 'week' | 'side';

const GROUPS: { value: Group; zh: string; en: string }[] = [
  { value: 'station', zh: '按联络站', en: 'By station' },
  { value: 'unit', zh: '按承办单位', en: 'By unit' },
  { value: 'deputy', zh: '按代表', en: 'By deputy' },
  { value: 'category', zh: '按类别', en: 'By category' },
  { value: 'month', zh: '按月', en: 'By month' },
  { value: 'week', zh: '按周', en: 'By week' },
  { value: 'side', zh: '按属地', en: 'By side' },
];
const isGroup = (v: string | null): v is Group => GROUPS.some((g) => g.value === v);

/** How many months back the period choosers reach. */
const MONTHS = 24;

/**
 * The period from the first month to the last (both whole, Beijing time); none chosen: all time.
 * A last month before the first is taken as the same month.
 */
function period(fromMonth: string, toMonth: string): { from?: string; to?: string } {
  const from = fromMonth ? monthRange(fromMonth).from : undefined;
  const last = toMonth && fromMonth && toMonth < fromMonth ? fromMonth : toMonth;
  const to = last ? monthRange(last).to : undefined;
  return { from, to };
}

/**
 * 办理统计: the case figures per station, unit, deputy, category, month or week over a period, as a
 * chart, a table and an Excel download; and the unit league table (按期办复率, 满意率, 解决率).
 */
export function StatisticsPage() {
  const { l } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'league' ? 'league' : 'groups';
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle title={l('办理统计', 'Case statistics')} />
      <Tabs
        activeKey={tab} onChange={(k) => set('tab', k === 'groups' ? null : k)}
        items={[
          { key: 'groups', label: l('分组统计', 'Figures by group'), children: <GroupFigures params={params} set={set} /> },
          { key: 'league', label: l('承办单位排名', 'Unit league table'), children: <UnitLeague params={params} set={set} /> },
        ]}
      />
    </Space>
  );
}

type Params = { params: URLSearchParams; set: (key: string, value: string | null) => void };

/** The period choosers shared by both tabs: from a month to a month, or all time. */
function PeriodFilter({ params, set }: Params) {
  const { l } = useI18n();
  const width = useFilterStyle();
  const months = monthsBefore(shanghaiMonth(), MONTHS);
  const options = [{ value: '', label: l('不限', 'Any') }, ...months.map((m) => ({ value: m, label: m }))];
  return (
    <>
      <Select
        aria-label={l('起始月份', 'From month')} style={width(140)} value={params.get('from') ?? ''} options={options}
        onChange={(v) => set('from', v || null)} prefix={l('自', 'From')}
      />
      <Select
        aria-label={l('截止月份', 'To month')} style={width(140)} value={params.get('to') ?? ''} options={options}
        onChange={(v) => set('to', v || null)} prefix={l('至', 'To')}
      />
    </>
  );
}

function GroupFigures({ params, set }: Params) {
  const { l } = useI18n();
  const narrow = useNarrow();
  const width = useFilterStyle();
  const group: Group = isGroup(params.get('group')) ? params.get('group') as Group : 'station';
  const stationId = Number(params.get('stationId')) || undefined;
  const unitId = Number(params.get('unitId')) || undefined;
  const filters = { ...period(params.get('from') ?? '', params.get('to') ?? ''), stationId, unitId };
  const rowsQuery = useApiQuery<Grouped[]>(`/api/statistics/cases/by/${group}${qs(filters)}`, { keepPrevious: true });
  const totalQuery = useApiQuery<Answer<'/api/statistics/cases'>>(`/api/statistics/cases${qs(filters)}`, { keepPrevious: true });
  const rows = rowsQuery.data ?? [];
  const total = totalQuery.data ?? null;
  const nameOf = (r: Grouped) => r.label || (group === 'unit' ? l('(未交办)', '(not assigned)') : group === 'deputy' ? l('(无代表)', '(no deputy)')
    : group === 'side' && !r.key ? l('(非跨省联建站)', '(not a cross-province station)') : r.key);
  const timeline = group === 'month' || group === 'week';

  const countOption = useMemo(() => {
    const names = rows.map(nameOf);
    const series = [
      { name: l('收到', 'Received'), key: 'received' as const, color: '#b71c1c' },
      { name: l('办复', 'Replied'), key: 'replied' as const, color: '#1677ff' },
      { name: l('已答复群众', 'Answered'), key: 'answered' as const, color: '#389e0d' },
    ];
    return timeline
      ? {
        tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: names }, yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s) => ({ name: s.name, type: 'line', smooth: true, data: rows.map((r) => r[s.key]), itemStyle: { color: s.color } })),
      }
      : {
        tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: narrow ? 88 : 160, right: 16, top: 36, bottom: 24 },
        xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: narrow ? 80 : 150, overflow: 'truncate' } },
        series: series.map((s) => ({ name: s.name, type: 'bar', data: rows.map((r) => r[s.key]), itemStyle: { color: s.color } })),
      };
  }, [rows, timeline, narrow, l]);

  const rateOption = useMemo(() => {
    const names = rows.map(nameOf);
    const asPercent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
    const series = [
      { name: l('按期办复率', 'On-time reply rate'), data: rows.map((r) => asPercent(r.onTimeRate)) },
      { name: l('满意率', 'Satisfaction rate'), data: rows.map((r) => asPercent(r.satisfactionRate)) },
      { name: l('解决率', 'Resolution rate'), data: rows.map((r) => asPercent(r.resolutionRate)) },
    ];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v}%`) },
      legend: { top: 0 }, grid: { left: 40, right: 16, top: 36, bottom: timeline ? 28 : 60 },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: timeline ? 0 : 30, width: 90, overflow: 'truncate' } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: series.map((s) => ({ name: s.name, type: timeline ? 'line' : 'bar', data: s.data })),
    };
  }, [rows, timeline, l]);

  const columns: ColumnsType<Grouped> = [
    { title: GROUPS.find((g) => g.value === group)!.zh.replace('按', ''), key: 'label', fixed: narrow ? undefined : 'left', render: (_, r) => nameOf(r) },
    { title: l('收到', 'Received'), dataIndex: 'received', align: 'right', sorter: (a, b) => a.received - b.received },
    { title: l('受理', 'Accepted'), dataIndex: 'accepted', align: 'right' },
    { title: l('交办', 'Assigned'), dataIndex: 'assigned', align: 'right' },
    { title: l('24小时转办率', '24-hour transfer'), dataIndex: 'transferRate', align: 'right', render: percent },
    { title: l('办复', 'Replied'), dataIndex: 'replied', align: 'right' },
    { title: l('按期办复率', 'On time'), dataIndex: 'onTimeRate', align: 'right', render: percent, sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1) },
    { title: l('已答复群众', 'Answered'), dataIndex: 'answered', align: 'right' },
    { title: l('办结(不含不予受理、并单)', 'Closed as handled'), dataIndex: 'closedHandled', align: 'right' },
    { title: l('当前超期', 'Overdue now'), dataIndex: 'overdueNow', align: 'right' },
    { title: l('已评价', 'Rated'), dataIndex: 'rated', align: 'right' },
    { title: l('满意率', 'Satisfaction'), dataIndex: 'satisfactionRate', align: 'right', render: percent, sorter: (a, b) => (a.satisfactionRate ?? -1) - (b.satisfactionRate ?? -1) },
    { title: l('解决率', 'Resolution'), dataIndex: 'resolutionRate', align: 'right', render: percent },
    { title: l('平均办理工作日', 'Avg. working days'), dataIndex: 'averageWorkingDays', align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
  ];

  const error = rowsQuery.error?.message ?? totalQuery.error?.message ?? null;
  const groupLabel = (g: (typeof GROUPS)[number]) => l(g.zh, g.en);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Segmented<Group>
        aria-label={l('分组', 'Group by')} value={group} onChange={(g) => set('group', g === 'station' ? null : g)}
        options={GROUPS.map((g) => ({ value: g.value, label: groupLabel(g) }))} block={narrow} style={narrow ? { overflowX: 'auto' } : undefined}
      />
      <FilterBar>
        <PeriodFilter params={params} set={set} />
        <RecordSelect<number> source="stations" value={stationId} onChange={(v) => set('stationId', v ? String(v) : null)} placeholder={l('全部联络站', 'All stations')} style={width(200)} />
        <RecordSelect<number> source="units" value={unitId} onChange={(v) => set('unitId', v ? String(v) : null)} placeholder={l('全部承办单位', 'All units')} style={width(200)} />
        <ExportButton href={`/api/statistics/cases.xlsx${qs({ group, ...filters })}`} />
      </FilterBar>
      <LoadError error={error} retry={() => { void rowsQuery.refetch(); void totalQuery.refetch(); }} />
      {total && (
        <Row gutter={[12, 12]}>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('收到', 'Received')} value={total.received} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('已答复群众', 'Answered')} value={total.answered} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('按期办复率', 'On-time replies')} value={percent(total.onTimeRate)} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('满意率', 'Satisfaction')} value={percent(total.satisfactionRate)} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('解决率', 'Resolution')} value={percent(total.resolutionRate)} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('当前超期', 'Overdue now')} value={total.overdueNow} /></Card></Col>
        </Row>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={l('件数', 'Cases')}>
            <Chart option={countOption} height={timeline ? 280 : Math.max(240, rows.length * 28 + 60)} label={l(`${groupLabel(GROUPS.find((g) => g.value === group)!)}的收到、办复与答复件数`, 'Cases received, replied and answered per group')} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={l('比率', 'Rates')}>
            <Chart option={rateOption} height={280} label={l('按期办复率、满意率与解决率', 'On-time reply, satisfaction and resolution rates')} />
          </Card>
        </Col>
      </Row>
      <Table<Grouped>
        rowKey="key" size="small" columns={columns} dataSource={rows} loading={rowsQuery.isFetching} pagination={false}
        scroll={{ x: 'max-content' }} data-testid="statistics-table"
        locale={{ emptyText: l('该期间没有意见', 'No cases in this period') }}
      />
    </Space>
  );
}

function UnitLeague({ params, set }: Params) {
  const { l } = useI18n();
  const filters = period(params.get('from') ?? '', params.get('to') ?? '');
  const query = useApiQuery<LeagueRow[]>(`/api/statistics/units/league${qs(filters)}`, { keepPrevious: true });
  const rows = query.data ?? [];
  const columns: ColumnsType<LeagueRow> = [
    { title: l('名次', 'Rank'), key: 'rank', width: 64, render: (_, __, i) => i + 1 },
    { title: l('承办单位', 'Unit'), dataIndex: 'unitName' },
    { title: l('交办', 'Assigned'), dataIndex: 'assigned', align: 'right' },
    { title: l('办复', 'Replied'), dataIndex: 'replied', align: 'right' },
    { title: l('按期办复率', 'On-time reply rate'), dataIndex: 'onTimeRate', align: 'right', render: percent },
    { title: l('已评价', 'Rated'), dataIndex: 'rated', align: 'right' },
    { title: l('满意率', 'Satisfaction rate'), dataIndex: 'satisfactionRate', align: 'right', render: percent },
    { title: l('解决率', 'Resolution rate'), dataIndex: 'resolutionRate', align: 'right', render: percent },
    { title: l('当前超期', 'Overdue now'), dataIndex: 'overdueNow', align: 'right', render: (n: number) => <span style={{ color: n ? '#cf1322' : undefined }}>{n}</span> },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {l('按交办时间统计;依次按按期办复率、满意率、解决率排序,尚无可计算比率的排在后面。',
          'Counted by assignment date; ranked by on-time reply rate, then satisfaction, then resolution; a rate not yet measurable ranks last.')}
      </Typography.Paragraph>
      <FilterBar>
        <PeriodFilter params={params} set={set} />
        <ExportButton href={`/api/statistics/units/league.xlsx${qs(filters)}`} />
      </FilterBar>
      <LoadError error={query.error?.message ?? null} retry={() => void query.refetch()} />
      <Table<LeagueRow>
        rowKey="unitId" size="small" columns={columns} dataSource={rows} loading={query.isFetching} pagination={false}
        scroll={{ x: 'max-content' }} data-testid="league-table"
        locale={{ emptyText: l('该期间没有交办的意见', 'No cases assigned in this period') }}
      />
    </Space>
  );
}
