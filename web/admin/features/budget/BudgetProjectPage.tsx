import { Alert, Breadcrumb, Card, Descriptions, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { qs } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { CommentForm, CommentList } from './Comments.js';
import { Money, RecommendationTag } from './labels.js';
import type { Comment, Review } from './types.js';

const pre = { whiteSpace: 'pre-wrap', margin: 0 } as const;

/**
 * One key project of a review, the page a deputy reads on a phone before the session: what it
 * is and costs, the department, the committee's preliminary opinion, the comments with their
 * answers, and the form to comment while the review is open. The unit it is addressed to
 * answers here too.
 */
export function BudgetProjectPage() {
  const { id, projectId } = useParams();
  const { l } = useI18n();
  const { me } = useSession();
  const review = useApiQuery<Review>(`/api/budget-reviews/${id}`);
  const comments = useApiQuery<Comment[]>(`/api/budget-reviews/${id}/comments${qs({ projectId })}`);
  const r = review.data;
  const p = r?.projects.find((x) => String(x.id) === projectId);
  const crumbs = (
    <Breadcrumb items={[
      { title: <Link to="/budget">{l('预算审查', 'Budget review')}</Link> },
      { title: <Link to={`/budget/${id}`}>{r?.title ?? l('审查', 'Review')}</Link> },
      { title: p?.name ?? l('重点项目', 'Key project') },
    ]} />
  );
  const error = review.error ?? comments.error;
  if (error) return <Space direction="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon message={error.message} /></Space>;
  if (!r) return crumbs;
  if (!p) return <Space direction="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="warning" showIcon message={l('没有这个重点项目', 'No such key project')} /></Space>;
  const myUnit = me?.scope.unit?.id;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {crumbs}
      <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>{p.name}</Typography.Title>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={l('预算金额', 'Amount')}><Typography.Text strong><Money yuan={p.amountYuan} /></Typography.Text></Descriptions.Item>
          {p.originalAmountYuan !== null && <Descriptions.Item label={l('年初预算', 'Original amount')}><Money yuan={p.originalAmountYuan} /></Descriptions.Item>}
          <Descriptions.Item label={l('主管部门', 'Department')}>{p.department?.name ?? '—'}</Descriptions.Item>
          {p.category && <Descriptions.Item label={l('类别', 'Category')}>{p.category}</Descriptions.Item>}
          <Descriptions.Item label={l('项目说明', 'Description')} span={2}><Typography.Paragraph style={pre}>{p.description || '—'}</Typography.Paragraph></Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={l('预算审查委员会初审意见', 'The committee\'s preliminary opinion')} data-testid="budget-project-opinion">
        {p.opinion ? (
          <>
            <RecommendationTag value={p.opinion.recommendation} />
            <Typography.Paragraph style={{ ...pre, marginTop: 8 }}>{p.opinion.body}</Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.opinion.recordedBy} · {formatDateTime(p.opinion.recordedAt)}</Typography.Text>
          </>
        ) : <Typography.Text type="secondary">{l('尚未提出初审意见', 'Not given yet')}</Typography.Text>}
      </Card>
      {r.can.comment && (
        <CommentForm reviewId={r.id} projectId={p.id} title={l('我对这个项目的意见', 'My comment on this project')} departmentName={p.department?.name} />
      )}
      <Card size="small" title={l(`代表意见及答复(${comments.data?.length ?? 0})`, `Comments and answers (${comments.data?.length ?? 0})`)} loading={comments.isLoading} data-testid="budget-project-comments">
        <CommentList
          comments={comments.data ?? []} empty={l('还没有代表意见', 'No comments yet')}
          answering={(c) => r.can.answer && c.addressedTo.id === myUnit}
        />
      </Card>
    </Space>
  );
}
