import { Card, Col, Empty, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { useI18n } from '../../../shared/i18n.js';
import { CHANNELS } from './labels.js';

/** Who has voted, as the console shows it: never how. */
export interface TurnoutView {
  total: number;
  present: number;
  voted: number;
  phone: number;
  paper: number;
  /** Paper ballots entered into the box so far (never more than the paper turnout). */
  paperEntered?: number;
  quorumNeeded?: number;
  voters: { deputyId: number; name: string; channel: 'phone' | 'paper' }[];
}

/**
 * 投票进度: 应到 (all deputies of the congress), 实到 (present, entered at the opening), 已投票 and
 * the share of those present, by channel, and the names of those who have voted — the list is
 * in the order of names, not of voting, so it tells nothing about whose ballot came when.
 */
export function TurnoutConsole({ t }: { t: TurnoutView }) {
  const { l, label } = useI18n();
  const share = t.present > 0 ? Math.round((t.voted / t.present) * 100) : 0;
  const names = [...t.voters].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return (
    <Card size="small" title={l('投票进度', 'Turnout')} data-testid="turnout">
      <Row gutter={[16, 16]}>
        <Col xs={8} md={4}><Statistic title={l('应到', 'Deputies')} value={t.total} /></Col>
        <Col xs={8} md={4}><Statistic title={l('实到', 'Present')} value={t.present} /></Col>
        <Col xs={8} md={4}><Statistic title={l('已投票', 'Voted')} value={t.voted} valueStyle={{ color: '#b71c1c' }} /></Col>
        <Col xs={12} md={4}><Statistic title={label(CHANNELS.phone)} value={t.phone} /></Col>
        <Col xs={12} md={4}>
          <Statistic title={label(CHANNELS.paper)} value={t.paper} suffix={t.paperEntered !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>{l(`已录入 ${t.paperEntered}`, `${t.paperEntered} entered`)}</Typography.Text> : undefined} />
        </Col>
        <Col xs={24} md={4}>
          <Progress type="dashboard" size={88} percent={share} format={() => `${t.voted}/${t.present}`} aria-label={l('已投票人数占实到人数', 'Voted of those present')} />
        </Col>
      </Row>
      {t.quorumNeeded !== undefined && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {l(`法定人数:至少 ${t.quorumNeeded} 人投票有效;项目须获全体代表(${t.total} 人)过半数即 ${Math.floor(t.total / 2) + 1} 票赞成方为通过。`,
            `Quorum: at least ${t.quorumNeeded} must vote; a project needs more than half of all ${t.total} deputies, i.e. ${Math.floor(t.total / 2) + 1} votes, to pass.`)}
        </Typography.Paragraph>
      )}
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 12 }}>{l(`已投票代表(${names.length})`, `Who has voted (${names.length})`)}</Typography.Title>
      {names.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('还没有代表投票', 'Nobody has voted yet')} /> : (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }} data-testid="voters">
          {names.map((v) => <Tag key={v.deputyId} color={v.channel === 'paper' ? 'gold' : 'blue'}>{v.name}{v.channel === 'paper' ? l('(纸质)', ' (paper)') : ''}</Tag>)}
        </div>
      )}
    </Card>
  );
}
