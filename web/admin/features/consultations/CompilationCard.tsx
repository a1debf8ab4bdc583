import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, List, Row, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { post, qs } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { LoadError } from '../../kit/common.js';
import { downloadFile } from '../../kit/download.js';
import type { Compilation, CompilationText, Topic } from './types.js';

const SOURCE_COLORS: Record<CompilationText['source'], string> = { public: 'blue', reception: 'green', activity: 'purple' };
const PAGE = 20;

/**
 * 查看联系方式 of one view: the constituent's name and phone, masked everywhere, shown here after
 * asking (each reveal is written to the audit log) to those who handle the views of its station.
 */
function ViewContactReveal({ topicId, viewId }: { topicId: number; viewId: number }) {
  const { l } = useI18n();
  const { message, modal } = App.useApp();
  const [shown, setShown] = useState<{ name: string | null; phone: string | null } | null>(null);
  if (shown) {
    return (
      <span data-testid="revealed-contact">
        {shown.name ?? l('未留姓名', 'No name')} {shown.phone ? <a href={`tel:${shown.phone}`}>{shown.phone}</a> : l('未留电话', 'No phone')}
        <Typography.Text type="secondary"> {l('(本次查看已记入审计日志)', '(this view is in the audit log)')}</Typography.Text>
      </span>
    );
  }
  const ask = () => modal.confirm({
    title: l('查看联系方式', 'See the contact details'),
    content: l('将显示提出人的姓名和完整电话,仅用于向其反馈。本次查看将记入审计日志。', 'The name and full phone number will be shown, to give feedback only. This is written to the audit log.'),
    okText: l('查看', 'Show'), cancelText: l('取消', 'Cancel'),
    onOk: async () => {
      try {
        setShown(await post<{ name: string | null; phone: string | null }>(`/api/consultations/${topicId}/views/${viewId}/contact`));
      } catch (err) {
        message.error(err instanceof Error ? err.message : String(err));
      }
    },
  });
  return <Button size="small" type="link" onClick={ask} data-testid="reveal-contact">{l('查看联系方式', 'See contact details')}</Button>;
}

/**
 * 意见汇总: how many views came from each station and by which way (the public form, reception,
 * activities), then the texts question by question, with the Excel and PDF compilation for the
 * committee (personal data masked in both). Officers and deputies see every station's counts and
 * the texts of their own stations.
 */
export function CompilationCard({ topic }: { topic: Topic }) {
  const { l, label } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const [questionId, setQuestionId] = useState<number | null>(topic.questions[0]?.id ?? null);
  const [trail, setTrail] = useState<{ question: number | null; cursors: (string | null)[] }>({ question: questionId, cursors: [null] });
  const cursors = trail.question === questionId ? trail.cursors : [null];
  const cursor = cursors.at(-1) ?? null;
  const query = useApiQuery<Compilation>(
    `/api/consultations/${topic.id}/compilation${qs({ questionId: questionId ?? 0, limit: PAGE, cursor })}`, { keepPrevious: true },
  );
  const c = query.data;
  const office = me!.role === 'staff' || me!.role === 'admin';
  const reveals = topic.actions.includes('reveal');
  const [busy, setBusy] = useState<string | null>(null);

  async function download(ext: 'xlsx' | 'pdf') {
    setBusy(ext);
    try {
      await downloadFile(`/api/consultations/${topic.id}/compilation.${ext}`, `${topic.title}-意见汇总.${ext}`);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }

  const columns: TableColumnsType<Compilation['stations'][number]> = [
    { title: l('联络站', 'Station'), dataIndex: 'stationName' },
    { title: l('群众扫码', 'Public form'), dataIndex: 'public', align: 'right', width: 90 },
    { title: l('接待登记', 'Reception'), dataIndex: 'reception', align: 'right', width: 90 },
    { title: l('履职活动', 'Activities'), dataIndex: 'activity', align: 'right', width: 90 },
    { title: l('合计', 'Total'), dataIndex: 'total', align: 'right', width: 70, render: (n: number) => <strong>{n}</strong> },
  ];

  return (
    <Card
      size="small" title={l('意见汇总', 'Compilation')} data-testid="consultation-compilation"
      extra={office && (
        <Space wrap>
          <Button size="small" icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void download('xlsx')}>{l('导出 Excel', 'Excel')}</Button>
          <Button size="small" icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void download('pdf')}>{l('导出 PDF', 'PDF')}</Button>
        </Space>
      )}
    >
      <LoadError error={query.error?.message ?? null} />
      {c && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Row gutter={[8, 8]}>
            <Col xs={12} sm={6}><Statistic title={l('意见总数', 'All views')} value={c.totals.total} /></Col>
            <Col xs={12} sm={6}><Statistic title={l('群众扫码', 'Public form')} value={c.totals.public} /></Col>
            <Col xs={12} sm={6}><Statistic title={l('接待登记', 'Reception')} value={c.totals.reception} /></Col>
            <Col xs={12} sm={6}><Statistic title={l('履职活动', 'Activities')} value={c.totals.activity} /></Col>
          </Row>
          <Table
            rowKey="stationId" dataSource={c.stations} columns={columns} pagination={false} size="small" scroll={{ x: 'max-content' }}
            locale={{ emptyText: l('暂无意见', 'No views yet') }} data-testid="compilation-stations"
          />
          <Select<number>
            value={questionId ?? 0} style={{ width: '100%' }} aria-label={l('按问题查看', 'Question')}
            onChange={(v) => setQuestionId(v === 0 ? null : v)}
            options={c.questions.map((q) => ({
              value: q.questionId ?? 0,
              label: q.questionId === null ? l(`综合意见(${q.count})`, `General (${q.count})`) : `${q.position}. ${q.text}(${q.count})`,
            }))}
          />
          <List<CompilationText>
            dataSource={c.texts.items} loading={query.isFetching} data-testid="compilation-texts"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('这个问题还没有意见', 'No views on this question yet')} /> }}
            renderItem={(t) => (
              <List.Item style={{ display: 'block' }}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{t.text}</Typography.Paragraph>
                <Space size={[8, 0]} wrap style={{ fontSize: 12 }}>
                  <Tag color={SOURCE_COLORS[t.source]}>{label(t.sourceLabel)}</Tag>
                  <Typography.Text type="secondary">{t.stationName}</Typography.Text>
                  <Typography.Text type="secondary">{formatDateTime(t.at)}</Typography.Text>
                  {t.name && <Typography.Text type="secondary">{t.name}</Typography.Text>}
                  {t.caseCode && <Typography.Text type="secondary">{l('意见', 'Case')} {t.caseCode}</Typography.Text>}
                  {reveals && t.hasContact && <ViewContactReveal key={t.viewId} topicId={topic.id} viewId={t.viewId} />}
                </Space>
              </List.Item>
            )}
          />
          {(cursors.length > 1 || c.texts.nextCursor) && (
            <Space>
              <Button size="small" disabled={cursors.length <= 1} onClick={() => setTrail({ question: questionId, cursors: cursors.slice(0, -1) })}>{l('上一页', 'Previous')}</Button>
              <Button size="small" disabled={!c.texts.nextCursor || query.isPlaceholderData} onClick={() => setTrail({ question: questionId, cursors: [...cursors, c.texts.nextCursor] })}>{l('下一页', 'Next')}</Button>
            </Space>
          )}
          {c.activities.length > 0 && (
            <List
              size="small" header={l('关联活动纪要', 'Summaries of the linked activities')} dataSource={c.activities} data-testid="compilation-activities"
              renderItem={(a) => (
                <List.Item style={{ display: 'block' }}>
                  <Space size={[8, 0]} wrap>
                    <Typography.Text strong>{a.title}</Typography.Text>
                    <Typography.Text type="secondary">{formatDate(a.startsAt)} · {a.stationName}</Typography.Text>
                  </Space>
                  {a.summary && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{a.summary}</Typography.Paragraph>}
                </List.Item>
              )}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
