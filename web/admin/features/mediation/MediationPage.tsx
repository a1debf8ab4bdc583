import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { LEGAL_OFFICER_ROLES, PARTY_SIDES } from '../../../../common/mediation.js';
import { post } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { LoadError, PageTitle, RequireAbility, useNarrow } from '../../kit/common.js';
import { downloadFile } from '../../kit/download.js';
import { sizeText } from '../../kit/FilePicker.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { AgreementDialog, CloseDialog, SessionDialog } from './MediationDialogs.js';
import { StateTag } from './MediationsPage.js';
import type { Mediation, Party, Session } from './types.js';

/** The parties, masked unless the reader handles the mediation; 查看 reveals them (on the audit record) to a deputy who may. */
function Parties({ m }: { m: Mediation }) {
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const [revealed, setRevealed] = useState<Party[] | null>(null);
  const { busy, run } = useFormWrite();
  const parties = revealed ?? m.parties;
  const reveal = () => run(
    async () => { setRevealed((await post<{ parties: Party[] }>(`/api/mediation/${m.id}/contact`)).parties); },
    l('已显示当事人信息(已记入审计日志)', 'The parties are shown (written to the audit log)'),
  );
  return (
    <Card
      size="small" title={l('当事人', 'Parties')}
      extra={m.contactRevealable && !revealed && (
        <Button size="small" icon={<EyeOutlined />} loading={busy} onClick={() => void reveal()} data-testid="mediation-reveal">{l('查看', 'Reveal')}</Button>
      )}
    >
      {m.partiesMasked && !revealed && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {m.contactRevealable
            ? l('当事人信息已遮挡;确有需要可点“查看”,查看记录将写入审计日志。', 'The parties are masked; reveal them if you need to. Each reveal is written to the audit log.')
            : l('当事人信息已遮挡。', 'The parties are masked.')}
        </Typography.Paragraph>
      )}
      <Table<Party>
        rowKey="position" size="small" pagination={false} dataSource={parties} data-testid="mediation-parties" scroll={narrow ? { x: 'max-content' } : undefined}
        columns={[
          { title: l('身份', 'Side'), dataIndex: 'side', width: 110, render: (s: Party['side']) => label(PARTY_SIDES.labels[s]) },
          { title: l('姓名', 'Name'), dataIndex: 'name' },
          { title: l('电话', 'Phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
        ]}
      />
    </Card>
  );
}

/** Who sat in a session, in one line. */
function presentLine(s: Session, l: (zh: string, en: string) => string, label: (v: { zh: string; en: string }) => string): string {
  const parts: string[] = [];
  if (s.deputies.length) parts.push(l(`代表 ${s.deputies.map((d) => d.name).join('、')}`, `Deputies ${s.deputies.map((d) => d.name).join(', ')}`));
  if (s.legalOfficerRole) parts.push(`${label(LEGAL_OFFICER_ROLES.labels[s.legalOfficerRole])} ${s.legalOfficerName ?? ''}`.trim());
  if (s.villageSecretary) parts.push(l(`村书记 ${s.villageSecretary}`, `Village secretary ${s.villageSecretary}`));
  return parts.join(l(';', '; '));
}

/**
 * 调解记录: one dispute with its parties, its sessions and its outcome; those who record at the
 * station add a session, close it with the outcome and store the signed agreement.
 */
export function MediationPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const query = useApiQuery<Mediation>(`/api/mediation/${id}`);
  const [dialog, setDialog] = useState<'session' | 'close' | 'agreement' | null>(null);
  const m = query.data;
  const download = (x: Mediation) => downloadFile(`/api/mediation/${x.id}/agreement`, x.agreement?.name ?? `mediation-${x.id}-agreement`)
    .catch((err: unknown) => message.error(err instanceof Error ? err.message : String(err)));

  return (
    <RequireAbility ability="mediation.read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <LoadError error={query.error?.message ?? null} retry={() => void invalidateApi(`/api/mediation/${id}`)} />
        {!m && !query.error && <Spin />}
        {m && (
          <>
            <PageTitle
              title={<span style={{ overflowWrap: 'anywhere' }}>{m.title}</span>}
              extra={(
                <>
                  {m.actions.includes('session') && <Button type="primary" onClick={() => setDialog('session')}>{l('记录调解会', 'Record a session')}</Button>}
                  {m.actions.includes('close') && <Button onClick={() => setDialog('close')}>{l('结案', 'Close')}</Button>}
                  {m.actions.includes('agreement') && (
                    <Button onClick={() => setDialog('agreement')}>{m.agreement ? l('替换调解协议书', 'Replace the agreement') : l('上传调解协议书', 'Store the agreement')}</Button>
                  )}
                </>
              )}
            />
            <Descriptions size="small" bordered column={narrow ? 1 : 3} data-testid="mediation-summary">
              <Descriptions.Item label={l('调解室', 'Room')}><Link to={`/mediation?station=${m.station.id}`}>{m.station.name}</Link></Descriptions.Item>
              <Descriptions.Item label={l('纠纷类型', 'Type')}>{label(m.disputeTypeLabel)}</Descriptions.Item>
              <Descriptions.Item label={l('状态', 'State')}><StateTag m={m} /></Descriptions.Item>
              <Descriptions.Item label={l('受理日期', 'Received')}>{formatDate(m.receivedOn)}</Descriptions.Item>
              <Descriptions.Item label={l('结案日期', 'Closed')}>{formatDate(m.closedOn)}</Descriptions.Item>
              <Descriptions.Item label={l('调解协议书', 'Agreement')}>
                {m.agreement && !m.partiesMasked
                  ? <Button type="link" size="small" style={{ padding: 0 }} icon={<DownloadOutlined />} onClick={() => void download(m)}>{`${m.agreement.name} (${sizeText(m.agreement.size)})`}</Button>
                  : m.agreement ? l('已上传,仅承办人可下载', 'Stored; downloaded by those who handle it') : '—'}
              </Descriptions.Item>
              {m.description ? <Descriptions.Item label={l('纠纷情况', 'What happened')} span={narrow ? 1 : 3}><span style={{ whiteSpace: 'pre-wrap' }}>{m.description}</span></Descriptions.Item> : null}
              {m.outcomeNote ? <Descriptions.Item label={l('结案说明', 'Closing note')} span={narrow ? 1 : 3}><span style={{ whiteSpace: 'pre-wrap' }}>{m.outcomeNote}</span></Descriptions.Item> : null}
            </Descriptions>
            <Parties key={m.version} m={m} />
            <Card size="small" title={l(`调解会(${m.sessions.length})`, `Sessions (${m.sessions.length})`)}>
              {m.sessions.length === 0 ? <Empty description={l('尚未召开调解会', 'No session yet')} /> : (
                <List<Session>
                  dataSource={m.sessions} data-testid="mediation-sessions"
                  renderItem={(s) => (
                    <List.Item>
                      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                        <Space wrap size={[8, 0]}>
                          <Typography.Text strong>{formatDate(s.heldOn)}</Typography.Text>
                          <Typography.Text>{s.place}</Typography.Text>
                          {s.activityId && <Link to={`/activities/${s.activityId}`}><Tag color="blue">{l('履职活动', 'Activity')}</Tag></Link>}
                        </Space>
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>{presentLine(s, l, label) || l('未记录参加人员', 'No one recorded as present')}</Typography.Text>
                        {s.notes && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{s.notes}</Typography.Paragraph>}
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <SessionDialog mediation={m} open={dialog === 'session'} onClose={() => setDialog(null)} />
            <CloseDialog mediation={m} open={dialog === 'close'} onClose={() => setDialog(null)} />
            <AgreementDialog mediation={m} open={dialog === 'agreement'} onClose={() => setDialog(null)} />
          </>
        )}
      </Space>
    </RequireAbility>
  );
}
