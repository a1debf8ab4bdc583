import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, InputNumber, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError, get, post, put } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { apiKey, invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { BallotForm, type BallotBody } from './BallotForm.js';
import { TurnoutConsole } from './TurnoutConsole.js';
import type { ProjectListItem, Result, Round, Turnout, VoteDetail } from './types.js';

/** How often the console asks for the turnout while the vote is open. */
const POLL_MS = 2000;

/** 开始投票: the number of deputies present (实到), checked against the quorum by the server. */
function OpenVoteForm({ round }: { round: Round }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const showError = useWriteErrors();
  const [present, setPresent] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  async function open() {
    setBusy(true);
    try {
      await post(`/api/livelihood/rounds/${round.id}/vote`, { present });
      message.success(l('投票已开始', 'The vote is open'));
      await invalidateApi('/api/livelihood');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'LIVELIHOOD_QUORUM_NOT_MET') {
        Modal.error({ title: l('实到人数不足', 'Not enough deputies present'), content: err.message });
      } else {
        showError(err, message);
      }
    } finally {
      setBusy(false);
    }
  }
  return (
    <Space wrap align="center">
      <Typography.Text>{l('实到代表人数', 'Deputies present')}</Typography.Text>
      <InputNumber min={0} value={present} onChange={setPresent} aria-label={l('实到代表人数', 'Deputies present')} />
      <Button type="primary" disabled={present === null} loading={busy} onClick={() => void open()}>{l('开始投票', 'Open the vote')}</Button>
      <Typography.Text type="secondary">{l(`实到人数须达到全体代表的 ${round.quorum.num}/${round.quorum.den}。`, `At least ${round.quorum.num}/${round.quorum.den} of all deputies must be present.`)}</Typography.Text>
    </Space>
  );
}

/** The open vote at the session: the live turnout, the paper voters and their ballots, raising the count present, and the count. */
function OpenVoteConsole({ round, voteId }: { round: Round; voteId: number }) {
  const { l } = useI18n();
  const { message, modal } = App.useApp();
  const showError = useWriteErrors();
  const turnoutUrl = `/api/livelihood/votes/${voteId}/turnout`;
  const turnout = useQuery<Turnout, ApiError>({ queryKey: apiKey(turnoutUrl), queryFn: () => get<Turnout>(turnoutUrl), refetchInterval: POLL_MS });
  const candidates = useApiQuery<ProjectListItem[]>(`/api/livelihood/rounds/${round.id}/projects?state=on_ballot`).data ?? [];
  const [paperVoters, setPaperVoters] = useState<number[]>([]);
  const [entering, setEntering] = useState(false);
  const [present, setPresent] = useState<number | null>(null);
  const t = turnout.data;

  async function markPaper() {
    try {
      await post(`/api/livelihood/votes/${voteId}/paper-turnout`, { deputyIds: paperVoters });
      message.success(l(`已标记 ${paperVoters.length} 名代表以纸质选票投票`, `${paperVoters.length} marked as voting on paper`));
      setPaperVoters([]);
      await invalidateApi(turnoutUrl, `/api/livelihood/votes/${voteId}`);
    } catch (err) {
      showError(err, message);
    }
  }
  async function enterPaper(body: BallotBody) {
    await post(`/api/livelihood/votes/${voteId}/paper-ballots`, { ballots: [body] });
    message.success(l('纸质选票已录入', 'Paper ballot entered'));
    await invalidateApi(turnoutUrl, `/api/livelihood/votes/${voteId}`);
    setEntering(false);
  }
  /** 废票: a paper ballot from which no intention can be read; it counts as cast and for no project. */
  function enterSpoiled() {
    modal.confirm({
      title: l('录为废票', 'Enter as spoiled'),
      content: l('这张纸质选票无法辨认投票意向,计入投票人数,不计入任何项目的赞成、反对或弃权。', 'No intention can be read from this paper ballot: it counts as cast and for no project.'),
      okText: l('确认录为废票', 'Enter it as spoiled'), cancelText: l('返回', 'Back'),
      onOk: async () => {
        try {
          await post(`/api/livelihood/votes/${voteId}/paper-ballots`, { ballots: [{ spoiled: true }] });
          message.success(l('已录入一张废票', 'A spoiled ballot is entered'));
          await invalidateApi(turnoutUrl, `/api/livelihood/votes/${voteId}`);
          setEntering(false);
        } catch (err) {
          showError(err, message);
        }
      },
    });
  }
  async function raisePresent() {
    try {
      await put(`/api/livelihood/votes/${voteId}/present`, { present });
      setPresent(null);
      await invalidateApi(turnoutUrl, '/api/livelihood');
    } catch (err) {
      showError(err, message);
    }
  }
  function close() {
    modal.confirm({
      title: l('结束投票并计票', 'Close the vote and count'),
      content: t && l(`已投票 ${t.voted} 人(实到 ${t.present} 人)。结束后不能再投票。`, `${t.voted} voted of ${t.present} present. Nobody can vote after this.`),
      okText: l('结束并计票', 'Close and count'), cancelText: l('取消', 'Cancel'),
      onOk: async () => {
        try {
          await post(`/api/livelihood/votes/${voteId}/close`);
          message.success(l('已计票', 'Counted'));
          await invalidateApi('/api/livelihood');
        } catch (err) {
          showError(err, message);
        }
      },
    });
  }

  if (turnout.error) return <Alert type="error" showIcon title={turnout.error.message} />;
  if (!t) return null;
  const notVoted = t.deputies.filter((d) => !d.voted);
  const missingPaper = t.paper - t.paperBallots;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <TurnoutConsole
        t={{
          total: t.totalDeputies, present: t.present, voted: t.voted, phone: t.phone, paper: t.paper, paperEntered: t.paperBallots, quorumNeeded: t.quorumNeeded,
          voters: t.deputies.filter((d) => d.voted).map((d) => ({ deputyId: d.id, name: d.name, channel: d.channel ?? 'phone' })),
        }}
      />
      <Card size="small" title={l('纸质选票', 'Paper ballots')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Select
              mode="multiple" style={{ minWidth: 260 }} value={paperVoters} onChange={setPaperVoters} optionFilterProp="label"
              placeholder={l('选择以纸质选票投票的代表', 'Deputies voting on paper')} aria-label={l('以纸质选票投票的代表', 'Deputies voting on paper')}
              options={notVoted.map((d) => ({ value: d.id, label: d.name }))}
            />
            <Button disabled={paperVoters.length === 0} onClick={() => void markPaper()}>{l('标记已投纸质票', 'Mark as voted on paper')}</Button>
          </Space>
          <Space wrap>
            <Typography.Text data-testid="paper-count">{l(`纸质投票 ${t.paper} 人,已录入选票 ${t.paperBallots} 张`, `${t.paper} voted on paper, ${t.paperBallots} ballots entered`)}</Typography.Text>
            <Button type="primary" ghost disabled={missingPaper <= 0} onClick={() => setEntering(true)}>{l('录入纸质选票', 'Enter a paper ballot')}</Button>
          </Space>
          <Typography.Text type="secondary">{l('选票内容与投票人分开录入:录入选票不记录是谁的选票。', 'Ballots are entered apart from the voters: an entered ballot records nobody.')}</Typography.Text>
        </Space>
      </Card>
      <Space wrap>
        <InputNumber min={t.present} value={present} onChange={setPresent} aria-label={l('调整实到人数', 'Raise the count present')} placeholder={String(t.present)} />
        <Button disabled={present === null || present <= t.present} onClick={() => void raisePresent()}>{l('调整实到人数', 'Raise the count present')}</Button>
        <Button type="primary" danger disabled={missingPaper > 0} onClick={close}>{l('结束投票并计票', 'Close and count')}</Button>
        {missingPaper > 0 && <Typography.Text type="warning">{l(`还有 ${missingPaper} 张纸质选票未录入`, `${missingPaper} paper ballots still to enter`)}</Typography.Text>}
      </Space>
      <Modal open={entering} title={l('录入纸质选票', 'Enter a paper ballot')} footer={null} onCancel={() => setEntering(false)} destroyOnHidden width={640}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{l('选票无法辨认投票意向时:', 'When no intention can be read from the ballot:')}</Typography.Text>
          <Button danger onClick={enterSpoiled}>{l('录为废票', 'Enter as spoiled')}</Button>
        </Space>
        <BallotForm paper mode={round.mode} places={round.places} cast={enterPaper} candidates={candidates.map((c) => ({ id: c.id, title: c.title, place: c.address, estimatedBudget: c.budgetYuan, departmentName: c.unitName }))} />
      </Modal>
    </Space>
  );
}

/** 票决结果: each project's votes, 通过 / 未通过 by the rule (more than half of all deputies), adopted, tied. */
export function ResultsTable({ vote }: { vote: VoteDetail }) {
  const { l } = useI18n();
  const columns: TableColumnsType<Result> = [
    { title: l('名次', 'Rank'), dataIndex: 'rank', width: 60, render: (v: number | null) => v ?? '' },
    { title: l('项目名称', 'Project'), dataIndex: 'title' },
    { title: l('赞成', 'For'), dataIndex: 'forCount', width: 70, align: 'right' },
    { title: l('反对', 'Against'), dataIndex: 'againstCount', width: 70, align: 'right' },
    { title: l('弃权', 'Abstain'), dataIndex: 'abstainCount', width: 70, align: 'right' },
    {
      title: l('结果', 'Result'), key: 'passed', width: 160,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <Tag color={r.passed ? 'green' : 'default'}>{r.passed ? l('通过', 'Passed') : l('未通过', 'Not passed')}</Tag>
          {r.adopted && <Tag color="red">{l('确定为民生实事项目', 'Adopted')}</Tag>}
          {r.tied && <Tag color="orange">{l('票数相同,待再次票决', 'Tied: to be voted again')}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <Table<Result>
      rowKey="projectId" size="small" dataSource={[...vote.results].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999) || b.forCount - a.forCount)}
      columns={columns} pagination={false} scroll={{ x: 'max-content' }} data-testid="results"
    />
  );
}

/** The vote of a round: opening it, its console while open, its result once counted. */
export function VoteCard({ round, vote }: { round: Round; vote: VoteDetail | null }) {
  const { l } = useI18n();
  const { can } = useSession();
  const manage = can('livelihood.manage');
  const v = round.vote;
  const canOpen = manage && round.state === 'ballot_ready' && (!v || v.state === 'closed');
  return (
    <Card size="small" title={l('大会票决', 'The vote')} data-testid="vote-card">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {v && (
          <Typography.Text type="secondary">
            {l(`应到 ${v.totalDeputies} 人,实到 ${v.present} 人,投票 ${v.turnout} 人(手机 ${v.turnoutPhone},纸质 ${v.turnoutPaper}${v.spoiledBallots ? `,其中废票 ${v.spoiledBallots} 张` : ''});通过须获 ${v.passMark} 票赞成。开始于 ${formatDateTime(v.openedAt)}`,
              `${v.totalDeputies} deputies, ${v.present} present, ${v.turnout} voted (${v.turnoutPhone} by phone, ${v.turnoutPaper} on paper${v.spoiledBallots ? `, ${v.spoiledBallots} spoiled` : ''}); passing needs ${v.passMark} votes for. Opened ${formatDateTime(v.openedAt)}`)}
            {v.closedAt && l(`,结束于 ${formatDateTime(v.closedAt)}`, `, closed ${formatDateTime(v.closedAt)}`)}
          </Typography.Text>
        )}
        {v?.outcome === 'no_quorum' && <Alert type="warning" showIcon title={l('投票人数未达到法定人数,本次投票无效,没有项目通过。可重新开始投票。', 'Fewer voted than the quorum: the vote is void and adopts nothing. A new vote may be opened.')} />}
        {canOpen && <OpenVoteForm round={round} />}
        {v?.state === 'open' && manage && <OpenVoteConsole round={round} voteId={v.id} />}
        {v?.state === 'open' && !manage && <Alert type="info" showIcon title={l('投票正在进行', 'The vote is open')} />}
        {v?.state === 'closed' && v.outcome === 'counted' && vote && (
          <>
            {vote.ties.length > 0 && <Alert type="warning" showIcon title={l('有项目在最后一个名额上票数相同,未自动确定,请组织再次票决。', 'Projects tie for the last place: none of them is adopted until they are voted on again.')} />}
            <ResultsTable vote={vote} />
          </>
        )}
      </Space>
    </Card>
  );
}
