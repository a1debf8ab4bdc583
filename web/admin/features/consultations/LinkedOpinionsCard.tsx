import { FireOutlined } from '@ant-design/icons';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { qs } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { LoadError } from '../../kit/common.js';
import type { ConsultationCase, ConsultationCases } from '../hotTopics/types.js';
import type { Topic } from './types.js';

const PAGE = 10;

/**
 * 关联的群众意见: opinions the stations received before the topic was asked, linked to it as
 * input (mostly from a hot topic: 纳入议题征询), each with where it came from and who linked it;
 * the text masked, only the opinions the reader may see listed. Those running the topic find the
 * way to add more from the hot topics.
 */
export function LinkedOpinionsCard({ topic }: { topic: Topic }) {
  const { l, label } = useI18n();
  const { can } = useSession();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const query = useApiQuery<ConsultationCases>(
    `/api/consultations/${topic.id}/cases${qs({ cursor, limit: PAGE })}`, { keepPrevious: true },
  );
  const page = query.data;
  const adds = Boolean(page?.canLink) && can('hotTopic.read');
  if (!adds && !query.error && (!page || page.total === 0)) return null;
  return (
    <Card
      size="small" data-testid="consultation-linked-opinions"
      title={l(`关联的群众意见${page ? `(${page.total})` : ''}`, `Linked opinions${page ? ` (${page.total})` : ''}`)}
      extra={adds && <Link to="/hot-topics"><Space size={4}><FireOutlined />{l('从热点议题添加', 'Add from hot topics')}</Space></Link>}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
        {l('联络站平时收到的相关群众意见,作为本议题征询的参考;姓名、电话不显示。', 'Opinions the stations received on the matter, as input to this consultation; no names or phones.')}
      </Typography.Paragraph>
      <LoadError error={query.error?.message ?? null} retry={() => void query.refetch()} />
      <List<ConsultationCase>
        size="small" dataSource={page?.items ?? []} loading={query.isFetching}
        locale={{ emptyText: l('尚未关联群众意见', 'No opinion linked yet') }}
        renderItem={(c) => (
          <List.Item style={{ display: 'block', paddingInline: 0 }}>
            <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '…' }} style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{c.content}</Typography.Paragraph>
            <Space size={[8, 0]} wrap style={{ fontSize: 12 }}>
              <Link to={`/cases/${c.caseId}`}>{c.trackingCode}</Link>
              {c.category && <Tag style={{ marginInlineEnd: 0 }}>{label(c.category)}</Tag>}
              <Typography.Text type="secondary">{c.stationName}{c.village && ` · ${c.village}`} · {formatDate(c.submittedAt)}</Typography.Text>
              {c.hotTopic && (c.hotTopic.id
                ? <Link to={`/hot-topics/${c.hotTopic.id}`}><Tag color="red" icon={<FireOutlined />} style={{ marginInlineEnd: 0 }}>{c.hotTopic.label}</Tag></Link>
                : <Tag color="red" icon={<FireOutlined />} style={{ marginInlineEnd: 0 }}>{c.hotTopic.label}</Tag>)}
              <Typography.Text type="secondary">{l(`${c.linkedBy} 关联于 ${formatDateTime(c.linkedAt)}`, `linked by ${c.linkedBy}, ${formatDateTime(c.linkedAt)}`)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {(cursors.length > 1 || page?.nextCursor) && (
        <Space>
          <Button size="small" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>{l('上一页', 'Previous')}</Button>
          <Button size="small" disabled={!page?.nextCursor || query.isPlaceholderData} onClick={() => setCursors([...cursors, page!.nextCursor])}>{l('下一页', 'Next')}</Button>
        </Space>
      )}
    </Card>
  );
}
