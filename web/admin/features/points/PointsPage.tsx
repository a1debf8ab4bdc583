import { RightOutlined, TrophyOutlined } from '@ant-design/icons';
import { Card, Space, Statistic, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { PageTitle, RequireAbility } from '../../kit/common.js';
import { useSession } from '../../app/session.js';
import { BonusesPanel } from './BonusesPanel.js';
import { StarTags, thisYear, YearSelect } from './common.js';
import { RankingPanel } from './RankingPanel.js';
import { RulesPanel } from './RulesPanel.js';
import { StarsPanel } from './StarsPanel.js';
import type { Ledger } from './types.js';

/**
 * 履职积分: the year's ranking of a region or station, 履职之星, the rules and the bonuses. A
 * deputy sees their own total first, with the way to every entry behind it.
 */
export function PointsPage() {
  return <RequireAbility ability="points.read"><Points /></RequireAbility>;
}

function Points() {
  const { l } = useI18n();
  const { me, can } = useSession();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYear();
  const tab = params.get('tab') ?? 'ranking';
  const set = (next: Record<string, string>) => setParams({ year: String(year), tab, ...next });
  const manages = can('points.manage');

  const items = [
    { key: 'ranking', label: l('积分排名', 'Ranking'), children: <RankingPanel year={year} /> },
    ...(manages ? [{ key: 'stars', label: l('履职之星', 'Stars'), children: <StarsPanel year={year} /> }] : []),
    { key: 'rules', label: l('积分规则', 'Rules'), children: <RulesPanel /> },
    ...(manages || me?.role === 'deputy' ? [{ key: 'bonuses', label: l('加减分', 'Bonuses'), children: <BonusesPanel year={year} /> }] : []),
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle title={l('履职积分', 'Deputies\' points')} extra={<YearSelect value={year} onChange={(y) => set({ year: String(y) })} />} />
      {me?.scope.deputy && <MyPoints deputyId={me.scope.deputy.id} year={year} />}
      <Tabs activeKey={items.some((i) => i.key === tab) ? tab : 'ranking'} onChange={(key) => set({ tab: key })} items={items} destroyOnHidden />
    </Space>
  );
}

/** A deputy's own total of the year, and their 履职之星 if they were named one, leading to the ledger. */
function MyPoints({ deputyId, year }: { deputyId: number; year: number }) {
  const { l } = useI18n();
  const ledger = useApiQuery<Ledger>(`/api/points/deputies/${deputyId}?year=${year}`).data ?? null;
  return (
    <Link to={`/points/deputies/${deputyId}?year=${year}`} aria-label={l('查看我的积分明细', 'See my points')}>
      <Card size="small" hoverable>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
          <TrophyOutlined style={{ fontSize: 28, color: '#d4a017' }} />
          <div style={{ flex: 1 }}>
            <Statistic title={l(`我的 ${year} 年度积分`, `My points in ${year}`)} value={ledger?.total ?? '—'} styles={{ content: { color: '#b71c1c' } }} />
            <StarTags year={year} stars={ledger?.stars} />
          </div>
          <Typography.Text type="secondary">{l('明细', 'Entries')} <RightOutlined /></Typography.Text>
        </div>
      </Card>
    </Link>
  );
}
