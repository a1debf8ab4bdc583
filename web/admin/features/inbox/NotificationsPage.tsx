import { Badge, Button, List, Segmented, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
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

/** The notification centre: newest first, unread ones marked; opening one marks it read and goes to its case. */
export function NotificationsPage() {
  const { l } = useI18n();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useKeysetQuery<Notification, KeysetPage<Notification> & { unreadCount: number }>(`/api/notifications${qs({ unread: unreadOnly })}`);
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
        <Typography.Title level={4} style={{ margin: 0 }}>{l('通知', 'Notifications')} <Badge count={unreadCount} /></Typography.Title>
        <Space>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'} onChange={(v) => setUnreadOnly(v === 'unread')}
            options={[{ value: 'all', label: l('全部', 'All') }, { value: 'unread', label: l('未读', 'Unread') }]}
          />
          <Button onClick={() => void readAll()} disabled={unreadCount === 0}>{l('全部标为已读', 'Mark all read')}</Button>
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
              title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
              description={n.body}
            />
          </List.Item>
        )}
      />
      {list.pager}
    </Space>
  );
}
