import { CameraOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { qs, type Schemas } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { ExportButton } from '../../kit/ExportButton.js';
import { FilterBar, LoadError, PageTitle, useFilterStyle, useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useVocabulary } from '../../kit/vocabulary.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { ActivityForm, type ActivityPreset } from './ActivityForm.js';
import type { ActivityListItem } from './types.js';

/**
 * 履职活动: every activity the account reaches, newest first, filtered by station, kind,
 * campaign and period. "记录活动" opens the form; a link from a rota day or the phone's home
 * (`?new=1&kind=…&stationId=…&rotaSlotId=…`) opens it filled in.
 */
export function ActivitiesPage() {
  const { l, label } = useI18n();
  const { can } = useSession();
  const narrow = useNarrow();
  const width = useFilterStyle();
  const vocabulary = useVocabulary();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<{ kind?: string; stationId?: number; campaignId?: number; q?: string; from?: string; to?: string }>(
    () => ({ campaignId: Number(params.get('campaignId')) || undefined, stationId: Number(params.get('stationId')) || undefined }),
  );
  const campaigns = (useApiQuery<Schemas['Campaign'][]>('/api/campaigns').data ?? []).map((x) => ({ value: x.id, label: x.name }));
  const list = useKeysetQuery<ActivityListItem>(`/api/activities${qs(filters)}`);
  const preset = useMemo<ActivityPreset | null>(() => (params.get('new') ? {
    kind: params.get('kind') ?? undefined, stationId: Number(params.get('stationId')) || undefined,
    rotaSlotId: Number(params.get('rotaSlotId')) || undefined, startsAt: params.get('startsAt') ?? undefined, title: params.get('title') ?? undefined,
  } : null), [params]);


  const openForm = () => setParams({ new: '1' });
  const onRange = (r: [Dayjs | null, Dayjs | null] | null) => setFilters({
    ...filters,
    from: r?.[0] ? `${r[0].format('YYYY-MM-DD')}T00:00:00+08:00` : undefined,
    to: r?.[1] ? `${r[1].add(1, 'day').format('YYYY-MM-DD')}T00:00:00+08:00` : undefined,
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle
        title={l('履职活动', 'Activities')}
        extra={(
          <>
            <ExportButton href={`/api/activities.xlsx${qs(filters)}`} />
            {can('activity.write') && <Button type="primary" icon={<CameraOutlined />} onClick={openForm}>{l('记录活动', 'Record an activity')}</Button>}
          </>
        )}
      />
      <FilterBar>
        <Select allowClear placeholder={l('活动类型', 'Kind')} style={width(140)} options={vocabulary.options('activityKinds')}
          value={filters.kind} onChange={(kind) => setFilters({ ...filters, kind })} aria-label={l('活动类型', 'Kind')} />
        <RecordSelect<number> source="stations" placeholder={l('联络站', 'Station')} style={width(220)}
          value={filters.stationId ?? null} onChange={(stationId) => setFilters({ ...filters, stationId: stationId ?? undefined })} aria-label={l('联络站', 'Station')} />
        <Select allowClear placeholder={l('主题活动', 'Campaign')} style={width(200)} options={campaigns}
          value={filters.campaignId} onChange={(campaignId) => setFilters({ ...filters, campaignId })} aria-label={l('主题活动', 'Campaign')} />
        <DatePicker.RangePicker style={width(260, true)} onChange={(r) => onRange(r as [Dayjs | null, Dayjs | null] | null)} />
        <Input.Search allowClear placeholder={l('主题或内容', 'Topic or words')} style={width(200, true)}
          onSearch={(q) => setFilters({ ...filters, q: q || undefined })} aria-label={l('搜索', 'Search')} />
      </FilterBar>
      <LoadError error={list.error} retry={() => void list.reload()} />
      {narrow ? (
        <List<ActivityListItem>
          loading={list.loading} dataSource={list.items} locale={{ emptyText: l('还没有活动记录', 'No activities yet') }}
          renderItem={(a) => (
            <Link to={`/activities/${a.id}`} style={{ display: 'block', marginBottom: 8 }}>
              <Card size="small" title={a.title} extra={<Tag color="red">{label(a.kindLabel)}</Tag>}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(a.startsAt)} · {a.station?.name ?? a.regionName} · {l(`出席 ${a.present}/${a.participants}`, `${a.present}/${a.participants} present`)} · {l(`意见 ${a.opinions}`, `${a.opinions} opinions`)}
                </Typography.Text>
              </Card>
            </Link>
          )}
        />
      ) : (
        <Table<ActivityListItem>
          rowKey="id" loading={list.loading} dataSource={list.items} pagination={false} scroll={{ x: 960 }}
          locale={{ emptyText: l('还没有活动记录', 'No activities yet') }}
          columns={[
            { title: l('时间', 'When'), dataIndex: 'startsAt', width: 150, render: formatDateTime },
            { title: l('类型', 'Kind'), dataIndex: 'kindLabel', width: 110, render: (k) => <Tag color="red">{label(k)}</Tag> },
            { title: l('主题', 'Topic'), dataIndex: 'title', render: (t, a) => <Link to={`/activities/${a.id}`}>{t}</Link> },
            { title: l('联络站 / 地区', 'Station / region'), render: (_, a) => a.station?.name ?? a.regionName },
            { title: l('主题活动', 'Campaign'), dataIndex: 'campaign', render: (c) => c?.name ?? '—' },
            { title: l('出席', 'Present'), width: 80, render: (_, a) => `${a.present}/${a.participants}` },
            { title: l('收集意见', 'Opinions'), dataIndex: 'opinions', width: 90 },
            { title: l('照片', 'Photos'), dataIndex: 'photos', width: 70 },
          ]}
        />
      )}
      {list.pager}
      <ActivityForm
        open={preset !== null && can('activity.write')} preset={preset ?? undefined} onClose={() => setParams({})}
        onSaved={(a) => { setParams({}); navigate(`/activities/${a.id}`); }}
      />
    </Space>
  );
}
