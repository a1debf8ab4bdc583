import { Button, Card, Empty, Form, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi } from '../../../shared/query.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { DueDay } from './labels.js';
import type { Comment } from './types.js';

const pre = { whiteSpace: 'pre-wrap', margin: 0 } as const;

/** After a comment or an answer: the lists, the review's counts, the to-do list and the notifications read again. */
const refreshComments = () => invalidateApi('/api/budget-reviews', '/api/budget-comments', '/api/todo', '/api/notifications');

/** What a comment is about: a key project, a report, or the review as a whole. */
function Subject({ c, linked }: { c: Comment; linked: boolean }) {
  const { l } = useI18n();
  if (c.project) {
    return linked
      ? <Link to={`/budget/${c.reviewId}/projects/${c.project.id}`}>{c.project.name}</Link>
      : <Typography.Text type="secondary">{c.project.name}</Typography.Text>;
  }
  if (c.report) return <Typography.Text type="secondary">{l('报告提问', 'Question')}:{c.report.title}</Typography.Text>;
  return <Typography.Text type="secondary">{l('总体意见', 'On the whole review')}</Typography.Text>;
}

/**
 * The answer form under an open comment, for the unit it is addressed to: the text, sent once.
 */
function AnswerForm({ c }: { c: Comment }) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ body: string }>();
  const { busy, run } = useFormWrite(form);
  async function send({ body }: { body: string }) {
    await run(() => post(`/api/budget-comments/${c.id}/answer`, { body: body.trim() }), l('答复已提交', 'Answer sent'), async () => {
      form.resetFields();
      await refreshComments();
    });
  }
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void send(v)} style={{ marginTop: 8 }} data-testid="budget-answer-form">
      <Form.Item
        name="body" label={l('答复内容', 'Answer')} style={{ marginBottom: 8 }}
        rules={[{ required: true, whitespace: true, message: l('请填写答复内容', 'Write the answer') }]}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>{l('提交答复', 'Send the answer')}</Button>
    </Form>
  );
}

/**
 * One comment (a deputy's opinion or question) with where it stands: to whom it is addressed,
 * its due day, and the answer once given. `answering` shows the answer form while it is open.
 */
function CommentItem({ c, answering, linked = false }: { c: Comment; answering: boolean; linked?: boolean }) {
  const { l, label } = useI18n();
  const open = c.state === 'open';
  return (
    <div data-testid="budget-comment" style={{ width: '100%' }}>
      <Space wrap size={[8, 2]}>
        <Tag color={open ? (c.overdue ? 'red' : 'orange') : 'green'}>{label(c.stateLabel)}</Tag>
        <Typography.Text strong>{c.deputy.name}</Typography.Text>
        <Subject c={c} linked={linked} />
      </Space>
      <Typography.Paragraph style={{ ...pre, marginTop: 4 }}>{c.body}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {formatDateTime(c.createdAt)} · {l('答复单位', 'To')} {c.addressedTo.name}
        {open && <> · <DueDay date={c.dueOn} overdue={c.overdue} open /></>}
      </Typography.Text>
      {c.answer !== null && (
        <div data-testid="budget-comment-answer" style={{ marginTop: 8, padding: 8, background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 6 }}>
          <Typography.Text strong>{l('答复', 'Answer')}</Typography.Text>
          <Typography.Paragraph style={{ ...pre, marginTop: 4 }}>{c.answer}</Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.answeredBy} · {formatDateTime(c.answeredAt)}</Typography.Text>
        </div>
      )}
      {open && answering && <AnswerForm c={c} />}
    </div>
  );
}

/** A list of comments, newest first as the server gives them. */
export function CommentList({ comments, answering, linked, empty }: {
  comments: Comment[]; answering: (c: Comment) => boolean; linked?: boolean; empty: string;
}) {
  return (
    <List
      dataSource={comments} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      renderItem={(c) => <List.Item key={c.id} style={{ paddingInline: 0 }}><CommentItem c={c} answering={answering(c)} linked={linked} /></List.Item>}
    />
  );
}

/**
 * A deputy's comment (on a key project or the whole review) or question (on a report). On a
 * project the deputy may address it to the finance office instead of the project's department.
 */
export function CommentForm({ reviewId, projectId, reportId, title, departmentName }: {
  reviewId: number; projectId?: number; reportId?: number; title: string; departmentName?: string | null;
}) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ body: string; addressedTo?: 'finance' | 'department' }>();
  const { busy, run } = useFormWrite(form);
  async function send(v: { body: string; addressedTo?: 'finance' | 'department' }) {
    await run(
      () => post(`/api/budget-reviews/${reviewId}/comments`, { projectId, reportId, body: v.body.trim(), addressedTo: v.addressedTo }),
      reportId ? l('问题已提交', 'Question sent') : l('意见已提交', 'Comment sent'),
      async () => {
        form.resetFields();
        await refreshComments();
      },
    );
  }
  return (
    <Card size="small" title={title}>
      <Form
        form={form} layout="vertical" onFinish={(v) => void send(v)} data-testid="budget-comment-form"
        initialValues={{ addressedTo: projectId && departmentName ? 'department' : 'finance' }}
      >
        <Form.Item
          name="body" label={reportId ? l('问题', 'Question') : l('意见内容', 'Comment')}
          rules={[{ required: true, whitespace: true, message: l('请填写内容', 'Write something') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        {projectId !== undefined && departmentName && (
          <Form.Item name="addressedTo" label={l('请谁答复', 'Answered by')}>
            <Radio.Group options={[{ value: 'department', label: departmentName }, { value: 'finance', label: l('财政部门', 'The finance office') }]} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} block>{reportId ? l('提交问题', 'Send the question') : l('提交意见', 'Send the comment')}</Button>
      </Form>
    </Card>
  );
}
