import { Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { get, qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { errorText, FilterBar, LoadError, useFilterStyle, useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { useSession } from '../../app/session.js';
import { PointsText, RankBadge } from './common.js';
import type { Ranking, RankingRow } from './types.js';

/**
 * 积分排名 of a region (staff) or a station (anyone who sees it) for a year. Equal totals share a
 * rank and the next rank skips (1, 2, 2, 4). Everyone who serves there is listed, with or without points.
 */
export function RankingPanel({ year }: { year: number }) {
  const { l } = useI18n();
  const { me, can } = useSession();
  const narrow = useNarrow();
  const fs = useFilterStyle();
  const regional = can('points.manage');
  const [mode, setMode] = useState<'region' | 'station'>(regional ? 'region' : 'station');
  const [regionCode, setRegionCode] = useState<string | null>(me?.scope.region?.code ?? null);
  const [stationId, setStationId] = useState<number | null>(me?.scope.stations[0]?.id ?? null);
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const query = mode === 'region' ? { year, regionCode } : { year, stationId };
  const url = `/api/points/ranking${qs(query)}`;
  const pending = mode === 'station' && stationId === null;
  useEffect(() => {
    if (pending) { setRanking(null); return; }
    let live = true;
    setLoading(true);
    get<Ranking>(url).then(
      (r) => { if (live) { setRanking(r); setError(null); } },
      (err: unknown) => { if (live) setError(errorText(err)); },
    ).finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [url, attempt, pending]);

  // A deputy opens their own ledger; staff and officers anyone's in the list.
  const ledgerLink = (r: RankingRow) => (me?.role !== 'deputy' || me.scope.deputy?.id === r.deputy.id
    ? <Link to={`/points/deputies/${r.deputy.id}?year=${year}`}>{r.deputy.name}</Link>
    : <span>{r.deputy.name}</span>);
  const scopeName = ranking?.scope.region?.fullName ?? ranking?.scope.station?.name ?? l('全部', 'Everywhere');

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <FilterBar>
        {regional && (
          <Segmented<'region' | 'station'>
            value={mode} onChange={setMode} style={narrow ? { gridColumn: '1 / -1' } : undefined}
            options={[{ value: 'region', label: l('按区域', 'By region') }, { value: 'station', label: l('按联络站', 'By station') }]}
          />
        )}
        {mode === 'region'
          ? <RegionPicker value={regionCode} onChange={setRegionCode} style={fs(260, true)} allowClear={me?.role === 'admin'} aria-label={l('区划', 'Region')} placeholder={l('全部', 'Everywhere')} />
          : <RecordSelect<number> source="stations" value={stationId} onChange={setStationId} style={fs(260, true)} allowClear={false} aria-label={l('联络站', 'Station')} placeholder={l('选择联络站', 'Choose a station')} />}
      </FilterBar>
      <LoadError error={error} retry={() => setAttempt((n) => n + 1)} />
      <Typography.Text type="secondary">
        {l(`${scopeName} · ${year} 年度 · 共 ${ranking?.rows.length ?? 0} 名代表`, `${scopeName} · ${year} · ${ranking?.rows.length ?? 0} deputies`)}
      </Typography.Text>
      <Table<RankingRow>
        rowKey={(r) => r.deputy.id} size="small" loading={loading} dataSource={ranking?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={pending ? l('请选择联络站', 'Choose a station') : l('暂无代表', 'No deputies')} /> }}
        columns={[
          { title: l('名次', 'Rank'), dataIndex: 'rank', width: 64, align: 'center', render: (r: number) => <RankBadge rank={r} /> },
          {
            title: l('代表', 'Deputy'), key: 'deputy',
            render: (_, r) => (
              <div>
                {ledgerLink(r)}
                {!r.serving && <Tag style={{ marginInlineStart: 6 }} title={l('不再列入履职之星推荐', 'Not proposed as a star')}>{l('已离任', 'No longer serving')}</Tag>}
                {narrow && ranking?.scope.kind !== 'station' && r.stations.length > 0 && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.stations.join('、')}</Typography.Text></div>}
              </div>
            ),
          },
          ...(narrow ? [] : [
            { title: l('联络站', 'Stations'), key: 'stations', render: (_: unknown, r: RankingRow) => r.stations.join('、') || '—' },
            { title: l('积分条目', 'Entries'), dataIndex: 'entries', width: 90, align: 'right' as const },
          ]),
          { title: l('积分', 'Points'), dataIndex: 'points', width: 80, align: 'right', render: (p: number) => <PointsText points={p} strong /> },
        ]}
      />
    </Space>
  );
}
