import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { post } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { useNarrow } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { CRITERIA } from './labels.js';
import type { Evaluation, Participant, Review } from './types.js';

const pre = { whiteSpace: 'pre-wrap', margin: 0 } as const;
const refresh = () => invalidateApi('/api/budget-reviews', '/api/todo');
type CriterionKey = (typeof CRITERIA)[number][0];

/** Staff start a performance evaluation of a key project with the deputies who take part. */
function StartForm({ review, open, onClose }: { review: Review; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ projectId: number; title?: string; participantIds: number[] }>();
  const { busy, run } = useFormWrite(form);
  async function save(v: { projectId: number; title?: string; participantIds: number[] }) {
    await run(async () => {
        await post(`/api/budget-reviews/${review.id}/evaluations`, { projectId: v.projectId, title: v.title?.trim() || undefined, participantIds: v.participantIds });
    }, l('已发起绩效评价', 'Evaluation started'), async () => { await refresh(); onClose(); });
  }
  return (
    <Modal
      open={open} title={l('发起绩效评价', 'Start a performance evaluation')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('发起', 'Start')} cancelText={l('取消', 'Cancel')} maskClosable={false} destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false} data-testid="budget-evaluation-form">
        <Form.Item name="projectId" label={l('重点项目', 'Key project')} rules={[{ required: true, message: l('请选择项目', 'Choose the project') }]}>
          <Select options={review.projects.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="title" label={l('评价名称(不填则自动生成)', 'Title (generated when blank)')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="participantIds" label={l('参加评价的代表', 'Deputies taking part')}
          rules={[{ required: true, type: 'array', min: 1, message: l('请至少选择一名代表', 'Choose at least one deputy') }]}
          extra={l('须为本届人民代表大会的代表', 'Deputies of this congress term')}
        >
          <Select
            mode="multiple" showSearch optionFilterProp="label" aria-label={l('参加评价的代表', 'Deputies taking part')}
            options={review.termDeputies.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A deputy's score: overall 0–100, the four criteria if they wish, and what they found. Again while the evaluation is open. */
function ScoreForm({ evaluation, mine, onDone }: { evaluation: Evaluation; mine: Participant; onDone(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<{ score: number; criteria?: Partial<Record<CriterionKey, number | null>>; opinion?: string }>();
  const { busy, run } = useFormWrite(form);
  async function save(v: { score: number; criteria?: Partial<Record<CriterionKey, number | null>>; opinion?: string }) {
    const criteria = Object.fromEntries(Object.entries(v.criteria ?? {}).filter(([, n]) => n !== null && n !== undefined));
    await run(() => post(`/api/budget-evaluations/${evaluation.id}/score`, {
      score: v.score, criteria: Object.keys(criteria).length ? criteria : undefined, opinion: v.opinion?.trim() || undefined,
    }), l('评分已提交', 'Score sent'), async () => { await refresh(); onDone(); });
  }
  return (
    <Form
      form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="budget-score-form"
      initialValues={{ score: mine.score ?? undefined, criteria: mine.criteria ?? {}, opinion: mine.opinion ?? '' }}
    >
      <Form.Item name="score" label={l('综合评分(0–100)', 'Overall score (0–100)')} rules={[{ required: true, message: l('请评分', 'Give a score') }]}>
        <InputNumber min={0} max={100} precision={0} style={{ width: 140 }} inputMode="numeric" />
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', columnGap: 8 }}>
        {CRITERIA.map(([key, name]) => (
          <Form.Item key={key} name={['criteria', key]} label={`${label(name)}${l('(选填)', ' (optional)')}`}>
            <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
        ))}
      </div>
      <Form.Item name="opinion" label={l('评价意见', 'Findings')}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>{mine.score === null ? l('提交评分', 'Send the score') : l('修改评分', 'Change the score')}</Button>
    </Form>
  );
}

/** Staff conclude an evaluation with its findings once deputies have scored. */
function ConcludeForm({ evaluation, open, onClose }: { evaluation: Evaluation; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ findings: string }>();
  const { busy, run } = useFormWrite(form);
  async function save(v: { findings: string }) {
    await run(async () => {
        await post(`/api/budget-evaluations/${evaluation.id}/conclude`, { findings: v.findings.trim() });
    }, l('评价已完成', 'Evaluation concluded'), async () => { await refresh(); onClose(); });
  }
  return (
    <Modal
      open={open} title={l('形成评价结论', 'Conclude the evaluation')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('完成评价', 'Conclude')} cancelText={l('取消', 'Cancel')} maskClosable={false} destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false}>
        <Form.Item name="findings" label={l('评价发现与结论', 'Findings')} rules={[{ required: true, whitespace: true, message: l('请填写评价结论', 'Write the findings') }]}>
          <Input.TextArea rows={6} maxLength={10000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One evaluation: the project, its state and average, who scored what, the findings; the deputy's own score form. */
function EvaluationCard({ review, e }: { review: Review; e: Evaluation }) {
  const { l, label } = useI18n();
  const { me } = useSession();
  const narrow = useNarrow();
  const [concluding, setConcluding] = useState(false);
  const [rescoring, setRescoring] = useState(false);
  const mine = e.participants.find((p) => p.deputyId === me?.scope.deputy?.id);
  const scored = e.participants.filter((p) => p.score !== null).length;
  const canConclude = review.can.startEvaluation && e.state === 'open';
  return (
    <Card
      size="small" data-testid="budget-evaluation"
      title={<Space wrap size={4}><span>{e.title}</span><Tag color={e.state === 'open' ? 'blue' : 'green'}>{e.state === 'open' ? l('评价中', 'Open') : l('已完成', 'Concluded')}</Tag></Space>}
      extra={canConclude && <Button size="small" onClick={() => setConcluding(true)}>{l('形成结论', 'Conclude')}</Button>}
    >
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={l('项目', 'Project')}>{e.project.name}</Descriptions.Item>
        <Descriptions.Item label={l('已评分', 'Scored')}>{l(`${scored} / ${e.participants.length} 人`, `${scored} of ${e.participants.length}`)}</Descriptions.Item>
        <Descriptions.Item label={l('平均分', 'Average')}>
          {e.averageScore ?? '—'}{e.gradeLabel && <Tag color="gold" style={{ marginInlineStart: 4 }}>{label(e.gradeLabel)}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={l('发起时间', 'Started')}>{formatDateTime(e.startedAt)}</Descriptions.Item>
        {e.concludedAt && <Descriptions.Item label={l('完成时间', 'Concluded')}>{formatDateTime(e.concludedAt)}</Descriptions.Item>}
      </Descriptions>
      {e.findings && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text strong>{l('评价结论', 'Findings')}</Typography.Text>
          <Typography.Paragraph style={pre}>{e.findings}</Typography.Paragraph>
        </div>
      )}
      <Table<Participant>
        rowKey="deputyId" size="small" pagination={false} dataSource={e.participants} scroll={narrow ? undefined : { x: 'max-content' }}
        columns={[
          { title: l('代表', 'Deputy'), dataIndex: 'name', width: 90 },
          { title: l('评分', 'Score'), dataIndex: 'score', width: 60, render: (s: number | null) => s ?? l('未评', '—') },
          ...(narrow ? [] : CRITERIA.map(([key, name]) => ({ title: label(name), key, width: 80, render: (_: unknown, p: Participant) => p.criteria?.[key] ?? '—' }))),
          { title: l('意见', 'Opinion'), dataIndex: 'opinion', render: (o: string | null) => <span style={pre}>{o ?? ''}</span> },
        ]}
      />
      {mine && e.state === 'open' && (
        <Card size="small" type="inner" title={l('我的评分', 'My score')} style={{ marginTop: 8 }}>
          {mine.score === null || rescoring
            ? <ScoreForm evaluation={e} mine={mine} onDone={() => setRescoring(false)} />
            : (
              <Space wrap>
                <Typography.Text>{l(`已评 ${mine.score} 分`, `You gave ${mine.score}`)}</Typography.Text>
                <Button size="small" onClick={() => setRescoring(true)}>{l('修改评分', 'Change it')}</Button>
              </Space>
            )}
        </Card>
      )}
      <ConcludeForm evaluation={e} open={concluding} onClose={() => setConcluding(false)} />
    </Card>
  );
}

/**
 * 绩效评价: the performance evaluations of the review's key projects — staff start one once the
 * budget is approved, with the deputies who take part; each deputy scores on the phone; staff
 * conclude with the findings.
 */
export function EvaluationsPanel({ review }: { review: Review }) {
  const { l } = useI18n();
  const [starting, setStarting] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {review.can.startEvaluation && (
        <Button icon={<PlusOutlined />} onClick={() => setStarting(true)} disabled={!review.projects.length}>{l('发起绩效评价', 'Start an evaluation')}</Button>
      )}
      {review.evaluations.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={review.state === 'approved' || review.state === 'closed' ? l('还没有绩效评价', 'No evaluations yet') : l('预算批准后开展重点项目绩效评价', 'Key projects are evaluated once the budget is approved')}
        />
      )}
      {review.evaluations.map((e) => <EvaluationCard key={e.id} review={review} e={e} />)}
      <StartForm review={review} open={starting} onClose={() => setStarting(false)} />
    </Space>
  );
}
