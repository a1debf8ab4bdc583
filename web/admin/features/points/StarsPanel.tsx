import { StarFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { get, post, qs } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { errorText, FilterBar, LoadError, useFilterStyle, useNarrow } from '../../kit/common.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { useSession } from '../../app/session.js';
import { PointsText, RankBadge } from './common.js';
import type { Ranking, RankingRow, StarRow, Stars } from './types.js';

/**
 * 履职之星 of a region for a year: today's top N proposed from the ranking (ties at the cut
 * included), which staff confirm as it is or changed. The confirmed list keeps the ranks and
 * totals of the day it was confirmed; a later correction shows beside it, never in it.
 */
export function StarsPanel({ year }: { year: number }) {
  const { l } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const fs = useFilterStyle();
  const reportError = useWriteErrors();
  const [regionCode, setRegionCode] = useState<string | null>(me?.scope.region?.code ?? null);
  const [top, setTop] = useState(10);
  // Until staff change it, N is the confirmed award's, so its proposal compares like with like.
  const topTouched = useRef(false);
  const [stars, setStars] = useState<Stars | null>(null);
  const [ranking, setRanking] = useState<RankingRow[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!regionCode) { setStars(null); return; }
    try {
      const [s, r] = await Promise.all([
        get<Stars>(`/api/points/stars${qs({ year, regionCode, top })}`),
        get<Ranking>(`/api/points/ranking${qs({ year, regionCode })}`),
      ]);
      if (s.confirmed && !topTouched.current && s.confirmed.top !== top) { setTop(s.confirmed.top); return; }
      setStars(s);
      setRanking(r.rows);
      // Start from what was confirmed, or else from the proposal.
      setChosen(s.confirmed ? s.confirmed.stars.map((x) => x.deputy.id) : (s.proposal ?? []).map((x) => x.deputy.id));
      setNote(s.confirmed?.note ?? '');
      setError(null);
    } catch (err) { setError(errorText(err)); }
  }, [year, regionCode, top]);
  useEffect(() => { void load(); }, [load]);

  const byId = useMemo(() => new Map(ranking.map((r) => [r.deputy.id, r])), [ranking]);
  const chosenRows = chosen.map((id) => byId.get(id)).filter((r): r is RankingRow => Boolean(r));

  async function confirm() {
    setBusy(true);
    try {
      const saved = await post<Stars>('/api/points/stars', { year, regionCode, top, deputyIds: chosen, note, version: stars?.confirmed?.version ?? null });
      setStars(saved);
      message.success(l('履职之星已确认', 'Stars confirmed'));
    } catch (err) {
      reportError(err, message, undefined, () => void load());
    } finally {
      setBusy(false);
    }
  }

  const confirmed = stars?.confirmed;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <FilterBar>
        <RegionPicker value={regionCode} onChange={setRegionCode} style={fs(260, true)} aria-label={l('区划', 'Region')} placeholder={l('选择区划', 'Choose a region')} />
        <Space>
          <Typography.Text>{l('前', 'Top')}</Typography.Text>
          <InputNumber min={1} max={100} value={top} onChange={(v) => { topTouched.current = true; setTop(v ?? 10); }} style={{ width: 72 }} aria-label={l('名额', 'How many')} />
          <Typography.Text>{l('名', '')}</Typography.Text>
        </Space>
      </FilterBar>
      <LoadError error={error} retry={() => void load()} />
      {!regionCode && <Empty description={l('请选择评选的区划', 'Choose the region of the award')} />}

      {confirmed && (
        <Card size="small" title={<Space><StarFilled style={{ color: '#d4a017' }} />{l(`${year} 年度履职之星(已确认)`, `${year} stars (confirmed)`)}</Space>}>
          {stars?.changedSince && (
            <Alert
              type="warning" showIcon style={{ marginBottom: 12 }}
              title={l('确认后有积分更正:下表保留确认时的名次和积分,“现积分”为更正后的数字。如需调整,请重新确认。',
                'Points were corrected after the confirmation: the list keeps the ranks and totals as confirmed; “now” shows today\'s. Confirm again to change it.')}
            />
          )}
          <Table
            rowKey={(s) => s.deputy.id} size="small" pagination={false} dataSource={confirmed.stars}
            columns={[
              { title: l('名次(确认时)', 'Rank (then)'), dataIndex: 'rank', width: 100, align: 'center', render: (r: number) => <RankBadge rank={r} /> },
              { title: l('代表', 'Deputy'), key: 'deputy', render: (_, s) => <Link to={`/points/deputies/${s.deputy.id}?year=${year}`}>{s.deputy.name}</Link> },
              { title: l('积分(确认时)', 'Points (then)'), dataIndex: 'points', width: 110, align: 'right', render: (p: number) => <PointsText points={p} strong /> },
              ...(stars?.changedSince ? [{
                title: l('现积分', 'Now'), key: 'now', width: 80, align: 'right' as const,
                render: (_: unknown, s: { points: number; pointsNow: number | null }) => (s.pointsNow === null ? '—'
                  : <Typography.Text type={s.pointsNow !== s.points ? 'warning' : undefined}>{s.pointsNow}</Typography.Text>),
              }] : []),
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l(`${confirmed.confirmedBy} 于 ${formatDateTime(confirmed.confirmedAt)} 确认`, `Confirmed by ${confirmed.confirmedBy}, ${formatDateTime(confirmed.confirmedAt)}`)}
            {confirmed.note && ` · ${confirmed.note}`}
          </Typography.Text>
        </Card>
      )}

      {stars?.proposal && (
        <Card
          size="small"
          title={l(`按积分排名推荐前 ${top} 名`, `Top ${top} by points`)}
          extra={stars.proposalDiffers && <Tag color="orange">{l('与已确认名单不同', 'Differs from the confirmed list')}</Tag>}
        >
          <Typography.Paragraph type="secondary">
            {l('并列者一并推荐;可取消勾选或从排名中添加,再确认。', 'Ties at the cut are included; untick or add from the ranking, then confirm.')}
          </Typography.Paragraph>
          <Table<StarRow>
            rowKey={(r) => r.deputy.id} size="small" pagination={false}
            dataSource={[...stars.proposal, ...chosenRows.filter((r) => !stars.proposal!.some((p) => p.deputy.id === r.deputy.id))]}
            rowSelection={{
              selectedRowKeys: chosen,
              onChange: (keys) => setChosen((current) => [...current.filter((id) => keys.includes(id)), ...(keys as number[]).filter((id) => !current.includes(id))]),
            }}
            locale={{ emptyText: l('本年度尚无代表获得积分', 'Nobody has points this year yet') }}
            columns={[
              { title: l('名次', 'Rank'), dataIndex: 'rank', width: 64, align: 'center', render: (r: number) => <RankBadge rank={r} /> },
              { title: l('代表', 'Deputy'), key: 'deputy', render: (_, r) => <Link to={`/points/deputies/${r.deputy.id}?year=${year}`}>{r.deputy.name}</Link> },
              ...(narrow ? [] : [{ title: l('联络站', 'Stations'), key: 'stations', render: (_: unknown, r: StarRow) => r.stations.join('、') }]),
              { title: l('积分', 'Points'), dataIndex: 'points', width: 80, align: 'right', render: (p: number) => <PointsText points={p} strong /> },
            ]}
          />
          <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
            <Select<number | null>
              showSearch placeholder={l('从排名中添加代表', 'Add a deputy from the ranking')} style={{ width: narrow ? '100%' : 320 }} value={null}
              optionFilterProp="label" aria-label={l('添加代表', 'Add a deputy')}
              options={ranking.filter((r) => !chosen.includes(r.deputy.id)).map((r) => ({ value: r.deputy.id, label: `${r.rank}. ${r.deputy.name}(${r.points})` }))}
              onChange={(id) => { if (id !== null) setChosen((c) => [...c, id]); }}
            />
            <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={l('说明(如评选依据、会议)', 'Note (the basis, the meeting)')} aria-label={l('说明', 'Note')} />
            <Button type="primary" icon={<StarFilled />} loading={busy} disabled={chosen.length === 0} onClick={() => void confirm()}>
              {confirmed ? l(`重新确认(${chosen.length} 名)`, `Confirm again (${chosen.length})`) : l(`确认履职之星(${chosen.length} 名)`, `Confirm the stars (${chosen.length})`)}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
