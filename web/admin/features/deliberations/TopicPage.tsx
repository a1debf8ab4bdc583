import { Alert, Breadcrumb, Button, Card, Descriptions, Form, Input, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { ScoreDialog } from './TopicDialogs.js';
import { ScoresText, TopicStateTag } from './TopicPool.js';
import type { Rule, Topic } from './types.js';

/**
 * One proposed topic: its description, where it came from (a deputy, the office, opinions or a
 * hot topic) with the linked opinions (masked), its scores and weighted score, and the day it
 * was chosen for. Staff score or withdraw it; the proposer may withdraw it while it waits.
 */
export function TopicPage() {
  const { id } = useParams();
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const query = useApiQuery<Topic>(`/api/deliberations/topics/${id}`);
  const t = query.data ?? null;
  const rule = useApiQuery<Rule>(t ? `/api/deliberations/rules/${t.regionCode}` : null).data;
  const [scoring, setScoring] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const { busy, run } = useFormWrite(form);
  const crumbs = (
    <Breadcrumb items={[
      { title: <Link to={`/deliberations?tab=topics${t ? `&region=${t.regionCode}` : ''}`}>{l('逢四议事', 'Deliberation days')}</Link> },
      { title: l('议题', 'Topic') },
    ]} />
  );
  if (query.error) return <Space orientation="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon title={query.error.message} /></Space>;
  if (!t) return crumbs;
  const withdraw = (v: { comment: string }) => run(
    () => post(`/api/deliberations/topics/${t.id}/withdraw`, { comment: v.comment.trim() }),
    l('议题已撤回', 'The topic is withdrawn'),
    async () => { setWithdrawing(false); await invalidateApi('/api/deliberations'); },
  );
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, width: '100%' }}>
      {crumbs}
      <header data-testid="topic-header" style={{ background: '#fff', padding: narrow ? '8px 12px' : '12px 16px', border: '1px solid #f0f0f0', borderRadius: 8, display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 17 : 20 }}>{t.title}</Typography.Title>
        <Space wrap size={[8, 4]}>
          <TopicStateTag t={t} />
          <Typography.Text type="secondary">{label(t.sourceLabel)} · {t.proposer} · {formatDateTime(t.createdAt)}</Typography.Text>
        </Space>
        {t.actions.length > 0 && (
          <Space wrap>
            {t.actions.includes('score') && <Button type="primary" onClick={() => setScoring(true)}>{l('评分', 'Score')}</Button>}
            {t.actions.includes('withdraw') && <Button danger onClick={() => setWithdrawing(true)}>{l('撤回议题', 'Withdraw')}</Button>}
          </Space>
        )}
      </header>
      <Card size="small">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{t.description}</Typography.Paragraph>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
          { key: 'scores', label: l('评分', 'Scores'), children: <ScoresText t={t} /> },
          { key: 'score', label: l('加权得分', 'Weighted score'), children: t.score === null ? '—' : `${t.score.toFixed(2)}${t.rank ? l(`(第 ${t.rank} 名)`, ` (#${t.rank})`) : ''}` },
          { key: 'day', label: l('议事日', 'Day'), children: t.dayId ? <Link to={`/deliberations/days/${t.dayId}`}>{formatDate(t.heldOn)}</Link> : '—' },
          ...(t.hotTopicId ? [{ key: 'hot', label: l('来自热点议题', 'From a hot topic'), children: <Link to={`/hot-topics/${t.hotTopicId}`}>{l('查看热点', 'The hot topic')}</Link> }] : []),
        ]} />
      </Card>
      {t.cases.length > 0 && (
        <Card size="small" title={l(`关联的群众意见(${t.cases.length})`, `Linked opinions (${t.cases.length})`)}>
          <List size="small" dataSource={t.cases} renderItem={(c) => (
            <List.Item style={{ display: 'block' }}>
              <Link to={`/cases/${c.id}`}>{c.code}</Link> <Typography.Text type="secondary">{c.category}</Typography.Text>
              <div>{c.title}</div>
            </List.Item>
          )} />
        </Card>
      )}
      <ScoreDialog topic={scoring ? t : null} rule={rule} onClose={() => setScoring(false)} />
      <Modal open={withdrawing} title={l('撤回议题', 'Withdraw the topic')} onCancel={() => setWithdrawing(false)} onOk={() => form.submit()} confirmLoading={busy}
        okText={l('撤回', 'Withdraw')} okButtonProps={{ danger: true }} cancelText={l('取消', 'Cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void withdraw(v)}>
          <Form.Item name="comment" label={l('撤回原因', 'Why')} rules={[{ required: true, whitespace: true, max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
