import { Card, Col, List, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiRecord } from '../../../shared/query.js';
import { errorText, LoadError, PageTitle, RequireAbility, useNarrow } from '../../kit/common.js';
import { useSession } from '../../app/session.js';
import { PointsText, StarTags, thisYear, YearSelect } from './common.js';
import type { Ledger, LedgerEntry } from './types.js';

/**
 * A deputy's 履职积分 for a year: the total, the years before, and every entry with where it
 * came from (the activity, case or bonus, with a link) and the rule that priced it.
 */
export function LedgerPage() {
  return <RequireAbility ability="points.read"><LedgerView /></RequireAbility>;
}

function LedgerView() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const { me } = useSession();
  const narrow = useNarrow();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYear();
  const record = useApiRecord<Ledger>(`/api/points/deputies/${id}?year=${year}`);
  const ledger = record.data;
  const load = record.reload;
  const err = record.error;
  const error = err ? err instanceof ApiError && err.code === 'NOT_FOUND' ? l('找不到该代表的积分,或不在您的管辖范围内', 'No points of this deputy within your reach') : errorText(err) : null;


  if (error) return <LoadError error={error} retry={() => void load()} />;
  if (!ledger) return <Spin style={{ display: 'block', margin: 48 }} />;
  const own = me?.scope.deputy?.id === ledger.deputy.id;

  const source = (e: LedgerEntry) => (
    <Space size={4} wrap>
      <Tag color={e.source === 'bonus' ? 'gold' : e.ref.type === 'case' ? 'blue' : 'red'}>{label(e.sourceLabel)}</Tag>
      {e.ref.link ? <Link to={e.ref.link}>{e.ref.title}</Link> : <span>{e.ref.title}</span>}
    </Space>
  );
  const rule = (e: LedgerEntry) => (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {e.rule
        ? l(`${label(e.rule.label)} ${e.rule.value} 分(${e.rule.regionName ?? '全国默认'},${e.rule.effectiveFrom} 起)`,
          `${label(e.rule.label)} ${e.rule.value} (${e.rule.regionName ?? 'nationwide default'}, from ${e.rule.effectiveFrom})`)
        : l('人工加减分', 'Entered by staff')}
      {e.note && ` · ${label(e.note)}`}
    </Typography.Text>
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text>
        <Link to="/points">{l('履职积分', 'Points')}</Link> / {own ? l('我的积分', 'My points') : <Link to={`/deputies/${ledger.deputy.id}`}>{ledger.deputy.name}</Link>}
      </Typography.Text>
      <PageTitle
        title={own ? l('我的履职积分', 'My points') : l(`${ledger.deputy.name} 的履职积分`, `Points of ${ledger.deputy.name}`)}
        extra={<YearSelect value={year} onChange={(y) => setParams({ year: String(y) })} />}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title={l(`${year} 年度积分`, `Points in ${year}`)} value={ledger.total} styles={{ content: { color: '#b71c1c' } }} />
            <StarTags year={year} stars={ledger.stars} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l('积分按年度计算,每年从零开始', 'Points are counted per year, from zero each year')}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={l('来源', 'By source')}>
            {ledger.bySource.length === 0 && <Typography.Text type="secondary">{l('暂无积分', 'No points yet')}</Typography.Text>}
            {ledger.bySource.map((s) => (
              <div key={s.source} style={{ display: 'flex', justifyContent: 'space-between' }}>
                <span>{label(s.sourceLabel)}</span><PointsText points={s.points} />
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={l('历年积分', 'Years')}>
            <Space size={[4, 4]} wrap>
              {ledger.years.map((y) => (
                <Tag key={y.year} color={y.year === year ? 'red' : undefined} style={{ cursor: 'pointer' }} onClick={() => setParams({ year: String(y.year) })}>
                  {y.year}:{y.points}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={l(`积分明细(${ledger.entries.length} 条)`, `Entries (${ledger.entries.length})`)}>
        {narrow ? (
          <List
            dataSource={ledger.entries} locale={{ emptyText: l('本年度暂无积分记录', 'Nothing this year') }}
            renderItem={(e) => (
              <List.Item style={{ display: 'block' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Typography.Text type="secondary">{formatDate(e.date)}</Typography.Text>
                  <PointsText points={e.points} strong />
                </div>
                <div>{source(e)}</div>
                <div>{rule(e)}</div>
              </List.Item>
            )}
          />
        ) : (
          <Table<LedgerEntry>
            rowKey={(e) => `${e.date}-${e.source}-${e.ref.type}-${e.ref.id}`} size="small" pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={ledger.entries} locale={{ emptyText: l('本年度暂无积分记录', 'Nothing this year') }}
            columns={[
              { title: l('日期', 'Date'), dataIndex: 'date', width: 110, render: (d: string) => formatDate(d) },
              { title: l('来源', 'Source'), key: 'source', render: (_, e) => source(e) },
              { title: l('联络站', 'Station'), key: 'station', width: 200, render: (_, e) => e.station?.name ?? '—' },
              { title: l('规则', 'Rule'), key: 'rule', width: 300, render: (_, e) => rule(e) },
              { title: l('积分', 'Points'), dataIndex: 'points', width: 80, align: 'right', render: (p: number) => <PointsText points={p} strong /> },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
