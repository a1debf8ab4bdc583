import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { FilterBar, PageTitle, RequireAbility, useFilterStyle, useNarrow } from '../../kit/common.js';
import { KIND_LABELS, ReviewStateTag, STATE_LABELS } from './labels.js';
import { ReviewForm } from './ReviewForm.js';
import type { ReviewKind, ReviewListItem, ReviewPage } from './types.js';

const FILTERS = ['year', 'kind', 'state'] as const;
type FilterName = (typeof FILTERS)[number];

/** The counts of a review's comments: all of them, and those still waiting for an answer. */
function Counts({ r }: { r: ReviewListItem }) {
  const { l } = useI18n();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {l(`重点项目 ${r.projectCount} 个 · 代表意见 ${r.commentCount} 条`, `${r.projectCount} key projects · ${r.commentCount} comments`)}
      {r.openCommentCount > 0 && <Typography.Text type="danger" style={{ fontSize: 12 }}>{l(`(${r.openCommentCount} 条待答复)`, ` (${r.openCommentCount} awaiting an answer)`)}</Typography.Text>}
    </Typography.Text>
  );
}

/**
 * 预算审查: the budget reviews the account takes part in — staff those of their congresses,
 * deputies those of their congress once opened, the finance office and departments those they
 * answer in — by year, kind and state; staff start a new one (the draft or the mid-year
 * adjustment). Cards on a phone.
 */
export function BudgetReviewsPage() {
  return <RequireAbility ability="budget.read"><ReviewList /></RequireAbility>;
}

function ReviewList() {
  const { l, label } = useI18n();
  const { can } = useSession();
  const narrow = useNarrow();
  const filterStyle = useFilterStyle();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<FilterName, string | undefined>;
  const query = useApiQuery<ReviewPage>(`/api/budget-reviews${qs({ ...filters, limit: 100 })}`, { keepPrevious: true });
  const items = query.data?.items ?? [];
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => thisYear + 1 - i);

  const setFilter = (name: FilterName, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(name); else next.set(name, String(value));
    setParams(next);
  };

  const columns: TableColumnsType<ReviewListItem> = [
    { title: l('年度', 'Year'), dataIndex: 'year', width: 70 },
    { title: l('审查', 'Review'), dataIndex: 'title', render: (t: string, r) => <Link to={`/budget/${r.id}`}>{t}</Link> },
    { title: l('类型', 'Kind'), dataIndex: 'kind', width: 100, render: (_: unknown, r) => <Tag>{label(r.kindLabel)}</Tag> },
    { title: l('状态', 'State'), dataIndex: 'state', width: 130, render: (_: unknown, r) => <ReviewStateTag state={r.state} label={r.stateLabel} /> },
    { title: l('人民代表大会', 'Congress'), key: 'congress', width: 200, render: (_: unknown, r) => r.congress.name },
    { title: l('财政部门', 'Finance office'), key: 'finance', width: 180, render: (_: unknown, r) => r.financeUnit.name },
    { title: l('意见截止', 'Comments until'), dataIndex: 'commentsDueOn', width: 110, render: (d: string | null) => formatDate(d) },
    { title: l('项目与意见', 'Projects and comments'), key: 'counts', width: 230, render: (_: unknown, r) => <Counts r={r} /> },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <PageTitle
        title={l('预算审查', 'Budget review')}
        extra={can('budget.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{l('新建预算审查', 'New review')}</Button>}
      />
      <FilterBar>
        <Select
          value={filters.year ?? ''} style={filterStyle(120)} aria-label={l('年度', 'Year')} onChange={(v) => setFilter('year', v)}
          options={[{ value: '', label: l('全部年度', 'Any year') }, ...years.map((y) => ({ value: String(y), label: String(y) }))]}
        />
        <Select
          value={filters.kind ?? ''} style={filterStyle(140)} aria-label={l('类型', 'Kind')} onChange={(v) => setFilter('kind', v)}
          options={[{ value: '', label: l('草案和调整', 'Drafts and adjustments') }, ...(Object.keys(KIND_LABELS) as ReviewKind[]).map((k) => ({ value: k, label: label(KIND_LABELS[k]) }))]}
        />
        <Select
          value={filters.state ?? ''} style={filterStyle(150, true)} aria-label={l('状态', 'State')} onChange={(v) => setFilter('state', v)}
          options={[{ value: '', label: l('全部状态', 'Any state') }, ...STATE_LABELS.map(([s, name]) => ({ value: s, label: label(name) }))]}
        />
      </FilterBar>
      {query.error && <Alert type="error" showIcon message={query.error.message} />}
      {narrow ? (
        <List<ReviewListItem>
          loading={query.isFetching} dataSource={items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('没有预算审查', 'No budget reviews')} /> }}
          renderItem={(r) => (
            <Link to={`/budget/${r.id}`} style={{ display: 'block', marginBottom: 8 }} data-testid="budget-review-card">
              <Card size="small">
                <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Space size={4} wrap><ReviewStateTag state={r.state} label={r.stateLabel} /><Tag>{label(r.kindLabel)}</Tag></Space>
                    <Typography.Paragraph strong style={{ margin: '4px 0' }}>{r.title}</Typography.Paragraph>
                    <Counts r={r} />
                    {r.commentsDueOn && (
                      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{l('意见截止', 'Comments until')} {formatDate(r.commentsDueOn)}</Typography.Text>
                    )}
                  </div>
                  <RightOutlined aria-hidden style={{ color: '#8c8c8c' }} />
                </div>
              </Card>
            </Link>
          )}
        />
      ) : (
        <Table<ReviewListItem>
          rowKey="id" loading={query.isFetching} dataSource={items} pagination={false} size="middle" scroll={{ x: 'max-content' }} columns={columns}
          locale={{ emptyText: l('没有预算审查', 'No budget reviews') }}
        />
      )}
      <ReviewForm open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
