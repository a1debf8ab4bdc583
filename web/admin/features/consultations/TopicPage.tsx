import { DeleteOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { del, post, qs } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { downloadFile } from '../../kit/download.js';
import { sizeText } from '../../kit/FilePicker.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { CompilationCard } from './CompilationCard.js';
import { LinkedOpinionsCard } from './LinkedOpinionsCard.js';
import { TopicStateTag, windowText } from './ConsultationsPage.js';
import { FeedbackDialog, LinkActivityDialog, RegisterViewDialog } from './TopicDialogs.js';
import type { Topic, TopicAction } from './types.js';

/** The steps that change the topic's state, asked again before they are sent. */
const STEPS: Partial<Record<TopicAction, { path: string; zh: string; en: string; confirmZh: string; confirmEn: string }>> = {
  publish: {
    path: 'publish', zh: '发布征询', en: 'Publish',
    confirmZh: '发布后议题不能再修改,征询站点的代表和联络员将收到通知,群众可扫码提出意见。', confirmEn: 'Once published the topic cannot be changed; the deputies and officers of the stations asked are told, and the public may answer.',
  },
  close: {
    path: 'close', zh: '结束征询', en: 'Close',
    confirmZh: '结束后不再收集意见,可以录入常委会审议意见。', confirmEn: "No more views are taken; the committee's opinion can then be recorded.",
  },
};

/**
 * One topic: its background, questions and documents, the window and the stations asked, the
 * linked activities, the compilation of the views, the committee's opinion and the government's
 * handling report, and what the reader may do now, as the server lists it: staff edit, publish,
 * close and record the feedback and download the compilation and the QR poster; a station's
 * officers and deputies (on a phone too) register the views heard and link activities.
 */
export function TopicPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { l } = useI18n();
  const { message, modal } = App.useApp();
  const narrow = useNarrow();
  const showError = useWriteErrors();
  const query = useApiQuery<Topic>(`/api/consultations/${id}`);
  const t = query.data ?? null;
  const [viewOpen, setViewOpen] = useState(false);
  const [activityOpen, setActivityOpen] = useState(false);
  const [feedback, setFeedback] = useState<'opinion' | 'handling' | null>(null);
  const [posterStation, setPosterStation] = useState<number | null>(null);

  const crumbs = <Breadcrumb items={[{ title: <Link to="/consultations">{l('议题征询', 'Consultations')}</Link> }, { title: t?.title ?? l('议题', 'Topic') }]} />;
  if (query.error) return <Space orientation="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon title={query.error.message} /></Space>;
  if (!t) return crumbs;
  const can = (a: TopicAction) => t.actions.includes(a);

  function step(a: 'publish' | 'close') {
    const s = STEPS[a]!;
    modal.confirm({
      title: l(s.zh, s.en), content: l(s.confirmZh, s.confirmEn), okText: l('确定', 'OK'), cancelText: l('取消', 'Cancel'),
      onOk: async () => {
        try {
          await post(`/api/consultations/${t!.id}/${s.path}`);
          message.success(l(`已${s.zh}`, `Done: ${s.en}`));
          await invalidateApi('/api/consultations', '/api/todo', '/api/notifications');
        } catch (err) {
          showError(err, message, undefined, () => void query.refetch());
        }
      },
    });
  }

  async function unlink(activityId: number) {
    try {
      await del(`/api/consultations/${t!.id}/activities/${activityId}`);
      await invalidateApi(`/api/consultations/${t!.id}`);
    } catch (err) {
      showError(err, message);
    }
  }

  async function poster() {
    try {
      await downloadFile(`/api/consultations/${t!.id}/poster.pdf${qs({ stationId: posterStation })}`, `${t!.title}-征询二维码.pdf`);
    } catch (err) {
      showError(err, message);
    }
  }

  const buttons = [
    can('register_view') && <Button key="view" type="primary" size={narrow ? 'large' : 'middle'} onClick={() => setViewOpen(true)}>{l('登记意见', 'Register views')}</Button>,
    can('link_activity') && <Button key="activity" size={narrow ? 'large' : 'middle'} onClick={() => setActivityOpen(true)}>{l('关联活动', 'Link an activity')}</Button>,
    can('edit') && <Button key="edit" onClick={() => void navigate(`/consultations/${t.id}/edit`)}>{l('修改', 'Edit')}</Button>,
    can('publish') && <Button key="publish" type="primary" onClick={() => step('publish')}>{l('发布征询', 'Publish')}</Button>,
    can('close') && <Button key="close" onClick={() => step('close')}>{l('结束征询', 'Close')}</Button>,
    can('deliberate') && <Button key="deliberate" type="primary" onClick={() => setFeedback('opinion')}>{l('录入审议意见', "Record the committee's opinion")}</Button>,
    can('handle') && <Button key="handle" type="primary" onClick={() => setFeedback('handling')}>{l('录入处理情况', 'Record the handling report')}</Button>,
  ].filter(Boolean);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, width: '100%' }}>
      {crumbs}
      <header
        data-testid="consultation-header"
        style={{ background: '#fff', padding: narrow ? '8px 12px' : '12px 16px', border: '1px solid #f0f0f0', borderRadius: 8, display: 'flex', flexDirection: 'column', gap: 8 }}
      >
        <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 17 : 20 }}>{t.title}</Typography.Title>
        <Space wrap size={[8, 4]}>
          <TopicStateTag t={t} />
          <Typography.Text type="secondary">{t.congress.name}</Typography.Text>
          <Typography.Text type="secondary">{l('征询期', 'Window')} {windowText(t)}</Typography.Text>
        </Space>
        {buttons.length > 0 && <Space wrap size={[8, 8]}>{buttons}</Space>}
      </header>

      {(t.opinion || t.handlingReport) && (
        <Card size="small" title={l('反馈', 'Feedback')} data-testid="consultation-feedback">
          {t.opinion && (
            <section aria-label={l('常委会审议意见', "The committee's opinion")}>
              <Typography.Title level={3} style={{ fontSize: 15 }}>{l('常委会审议意见', "The committee's opinion")}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{t.opinion.text}</Typography.Paragraph>
              <Typography.Text type="secondary">{t.opinion.by} · {formatDateTime(t.opinion.at)}</Typography.Text>
            </section>
          )}
          {t.handlingReport && (
            <section aria-label={l('政府处理情况', 'The handling report')} style={{ marginTop: 16 }}>
              <Typography.Title level={3} style={{ fontSize: 15 }}>{l('政府处理情况', 'The handling report')}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{t.handlingReport.text}</Typography.Paragraph>
              <Typography.Text type="secondary">{t.handlingReport.by} · {formatDateTime(t.handlingReport.at)}</Typography.Text>
            </section>
          )}
        </Card>
      )}

      <Card size="small" title={l('议题内容', 'The topic')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{t.background}</Typography.Paragraph>
        <Typography.Title level={3} style={{ fontSize: 15 }}>{l('征询问题', 'Questions')}</Typography.Title>
        <ol style={{ paddingLeft: 20 }} data-testid="consultation-questions">
          {t.questions.map((q) => <li key={q.id} style={{ marginBottom: 4 }}>{q.text}</li>)}
        </ol>
        {t.documents.length > 0 && (
          <List size="small" header={l('背景材料', 'Background documents')} dataSource={t.documents} renderItem={(d) => (
            <List.Item><a href={d.url} target="_blank" rel="noreferrer">{d.name}</a> <Typography.Text type="secondary">{sizeText(d.size)}</Typography.Text></List.Item>
          )} />
        )}
        <Descriptions size="small" column={1} style={{ marginTop: 8 }} items={[
          { key: 'stations', label: l('征询站点', 'Stations asked'), children: t.wholeRegion
            ? l(`${t.wholeRegion.name}全部联络站(${t.stations.length} 个)`, `Every station of ${t.wholeRegion.name} (${t.stations.length})`)
            : t.stations.map((s) => s.name).join(l('、', ', ')) },
          ...(t.closedAt ? [{ key: 'closed', label: l('结束时间', 'Closed'), children: formatDateTime(t.closedAt) }] : []),
        ]} />
      </Card>

      {(t.activities.length > 0 || can('link_activity')) && (
        <Card size="small" title={l('关联活动', 'Linked activities')}>
          <List
            size="small" dataSource={t.activities} locale={{ emptyText: l('尚未关联活动', 'No activity linked yet') }}
            renderItem={(a) => (
              <List.Item
                style={{ display: 'block' }}
                extra={can('link_activity') && <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={l(`取消关联 ${a.title}`, `Unlink ${a.title}`)} onClick={() => void unlink(a.id)} />}
              >
                <Space wrap size={[8, 0]}>
                  <Link to={`/activities/${a.id}`}>{a.title}</Link>
                  <Typography.Text type="secondary">{formatDate(a.startsAt)}{a.stationName && ` · ${a.stationName}`}</Typography.Text>
                </Space>
                {a.summary && <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ margin: '4px 0 0' }}>{a.summary}</Typography.Paragraph>}
              </List.Item>
            )}
          />
        </Card>
      )}

      {t.state !== 'draft' && <CompilationCard topic={t} />}

      <LinkedOpinionsCard topic={t} />

      {t.state !== 'draft' && (
        <Card size="small" title={<Space><QrcodeOutlined />{l('征询二维码海报', 'QR poster')}</Space>}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {l('打印张贴在联络站,群众扫码即可阅读议题并提出意见;选定联络站后,扫码提交的意见计入该站。',
              'Print it for the stations: the public scans it to read the topic and answer; with a station chosen, the answers count for that station.')}
          </Typography.Paragraph>
          <Space wrap>
            <Select<number>
              allowClear value={posterStation} onChange={(v) => setPosterStation(v ?? null)} style={{ width: narrow ? '100%' : 280 }}
              placeholder={l('联络站(选填)', 'Station (optional)')} aria-label={l('海报所属联络站', "The poster's station")}
              options={t.stations.map((s) => ({ value: s.id, label: s.name }))}
            />
            <Button icon={<QrcodeOutlined />} onClick={() => void poster()} data-testid="download-poster">{l('下载海报 PDF', 'Download the poster PDF')}</Button>
          </Space>
        </Card>
      )}

      {can('register_view') && <RegisterViewDialog topic={t} open={viewOpen} onClose={() => setViewOpen(false)} />}
      {can('link_activity') && <LinkActivityDialog topic={t} open={activityOpen} onClose={() => setActivityOpen(false)} />}
      <FeedbackDialog topic={t} kind={feedback} onClose={() => setFeedback(null)} />
    </div>
  );
}
