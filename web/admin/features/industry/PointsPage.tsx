import { Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { LoadError, PageTitle, RequireAbility } from '../../kit/common.js';
import { GAP_LABELS } from './labels.js';
import type { PointSummary } from './types.js';

/** 产业联系点: the industry contact points in reach, with their enterprises, campaigns and whether the 1+2+5+N structure is complete. */
export function PointsPage() {
  const { l } = useI18n();
  const points = useApiQuery<{ items: PointSummary[] }>('/api/industry/points');
  return (
    <RequireAbility ability="industry.read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <PageTitle title={l('产业联系点', 'Industry contact points')} />
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
          {l('把代表联络站建在产业链上:联系点的成员企业、“1+2+5+N”组织架构和“百日联系计划”等联系企业活动。',
            'Stations built on an industry chain: member enterprises, the 1+2+5+N organisation and outreach campaigns such as 100 enterprises in 100 days.')}
        </Typography.Paragraph>
        <LoadError error={points.error?.message ?? null} retry={() => void invalidateApi('/api/industry/points')} />
        {points.data && points.data.items.length === 0 && <Empty description={l('您可查看的范围内暂无产业联系点', 'No industry contact point in your reach')} />}
        <Row gutter={[16, 16]}>
          {points.data?.items.map((p) => (
            <Col key={p.id} xs={24} md={12} xl={8}>
              <Card size="small" title={<Link to={`/industry/points/${p.id}`}>{p.name}</Link>}>
                <Space orientation="vertical" size={4}>
                  <Typography.Text type="secondary">{p.regionName}</Typography.Text>
                  <span>{l(`成员企业 ${p.enterpriseCount} 家 · 联系计划 ${p.campaignCount} 个`, `${p.enterpriseCount} enterprises · ${p.campaignCount} campaigns`)}</span>
                  <Space size={[4, 4]} wrap>
                    {p.organisationGaps.length === 0
                      ? <Tag color="green">{l('1+2+5+N 架构完整', '1+2+5+N complete')}</Tag>
                      : p.organisationGaps.map((g) => <Tag key={g} color="orange">{l(GAP_LABELS[g]?.zh ?? g, GAP_LABELS[g]?.en ?? g)}</Tag>)}
                    {!p.active && <Tag>{l('已停用', 'Inactive')}</Tag>}
                  </Space>
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      </Space>
    </RequireAbility>
  );
}
