import { Badge, Button, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { DIGEST_KIND, NOTIFICATION_TYPES, type NotificationTypeKey } from '../../../../common/notificationTypes.js';
import { ApiError, get, post, qs, type Answer } from '../../../shared/api.js';
import { apiKey, invalidateApi } from '../../../shared/query.js';
import { useKeysetQuery, type KeysetPage } from '../../kit/useKeysetQuery.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import type { Schemas } from '../../../shared/api.js';

type Notification = Schemas['Notification'];

/** The unread count for the header badge: on load, on every page change, when read, and once a minute. */
export function useUnreadCount(): number {
  const location = useLocation();
  const query = useQuery<Answer<'/api/notifications/unread-count'>, ApiError>({
    queryKey: apiKey('/api/notifications/unread-count'),
    queryFn: () => get('/api/notifications/unread-count'),
    refetchInterval: 60_000,
  });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    void invalidateApi('/api/notifications/unread-count');
  }, [location.pathname]);
  return query.data?.count ?? 0;
}

/**
 * The notification centre: newest first, unread ones marked, filtered by type; opening one marks
 * it read and goes to its case. A daily digest opens the notifications it folded (`?digest=`).
 */
export function NotificationsPage() {
  const { l, lang } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const digest = params.get('digest');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [type, setType] = useState<NotificationTypeKey | null>(null);
  const list = useKeysetQuery<Notification, KeysetPage<Notification> & { unreadCount: number }>(
    `/api/notifications${qs({ unread: unreadOnly, type, digest })}`,
  );
  const unreadCount = list.page?.unreadCount ?? 0;

  async function open(n: Notification) {
    if (!n.readAt) {
      await post(`/api/notifications/${n.id}/read`);
      void invalidateApi('/api/notifications');
    }
    if (n.link) navigate(n.link);
    else await list.reload();
  }

  async function readAll() {
    await post('/api/notifications/read-all');
    list.restart();
    await invalidateApi('/api/notifications');
  }

  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 820 }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {digest ? l('每日汇总', 'Daily digest') : l('通知', 'Notifications')} {!digest && <Badge count={unreadCount} />}
        </Typography.Title>
        <Space wrap>
          {digest && <Link to="/notifications">{l('返回全部通知', 'Back to all notifications')}</Link>}
          <Select<NotificationTypeKey | 'all'>
            value={type ?? 'all'} onChange={(v) => setType(v === 'all' ? null : v)} style={{ width: 130 }}
            aria-label={l('通知类型', 'Notification type')}
            options={[{ value: 'all', label: l('全部类型', 'All types') }, ...NOTIFICATION_TYPES.keys.map((k) => ({ value: k, label: NOTIFICATION_TYPES.labels[k][lang] }))]}
          />
          <Segmented
            value={unreadOnly ? 'unread' : 'all'} onChange={(v) => setUnreadOnly(v === 'unread')}
            options={[{ value: 'all', label: l('全部', 'All') }, { value: 'unread', label: l('未读', 'Unread') }]}
          />
          {!digest && <Button onClick={() => void readAll()} disabled={unreadCount === 0}>{l('全部标为已读', 'Mark all read')}</Button>}
          {!digest && <Link to="/me">{l('通知偏好', 'Preferences')}</Link>}
        </Space>
      </Space>
      <List<Notification>
        loading={list.loading} dataSource={list.items} bordered style={{ background: '#fff' }}
        locale={{ emptyText: unreadOnly ? l('没有未读通知', 'No unread notifications') : l('暂无通知', 'No notifications yet') }}
        renderItem={(n) => (
          <List.Item
            onClick={() => void open(n)} style={{ cursor: 'pointer', background: n.readAt ? undefined : '#fff7f6' }}
            actions={[<Typography.Text key="at" type="secondary" style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}</Typography.Text>]}
          >
            <List.Item.Meta
              avatar={<Badge dot={!n.readAt} />}
              title={(
                <Space wrap size={4}>
                  {n.kind === DIGEST_KIND
                    ? <Tag color="blue">{l('每日汇总', 'Digest')}</Tag>
                    : <Tag>{NOTIFICATION_TYPES.labels[n.type][lang]}</Tag>}
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                </Space>
              )}
              description={<span style={{ whiteSpace: 'pre-line' }}>{n.body}</span>}
            />
          </List.Item>
        )}
      />
      {list.pager}
    </Space>
  );
}
