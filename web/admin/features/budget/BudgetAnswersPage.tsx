import { Alert, Card, Empty, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { RequireAbility } from '../../kit/common.js';
import { CommentList } from './Comments.js';
import type { Comment, ReviewListItem, ReviewPage } from './types.js';

/** One review's comments addressed to the clerk's unit, open or answered. */
function ReviewComments({ review, state, unitId }: { review: ReviewListItem; state: 'open' | 'answered'; unitId: number }) {
  const { l } = useI18n();
  const query = useApiQuery<Comment[]>(`/api/budget-reviews/${review.id}/comments${qs({ state })}`);
  const mine = (query.data ?? []).filter((c) => c.addressedTo.id === unitId);
  if (query.error) return <Alert type="error" showIcon message={query.error.message} />;
  if (!mine.length) return null;
  return (
    <Card
      size="small" loading={query.isLoading} data-testid="budget-answers-review"
      title={<Link to={`/budget/${review.id}`}>{review.title}</Link>}
      extra={<Typography.Text type="secondary">{l(`${mine.length} 条`, `${mine.length}`)}</Typography.Text>}
    >
      <CommentList comments={mine} linked answering={(c) => c.state === 'open'} empty="" />
    </Card>
  );
}

/**
 * 预算意见答复: for the finance office and the departments, the deputies' comments and questions
 * addressed to their unit across the budget reviews — those waiting for an answer, due day
 * first in sight, answered in place — and those already answered. Works on a phone.
 */
export function BudgetAnswersPage() {
  return <RequireAbility ability="budget.answer"><Answers /></RequireAbility>;
}

function Answers() {
  const { l } = useI18n();
  const { me } = useSession();
  const [state, setState] = useState<'open' | 'answered'>('open');
  const reviews = useApiQuery<ReviewPage>('/api/budget-reviews?limit=100');
  const unitId = me?.scope.unit?.id ?? 0;
  const items = reviews.data?.items ?? [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Segmented<'open' | 'answered'>
        value={state} onChange={setState}
        options={[{ value: 'open', label: l('待答复', 'Awaiting my answer') }, { value: 'answered', label: l('已答复', 'Answered') }]}
      />
      {reviews.error && <Alert type="error" showIcon message={reviews.error.message} />}
      {!reviews.isLoading && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('没有需要答复的预算审查意见', 'No budget comments for your unit')} />}
      {items.map((r) => <ReviewComments key={r.id} review={r} state={state} unitId={unitId} />)}
    </Space>
  );
}
