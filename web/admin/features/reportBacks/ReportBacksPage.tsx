import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import {
  Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, List, Modal, Radio, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography, type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { put, qs } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { FilterBar, LoadError, PageTitle, useFilterStyle, useNarrow } from '../../kit/common.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { CADENCES, PLAN_COLORS, PLAN_LABELS, STATE_COLORS } from './labels.js';
import type { CongressOption, Issue, Plan, PlanRow, ReportBackItem } from './types.js';

/** A report-back's state as a tag. */
export function StateTag({ r }: { r: Pick<ReportBackItem, 'state' | 'stateLabel'> }) {
  const { label } = useI18n();
  return <Tag color={STATE_COLORS[r.state] ?? 'default'} data-testid="report-back-state">{label(r.stateLabel)}</Tag>;
}

const satisfied = (p: number | null) => (p === null ? '—' : `${p}%`);

/** 述职安排: the cadence of a congress (per term or yearly, how many times). */
function CadenceDialog({ congress, open, onClose }: { congress: CongressOption; open: boolean; onClose(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<{ cadence: CongressOption['cadence']; times: number; dueOn?: Dayjs | null }>();
  const { busy, run } = useFormWrite(form);
  const save = (v: { cadence: CongressOption['cadence']; times: number; dueOn?: Dayjs | null }) => run(
    () => put('/api/report-backs/plan', {
      level: congress.level, regionCode: congress.regionCode, cadence: v.cadence, times: v.times,
      dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null, ...(typeof congress.version === 'number' && { version: congress.version }),
    }),
    l('已保存', 'Saved'),
    async () => { await invalidateApi('/api/report-backs'); onClose(); },
  );
  return (
    <Modal open={open} title={l('述职频次', 'How often deputies report')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void save(v)} initialValues={{ cadence: congress.cadence, times: congress.times, dueOn: congress.dueOn ? dayjs(congress.dueOn) : null }}>
        <Form.Item name="cadence" label={congress.name}>
          <Radio.Group options={Object.entries(CADENCES).map(([value, name]) => ({ value, label: label(name) }))} />
        </Form.Item>
        <Form.Item name="times" label={l('每个周期述职次数', 'Times per period')} rules={[{ required: true }]}>
          <InputNumber min={1} max={12} />
        </Form.Item>
        <Form.Item name="dueOn" label={l('完成期限(选填,默认为届末或年末)', 'Due by (optional; default the end of the term or year)')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 述职计划: for one congress, each deputy of the current term — reported, due (by when) or
 * overdue — with the counts, the cadence (configurable) and a way to plan the report-back of
 * a deputy who is due.
 */
function PlanTab({ manages }: { manages: boolean }) {
  const { can } = useSession();
  const planEditor = can('reportBack.plan');
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const navigate = useNavigate();
  const filterStyle = useFilterStyle();
  const [params, setParams] = useSearchParams();
  const congresses = useApiQuery<{ items: CongressOption[] }>('/api/report-backs/congresses');
  const list = congresses.data?.items ?? [];
  const key = (c: CongressOption) => `${c.level}:${c.regionCode}`;
  const chosen = list.find((c) => key(c) === params.get('congress')) ?? list[0] ?? null;
  const status = params.get('status') ?? '';
  const plan = useApiQuery<Plan>(chosen ? `/api/report-backs/plan${qs({ level: chosen.level, regionCode: chosen.regionCode })}` : null);
  const [editing, setEditing] = useState(false);
  const p = plan.data;
  const rows = (p?.deputies ?? []).filter((d) => !status || d.status === status);
  const set = (name: string, value: string | number) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, String(value)); else next.delete(name);
    setParams(next, { replace: true });
  };

  const plan1 = (d: PlanRow) => void navigate(`/report-backs/new${qs({ deputyId: d.deputyId, level: chosen?.level, regionCode: chosen?.regionCode })}`);
  const columns: TableColumnsType<PlanRow> = [
    { title: l('代表', 'Deputy'), dataIndex: 'name', render: (n: string, d) => <Link to={`/deputies/${d.deputyId}`}>{n}</Link> },
    { title: l('联络站', 'Station'), dataIndex: 'stationNames', render: (v: string[]) => v.join(l('、', ', ')) || '—' },
    { title: l('情况', 'Status'), dataIndex: 'status', width: 120, render: (s: string, d) => <Tag color={PLAN_COLORS[s]}>{label(d.statusLabel)}</Tag> },
    { title: l('应述职期限', 'Due by'), dataIndex: 'dueBy', width: 120, render: (v: string | null) => formatDate(v) },
    {
      title: l('已述职', 'Held'), key: 'done',
      render: (_: unknown, d) => (
        <Space size={4} wrap>
          {l(`${d.held} 次`, String(d.held))}
          {d.lastReportBack && <Link to={`/report-backs/${d.lastReportBack.id}`}>{l(`最近 ${formatDate(d.lastReportBack.date)}`, `last ${formatDate(d.lastReportBack.date)}`)}</Link>}
        </Space>
      ),
    },
    ...(manages ? [{
      title: l('操作', 'Actions'), key: 'act', width: 100,
      render: (_: unknown, d: PlanRow) => d.status !== 'reported' && <Button size="small" onClick={() => plan1(d)}>{l('安排述职', 'Plan')}</Button>,
    }] : []),
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <LoadError error={congresses.error?.message ?? plan.error?.message ?? null} retry={() => void invalidateApi('/api/report-backs')} />
      <FilterBar>
        <Select
          aria-label={l('人民代表大会', 'Congress')} style={filterStyle(300, true)} value={chosen ? key(chosen) : undefined} loading={congresses.isLoading}
          onChange={(v: string) => set('congress', v)} options={list.map((c) => ({ value: key(c), label: c.name }))}
        />
        <Select
          aria-label={l('情况', 'Status')} style={filterStyle(160)} value={status} onChange={(v: string) => set('status', v)}
          options={[{ value: '', label: l('全部代表', 'All deputies') }, ...Object.entries(PLAN_LABELS).map(([value, name]) => ({ value, label: label(name) }))]}
        />
        {p && (
          <Button icon={<SettingOutlined />} disabled={!planEditor} onClick={() => setEditing(true)} title={l('述职频次', 'How often')}>
            {label(p.congress.cadenceLabel)}{p.congress.times > 1 ? l(` ${p.congress.times} 次`, ` ×${p.congress.times}`) : ''}
          </Button>
        )}
      </FilterBar>
      {p && (
        <Row gutter={[12, 12]} data-testid="plan-counts">
          <Col xs={24} md={6}><Card size="small"><Statistic title={l('述职期间', 'Period')} value={`${formatDate(p.period.from)} – ${formatDate(p.period.to)}`} valueStyle={{ fontSize: 15 }} /></Card></Col>
          <Col xs={8} md={4}><Card size="small"><Statistic title={l('已述职', 'Reported')} value={p.counts.reported} valueStyle={{ color: '#389e0d' }} /></Card></Col>
          <Col xs={8} md={4}><Card size="small"><Statistic title={l('待述职', 'Due')} value={p.counts.due} /></Card></Col>
          <Col xs={8} md={4}><Card size="small"><Statistic title={l('逾期', 'Overdue')} value={p.counts.overdue} valueStyle={{ color: '#cf1322' }} /></Card></Col>
        </Row>
      )}
      {narrow ? (
        <List<PlanRow>
          loading={plan.isLoading} dataSource={rows} locale={{ emptyText: l('没有代表', 'No deputies') }}
          renderItem={(d) => (
            <Card size="small" style={{ marginBottom: 8 }} title={d.name} extra={<Tag color={PLAN_COLORS[d.status]}>{label(d.statusLabel)}</Tag>}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.stationNames.join(l('、', ', '))}{l(` · 期限 ${formatDate(d.dueBy)}`, ` · due ${formatDate(d.dueBy)}`)}</Typography.Text>
              {d.lastReportBack && <div><Link to={`/report-backs/${d.lastReportBack.id}`}>{l(`${formatDate(d.lastReportBack.date)} 述职`, `Reported ${formatDate(d.lastReportBack.date)}`)}</Link></div>}
            </Card>
          )}
        />
      ) : (
        <Table<PlanRow> rowKey="deputyId" size="middle" loading={plan.isLoading} dataSource={rows} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />
      )}
      {p && planEditor && <CadenceDialog congress={p.congress} open={editing} onClose={() => setEditing(false)} />}
    </Space>
  );
}

/** The report-backs the reader reaches (a deputy: their own), newest first; on a phone as cards. */
function MeetingsTab({ mine }: { mine: boolean }) {
  const { l } = useI18n();
  const narrow = useNarrow();
  const filterStyle = useFilterStyle();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const list = useKeysetQuery<ReportBackItem>(`/api/report-backs${qs({ q, mine: mine ? 'true' : undefined })}`);
  const columns: TableColumnsType<ReportBackItem> = [
    { title: l('述职', 'Report-back'), dataIndex: 'title', render: (t: string, r) => <Link to={`/report-backs/${r.id}`}>{t}</Link> },
    { title: l('代表', 'Deputy'), key: 'deputy', width: 100, render: (_: unknown, r) => r.deputy.name },
    { title: l('时间', 'When'), dataIndex: 'startsAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: l('地点', 'Place'), key: 'place', render: (_: unknown, r) => [r.station?.name, r.place].filter(Boolean).join(' · ') || '—' },
    { title: l('状态', 'State'), key: 'state', width: 110, render: (_: unknown, r) => <StateTag r={r} /> },
    { title: l('评议', 'Evaluations'), dataIndex: 'evaluationCount', width: 80, align: 'right' },
    { title: l('满意率', 'Satisfied'), dataIndex: 'satisfiedPercent', width: 80, align: 'right', render: satisfied },
    { title: l('未办结问题', 'Open issues'), dataIndex: 'openIssues', width: 100, align: 'right' },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {!mine && (
        <FilterBar>
          <Input.Search
            key={q} defaultValue={q} allowClear placeholder={l('代表姓名或述职名称', 'Deputy or title')} aria-label={l('搜索述职', 'Search report-backs')}
            onSearch={(v) => setParams(v.trim() ? { tab: 'meetings', q: v.trim() } : { tab: 'meetings' })} style={filterStyle(260, true)}
          />
        </FilterBar>
      )}
      <LoadError error={list.error} retry={list.reload} />
      {narrow ? (
        <List<ReportBackItem>
          loading={list.loading} dataSource={list.items} locale={{ emptyText: mine ? l('还没有安排您的述职', 'No report-back of yours yet') : l('暂无述职', 'No report-backs') }}
          renderItem={(r) => (
            <Link to={`/report-backs/${r.id}`} style={{ display: 'block', marginBottom: 8 }} data-testid="report-back-card">
              <Card size="small" title={<StateTag r={r} />} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{l(`评议 ${r.evaluationCount} 份`, `${r.evaluationCount} evaluations`)}</Typography.Text>}>
                <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>{r.title}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(r.startsAt)}{r.place ? ` · ${r.place}` : ''}</Typography.Text>
              </Card>
            </Link>
          )}
        />
      ) : (
        <Table<ReportBackItem> rowKey="id" size="middle" loading={list.loading} dataSource={list.items} columns={columns} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: l('暂无述职', 'No report-backs') }} />
      )}
      {list.pager}
    </Space>
  );
}

/** 待办结的问题: the open items of the deputy's issue lists across their report-backs, overdue ones marked. */
function MyOpenIssues() {
  const { l } = useI18n();
  const query = useApiQuery<{ items: Issue[] }>('/api/report-backs/issues?state=open&mine=true&limit=20');
  const items = query.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card size="small" title={l(`待办结的问题(${items.length})`, `Open issues (${items.length})`)} data-testid="my-open-issues">
      <List<Issue>
        size="small" dataSource={items}
        renderItem={(i) => (
          <List.Item style={{ display: 'block' }}>
            <Link to={`/report-backs/${i.reportBackId}`}>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{i.text}</Typography.Paragraph>
            </Link>
            <Space size={[8, 0]} wrap>
              {i.overdue && <Tag color="red">{l('逾期', 'Overdue')}</Tag>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.dueOn ? l(`期限 ${formatDate(i.dueOn)}`, `Due ${formatDate(i.dueOn)}`) : ''} {i.reportBack.title}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * 述职: the staff and officers see the plan per congress (who has reported, who is due, who is
 * overdue) and the report-back meetings; a deputy sees 我的述职, their own report-backs, on the
 * phone, each opening to the report they write and the evaluation's results.
 */
export function ReportBacksPage() {
  const { l } = useI18n();
  const { can, me } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const manages = can('reportBack.manage');
  const planner = can('reportBack.plan');
  const deputy = me?.role === 'deputy';
  if (deputy) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <PageTitle title={l('我的述职', 'My report-backs')} />
        <Alert type="info" showIcon title={l('打开一场述职,可在手机上撰写和修改述职报告,查看群众评议和问题清单。', 'Open a report-back to write your report on the phone and read the evaluation and the issue list.')} />
        <MyOpenIssues />
        <MeetingsTab mine />
      </Space>
    );
  }
  const tab = params.get('tab') ?? (planner ? 'plan' : 'meetings');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle
        title={l('代表述职', 'Report-backs')}
        extra={manages && <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/report-backs/new')}>{l('安排述职', 'Plan a report-back')}</Button>}
      />
      <Tabs
        activeKey={tab} onChange={(k) => setParams({ tab: k })}
        items={[
          ...(planner ? [{ key: 'plan', label: l('述职计划', 'Plan'), children: tab === 'plan' && <PlanTab manages={manages} /> }] : []),
          { key: 'meetings', label: l('述职活动', 'Meetings'), children: tab === 'meetings' && <MeetingsTab mine={false} /> },
        ]}
      />
    </Space>
  );
}
