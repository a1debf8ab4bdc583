import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert, App, Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Typography, type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { post, put } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { useNarrow } from '../../kit/common.js';
import { downloadFile } from '../../kit/download.js';
import { useFormWrite, useWriteErrors } from '../../kit/writeErrors.js';
import { EvaluationCard } from './EvaluationCard.js';
import { MODES, PROJECT_STATES, yuan } from './labels.js';
import { ProposeDialog } from './ProposeDialog.js';
import { RoundStateTag } from './RoundsPage.js';
import type { ProjectListItem, Round, RoundAction, VoteDetail } from './types.js';
import { VoteCard } from './VoteCard.js';

export function ProjectStateTag({ p }: { p: Pick<ProjectListItem, 'state' | 'stateLabel'> }) {
  const { label } = useI18n();
  return <Tag color={PROJECT_STATES[p.state]?.color ?? 'default'}>{label(p.stateLabel)}</Tag>;
}

interface Settings { title: string; sessionId?: number | null; window: [Dayjs, Dayjs]; places: number; ballotSize: number; mode: 'for_against' | 'choose' }

/** The round's settings: changed freely until the presidium approves the ballot, the title and window afterwards too. */
function SettingsDialog({ round, open, onClose }: { round: Round; open: boolean; onClose(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<Settings>();
  const { busy, run } = useFormWrite(form);
  async function save(v: Settings) {
    await run(() => put(`/api/livelihood/rounds/${round.id}`, {
      sessionId: round.sessionId, year: round.year, title: v.title.trim(), quorum: round.quorum,
      collectOpensOn: v.window[0].format('YYYY-MM-DD'), collectClosesOn: v.window[1].format('YYYY-MM-DD'),
      places: v.places, ballotSize: v.ballotSize, mode: v.mode,
    }), l('已保存', 'Saved'), async () => {
      await invalidateApi(`/api/livelihood/rounds/${round.id}`);
      onClose();
    });
  }
  return (
    <Modal open={open} title={l('票决设置', 'Ballot settings')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} destroyOnHidden>
      <Form<Settings>
        form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false}
        initialValues={{ title: round.title, window: [dayjs(round.collectOpensOn), dayjs(round.collectClosesOn)], places: round.places, ballotSize: round.ballotSize, mode: round.mode }}
      >
        <Form.Item name="title" label={l('名称', 'Title')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
        <Form.Item name="window" label={l('项目征集时间', 'Collection window')} rules={[{ required: true }]}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
        <Space wrap>
          <Form.Item name="places" label={l('应选项目数', 'Places')} rules={[{ required: true }]}><InputNumber min={1} /></Form.Item>
          <Form.Item name="ballotSize" label={l('候选项目数', 'Candidates')} rules={[{ required: true }]}><InputNumber min={2} /></Form.Item>
        </Space>
        <Form.Item name="mode" label={l('表决方式', 'Ballot')}>
          <Radio.Group options={(['for_against', 'choose'] as const).map((m) => ({ value: m, label: label(MODES[m]!) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 主席团审定 and the other steps of a round that ask for a note or a day. */
function RoundActionDialog({ round, action, onClose }: { round: Round; action: RoundAction | null; onClose(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<{ comment?: string; presidiumOn?: Dayjs }>();
  const { busy, run } = useFormWrite(form);
  if (!action) return null;
  const presidium = action.action === 'approve_ballot';
  async function send(v: { comment?: string; presidiumOn?: Dayjs }) {
    await run(() => post(`/api/livelihood/rounds/${round.id}/actions`, {
      action: action!.action, comment: v.comment?.trim() || undefined, ...(presidium && v.presidiumOn && { presidiumOn: v.presidiumOn.format('YYYY-MM-DD') }),
    }), l(`已${label(action!.label)}`, `Done: ${label(action!.label)}`), async () => {
      await invalidateApi('/api/livelihood');
      onClose();
    });
  }
  return (
    <Modal open title={label(action.label)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('确定', 'OK')} cancelText={l('取消', 'Cancel')} destroyOnHidden>
      {presidium && (
        <Typography.Paragraph>
          {l(`主席团审定后,${round.counts.shortlisted} 个政府提出的候选项目列入选票(须为 ${round.ballotSize} 个),票决设置不再更改。`,
            `Once the presidium approves, the ${round.counts.shortlisted} shortlisted candidates make the ballot (it must hold ${round.ballotSize}) and the settings are fixed.`)}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void send(v)} preserve={false} initialValues={{ presidiumOn: dayjs() }}>
        {presidium && <Form.Item name="presidiumOn" label={l('主席团会议日期', 'Presidium meeting')}><DatePicker /></Form.Item>}
        <Form.Item name="comment" label={presidium ? l('审定意见', 'Presidium note') : l('说明', 'Note')} rules={[{ required: Boolean(action.needsComment), whitespace: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The candidates: every project of the round the reader sees, ballot order first, with the steps staff take on each before the ballot. */
function CandidatesCard({ round }: { round: Round }) {
  const { l, label } = useI18n();
  const { message, modal } = App.useApp();
  const { can } = useSession();
  const narrow = useNarrow();
  const showError = useWriteErrors();
  const [proposing, setProposing] = useState(false);
  const query = useApiQuery<ProjectListItem[]>(`/api/livelihood/rounds/${round.id}/projects`);
  const projects = query.data ?? [];
  const manage = can('livelihood.manage') && ['collecting', 'shortlisting'].includes(round.state);

  async function act(p: ProjectListItem, action: string, comment?: string) {
    try {
      await post(`/api/livelihood/projects/${p.id}/actions`, { action, comment });
      await invalidateApi('/api/livelihood');
    } catch (err) {
      showError(err, message);
    }
  }
  function askReason(p: ProjectListItem, action: 'not_shortlist' | 'withdraw') {
    let reason = '';
    modal.confirm({
      title: action === 'withdraw' ? l('撤回候选项目', 'Withdraw the candidate') : l('不列入候选', 'Leave off the shortlist'),
      content: <Input.TextArea rows={3} aria-label={l('理由', 'Reason')} placeholder={l('请说明理由', 'Say why')} onChange={(e) => { reason = e.target.value; }} />,
      okText: l('确定', 'OK'), cancelText: l('取消', 'Cancel'),
      onOk: () => {
        if (!reason.trim()) { message.error(l('请说明理由', 'Say why')); return Promise.reject(new Error('reason')); }
        return act(p, action, reason.trim());
      },
    });
  }

  const columns: TableColumnsType<ProjectListItem> = [
    { title: l('序号', 'No.'), key: 'order', width: 60, render: (_: unknown, p) => p.ballotOrder ?? '' },
    { title: l('项目名称', 'Title'), dataIndex: 'title', render: (t: string, p) => <Link to={`/livelihood/projects/${p.id}`}>{t}</Link> },
    { title: l('地点', 'Where'), key: 'where', render: (_: unknown, p) => `${p.regionName} ${p.address}` },
    { title: l('估算投资', 'Estimate'), dataIndex: 'budgetYuan', align: 'right', width: 110, render: (v: number) => yuan(v, l) },
    { title: l('责任单位', 'Department'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    { title: l('来源', 'Source'), key: 'origin', width: 150, render: (_: unknown, p) => <>{label(p.originLabel)}{p.proposerLabel && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.proposerLabel}</Typography.Text></div>}{p.sourceCount > 0 && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{l(`关联意见 ${p.sourceCount} 件`, `${p.sourceCount} linked`)}</Typography.Text></div>}</> },
    { title: l('状态', 'State'), key: 'state', width: 110, render: (_: unknown, p) => <ProjectStateTag p={p} /> },
    ...(manage ? [{
      title: l('初选', 'Shortlist'), key: 'actions', width: 200,
      render: (_: unknown, p: ProjectListItem) => (
        <Space size={4} wrap>
          {p.state === 'proposed' && <Button size="small" type="primary" onClick={() => void act(p, 'shortlist')}>{l('列入候选', 'Shortlist')}</Button>}
          {p.state === 'proposed' && <Button size="small" onClick={() => askReason(p, 'not_shortlist')}>{l('不列入', 'Leave off')}</Button>}
          {(p.state === 'proposed' || p.state === 'shortlisted') && <Button size="small" danger type="text" onClick={() => askReason(p, 'withdraw')}>{l('撤回', 'Withdraw')}</Button>}
        </Space>
      ),
    }] : []),
  ];

  const shortlisted = projects.filter((p) => p.state === 'shortlisted').length;
  return (
    <Card
      size="small" title={l(`候选项目(${projects.length})`, `Candidates (${projects.length})`)}
      extra={round.canPropose && <Button size="small" icon={<PlusOutlined />} onClick={() => setProposing(true)}>{l('提出项目', 'Propose')}</Button>}
    >
      {['collecting', 'shortlisting'].includes(round.state) && (
        <Typography.Paragraph type={shortlisted === round.ballotSize ? 'success' : 'secondary'} data-testid="shortlist-count">
          {l(`政府已提出候选项目 ${shortlisted} 个,选票需 ${round.ballotSize} 个(应选 ${round.places} 个)。`, `${shortlisted} shortlisted; the ballot needs ${round.ballotSize} (${round.places} places).`)}
        </Typography.Paragraph>
      )}
      {narrow ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {projects.map((p) => (
            <Card key={p.id} size="small">
              <Space size={4} wrap><ProjectStateTag p={p} /><Typography.Text type="secondary">{label(p.originLabel)}</Typography.Text></Space>
              <div><Link to={`/livelihood/projects/${p.id}`}>{p.title}</Link></div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.regionName} {p.address} · {yuan(p.budgetYuan, l)} · {p.unitName ?? '—'}</Typography.Text>
            </Card>
          ))}
        </Space>
      ) : (
        <Table<ProjectListItem> rowKey="id" size="small" loading={query.isLoading} dataSource={projects} columns={columns} pagination={false} scroll={{ x: 'max-content' }} />
      )}
      <ProposeDialog round={round} open={proposing} onClose={() => setProposing(false)} />
    </Card>
  );
}

/**
 * A round of the livelihood-project vote: its settings, the candidates and their shortlist, the
 * presidium's approval of the ballot, the vote at the session (opening with the deputies present,
 * the live turnout, paper ballots, the count), the result with 通过/未通过 and its result sheet,
 * publication, and the year-end evaluation of the adopted projects.
 */
export function RoundPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const narrow = useNarrow();
  const query = useApiQuery<Round>(`/api/livelihood/rounds/${id}`);
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<RoundAction | null>(null);
  const r = query.data;
  const voteId = r?.vote?.id;
  const vote = useApiQuery<VoteDetail>(voteId ? `/api/livelihood/votes/${voteId}` : null).data ?? null;

  const crumbs = <Breadcrumb items={[{ title: <Link to="/livelihood">{l('民生实事项目票决', 'Livelihood projects')}</Link> }, { title: r?.title ?? '…' }]} />;
  if (query.error) return <Space orientation="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon title={query.error.message} /></Space>;
  if (!r) return crumbs;
  const manage = can('livelihood.manage');
  const settingsOpen = manage && ['collecting', 'shortlisting'].includes(r.state);
  const stepActions = r.actions.filter((a) => ['close_collection', 'reopen_collection', 'approve_ballot', 'reopen_shortlist', 'publish'].includes(a.action));

  async function sheet() {
    try {
      await downloadFile(`/api/livelihood/rounds/${r!.id}/result-sheet.pdf`, `${r!.title}结果报告单.pdf`);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {crumbs}
      <Card size="small">
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 17 : 20 }}>{r.title}</Typography.Title>
          <Space wrap size={[8, 4]}>
            <RoundStateTag r={r} />
            <Typography.Text type="secondary">{label(r.congressName)}{r.sessionLabel ? ` · ${typeof r.sessionLabel === 'string' ? r.sessionLabel : label(r.sessionLabel)}` : ''}</Typography.Text>
            {r.publishedAt && <Tag color="green">{l(`已公布 ${formatDateTime(r.publishedAt)}`, `Published ${formatDateTime(r.publishedAt)}`)}</Tag>}
          </Space>
          <Space wrap>
            {stepActions.map((a, i) => (
              <Button key={a.action} type={i === 0 ? 'primary' : 'default'} onClick={() => setAction(a)}>{label(a.label)}</Button>
            ))}
            {settingsOpen && <Button onClick={() => setEditing(true)}>{l('票决设置', 'Ballot settings')}</Button>}
            {r.state === 'counted' && <Button icon={<DownloadOutlined />} onClick={() => void sheet()}>{l('结果报告单 PDF', 'Result sheet (PDF)')}</Button>}
          </Space>
        </Space>
      </Card>
      <Descriptions
        size="small" bordered column={narrow ? 1 : 3}
        items={[
          { key: 'year', label: l('年度', 'Year'), children: r.year },
          { key: 'places', label: l('应选 / 候选项目数', 'Places / candidates'), children: `${r.places} / ${r.ballotSize}` },
          { key: 'mode', label: l('表决方式', 'Ballot'), children: label(MODES[r.mode]!) },
          { key: 'window', label: l('征集时间', 'Collection'), children: `${formatDate(r.collectOpensOn)} — ${formatDate(r.collectClosesOn)}` },
          { key: 'quorum', label: l('法定人数', 'Quorum'), children: l(`全体代表的 ${r.quorum.num}/${r.quorum.den}`, `${r.quorum.num}/${r.quorum.den} of all deputies`) },
          { key: 'presidium', label: l('主席团审定', 'Presidium'), children: r.presidiumOn ? `${formatDate(r.presidiumOn)}${r.presidiumNote ? ` · ${r.presidiumNote}` : ''}` : '—' },
        ]}
      />
      {(r.vote || (manage && r.state === 'ballot_ready')) && <VoteCard round={r} vote={vote} />}
      <CandidatesCard round={r} />
      {r.state === 'counted' && <EvaluationCard round={r} />}
      <SettingsDialog round={r} open={editing} onClose={() => setEditing(false)} />
      <RoundActionDialog round={r} action={action} onClose={() => setAction(null)} />
    </Space>
  );
}
