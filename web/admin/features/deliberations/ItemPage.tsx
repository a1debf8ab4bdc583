import { Alert, Breadcrumb, Button, Card, Descriptions, Form, Input, Modal, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDate, formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { apiKey, invalidateApi, queryClient, useApiQuery } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { DueText, ItemStateTag } from './ItemsList.js';
import { ITEM_ACTIONS } from './labels.js';
import type { Item, ItemAction } from './types.js';

/** The item's steps from assignment on, like a case's timeline: who, when, what was said. */
export function ItemTimeline({ item }: { item: Item }) {
  const { label } = useI18n();
  return (
    <Timeline data-testid="item-timeline" items={item.timeline.map((e) => ({
      children: (
        <div>
          <Typography.Text strong>{label(e.actionLabel)}</Typography.Text>{' '}
          <Typography.Text type="secondary">{e.actor} · {formatDateTime(e.at)}</Typography.Text>
          {e.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div>}
        </div>
      ),
    }))} />
  );
}

/** The steps the reader may take on the item now, as the server lists them; those asking a text open a dialog. */
export function ItemActions({ item, onDone }: { item: Item; onDone?(next: Item): void }) {
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const [form] = Form.useForm<{ comment: string }>();
  const { busy, run } = useFormWrite(form);
  const [asking, setAsking] = useState<ItemAction | null>(null);
  const act = (action: ItemAction, comment?: string) => run(
    async () => {
      const next = await post<Item>(`/api/deliberations/items/${item.id}/actions`, { action, ...(comment && { comment }) });
      queryClient.setQueryData(apiKey(`/api/deliberations/items/${item.id}`), next);
      onDone?.(next);
    },
    l(`已${ITEM_ACTIONS[action].zh}`, `Done: ${ITEM_ACTIONS[action].en}`),
    async () => { setAsking(null); form.resetFields(); await invalidateApi('/api/deliberations', '/api/todo', '/api/notifications'); },
  );
  const known = item.actions.filter((a): a is ItemAction => a in ITEM_ACTIONS);
  if (!known.length) return null;
  const def = asking ? ITEM_ACTIONS[asking] : null;
  return (
    <>
      <Space wrap size={[8, 8]}>
        {known.map((a) => (
          <Button key={a} type={ITEM_ACTIONS[a].primary ? 'primary' : 'default'} size={narrow ? 'large' : 'middle'} loading={busy && asking === null}
            onClick={() => (ITEM_ACTIONS[a].comment ? setAsking(a) : void act(a))}>
            {label(ITEM_ACTIONS[a])}
          </Button>
        ))}
      </Space>
      <Modal
        open={asking !== null} title={def ? label(def) : ''} onCancel={() => setAsking(null)} onOk={() => form.submit()} confirmLoading={busy}
        okText={l('提交', 'Submit')} cancelText={l('取消', 'Cancel')} destroyOnHidden width={narrow ? '100%' : 560}
        style={narrow ? { top: 8, maxWidth: '100%', paddingBottom: 0 } : undefined}
      >
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void act(asking!, v.comment.trim())}>
          <Form.Item name="comment" label={def?.comment ? label(def.comment) : ''} rules={[{ required: true, whitespace: true, message: l('请填写', 'Write it') }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * One action item of a day's action plan: what is to be done, by which unit and when; the
 * unit's clerk signs for it and answers (on a phone too); the street's office approves the
 * answer or sends it back, urges, and reopens it after unsatisfied public feedback.
 */
export function ItemPage() {
  const { id } = useParams();
  const { l } = useI18n();
  const narrow = useNarrow();
  const query = useApiQuery<Item>(`/api/deliberations/items/${id}`);
  const item = query.data ?? null;
  const crumbs = (
    <Breadcrumb items={[
      { title: <Link to="/deliberations?tab=items">{l('逢四议事', 'Deliberation days')}</Link> },
      ...(item ? [{ title: <Link to={`/deliberations/days/${item.dayId}`}>{`${item.regionName} ${formatDate(item.heldOn)}`}</Link> }] : []),
      { title: l('行动事项', 'Action item') },
    ]} />
  );
  if (query.error) return <Space orientation="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon title={query.error.message} /></Space>;
  if (!item) return crumbs;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, width: '100%' }}>
      {crumbs}
      <header data-testid="item-header" style={{ background: '#fff', padding: narrow ? '8px 12px' : '12px 16px', border: '1px solid #f0f0f0', borderRadius: 8, display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 17 : 20 }}>{item.title}</Typography.Title>
        <Space wrap size={[8, 4]}><ItemStateTag i={item} /><Typography.Text type="secondary">{item.unitName}</Typography.Text></Space>
        <ItemActions item={item} />
      </header>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
          { key: 'body', label: l('事项内容', 'What is to be done'), span: 2, children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.body}</Typography.Paragraph> },
          { key: 'topic', label: l('议题', 'Topic'), children: item.topicId ? <Link to={`/deliberations/topics/${item.topicId}`}>{item.topicTitle}</Link> : '—' },
          { key: 'unit', label: l('责任单位', 'Responsible unit'), children: item.unitName },
          { key: 'days', label: l('办理期限', 'Deadline'), children: <>{l(`${item.workingDays} 个工作日`, `${item.workingDays} working days`)} · <DueText i={item} /></> },
          { key: 'approved', label: l('审核通过', 'Approved'), children: item.approvedAt ? formatDateTime(item.approvedAt) : '—' },
        ]} />
      </Card>
      {item.answer && (
        <Card size="small" title={l('办理答复', 'The answer')} data-testid="item-answer">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.answer}</Typography.Paragraph>
          {item.answeredAt && <Typography.Text type="secondary">{formatDateTime(item.answeredAt)}</Typography.Text>}
        </Card>
      )}
      <Card size="small" title={l('办理记录', 'Timeline')}><ItemTimeline item={item} /></Card>
    </div>
  );
}
