import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, List, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useSession } from '../../app/session.js';
import { FilterBar, LoadError, PageTitle, useFilterStyle, useNarrow } from '../../kit/common.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { STATE_COLORS, STATE_LABELS } from './labels.js';
import type { TopicItem } from './types.js';

/** A topic's state, and whether its window is open today. */
export function TopicStateTag({ t }: { t: Pick<TopicItem, 'state' | 'stateLabel' | 'windowOpen'> }) {
  const { l, label } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={STATE_COLORS[t.state]} data-testid="consultation-state">{label(t.stateLabel)}</Tag>
      {t.state === 'open' && !t.windowOpen && <Tag>{l('不在征询期内', 'Outside the window')}</Tag>}
    </Space>
  );
}

/** The consultation window, from the first day to the last. */
export const windowText = (t: Pick<TopicItem, 'opensOn' | 'closesOn'>) => `${formatDate(t.opensOn)} – ${formatDate(t.closesOn)}`;

/**
 * 议题征询: the standing committee's topics the account reaches — the staff of a congress all of
 * theirs (drafts too), a station's officers and deputies the topics asking their stations — by
 * state and words. On a phone each topic is a card: the officer or deputy opens it to register
 * the views heard and to read the feedback.
 */
export function ConsultationsPage() {
  const { l, label } = useI18n();
  const { can } = useSession();
  const narrow = useNarrow();
  const filterStyle = useFilterStyle();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // From the to-do list (`?todo=consultation.gather`): the topics open for views.
  const state = params.get('state') ?? (params.get('todo') ? 'open' : '');
  const q = params.get('q') ?? '';
  const list = useKeysetQuery<TopicItem>(`/api/consultations${qs({ state, q })}`);
  const manages = can('consultation.manage');

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value); else next.delete(name);
    next.delete('todo');
    setParams(next);
  };

  const columns: TableColumnsType<TopicItem> = [
    { title: l('议题', 'Topic'), dataIndex: 'title', render: (t: string, r) => <Link to={`/consultations/${r.id}`}>{t}</Link> },
    { title: l('状态', 'State'), key: 'state', width: 170, render: (_: unknown, r) => <TopicStateTag t={r} /> },
    { title: l('征询期', 'Window'), key: 'window', width: 210, render: (_: unknown, r) => windowText(r) },
    { title: l('人大常委会', 'Committee'), key: 'congress', width: 200, render: (_: unknown, r) => r.congress.name },
    { title: l('征询站点', 'Stations'), dataIndex: 'stationCount', width: 90, align: 'right' },
    { title: l('意见数', 'Views'), dataIndex: 'viewCount', width: 80, align: 'right' },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle
        title={l('议题征询', 'Consultations')}
        extra={manages && <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/consultations/new')}>{l('新建议题', 'New topic')}</Button>}
      />
      <FilterBar>
        <Input.Search
          key={q} defaultValue={q} allowClear placeholder={l('议题标题', 'Topic title')} aria-label={l('搜索议题', 'Search topics')}
          onSearch={(v) => setFilter('q', v.trim())} style={filterStyle(240)}
        />
        <Select
          value={state} aria-label={l('状态', 'State')} onChange={(v) => setFilter('state', v)} style={filterStyle(160)}
          options={[{ value: '', label: l('全部状态', 'Any state') }, ...STATE_LABELS.map(([s, name]) => ({ value: s, label: label(name) }))]}
        />
      </FilterBar>
      <LoadError error={list.error} retry={list.reload} />
      {narrow ? (
        <List<TopicItem>
          loading={list.loading} dataSource={list.items} locale={{ emptyText: l('暂无议题', 'No topics') }}
          renderItem={(t) => (
            <Link to={`/consultations/${t.id}`} style={{ display: 'block', marginBottom: 8 }} data-testid="consultation-card">
              <Card size="small" title={<TopicStateTag t={t} />} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{l(`${t.viewCount} 条意见`, `${t.viewCount} views`)}</Typography.Text>}>
                <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ marginBottom: 4 }}>{t.title}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.congress.name} · {windowText(t)}</Typography.Text>
              </Card>
            </Link>
          )}
        />
      ) : (
        <Table<TopicItem>
          rowKey="id" loading={list.loading} dataSource={list.items} columns={columns} pagination={false} size="middle"
          locale={{ emptyText: l('暂无议题', 'No topics') }} scroll={{ x: 'max-content' }}
        />
      )}
      {list.pager}
    </Space>
  );
}
