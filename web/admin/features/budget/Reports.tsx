import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { post, qs } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { FilePicker, filesBody, sizeText, type PickedFile } from '../../kit/FilePicker.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { CommentForm, CommentList } from './Comments.js';
import { REPORT_KINDS } from './labels.js';
import type { Comment, Report, ReportKind, Review } from './types.js';

const pre = { whiteSpace: 'pre-wrap', margin: 0 } as const;
/** As the server takes them with a report: at most 10 files, 10 MB each. */
const FILE_LIMITS = { maxFiles: 10, maxBytes: 10 * 1024 * 1024, per: 'file' } as const;

/** Staff or the finance office file the government's report on state assets or on debt, with its documents. */
function ReportForm({ review, open, onClose }: { review: Review; open: boolean; onClose(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<{ kind: ReportKind; title: string; summary: string }>();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const { busy, run } = useFormWrite(form);
  function close() { setFiles([]); onClose(); }
  async function save(v: { kind: ReportKind; title: string; summary: string }) {
    await run(() => post(`/api/budget-reviews/${review.id}/reports`, {
      kind: v.kind, title: v.title.trim(), summary: v.summary.trim(), files: files.length ? filesBody(files).map((f) => ({ name: f.name, data: f.data })) : undefined,
    }), l('报告已报送', 'Report filed'), async () => {
      await invalidateApi('/api/budget-reviews');
      close();
    });
  }
  return (
    <Modal
      open={open} title={l('报送报告', 'File a report')} onCancel={close} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('报送', 'File')} cancelText={l('取消', 'Cancel')} maskClosable={false} destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false} initialValues={{ kind: 'state_assets' }} data-testid="budget-report-form">
        <Form.Item name="kind" label={l('报告类型', 'Kind')} rules={[{ required: true }]}>
          <Radio.Group options={(Object.keys(REPORT_KINDS) as ReportKind[]).map((k) => ({ value: k, label: label(REPORT_KINDS[k]) }))} />
        </Form.Item>
        <Form.Item name="title" label={l('标题', 'Title')} rules={[{ required: true, whitespace: true, message: l('请填写标题', 'Give the title') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label={l('主要内容', 'Summary')} rules={[{ required: true, whitespace: true, message: l('请填写主要内容', 'Give the summary') }]}>
          <Input.TextArea rows={6} maxLength={20000} showCount />
        </Form.Item>
        <Form.Item label={l('报告文件(PDF、图片)', 'Documents (PDF, images)')}>
          <FilePicker files={files} onChange={setFiles} limits={FILE_LIMITS} testId="budget-report-files" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One report: its text and documents, the deputies' questions with their answers, and the question form. */
function ReportCard({ review, report }: { review: Review; report: Report }) {
  const { l, label } = useI18n();
  const { me } = useSession();
  const questions = useApiQuery<Comment[]>(`/api/budget-reviews/${review.id}/comments${qs({ reportId: report.id })}`);
  const myUnit = me?.scope.unit?.id;
  const asking = review.can.askOnReports;
  return (
    <Card size="small" data-testid="budget-report" title={<Space wrap size={4}><Tag color="purple">{label(report.kindLabel)}</Tag><span>{report.title}</span></Space>}>
      <Typography.Paragraph style={pre}>{report.summary}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{l('报送', 'Filed by')} {report.filedBy} · {formatDateTime(report.filedAt)}</Typography.Text>
      {report.files.length > 0 && (
        <Space direction="vertical" size={2} style={{ marginTop: 8 }}>
          {report.files.map((f) => (
            <a key={f.id} href={f.url} target="_blank" rel="noreferrer"><PaperClipOutlined /> {f.name} <Typography.Text type="secondary">{sizeText(f.size)}</Typography.Text></a>
          ))}
        </Space>
      )}
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>{l(`代表提问(${questions.data?.length ?? 0})`, `Questions (${questions.data?.length ?? 0})`)}</Typography.Title>
      <CommentList
        comments={questions.data ?? []} empty={l('还没有提问', 'No questions yet')}
        answering={(c) => review.can.answer && c.addressedTo.id === myUnit}
      />
      {asking && <CommentForm reviewId={review.id} reportId={report.id} title={l('就这份报告提问', 'Ask about this report')} />}
    </Card>
  );
}

/**
 * 国有资产和政府债务报告: the government's reports filed with their documents, the deputies'
 * questions on each and the finance office's answers.
 */
export function ReportsPanel({ review }: { review: Review }) {
  const { l } = useI18n();
  const [filing, setFiling] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {review.can.fileReports && <Button icon={<PlusOutlined />} onClick={() => setFiling(true)}>{l('报送报告', 'File a report')}</Button>}
      {review.reports.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('尚未报送国有资产或政府债务报告', 'No state-asset or debt report filed yet')} />}
      {review.reports.map((r) => <ReportCard key={r.id} review={review} report={r} />)}
      <ReportForm review={review} open={filing} onClose={() => setFiling(false)} />
    </Space>
  );
}
