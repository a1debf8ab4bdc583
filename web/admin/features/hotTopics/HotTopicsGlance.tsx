import { RiseOutlined } from '@ant-design/icons';
import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { Sparkline } from './Sparkline.js';
import type { HotTopicList } from './types.js';

const SHOWN = 5;

/**
 * 热点议题 on the home screen: the first rising topics of the reader's county over the last eight
 * weeks, each with its weeks and count, linking to the topic; the whole list a click away.
 */
export function HotTopicsGlance() {
  const { l } = useI18n();
  const query = useApiQuery<HotTopicList>('/api/hot-topics');
  const items = (query.data?.items ?? []).slice(0, SHOWN);
  if (query.error || (query.data && !query.data.run)) return null;
  return (
    <Card
      size="small" title={l('热点议题', 'Hot topics')} loading={query.isPending} data-testid="hot-topics-glance"
      extra={<Link to="/hot-topics">{l('全部', 'All')}</Link>}
    >
      <List
        size="small" dataSource={items} locale={{ emptyText: l('暂无热点议题', 'No hot topic') }}
        renderItem={(t) => (
          <List.Item style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 96px', gap: 12, paddingInline: 0 }}>
            <Space size={[8, 0]} wrap style={{ minWidth: 0 }}>
              <Link to={`/hot-topics/${t.id}`} style={{ overflowWrap: 'anywhere' }}>{t.label}</Link>
              {t.rising && <Tag color="red" icon={<RiseOutlined />} style={{ marginInlineEnd: 0 }}>{l('上升', 'Rising')}</Tag>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {l(`${t.count} 条 · ${t.stationCount} 个联络站`, `${t.count} · ${t.stationCount} stations`)}
              </Typography.Text>
            </Space>
            <Sparkline weekly={t.weekly} rising={t.rising} height={28} />
          </List.Item>
        )}
      />
    </Card>
  );
}
