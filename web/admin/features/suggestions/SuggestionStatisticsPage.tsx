import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { qs } from '../../../shared/api.js';
import { percent } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { errorMessage, useApiQuery } from '../../../shared/query.js';
import { Chart } from '../../kit/Chart.js';
import { FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle, useNarrow } from '../../kit/common.js';
import { downloadFile } from '../../kit/download.js';
import { PeriodPicker, periodPresets, type Period } from '../../kit/PeriodPicker.js';
import type { KeysetPage } from '../../kit/useKeysetQuery.js';
import type { Term } from '../terms/TermsPage.js';
import type { SuggestionFigures, SuggestionStatistics } from './types.js';

type Group = 'unit' | 'congress' | 'category' | 'month';

const GROUPS: { value: Group; zh: string; en: string }[] = [
  { value: 'unit', zh: '按承办单位', en: 'By unit' },
  { value: 'congress', zh: '按人大', en: 'By congress' },
  { value: 'category', zh: '按类别', en: 'By category' },
  { value: 'month', zh: '按月', en: 'By month' },
];
const isGroup = (v: string | null): v is Group => GROUPS.some((g) => g.value === v);

/**
 * 建议办理统计: per unit, congress, category or month over a period — assigned, answered, on
 * time, 面商率, satisfaction, A/B/C shares, commitments kept — as a chart and a table; and the
 * year's handling report (办理情况报告) as PDF or Excel.
 */
export function SuggestionStatisticsPage() {
  return <RequireAbility ability="suggestion.statistics"><Figures /></RequireAbility>;
}

/** A congress as the address names it: level and region. */
const congressKey = (t: Term) => `${t.level}:${t.region?.code ?? ''}`;

/** The period's days (Beijing time) as the instants the statistics take: from its first day's start to the next day after its last. */
function instants(p: Period): { from?: string; to: string } {
  return { from: p.from ? `${p.from}T00:00:00+08:00` : undefined, to: `${dayjs(p.to).add(1, 'day').format('YYYY-MM-DD')}T00:00:00+08:00` };
}

function Figures() {
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const width = useFilterStyle();
  const [params, setParams] = useSearchParams();
  const group: Group = isGroup(params.get('group')) ? params.get('group') as Group : 'unit';
  const year = periodPresets().year;
  const period: Period = { from: params.get('from') ?? year.from, to: params.get('to') ?? year.to };
  const [reportYear, setReportYear] = useState(dayjs().year());
  const terms = useApiQuery<KeysetPage<Term>>('/api/terms?limit=100');
  const congresses = (terms.data?.items ?? []).filter((t) => t.current);
  const chosen = params.get('congress');
  const congress = chosen === 'all' ? null : congresses.find((t) => congressKey(t) === chosen)
    ?? congresses.find((t) => t.abilities.includes('update')) ?? null;
  const where = { level: congress?.level, regionCode: congress?.region?.code };
  const query = useApiQuery<SuggestionStatistics>(
    terms.isPending ? null : `/api/suggestions/statistics${qs({ groupBy: group, ...where, ...instants(period) })}`, { keepPrevious: true },
  );
  const rows = useMemo(() => query.data?.rows ?? [], [query.data]);
  const totals = query.data?.totals ?? null;
  const setParam = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) { if (v) next.set(k, v); else next.delete(k); }
    setParams(next, { replace: true });
  };

  const option = useMemo(() => {
    const names = rows.map((r) => r.label);
    const series = [
      { name: l('交办', 'Assigned'), key: 'assigned' as const, color: '#b71c1c' },
      { name: l('答复', 'Answered'), key: 'answered' as const, color: '#1677ff' },
      { name: l('按期答复', 'On time'), key: 'answeredOnTime' as const, color: '#389e0d' },
      { name: l('满意', 'Satisfied'), key: 'satisfied' as const, color: '#d48806' },
    ];
    return group === 'month'
      ? {
        tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: names }, yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s) => ({ name: s.name, type: 'line', data: rows.map((r) => r[s.key]), itemStyle: { color: s.color } })),
      }
      : {
        tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: narrow ? 88 : 160, right: 16, top: 36, bottom: 24 },
        xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: narrow ? 80 : 150, overflow: 'truncate' } },
        series: series.map((s) => ({ name: s.name, type: 'bar', data: rows.map((r) => r[s.key]), itemStyle: { color: s.color } })),
      };
  }, [rows, group, narrow, l]);

  const groupTitle = l(GROUPS.find((g) => g.value === group)!.zh.replace('按', ''), GROUPS.find((g) => g.value === group)!.en.replace('By ', ''));
  const columns: ColumnsType<SuggestionFigures> = [
    { title: groupTitle, dataIndex: 'label', fixed: narrow ? undefined : 'left' },
    { title: l('件数', 'Total'), dataIndex: 'total', align: 'right', sorter: (a, b) => a.total - b.total },
    { title: l('交办', 'Assigned'), dataIndex: 'assigned', align: 'right' },
    { title: l('答复', 'Answered'), dataIndex: 'answered', align: 'right' },
    { title: l('按期答复率', 'On time'), key: 'onTime', align: 'right', render: (_, r) => percent(r.onTimeRate), sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1) },
    { title: l('超期', 'Overdue'), dataIndex: 'overdue', align: 'right', render: (n: number) => <span style={{ color: n ? '#cf1322' : undefined }}>{n}</span> },
    { title: l('面商率', 'Face to face'), key: 'faceToFace', align: 'right', render: (_, r) => percent(r.faceToFaceRate) },
    { title: l('已评价', 'Rated'), dataIndex: 'rated', align: 'right' },
    { title: l('满意', 'Satisfied'), dataIndex: 'satisfied', align: 'right' },
    { title: l('基本满意', 'Basically'), dataIndex: 'basicallySatisfied', align: 'right' },
    { title: l('不满意', 'Unsatisfied'), dataIndex: 'unsatisfied', align: 'right' },
    { title: l('满意率', 'Satisfaction'), key: 'satisfied', align: 'right', render: (_, r) => percent(r.satisfactionRate), sorter: (a, b) => (a.satisfactionRate ?? -1) - (b.satisfactionRate ?? -1) },
    { title: 'A', dataIndex: 'a', align: 'right' },
    { title: 'B', dataIndex: 'b', align: 'right' },
    { title: 'C', dataIndex: 'c', align: 'right' },
    { title: l('A 类占比', 'A share'), key: 'aShare', align: 'right', render: (_, r) => percent(r.aShare) },
    { title: l('承诺事项', 'Commitments'), dataIndex: 'commitments', align: 'right' },
    { title: l('承诺落实率', 'Kept'), key: 'kept', align: 'right', render: (_, r) => percent(r.commitmentsDoneRate) },
  ];

  const download = (ext: 'pdf' | 'xlsx') => {
    downloadFile(`/api/suggestions/report.${ext}${qs({ year: reportYear, ...where })}`, `suggestion-report-${reportYear}.${ext}`)
      .catch((e: unknown) => void message.error(errorMessage(e)));
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle
        title={l('建议办理统计', 'Suggestion statistics')}
        extra={(
          <>
            <Select
              aria-label={l('报告年度', 'Report year')} value={reportYear} onChange={setReportYear} style={{ width: 110 }}
              options={Array.from({ length: 5 }, (_, i) => dayjs().year() - i).map((y) => ({ value: y, label: l(`${y} 年`, String(y)) }))}
            />
            <Button icon={<FilePdfOutlined />} disabled={!congress} onClick={() => download('pdf')}>{l('办理情况报告 PDF', 'Report (PDF)')}</Button>
            <Button icon={<FileExcelOutlined />} disabled={!congress} onClick={() => download('xlsx')}>{l('办理情况报告 Excel', 'Report (Excel)')}</Button>
          </>
        )}
      />
      <Segmented<Group>
        aria-label={l('分组', 'Group by')} value={group} onChange={(g) => setParam({ group: g === 'unit' ? null : g })}
        options={GROUPS.map((g) => ({ value: g.value, label: l(g.zh, g.en) }))} block={narrow}
      />
      <FilterBar>
        <Select
          aria-label={l('人民代表大会', 'Congress')} style={width(240, true)} value={congress ? congressKey(congress) : 'all'} popupMatchSelectWidth={false}
          onChange={(v) => setParam({ congress: v })}
          options={[{ value: 'all', label: l('辖区内全部人大', 'Every congress in reach') }, ...congresses.map((t) => ({ value: congressKey(t), label: label(t.name) }))]}
        />
        <PeriodPicker value={period} onChange={(p) => setParam({ from: p.from, to: p.to })} style={width} />
      </FilterBar>
      <LoadError error={query.error?.message ?? null} retry={() => void query.refetch()} />
      {totals && (
        <Row gutter={[12, 12]}>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('交办', 'Assigned')} value={totals.assigned} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('答复', 'Answered')} value={totals.answered} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('按期答复率', 'On time')} value={percent(totals.onTimeRate)} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('面商率', 'Face to face')} value={percent(totals.faceToFaceRate)} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('满意率', 'Satisfaction')} value={percent(totals.satisfactionRate)} /></Card></Col>
          <Col xs={12} md={4}><Card size="small"><Statistic title={l('承诺落实率', 'Commitments kept')} value={percent(totals.commitmentsDoneRate)} /></Card></Col>
        </Row>
      )}
      <Card size="small" title={l('件数', 'Counts')}>
        <Chart
          option={option} height={group === 'month' ? 280 : Math.max(240, rows.length * 28 + 60)}
          label={l('交办、答复、按期答复与满意件数', 'Suggestions assigned, answered, answered on time and rated satisfied')}
        />
      </Card>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {l('面商率:首次答复前以座谈或实地察看方式与代表沟通的件数占答复件数的比例;满意率含基本满意。',
          'Face to face: answered suggestions whose unit met the deputy (meeting or site visit) before the first answer; satisfaction counts 基本满意 too.')}
      </Typography.Paragraph>
      <Table<SuggestionFigures>
        rowKey="key" size="small" columns={columns} dataSource={rows} loading={query.isFetching} pagination={false}
        scroll={{ x: 'max-content' }} data-testid="suggestion-statistics-table"
        locale={{ emptyText: l('该期间没有建议', 'No suggestions in this period') }}
      />
    </Space>
  );
}
