import { DatePicker, Empty, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { LoadError } from '../../kit/common.js';
import type { CalendarEntry } from './types.js';

/** A month of every side's activities at the station (receptions, joint training, patrols …) and the scheduled joint meetings, by day. */
export function CalendarTab({ stationId, today }: { stationId: number; today: string }) {
  const { l, label } = useI18n();
  const [month, setMonth] = useState(today.slice(0, 7));
  const cal = useApiQuery<{ items: CalendarEntry[] }>(`/api/cross-province/stations/${stationId}/calendar?month=${month}`);
  const items = cal.data?.items ?? [];
  const days = [...new Set(items.map((i) => i.date))];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <DatePicker picker="month" aria-label={l('月份', 'Month')} allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
      <LoadError error={cal.error?.message ?? null} />
      {cal.data && items.length === 0 && <Empty description={l('本月没有活动', 'Nothing this month')} />}
      {days.map((day) => (
        <div key={day}>
          <Typography.Title level={5} style={{ marginBottom: 4 }}>{formatDate(day)}</Typography.Title>
          <List size="small" dataSource={items.filter((i) => i.date === day)} renderItem={(i) => (
            <List.Item>
              <Space wrap>
                <Tag color={i.source === 'meeting' ? 'gold' : 'blue'}>{label(i.kindLabel)}</Tag>
                {i.href ? <Link to={i.href}>{i.title}</Link> : <span>{i.title}</span>}
                {i.source === 'meeting' && <Typography.Text type="secondary">{l('(已安排的联席会议)', '(scheduled joint meeting)')}</Typography.Text>}
                {i.side && <Typography.Text type="secondary">{i.side}</Typography.Text>}
              </Space>
            </List.Item>
          )} />
        </div>
      ))}
    </Space>
  );
}
