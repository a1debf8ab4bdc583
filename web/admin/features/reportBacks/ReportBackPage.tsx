import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { EvaluationCard, refreshReportBack } from './EvaluationCard.js';
import { IssuesCard } from './IssuesCard.js';
import { StateTag } from './ReportBacksPage.js';
import type { EvaluationRow, ReportBack } from './types.js';

const ATTENDANCE_COLOURS: Record<string, string> = { present: 'green', leave: 'gold', absent: 'default' };

/**
 * One report-back: the meeting (time, place, station, the constituency invited, attendance),
 * the deputy's report (the deputy edits it on the phone), the constituents' evaluation with its
 * QR code, counts and comments, and the issue list followed to closure — each action shown only
 * when the server lists it for the reader.
 */
export function ReportBackPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const showError = useWriteErrors();
  const query = useApiQuery<ReportBack>(`/api/report-backs/${id}`);
  const rb = query.data;
  const [adding, setAdding] = useState<EvaluationRow | null | false>(false);

  const crumbs = <Breadcrumb items={[{ title: <Link to="/report-backs">{l('代表述职', 'Report-backs')}</Link> }, { title: rb?.title ?? '…' }]} />;
  if (query.error) return <Space orientation="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon title={query.error.message} /></Space>;
  if (!rb) return crumbs;
  const can = (a: string) => rb.actions.includes(a);
  const a = rb.activity;
  const levelLabel = label(rb.deputy.levelLabel);

  function cancel() {
    let reason = '';
    modal.confirm({
      title: l('取消述职', 'Cancel the report-back'),
      content: <Input.TextArea rows={3} aria-label={l('取消原因', 'Reason')} placeholder={l('请说明原因', 'Say why')} onChange={(e) => { reason = e.target.value; }} />,
      okText: l('确定', 'OK'), cancelText: l('返回', 'Back'),
      onOk: async () => {
        if (!reason.trim()) { message.error(l('请说明原因', 'Say why')); throw new Error('reason'); }
        try {
          await post(`/api/report-backs/${rb!.id}/cancel`, { reason: reason.trim() });
          await refreshReportBack(rb!.id);
        } catch (err) { showError(err, message); }
      },
    });
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, width: '100%' }}>
      {crumbs}
      <header style={{ background: '#fff', padding: narrow ? '8px 12px' : '12px 16px', border: '1px solid #f0f0f0', borderRadius: 8, display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 17 : 20 }}>{rb.title}</Typography.Title>
        <Space wrap size={[8, 4]}>
          <StateTag r={rb} />
          <Typography.Text>{rb.deputy.name}</Typography.Text>
          {levelLabel && levelLabel !== '—' && <Typography.Text type="secondary">{levelLabel}</Typography.Text>}
          <Typography.Text type="secondary">{l(`向${rb.congress.name}述职`, `to ${rb.congress.name}`)}</Typography.Text>
        </Space>
        <Space wrap size={[8, 8]}>
          {(can('edit_report') || can('generate_report')) && (
            <Button type="primary" size={narrow ? 'large' : 'middle'} icon={<EditOutlined />} onClick={() => void navigate(`/report-backs/${rb.id}/report`)}>
              {rb.report ? l('修改述职报告', 'Edit the report') : l('撰写述职报告', 'Write the report')}
            </Button>
          )}
          {can('cancel') && <Button danger onClick={cancel}>{l('取消述职', 'Cancel')}</Button>}
        </Space>
      </header>

      <Card size="small" title={l('述职会议', 'The meeting')}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'when', label: l('时间', 'When'), children: `${formatDateTime(a.startsAt)}${a.endsAt ? ` – ${formatDateTime(a.endsAt)}` : ''}` },
          { key: 'place', label: l('地点', 'Place'), children: a.place || '—' },
          { key: 'station', label: l('联络站', 'Station'), children: a.station ? <Link to={`/stations/${a.station.id}`}>{a.station.name}</Link> : '—' },
          { key: 'activity', label: l('履职活动', 'Activity'), children: <Link to={`/activities/${a.id}`}>{a.title}</Link> },
          { key: 'invited', label: l('邀请群众', 'Invited'), span: 'filled', children: rb.invited || '—' },
          { key: 'period', label: l('报告期间', 'Period covered'), children: rb.periodFrom ? `${formatDate(rb.periodFrom)} – ${formatDate(rb.periodTo)}` : '—' },
          { key: 'headcount', label: l('到会群众', 'Constituents present'), children: rb.headcount === null ? l('未录入', 'Not entered') : l(`${rb.headcount} 人`, String(rb.headcount)) },
          {
            key: 'deputies', label: l('参加代表', 'Deputies'), span: 'filled',
            children: <Space wrap size={4}>{a.participants.map((p) => <Tag key={p.deputyId} color={ATTENDANCE_COLOURS[p.attendance]}>{p.name}</Tag>)}</Space>,
          },
        ]} />
      </Card>

      <Card size="small" title={l('述职报告', 'The report')} data-testid="report"
        extra={rb.report && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l(`第 ${rb.report.version} 版`, `v${rb.report.version}`)} · {rb.report.byName ?? ''} {formatDateTime(rb.report.at)}</Typography.Text>}>
        {rb.report
          ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} ellipsis={{ rows: 12, expandable: true, symbol: l('展开', 'More') }}>{rb.report.text}</Typography.Paragraph>
          : <Typography.Text type="secondary">{l('代表尚未提交述职报告。', 'The deputy has not written the report yet.')}</Typography.Text>}
      </Card>

      {rb.state !== 'cancelled' && <EvaluationCard rb={rb} onIssue={(e) => setAdding(e)} />}
      {rb.state !== 'cancelled' && <IssuesCard rb={rb} adding={adding} setAdding={setAdding} />}
    </div>
  );
}
