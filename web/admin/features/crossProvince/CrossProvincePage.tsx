import { Alert, Empty, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { LoadError, PageTitle } from '../../kit/common.js';
import { AgreementsTab } from './AgreementsTab.js';
import { CadenceTab } from './CadenceTab.js';
import { CalendarTab } from './CalendarTab.js';
import { IssuesTab } from './IssuesTab.js';
import { MeetingsTab } from './MeetingsTab.js';
import type { Overview, StationEntry } from './types.js';

/** One cross-province station at a time: the station picker, this quarter's chair, and a tab for each practice. */
export function CrossProvincePage() {
  const { l } = useI18n();
  const [params, setParams] = useSearchParams();
  const stations = useApiQuery<{ items: StationEntry[] }>('/api/cross-province/stations');
  const items = stations.data?.items ?? [];
  const stationId = Number(params.get('station')) || items[0]?.id || null;
  const overview = useApiQuery<Overview>(stationId ? `/api/cross-province/stations/${stationId}` : null);
  const o = overview.data;
  const tab = params.get('tab') ?? 'issues';
  const set = (key: string, value: string) => { const next = new URLSearchParams(params); next.set(key, value); setParams(next, { replace: true }); };
  return (
    <div>
      <PageTitle title={l('跨省联建', 'Cross-province stations')} />
      <LoadError error={stations.error?.message ?? overview.error?.message ?? null} />
      {stations.data && items.length === 0 && <Empty description={l('您的范围内没有跨省联建站', 'No cross-province station in your reach')} />}
      {items.length > 0 && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select aria-label={l('联络站', 'Station')} data-testid="cp-station" style={{ minWidth: 280, maxWidth: '100%' }} value={stationId ?? undefined}
            options={items.map((s) => ({ value: s.id, label: s.name }))} onChange={(v) => set('station', String(v))} />
          {o?.currentChair && (
            <Tag color="gold" data-testid="cp-chair">{l(`本季度轮值:${o.currentChair.regionName} ${o.currentChair.chairName}`, `Chair this quarter: ${o.currentChair.regionName}, ${o.currentChair.chairName}`)}</Tag>
          )}
          {o && <Typography.Text type="secondary">{o.canHost ? l('您是牵头方', 'You are the host') : o.canChair ? l('您是本季度轮值方', 'Your side chairs this quarter') : l('只读', 'Read only')}</Typography.Text>}
        </Space>
      )}
      {o?.nextHandover && o.nextHandover.inDays <= 14 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          title={l(`${formatDate(o.nextHandover.startsOn)} 起由${o.nextHandover.regionName}(${o.nextHandover.chairName})轮值,还有 ${o.nextHandover.inDays} 天交接`,
            `${o.nextHandover.regionName} (${o.nextHandover.chairName}) chairs from ${formatDate(o.nextHandover.startsOn)}: hand-over in ${o.nextHandover.inDays} days`)} />
      )}
      {o && (
        <Tabs activeKey={tab} onChange={(k) => set('tab', k)} items={[
          { key: 'issues', label: l('协同治理清单', 'Governance list'), children: <IssuesTab overview={o} /> },
          { key: 'agreements', label: l('协议与轮值', 'Agreement and rota'), children: <AgreementsTab overview={o} /> },
          { key: 'meetings', label: l('联席会议', 'Joint meetings'), children: <MeetingsTab overview={o} /> },
          { key: 'cadence', label: l('频次监测', 'Cadence'), children: <CadenceTab stationId={o.id} /> },
          { key: 'calendar', label: l('活动日历', 'Calendar'), children: <CalendarTab stationId={o.id} today={o.today} /> },
        ]} />
      )}
    </div>
  );
}
