import { Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { LoadError, PageTitle, RequireAbility } from '../../kit/common.js';
import { stateColor } from './MyGridPage.js';
import type { GridWhistle } from './types.js';

/** One of the grid worker's whistles: what they reported, where, and what the station did with it. */
export function WhistlePage() {
  const { l, label } = useI18n();
  const { id } = useParams();
  const w = useApiQuery<GridWhistle>(`/api/grids/whistles/${Number(id)}`);
  const d = w.data;
  return (
    <RequireAbility ability="grid.whistle">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <PageTitle title={l('吹哨详情', 'Whistle')} extra={<Link to="/my-grid">{l('返回我的网格', 'Back to my grid')}</Link>} />
        <LoadError error={w.error?.message ?? null} retry={() => void w.refetch()} />
        {d && (
          <>
            <Card size="small" title={<Space wrap>{d.trackingCode}<Tag color={stateColor(d.state)} data-testid="whistle-state">{label(d.stateLabel)}</Tag></Space>}>
              <Descriptions
                column={1} size="small"
                items={[
                  { key: 'cell', label: l('网格', 'Cell'), children: d.cellName },
                  { key: 'station', label: l('联络站', 'Station'), children: d.stationName },
                  { key: 'at', label: l('吹哨时间', 'Blown at'), children: formatDateTime(d.submittedAt) },
                  { key: 'place', label: l('地点', 'Place'), children: d.place || '—' },
                  { key: 'loc', label: l('定位', 'Location'), children: d.location ? `${d.location.lat}, ${d.location.lng}` : '—' },
                  { key: 'photos', label: l('照片', 'Photos'), children: l(`${d.photoCount} 张`, `${d.photoCount}`) },
                ]}
              />
              <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>{d.content}</Typography.Paragraph>
            </Card>
            <Card size="small" title={l('办理情况', 'What the station did')}>
              <Timeline
                items={d.timeline.map((e) => ({
                  children: (
                    <div>
                      <div><strong>{label(e.label)}</strong> <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text></div>
                      {e.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div>}
                    </div>
                  ),
                }))}
              />
            </Card>
          </>
        )}
      </Space>
    </RequireAbility>
  );
}
