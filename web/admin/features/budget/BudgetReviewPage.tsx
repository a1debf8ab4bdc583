import { DownloadOutlined, DownOutlined, EditOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Dropdown, Form, Input, Modal, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { post, qs } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { downloadFile } from '../../kit/download.js';
import { useNarrow } from '../../kit/common.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { chineseNumber } from '../suggestions/facts.js';
import { CommentForm, CommentList } from './Comments.js';
import { EvaluationsPanel } from './Evaluations.js';
import { ACTION_LABELS, Money, ReviewStateTag } from './labels.js';
import { OpinionForm, OpinionText, ProjectsPanel } from './Projects.js';
import { ReportsPanel } from './Reports.js';
import { ReviewForm } from './ReviewForm.js';
import type { Comment, Review } from './types.js';

const pre = { whiteSpace: 'pre-wrap', margin: 0 } as const;
const TABS = ['projects', 'comments', 'evaluations', 'reports', 'overview'] as const;
type TabKey = (typeof TABS)[number];

/** Staff move the review on: each step confirmed; the approval asks for the resolution's words. */
function ActionButtons({ review }: { review: Review }) {
  const { l, label } = useI18n();
  const { message, modal } = App.useApp();
  const showError = useWriteErrors();
  const [approving, setApproving] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  async function send(action: string, comment?: string) {
    await post(`/api/budget-reviews/${review.id}/actions`, { action, comment });
    message.success(l(`已${label(ACTION_LABELS[action] ?? { zh: '完成', en: 'Done' })}`, `Done: ${label(ACTION_LABELS[action] ?? { zh: '', en: action })}`));
    await invalidateApi('/api/budget-reviews', '/api/todo', '/api/notifications');
  }
  function confirm(action: string) {
    const name = label(ACTION_LABELS[action] ?? { zh: action, en: action });
    modal.confirm({
      title: name,
      content: action === 'open'
        ? l('发布后本届全体代表将收到通知,可查阅重点项目并提出意见。', 'Every deputy of the term is notified and may read the key projects and comment.')
        : l(`确定${name}吗?`, `${name}?`),
      okText: l('确定', 'OK'), cancelText: l('取消', 'Cancel'),
      onOk: async () => { try { await send(action); } catch (err) { showError(err, message); } },
    });
  }
  async function approve(v: { comment: string }) {
    try { await send('approve', v.comment.trim()); setApproving(false); form.resetFields(); } catch (err) { showError(err, message, form); }
  }
  if (!review.actions.length) return null;
  return (
    <>
      <Space wrap>
        {review.actions.map((a, i) => (
          <Button key={a} type={i === 0 ? 'primary' : 'default'} onClick={() => (a === 'approve' ? setApproving(true) : confirm(a))}>
            {label(ACTION_LABELS[a] ?? { zh: a, en: a })}
          </Button>
        ))}
      </Space>
      <Modal
        open={approving} title={label(ACTION_LABELS.approve!)} onCancel={() => setApproving(false)} onOk={() => form.submit()}
        okText={l('确定', 'OK')} cancelText={l('取消', 'Cancel')} destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void approve(v)} preserve={false}>
          <Form.Item
            name="comment" label={l('批准决议', 'The resolution')} rules={[{ required: true, whitespace: true, message: l('请填写批准决议', 'Name the resolution') }]}
            extra={l('如:平桂区第四届人民代表大会第五次会议审查批准', 'e.g. approved by the 5th session of the 4th 平桂区 congress')}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The downloads: the key projects and the comments as Excel, the review opinions as PDF. */
function Downloads({ review }: { review: Review }) {
  const { l } = useI18n();
  const narrow = useNarrow();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const pdf = async () => {
    setBusy(true);
    try { await downloadFile(`/api/budget-reviews/${review.id}/opinions.pdf`, `${review.title}-审查意见.pdf`); } catch (err) { message.error(err instanceof Error ? err.message : String(err)); } finally { setBusy(false); }
  };
  const projects = `/api/budget-projects.xlsx${qs({ reviewId: review.id })}`;
  const comments = `/api/budget-comments.xlsx${qs({ reviewId: review.id })}`;
  const withPdf = review.myPart !== 'department';
  if (narrow) {
    // On a phone the three downloads fold into one button, so the key projects come into sight.
    return (
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'projects', label: <a href={projects} download>{l('重点项目 Excel', 'Key projects (Excel)')}</a> },
            { key: 'comments', label: <a href={comments} download>{l('代表意见及答复 Excel', 'Comments and answers (Excel)')}</a> },
            ...(withPdf ? [{ key: 'pdf', label: l('审查意见 PDF', 'Review opinions (PDF)'), onClick: () => void pdf() }] : []),
          ],
        }}
      >
        <Button icon={<DownloadOutlined />} loading={busy}>{l('下载', 'Download')} <DownOutlined /></Button>
      </Dropdown>
    );
  }
  return (
    <Space wrap>
      <Button icon={<DownloadOutlined />} href={projects} download>{l('重点项目 Excel', 'Key projects (Excel)')}</Button>
      <Button icon={<DownloadOutlined />} href={comments} download>{l('代表意见及答复 Excel', 'Comments and answers (Excel)')}</Button>
      {withPdf && <Button icon={<FilePdfOutlined />} loading={busy} onClick={() => void pdf()}>{l('审查意见 PDF', 'Review opinions (PDF)')}</Button>}
    </Space>
  );
}

/** The review's facts: congress, session, dates, totals, summary, the committee's general opinion and the resolution. */
function Overview({ review }: { review: Review }) {
  const { l } = useI18n();
  const [opining, setOpining] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={l('人民代表大会', 'Congress')}>{review.congress.name}{l(`(第${chineseNumber(review.congress.termNumber)}届)`, ` (term ${review.congress.termNumber})`)}</Descriptions.Item>
          <Descriptions.Item label={l('提请审议的会议', 'Session')}>{review.session ? l(`第${chineseNumber(review.session.number)}次会议`, `Session ${review.session.number}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={l('财政部门', 'Finance office')}>{review.financeUnit.name}</Descriptions.Item>
          <Descriptions.Item label={l('代表意见截止', 'Comments until')}>{formatDate(review.commentsDueOn)}</Descriptions.Item>
          <Descriptions.Item label={l('答复期限', 'Days to answer')}>{l(`${review.answerDays} 天`, `${review.answerDays} days`)}</Descriptions.Item>
          <Descriptions.Item label={l('收入预算', 'Revenue')}><Money yuan={review.revenueYuan} /></Descriptions.Item>
          <Descriptions.Item label={l('支出预算', 'Expenditure')}><Money yuan={review.expenditureYuan} /></Descriptions.Item>
          <Descriptions.Item label={l('发布征求意见', 'Opened')}>{formatDateTime(review.openedAt)}</Descriptions.Item>
          <Descriptions.Item label={l('初审完成', 'Reviewed')}>{formatDateTime(review.reviewedAt)}</Descriptions.Item>
          <Descriptions.Item label={l('提请审议', 'Submitted')}>{formatDateTime(review.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={l('批准', 'Approved')}>{formatDateTime(review.approvedAt)}</Descriptions.Item>
          {review.resolution && <Descriptions.Item label={l('批准决议', 'Resolution')} span={2}>{review.resolution}</Descriptions.Item>}
          <Descriptions.Item label={l('说明', 'Summary')} span={2}><Typography.Paragraph style={pre}>{review.summary || '—'}</Typography.Paragraph></Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small" title={l('预算审查委员会总体初审意见', 'The committee\'s general opinion')} data-testid="budget-general-opinion"
        extra={review.can.recordOpinions && <Button size="small" onClick={() => setOpining(true)}>{review.generalOpinion ? l('修改', 'Edit') : l('填写', 'Write')}</Button>}
      >
        <OpinionText opinion={review.generalOpinion} />
      </Card>
      <OpinionForm review={review} project={null} opinion={review.generalOpinion} open={opining} onClose={() => setOpining(false)} />
    </Space>
  );
}

/** 代表意见: every comment and question of the review the reader may see, open or answered; deputies add one on the whole budget. */
function CommentsPanel({ review }: { review: Review }) {
  const { l } = useI18n();
  const { me } = useSession();
  const [state, setState] = useState<'' | 'open' | 'answered'>('');
  const comments = useApiQuery<Comment[]>(`/api/budget-reviews/${review.id}/comments${qs({ state })}`, { keepPrevious: true });
  const myUnit = me?.scope.unit?.id;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented<'' | 'open' | 'answered'>
        value={state} onChange={setState}
        options={[{ value: '', label: l('全部', 'All') }, { value: 'open', label: l('待答复', 'Awaiting answer') }, { value: 'answered', label: l('已答复', 'Answered') }]}
      />
      {comments.error && <Alert type="error" showIcon message={comments.error.message} />}
      <CommentList
        comments={comments.data ?? []} linked empty={l('还没有代表意见', 'No comments yet')}
        answering={(c) => review.can.answer && c.addressedTo.id === myUnit}
      />
      {review.can.comment && <CommentForm reviewId={review.id} title={l('对预算的总体意见', 'A comment on the budget as a whole')} />}
    </Space>
  );
}

/**
 * One budget review: its header with the state and the steps staff may take, the downloads,
 * then its parts in tabs — the key projects (each with the committee's opinion and the deputies'
 * comments), all comments with their answers, the performance evaluations, the state-asset and
 * debt reports, and the overview with the committee's general opinion. Works on a phone.
 */
export function BudgetReviewPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const query = useApiQuery<Review>(`/api/budget-reviews/${id}`);
  const r = query.data ?? null;
  const { me } = useSession();
  const deputyId = me?.scope.deputy?.id;
  // A deputy asked to score opens on the evaluations; everyone else on the key projects.
  const toScore = r?.evaluations.some((e) => e.state === 'open' && e.participants.some((p) => p.deputyId === deputyId && p.score === null));
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab') as TabKey : 'projects';
  useEffect(() => {
    // Kept in the address, so the tab stays once the score is given.
    if (toScore && !params.get('tab')) setParams((p) => { const next = new URLSearchParams(p); next.set('tab', 'evaluations'); return next; }, { replace: true });
  }, [toScore, params, setParams]);
  const crumbs = <Breadcrumb items={[{ title: <Link to="/budget">{l('预算审查', 'Budget review')}</Link> }, { title: r?.title ?? l('审查', 'Review') }]} />;
  if (query.error) return <Space direction="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon message={query.error.message} /></Space>;
  if (!r) return crumbs;
  const editable = r.can.edit;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, width: '100%' }}>
      {crumbs}
      <header data-testid="budget-header" style={{ background: '#fff', padding: narrow ? '8px 12px' : '12px 16px', border: '1px solid #f0f0f0', borderRadius: 8, display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 17 : 20 }}>{r.title}</Typography.Title>
        <Space wrap size={[8, 4]}>
          <ReviewStateTag state={r.state} label={r.stateLabel} />
          <Tag>{label(r.kindLabel)}</Tag>
          <Typography.Text type="secondary">{r.congress.name}</Typography.Text>
          {r.commentsDueOn && <Typography.Text type="secondary">{l('意见截止', 'Comments until')} {formatDate(r.commentsDueOn)}</Typography.Text>}
          {r.openCommentCount > 0 && <Tag color="orange">{l(`${r.openCommentCount} 条意见待答复`, `${r.openCommentCount} awaiting an answer`)}</Tag>}
        </Space>
        <Space wrap>
          <ActionButtons review={r} />
          {editable && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{l('修改', 'Edit')}</Button>}
        </Space>
        <Downloads review={r} />
      </header>
      <Tabs
        activeKey={tab} onChange={(k) => { const next = new URLSearchParams(params); next.set('tab', k); setParams(next, { replace: true }); }}
        items={[
          { key: 'projects', label: l(`重点项目(${r.projects.length})`, `Key projects (${r.projects.length})`), children: <ProjectsPanel review={r} /> },
          { key: 'comments', label: l(`代表意见(${r.commentCount})`, `Comments (${r.commentCount})`), children: <CommentsPanel review={r} /> },
          { key: 'evaluations', label: l('绩效评价', 'Performance'), children: <EvaluationsPanel review={r} /> },
          { key: 'reports', label: l('资产和债务报告', 'Assets and debt'), children: <ReportsPanel review={r} /> },
          { key: 'overview', label: l('概况与初审意见', 'Overview'), children: <Overview review={r} /> },
        ]}
      />
      {editable && <ReviewForm open={editing} review={r} onClose={() => setEditing(false)} />}
    </div>
  );
}
