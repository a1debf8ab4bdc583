import { CameraOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { get, type ApiError, type Answer, type Schemas } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { apiKey } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { MyRotaCard } from '../activities/RotaCard.js';

type Counts = Schemas['TodoCounts'];
type Item = Counts['items'][number];
type Entry = Schemas['TodoEntry'];

const TONE_COLOR: Record<Item['tone'], string> = { normal: '#1f1f1f', warning: '#ad4e00', danger: '#cf1322' };

/** The counts of what awaits me, read afresh whenever a screen showing them opens (an action elsewhere changes them). */
export function useTodoCounts() {
  return useQuery<Answer<'/api/todo'>, ApiError>({ queryKey: apiKey('/api/todo'), queryFn: () => get('/api/todo'), refetchOnMount: 'always' });
}

/** One tile per to-do item: its count, and a link (or a choice) to its list. */
function Tiles({ items, selected, onSelect }: { items: Item[]; selected?: string | null; onSelect?: (key: string) => void }) {
  const { label } = useI18n();
  return (
    <Row gutter={[8, 8]}>
      {items.map((i) => {
        const body = (
          <Card
            size="small" hoverable
            style={{ borderColor: selected === i.key ? '#b71c1c' : undefined, width: '100%', height: '100%' }}
            styles={{ body: { padding: 12 } }}
          >
            <Statistic
              title={<span style={{ color: '#1f1f1f' }}>{label(i.label)}</span>} value={i.count}
              valueStyle={{ color: i.count > 0 ? TONE_COLOR[i.tone] : '#595959', fontSize: 26 }}
            />
          </Card>
        );
        return (
          <Col key={i.key} xs={12} sm={8} md={6} lg={4}>
            {onSelect
              ? <button type="button" className="lx-plain-button" aria-pressed={selected === i.key} aria-label={`${label(i.label)} ${i.count}`}
                  onClick={() => onSelect(i.key)} style={{ all: 'unset', display: 'block', boxSizing: 'border-box', width: '100%', height: '100%', cursor: 'pointer' }}>{body}</button>
              : <Link to={`/todo?item=${encodeURIComponent(i.key)}`} aria-label={`${label(i.label)} ${i.count}`} style={{ display: 'block', height: '100%' }}>{body}</Link>}
          </Col>
        );
      })}
    </Row>
  );
}

/** The dashboard's panel: what awaits me, each count a way into its list. */
export function TodoPanel() {
  const { l } = useI18n();
  const counts = useTodoCounts();
  const items = counts.data?.items ?? [];
  if (counts.data && items.length === 0) return null;
  return (
    <Card
      size="small" loading={!counts.data && !counts.error}
      title={<Space>{l('我的待办', 'My to-do')}<Badge count={counts.data?.total ?? 0} overflowCount={999} showZero color={counts.data?.total ? '#b71c1c' : '#8c8c8c'} /></Space>}
      extra={<Link to="/todo">{l('全部待办', 'All to-dos')}</Link>}
    >
      {counts.error ? <Alert type="error" showIcon message={counts.error.message} /> : <Tiles items={items} />}
    </Card>
  );
}

function EntryList({ item }: { item: Item }) {
  const { l, label } = useI18n();
  const list = useKeysetQuery<Entry>(`/api/todo/${encodeURIComponent(item.key)}`, 20);
  return (
    <Card
      size="small" title={<Space>{label(item.label)}<Tag>{item.count}</Tag></Space>}
      extra={<Link to={item.href}>{l('在列表中查看', 'Open as a list')}</Link>}
    >
      {list.error && <Alert type="error" showIcon message={list.error} style={{ marginBottom: 8 }} />}
      <List<Entry>
        loading={list.loading} dataSource={list.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('这一项没有待办', 'Nothing waits here')} /> }}
        renderItem={(e) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Link to={e.href} style={{ display: 'flex', width: '100%', alignItems: 'center', gap: 8, minHeight: 44 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Space size={4} wrap>
                  <Typography.Text strong>{e.code}</Typography.Text>
                  {e.overdue && <Tag color="red">{l('已超期', 'Overdue')}</Tag>}
                  {e.dueAt && !e.overdue && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l('期限', 'Due')} {formatDate(new Date(Date.parse(e.dueAt) - 1).toISOString())}</Typography.Text>}
                </Space>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', color: '#1f1f1f' }}>{e.title}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.detail}</Typography.Text>
              </div>
              <RightOutlined aria-hidden style={{ color: '#8c8c8c' }} />
            </Link>
          </List.Item>
        )}
      />
      {list.pager}
    </Card>
  );
}

/**
 * 我的待办: what awaits my action, item by item (待签收, 待受理, 已超期 …), each with its list.
 * The first page of unit clerks and deputies, and on a phone a column of tiles and cards.
 */
export function TodoPage() {
  const { l } = useI18n();
  const { me } = useSession();
  const counts = useTodoCounts();
  const [params, setParams] = useSearchParams();
  const items = counts.data?.items ?? [];
  const chosen = params.get('item');
  const current = items.find((i) => i.key === chosen) ?? items.find((i) => i.count > 0) ?? items[0] ?? null;
  const deputy = me!.role === 'deputy';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {l('我的待办', 'My to-do')}{counts.data ? l(`(共 ${counts.data.total} 件)`, ` (${counts.data.total})`) : ''}
        </Typography.Title>
        <Space wrap>
          <Link to="/cases?awaitingMe=true">{l('待我办理的全部意见', 'All cases awaiting me')}</Link>
          {(me!.role === 'unit' || deputy) && <Link to="/dashboard">{l('本月概况', 'The month at a glance')}</Link>}
        </Space>
      </Space>
      {counts.error && <Alert type="error" showIcon message={counts.error.message} />}
      {deputy && (
        <Link to="/activities?new=1"><Button type="primary" block size="large" icon={<CameraOutlined />}>{l('记录履职活动', 'Record an activity')}</Button></Link>
      )}
      {counts.data && items.length === 0 && <Empty description={l('您的角色没有待办事项', 'Your role has no to-do items')} />}
      <Tiles items={items} selected={current?.key ?? null} onSelect={(key) => setParams({ item: key }, { replace: true })} />
      {current && <EntryList key={current.key} item={current} />}
      {deputy && <MyRotaCard />}
      {deputy && me!.scope.stations.length > 0 && (
        <Card size="small" title={l('我所在的联络站', 'My stations')}>
          <List size="small" dataSource={me!.scope.stations} renderItem={(s) => (
            <List.Item><Link to={`/stations/${s.id}`}>{s.name}</Link><Link to={`/cases?stationId=${s.id}`}>{l('查看意见', 'Cases')}</Link></List.Item>
          )} />
        </Card>
      )}
    </Space>
  );
}
