import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, ConfigProvider, Row, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { percent } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiRecord } from '../../../shared/query.js';
import { errorText, LoadError, RequireAbility } from '../../kit/common.js';
import type { Coverage } from './roundTypes.js';

/** Tag colours dark enough for small text (WCAG AA); (antd 6 draws them as text of the colour on a tint of it): antd's preset green, gold and orange are too light. */
export const TAG_COLORS = { green: '#237804', gold: '#874d00', error: '#a8071a', warning: '#873800' } as const;

/**
 * Secondary text (descriptions, statistic titles, waiting steps) darker than antd's default, so
 * that it reads on the back office's grey page at the contrast WCAG AA asks.
 */
export function ReadableTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={{ token: { colorTextDescription: 'rgba(0, 0, 0, 0.65)' } }}>{children}</ConfigProvider>;
}

/**
 * 编组进站: a term's coverage. 进驻率 is the share of the term's serving deputies who sit in a
 * station of the congress's region, 覆盖率 the share of those stations with a serving deputy;
 * every station without a deputy or without a 站长 is flagged. Gaps are shown, not blocking.
 */
export function CoverageView({ coverage, testId = 'coverage' }: { coverage: Coverage; testId?: string }) {
  const { l, label } = useI18n();
  const c = coverage;
  const flagged = c.stations.filter((s) => s.flags.length > 0).length;
  type StationRow = Coverage['stations'][number];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid={testId}>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={l('进驻率', 'Deputies stationed')} value={percent(c.stationedRate)} />
            <Typography.Text type="secondary">{l(`${c.stationed} / ${c.serving} 名代表`, `${c.stationed} of ${c.serving} deputies`)}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={l('覆盖率', 'Stations covered')} value={percent(c.coverageRate)} />
            <Typography.Text type="secondary">{l(`${c.coveredCount} / ${c.stationCount} 个站点`, `${c.coveredCount} of ${c.stationCount} stations`)}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={l('有站长的站点', 'Stations with a head')} value={`${c.headedCount} / ${c.stationCount}`} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={l('需要关注的站点', 'Stations flagged')} value={flagged}
              styles={{ content: { color: flagged ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      {c.unstationed.length > 0 && (
        <Alert
          type="warning" showIcon
          title={l(`${c.unstationed.length} 名代表未进站`, `${c.unstationed.length} deputies in no station`)}
          description={c.unstationed.map((p) => p.name).join('、')}
        />
      )}
      <Table<StationRow>
        rowKey="id" size="small" dataSource={c.stations} pagination={false} scroll={{ x: 640 }}
        locale={{ emptyText: l('本区划没有在用的联络站', 'No active stations in the region') }}
        columns={[
          { title: l('联络站', 'Station'), dataIndex: 'name', width: 220 },
          {
            title: l('进站代表', 'Deputies'), key: 'deputies',
            render: (_: unknown, s: StationRow) => (s.deputies.length ? (
              <Space size={[4, 4]} wrap>
                {s.deputies.map((d) => (
                  <Tooltip
                    key={`${d.id ?? 'r'}-${d.rosterRow ?? ''}`}
                    title={d.specialLiaison ? l('特邀联络员(往届代表,不计入)', 'Invited liaison (former deputy, not counted)')
                      : d.thisTerm ? l('本届代表', 'Deputy of this term') : l('其他层级人大代表', 'Deputy of another congress')}
                  >
                    <Tag color={d.specialLiaison ? TAG_COLORS.gold : d.thisTerm ? (d.role === 'head' ? 'red' : 'blue') : undefined}>
                      {d.name} · {label(d.roleLabel)}{d.specialLiaison ? ` · ${l('特邀', 'invited')}` : ''}
                    </Tag>
                  </Tooltip>
                ))}
              </Space>
            ) : <Typography.Text type="secondary">—</Typography.Text>),
          },
          { title: l('代表数', 'Deputies'), dataIndex: 'deputyCount', width: 80, align: 'right' },
          {
            title: l('提示', 'Flags'), key: 'flags', width: 150,
            render: (_: unknown, s: StationRow) => (s.flags.length ? (
              <Space size={[4, 4]} wrap>
                {s.flags.includes('NO_DEPUTY') && <Tag color={TAG_COLORS.error}>{l('无代表进站', 'No deputy')}</Tag>}
                {s.flags.includes('NO_HEAD') && <Tag color={TAG_COLORS.warning}>{l('无站长', 'No head')}</Tag>}
              </Space>
            ) : <Tag color={TAG_COLORS.green}>{l('齐全', 'Complete')}</Tag>),
          },
        ]}
      />
    </Space>
  );
}

/** `/terms/:id/coverage`: the coverage of one term, as it stands now. */
export function CoveragePage() {
  return <ReadableTheme><RequireAbility ability="term.round"><CoverageScreen /></RequireAbility></ReadableTheme>;
}

function CoverageScreen() {
  const { l, label } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const record = useApiRecord<Coverage>(`/api/terms/${id}/coverage`);
  const coverage = record.data;
  const load = record.reload;
  const err = record.error;
  const error = err ? errorText(err) : null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
          {l('编组进站', 'Deputies in stations')}{coverage ? `${l(':', ': ')}${label(coverage.term.name)}` : ''}
        </Typography.Title>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/terms')}>{l('返回届次列表', 'Back to the terms')}</Button>
      </div>
      <LoadError error={error} retry={() => void load()} />
      {coverage ? <CoverageView coverage={coverage} /> : !error && <Spin />}
    </Space>
  );
}
