import { Alert, Card, Empty, Space, Spin, Typography } from 'antd';
import { post } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { RequireAbility } from '../../kit/common.js';
import { BallotForm, VotedNotice, type BallotBody } from './BallotForm.js';
import { MODES } from './labels.js';
import type { MyBallot } from './types.js';

/** One open vote: the ballot, or 您已投票 once cast (the server says whether; it never knows the choices). */
function OpenVote({ b }: { b: MyBallot }) {
  const { l, label } = useI18n();
  async function cast(body: BallotBody) {
    await post(`/api/livelihood/votes/${b.voteId}/ballot`, body);
    await invalidateApi('/api/livelihood/my-ballots', '/api/todo');
  }
  return (
    <Card
      size="small" data-testid="open-vote"
      title={<Typography.Text strong style={{ whiteSpace: 'normal' }}>{b.roundTitle}</Typography.Text>}
    >
      {b.voted ? <VotedNotice title={b.roundTitle} /> : (
        <>
          <Typography.Paragraph type="secondary">
            {label(MODES[b.mode] ?? MODES.for_against!)} · {l(`应选 ${b.places} 项`, `${b.places} places`)}
          </Typography.Paragraph>
          <BallotForm
            mode={b.mode} places={b.places} cast={cast}
            candidates={b.projects.map((p) => ({ id: p.id, title: p.title, place: p.address, estimatedBudget: p.budgetYuan, departmentName: p.unitName, description: p.description }))}
          />
        </>
      )}
    </Card>
  );
}

/**
 * 民生实事票决 on the deputy's phone: the open votes of the congresses the deputy sits in. The
 * deputy marks the ballot and casts it once; afterwards the page says 您已投票 and shows no choice,
 * on this phone or any other.
 */
export function VotePage() {
  const { l } = useI18n();
  const query = useApiQuery<MyBallot[]>('/api/livelihood/my-ballots');
  const ballots = query.data ?? [];
  return (
    <RequireAbility ability="livelihood.vote">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {query.error && <Alert type="error" showIcon title={query.error.message} />}
        {query.isLoading && <Spin />}
        {query.data && ballots.length === 0 && (
          <Empty description={l('现在没有正在进行的民生实事项目票决', 'No livelihood-project vote is open now')} />
        )}
        {ballots.map((b) => <OpenVote key={b.voteId} b={b} />)}
      </Space>
    </RequireAbility>
  );
}
