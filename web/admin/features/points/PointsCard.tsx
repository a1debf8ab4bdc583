import { RightOutlined, TrophyOutlined } from '@ant-design/icons';
import { Card, Space, Statistic } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { StarTags, thisYear } from './common.js';
import type { Ledger } from './types.js';

/**
 * A deputy's points of this year on their page, leading to the ledger. Shown to those who may
 * read it: staff and officers, and the deputy themself (not fellow deputies).
 */
export function PointsCard({ deputyId }: { deputyId: number }) {
  const { l } = useI18n();
  const { me, can } = useSession();
  const year = thisYear();
  const readable = can('points.read') && (me?.role !== 'deputy' || me.scope.deputy?.id === deputyId);
  const ledger = useApiQuery<Ledger>(readable ? `/api/points/deputies/${deputyId}?year=${year}` : null).data ?? null;

  if (!readable) return null;
  return (
    <Card
      size="small" title={<Space><TrophyOutlined style={{ color: '#d4a017' }} />{l('履职积分', 'Points')}</Space>}
      extra={<Link to={`/points/deputies/${deputyId}?year=${year}`}>{l('积分明细', 'Ledger')} <RightOutlined /></Link>}
    >
      <Space size="large" wrap>
        <Statistic title={l(`${year} 年度`, `${year}`)} value={ledger?.total ?? '—'} styles={{ content: { color: '#b71c1c' } }} />
        {ledger?.years.filter((y) => y.year !== year).slice(0, 3).map((y) => (
          <Statistic key={y.year} title={l(`${y.year} 年度`, `${y.year}`)} value={y.points} />
        ))}
      </Space>
      <StarTags year={year} stars={ledger?.stars} />
    </Card>
  );
}
