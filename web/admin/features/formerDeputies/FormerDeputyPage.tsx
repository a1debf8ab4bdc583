import { Button, Card, Col, Descriptions, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { LoadError, PageTitle, RequireAbility, useNarrow } from '../../kit/common.js';
import { QrDownloads } from '../../kit/QrDownloads.js';
import { AnswerDialog, CarryDialog, DeedDialog, OpinionDialog, ProfileDialog } from './FormerDeputyDialogs.js';
import { KeyedTags } from './RosterPage.js';
import type { FormerDeputy, FormerOpinion } from './types.js';

const STATE_COLORS: Record<FormerOpinion['state'], string> = { registered: 'blue', answered: 'green', carried: 'purple' };

/** One opinion they collected: what, where, who said it (masked unless you handle it), what became of it. */
function OpinionItem({ o, onAnswer, onCarry }: { o: FormerOpinion; onAnswer(): void; onCarry(): void }) {
  const { l, label } = useI18n();
  const who = [o.submitter.name, o.submitter.phone].filter(Boolean).join(' ');
  return (
    <List.Item
      actions={[
        o.actions.includes('answer') && <Button key="answer" size="small" onClick={onAnswer}>{l('当场答复', 'Answered')}</Button>,
        o.actions.includes('carry') && <Button key="carry" size="small" type="primary" onClick={onCarry}>{l('转交现届代表', 'Carry')}</Button>,
      ].filter(Boolean)}
    >
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space wrap size={[8, 0]}>
          <Typography.Text strong>{formatDate(o.collectedOn)}</Typography.Text>
          <Tag color={STATE_COLORS[o.state]}>{label(o.stateLabel)}</Tag>
          {o.place && <Typography.Text type="secondary">{o.place}</Typography.Text>}
          {who && <Typography.Text type="secondary">{l(`反映人 ${who}`, `From ${who}`)}</Typography.Text>}
        </Space>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{o.content}</Typography.Paragraph>
        {o.answer && <Typography.Text type="secondary">{l(`答复:${o.answer}`, `Answer: ${o.answer}`)}</Typography.Text>}
        {o.carrier && (
          <Typography.Text type="secondary">
            {l(`由现届代表 ${o.carrier.name} 转交`, `Carried by ${o.carrier.name}`)}
            {o.case && <> · <Link to={`/cases/${o.case.id}`}>{o.case.trackingCode}</Link></>}
          </Typography.Text>
        )}
      </Space>
    </List.Item>
  );
}

/**
 * 往届代表: one former deputy — their 特邀联络员 card, fields and roles, the opinions they
 * collected and what became of them, and their deeds. Those who run their station enrol them,
 * edit the profile and register what they collected; a current deputy carries an opinion.
 */
export function FormerDeputyPage() {
  const { id } = useParams();
  const { l } = useI18n();
  const { can } = useSession();
  const narrow = useNarrow();
  const query = useApiQuery<FormerDeputy>(`/api/former-deputies/${id}`);
  const d = query.data;
  const [dialog, setDialog] = useState<'profile' | 'opinion' | 'deed' | null>(null);
  const [answering, setAnswering] = useState<FormerOpinion | null>(null);
  const [carrying, setCarrying] = useState<FormerOpinion | null>(null);
  const canDeed = d && can('register.write') && d.homeStations.length > 0;

  return (
    <RequireAbility ability="formerDeputy.read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <LoadError error={query.error?.message ?? null} retry={() => void invalidateApi(`/api/former-deputies/${id}`)} />
        {!d && !query.error && <Spin />}
        {d && (
          <>
            <PageTitle
              title={d.name}
              extra={(
                <>
                  {d.actions.includes('enrol') && <Button type="primary" onClick={() => setDialog('profile')}>{l('入册代表之家', 'Put on the roster')}</Button>}
                  {d.actions.includes('edit') && <Button onClick={() => setDialog('profile')}>{l('编辑方面和作用', 'Edit fields and roles')}</Button>}
                  {d.actions.includes('opinion') && <Button type="primary" onClick={() => setDialog('opinion')}>{l('登记收集的意见', 'Register an opinion')}</Button>}
                  {canDeed && <Button onClick={() => setDialog('deed')}>{l('登记先进事迹', 'Record a deed')}</Button>}
                </>
              )}
            />
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={d.card ? 14 : 24}>
                <Descriptions size="small" bordered column={1} data-testid="former-profile">
                  <Descriptions.Item label={l('职业', 'Occupation')}>{d.occupation || '—'}</Descriptions.Item>
                  <Descriptions.Item label={l('所在联络站', 'Stations')}>{d.stations || '—'}</Descriptions.Item>
                  <Descriptions.Item label={l('特邀联络员证', 'Special liaison card')}>
                    {d.card ? l(`${d.card.number}(${d.card.station.name},${formatDate(d.card.issuedOn)} 发证)`, `${d.card.number} (${d.card.station.name}, issued ${formatDate(d.card.issuedOn)})`) : l('未入册', 'Not on the roster')}
                  </Descriptions.Item>
                  <Descriptions.Item label={l('六大方面', 'Six fields')}>{d.fields.length ? <KeyedTags items={d.fields} color="blue" /> : '—'}</Descriptions.Item>
                  <Descriptions.Item label={l('四种作用', 'Four roles')}>{d.roles.length ? <KeyedTags items={d.roles} color="purple" /> : '—'}</Descriptions.Item>
                </Descriptions>
              </Col>
              {d.card && (
                <Col xs={24} lg={10}>
                  <QrDownloads
                    title={l('特邀联络员证', 'Special liaison card')} base={`/api/former-deputies/${d.id}/card`} fileName={`${d.name}-特邀联络员证`}
                    hint={l('扫码即可向这位特邀联络员反映意见。PNG 用于手机和群聊,PDF 用于印制。', 'Scanning it opens the submit page addressed to them. PNG for phones and chat groups, PDF for print.')}
                  />
                </Col>
              )}
            </Row>
            <Card size="small" title={l(`收集的意见(${d.opinions.length})`, `Opinions collected (${d.opinions.length})`)}>
              {d.opinions.length === 0 ? <Empty description={l('尚未登记意见', 'No opinion yet')} /> : (
                <List<FormerOpinion>
                  dataSource={d.opinions} data-testid="former-opinions" itemLayout={narrow ? 'vertical' : 'horizontal'}
                  renderItem={(o) => <OpinionItem o={o} onAnswer={() => setAnswering(o)} onCarry={() => setCarrying(o)} />}
                />
              )}
            </Card>
            <Card size="small" title={l(`先进事迹(${d.deeds.length})`, `Deeds (${d.deeds.length})`)}>
              {d.deeds.length === 0 ? <Empty description={l('尚未登记事迹', 'No deed yet')} /> : (
                <List
                  dataSource={d.deeds} data-testid="former-deeds"
                  renderItem={(x) => (
                    <List.Item>
                      <Space orientation="vertical" size={2}>
                        <Space wrap size={[8, 0]}><Typography.Text strong>{formatDate(x.occurredOn)}</Typography.Text><Typography.Text>{x.title}</Typography.Text></Space>
                        {x.description && <Typography.Text type="secondary">{x.description}</Typography.Text>}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.station}</Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <ProfileDialog d={d} open={dialog === 'profile'} onClose={() => setDialog(null)} />
            <OpinionDialog d={d} open={dialog === 'opinion'} onClose={() => setDialog(null)} />
            <DeedDialog d={d} open={dialog === 'deed'} onClose={() => setDialog(null)} />
            <AnswerDialog opinion={answering} onClose={() => setAnswering(null)} />
            <CarryDialog opinion={carrying} onClose={() => setCarrying(null)} />
          </>
        )}
      </Space>
    </RequireAbility>
  );
}
