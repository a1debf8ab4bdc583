import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, List, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { qs } from '../../shared/api.js';
import { useApiQuery } from '../../shared/query.js';
import { monthRange, monthsBefore, percent, shanghaiMonth } from '../../shared/format.js';
import { useI18n } from '../../shared/i18n.js';
import { MyRotaCard } from '../features/activities/RotaCard.js';
import { DeadlineText } from '../features/cases/caseFacts.js';
import { Chart } from '../kit/Chart.js';
import { TodoPanel } from '../features/todo/TodoPage.js';
import { SuggestionsGlance } from '../features/suggestions/SuggestionsGlance.js';
import { HotTopicsGlance } from '../features/hotTopics/HotTopicsGlance.js';
import { useSession } from './session.js';
import type { Answer, Schemas } from '../../shared/api.js';

type Figures = Schemas['CaseFigures'];
type Grouped = Answer<'/api/statistics/cases/by/{group}'>[number];

const WEEKS = 12;

/** Monday of the week `weeks` weeks before now, at 00:00 Beijing time. */
function weeksAgo(weeks: number): string {
  const now = new Date(Date.now() + 8 * 3_600_000); // Beijing wall clock read through UTC getters
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7) - 7 * weeks));
  return `${monday.toISOString().slice(0, 10)}T00:00:00+08:00`;
}

/** The month at a glance: what came in, how fast and how well it was answered, where it lags. */
export function DashboardPage() {
  const { l, lang } = useI18n();
  const { me, can } = useSession();
  const [month, setMonth] = useState(shanghaiMonth());
  const range = monthRange(month);
  const figuresQuery = useApiQuery<Figures>(`/api/statistics/cases${qs(range)}`, { keepPrevious: true });
  const categoryQuery = useApiQuery<Grouped[]>(`/api/statistics/cases/by/category${qs(range)}`, { keepPrevious: true });
  const weekQuery = useApiQuery<Grouped[]>(`/api/statistics/cases/by/week${qs({ from: weeksAgo(WEEKS - 1) })}`);
  const overdueQuery = useApiQuery<Answer<'/api/cases'>>(`/api/cases${qs({ overdue: true, open: true, limit: 10 })}`);
  const allQuery = useApiQuery<Figures>('/api/statistics/cases'); // overdue now, whenever submitted
  const figures = figuresQuery.data ?? null;
  const byCategory = categoryQuery.data ?? [];
  const byWeek = weekQuery.data ?? [];
  const overdue = overdueQuery.data?.items ?? [];
  const overdueNow = allQuery.data?.overdueNow ?? null;
  const error = [figuresQuery, categoryQuery, weekQuery, overdueQuery, allQuery].find((q) => q.error)?.error?.message ?? null;

  const weekOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: byWeek.map((w) => w.key.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: l('收到', 'Received'), type: 'line', smooth: true, data: byWeek.map((w) => w.received) },
      { name: l('办复', 'Replied'), type: 'line', smooth: true, data: byWeek.map((w) => w.replied) },
    ],
  }), [byWeek, l]);

  const categoryOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 96, right: 16, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: byCategory.map((c) => c.label), inverse: true },
    series: [{ name: l('收到', 'Received'), type: 'bar', data: byCategory.map((c) => c.received), itemStyle: { color: '#b71c1c' } }],
  }), [byCategory, l]);

  const months = monthsBefore(shanghaiMonth(), 12);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>{l('本月工作概况', 'The month at a glance')}</Typography.Title>
        <Select
          value={month} onChange={setMonth} style={{ width: 140 }} aria-label={l('统计月份', 'Month')}
          options={months.map((m) => ({ value: m, label: lang === 'en' ? m : `${m.slice(0, 4)}年${Number(m.slice(5))}月` }))}
        />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      <TodoPanel />
      {me!.role === 'deputy' && (
        <Link to="/activities?new=1"><Button type="primary" block size="large" icon={<CameraOutlined />}>{l('记录履职活动', 'Record an activity')}</Button></Link>
      )}
      {me!.role === 'deputy' && <MyRotaCard />}
      {me!.role === 'deputy' && me!.scope.stations.length > 0 && (
        <Card size="small" title={l('我所在的联络站', 'My stations')}>
          <List size="small" dataSource={me!.scope.stations} renderItem={(s) => (
            <List.Item><Link to={`/stations/${s.id}`}>{s.name}</Link><Link to={`/cases?stationId=${s.id}`}>{l('查看意见', 'Cases')}</Link></List.Item>
          )} />
        </Card>
      )}
      <Row gutter={[12, 12]}>
        {[
          { title: l('收到意见', 'Received'), value: figures?.received },
          { title: l('已受理', 'Accepted'), value: figures?.accepted },
          { title: l('已办复', 'Replied'), value: figures?.replied },
          { title: l('按期办复率', 'On-time rate'), value: percent(figures?.onTimeRate) },
          { title: l('满意率', 'Satisfaction'), value: percent(figures?.satisfactionRate) },
          { title: l('平均办理(工作日)', 'Average working days'), value: figures?.averageWorkingDays?.toFixed(1) ?? '—' },
        ].map((s) => (
          <Col key={s.title} xs={12} sm={8} lg={4}>
            <Card size="small"><Statistic title={s.title} value={s.value ?? '—'} loading={!figures} /></Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={l(`近 ${WEEKS} 周趋势`, `The last ${WEEKS} weeks`)}>
            <Chart option={weekOption} label={l('按周收到与办复的意见数', 'Opinions received and replied per week')} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={l('本月按类别', 'This month by category')}>
            {byCategory.length === 0
              ? <Typography.Text type="secondary">{l('本月暂无意见', 'No opinions this month')}</Typography.Text>
              : <Chart option={categoryOption} label={l('本月各类别收到的意见数', 'Opinions received per category this month')} />}
          </Card>
        </Col>
      </Row>
      {can('hotTopic.read') && <HotTopicsGlance />}
      {can('suggestion.statistics') && <SuggestionsGlance />}
      <Card size="small" title={<Space>{l('超期未办结', 'Overdue')}<Tag color="red">{overdueNow ?? '—'}</Tag></Space>} extra={<Link to="/cases?overdue=true">{l('全部', 'All')}</Link>}>
        <Table<Schemas['CaseListItem']>
          rowKey="id" size="small" dataSource={overdue} pagination={false} scroll={{ x: 640 }}
          locale={{ emptyText: l('没有超期的意见', 'Nothing is overdue') }}
          columns={[
            { title: l('受理编号', 'Code'), dataIndex: 'trackingCode', render: (code, c) => <Link to={`/cases/${c.id}`}>{code}</Link> },
            { title: l('内容', 'Summary'), dataIndex: 'summary', ellipsis: true },
            { title: l('承办单位', 'Unit'), dataIndex: 'unit', render: (u) => u ?? '—' },
            { title: l('办理期限', 'Deadline'), dataIndex: 'deadlineDate', render: (d, c) => <DeadlineText date={d} provisional={c.deadlineProvisional} overdue={c.overdue} overdueWorkingDays={c.overdueWorkingDays} /> },
            { title: l('催办', 'Urged'), dataIndex: 'urgeCount' },
          ]}
        />
      </Card>
    </Space>
  );
}
