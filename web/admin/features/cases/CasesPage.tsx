import { Card, Grid, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATE_LABELS } from '../../../../common/caseVocabulary.js';
import { qs } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { DeadlineText, RatingTag } from './caseFacts.js';
import { ExportButton } from '../../kit/ExportButton.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import type { Schemas } from '../../../shared/api.js';

export type CaseItem = Schemas['CaseListItem'];

/** The filters the queue understands, kept in the address so a filtered queue can be linked and survives going back. */
const FILTERS = ['open', 'state', 'overdue', 'keySupervision', 'q', 'stationId', 'unitId', 'sort'] as const;

function StateTag({ c }: { c: CaseItem }) {
  const { label } = useI18n();
  return <Tag color={c.overdue ? 'red' : c.state === 'closed' || c.state === 'archived' ? 'default' : 'blue'}>{label(c.stateLabel)}</Tag>;
}

/** The case queue: the cases the account reaches, newest first, filtered on the server, paged by key. */
export function CasesPage() {
  const { l, label } = useI18n();
  const narrow = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;
  if (!params.has('open') && !params.has('state')) filters.open = 'true';
  const list = useKeysetQuery<CaseItem>(`/api/cases${qs(filters)}`);

  const setFilter = (name: (typeof FILTERS)[number], value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  /** 办理中 and 全部 are the `open` filter; any other choice is one state. An empty `open` means all. */
  const setStateFilter = (value: string) => {
    const next = new URLSearchParams(params);
    next.delete('state');
    next.delete('open');
    if (value === '') next.set('open', '');
    else if (value !== 'true') next.set('state', value);
    setParams(next);
  };


  const toolbar = (
    <Space wrap>
      <Select
        value={filters.state ?? filters.open ?? ''} style={{ width: 150 }} aria-label={l('状态', 'State')}
        onChange={setStateFilter}
        options={[
          { value: 'true', label: l('办理中', 'Open') },
          { value: '', label: l('全部', 'All') },
          ...CASE_STATE_LABELS.keys.map((s) => ({ value: s, label: label(CASE_STATE_LABELS.labels[s]) })),
        ]}
      />
      <Select
        value={filters.overdue ?? ''} style={{ width: 130 }} aria-label={l('期限', 'Deadline')}
        onChange={(v) => setFilter('overdue', v || undefined)}
        options={[{ value: '', label: l('不限期限', 'Any deadline') }, { value: 'true', label: l('已超期', 'Overdue') }]}
      />
      <Select
        value={filters.keySupervision ?? ''} style={{ width: 130 }} aria-label={l('督办', 'Supervision')}
        onChange={(v) => setFilter('keySupervision', v || undefined)}
        options={[{ value: '', label: l('全部督办', 'Any') }, { value: 'true', label: l('重点督办', 'Key supervision') }]}
      />
      <Select
        value={filters.sort ?? 'newest'} style={{ width: 150 }} aria-label={l('排序', 'Order')}
        onChange={(v) => setFilter('sort', v === 'newest' ? undefined : v)}
        options={[{ value: 'newest', label: l('最新提交在前', 'Newest first') }, { value: 'deadline', label: l('期限最近在前', 'Nearest deadline first') }]}
      />
      <Input.Search
        defaultValue={filters.q} placeholder={l('受理编号或内容', 'Tracking code or words')} allowClear style={{ width: narrow ? '100%' : 240 }}
        onSearch={(q) => setFilter('q', q || undefined)} aria-label={l('搜索', 'Search')}
      />
      <ExportButton href={`/api/cases.xlsx${qs(filters)}`} />
    </Space>
  );


  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {toolbar}
      {narrow ? (
        <List<CaseItem>
          loading={list.loading} dataSource={list.items} locale={{ emptyText: l('没有符合条件的意见', 'No cases match') }}
          renderItem={(c) => (
            <Link to={`/cases/${c.id}`} style={{ display: 'block', marginBottom: 8 }}>
              <Card size="small" title={<Space size={4}><StateTag c={c} />{c.keySupervision && <Tag color="gold">{l('督', 'Key')}</Tag>}</Space>} extra={<Typography.Text type="secondary">{c.trackingCode}</Typography.Text>}>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>{c.summary}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.station} · {c.unit ?? l('未交办', 'Not assigned')} · {l('期限', 'Due')} <DeadlineText date={c.deadlineDate} provisional={c.deadlineProvisional} overdue={c.overdue} overdueWorkingDays={c.overdueWorkingDays} />
                  {c.rating && <> · <RatingTag rating={c.rating} /></>}
                </Typography.Text>
              </Card>
            </Link>
          )}
        />
      ) : (
        <Table<CaseItem>
          rowKey="id" loading={list.loading} dataSource={list.items} pagination={false} scroll={{ x: 900 }}
          locale={{ emptyText: l('没有符合条件的意见', 'No cases match') }}
          columns={[
            { title: l('受理编号', 'Code'), dataIndex: 'trackingCode', render: (code, c) => <Link to={`/cases/${c.id}`}>{code}</Link> },
            { title: l('状态', 'State'), dataIndex: 'state', render: (_, c) => <Space size={4}><StateTag c={c} />{c.keySupervision && <Tag color="gold">{l('重点', 'Key')}</Tag>}</Space> },
            { title: l('内容', 'Summary'), dataIndex: 'summary', ellipsis: true },
            { title: l('类别', 'Category'), dataIndex: 'category' },
            { title: l('联络站', 'Station'), dataIndex: 'station' },
            { title: l('承办单位', 'Unit'), dataIndex: 'unit', render: (u) => u ?? '—' },
            { title: l('提交时间', 'Submitted'), dataIndex: 'submittedAt', render: formatDateTime },
            { title: l('办理期限', 'Deadline'), dataIndex: 'deadlineDate', render: (d, c) => <DeadlineText date={d} provisional={c.deadlineProvisional} overdue={c.overdue} overdueWorkingDays={c.overdueWorkingDays} /> },
            { title: l('群众评价', 'Rating'), dataIndex: 'rating', render: (r) => <RatingTag rating={r} /> },
          ]}
        />
      )}
      {list.pager}
    </Space>
  );
}
