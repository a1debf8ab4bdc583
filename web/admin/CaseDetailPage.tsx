import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, formFieldErrors, get, post } from '../shared/api.js';
import { formatDate, formatDateTime } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';

interface Label { zh: string; en: string }
interface CaseDetail {
  id: number; trackingCode: string; state: string; stateLabel: Label; channel: string; content: string; place: string;
  category: { name: string }; station: { name: string }; deputy: { name: string } | null; region: { name: string };
  submitter: { name: string | null; phone: string | null; masked: boolean };
  photos: { id: number; url: string }[]; submittedAt: string; unit: { name: string } | null; coUnits: { name: string }[];
  deadlineDate: string | null; overdue: boolean; round: number; keySupervision: boolean; rating: string | null;
  timeline: { at: string; actorName: string; action: string; label: Label; comment: string | null }[];
  abilities: string[];
}

/** What each action asks for before it is sent. */
const NEEDS: Record<string, ('comment' | 'unit' | 'days' | 'mode' | 'into')[]> = {
  decline: ['comment'], answer_on_spot: ['comment'], assign: ['unit', 'days'], return: ['comment'],
  request_extension: ['days', 'comment'], grant_extension: ['days'], refuse_extension: ['comment'], reply: ['comment'],
  send_back_reply: ['comment'], answer: ['comment', 'mode'], escalate: ['comment'], merge: ['into'], urge: ['comment'],
};

const ACTION_LABELS: Record<string, Label> = {
  accept: { zh: '受理', en: 'Accept' }, decline: { zh: '不予受理', en: 'Decline' }, answer_on_spot: { zh: '当场答复', en: 'Answer on the spot' },
  assign: { zh: '交办', en: 'Assign' }, sign: { zh: '签收', en: 'Sign for it' }, return: { zh: '退回', en: 'Return' },
  request_extension: { zh: '申请延期', en: 'Ask for an extension' }, grant_extension: { zh: '批准延期', en: 'Grant the extension' },
  refuse_extension: { zh: '不批准延期', en: 'Refuse the extension' }, reply: { zh: '办复', en: 'Reply' },
  approve_reply: { zh: '审核通过', en: 'Approve the reply' }, send_back_reply: { zh: '退回重办', en: 'Send the reply back' },
  answer: { zh: '反馈群众', en: 'Answer the constituent' }, escalate: { zh: '上报', en: 'Escalate' }, merge: { zh: '并单', en: 'Merge' },
  urge: { zh: '催办', en: 'Urge' }, flag_key: { zh: '重点督办', en: 'Key supervision' }, unflag_key: { zh: '取消重点督办', en: 'Remove key supervision' },
  archive: { zh: '归档', en: 'Archive' },
};

export function CaseDetailPage() {
  const { id } = useParams();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [c, setC] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [units, setUnits] = useState<{ value: number; label: string }[]>([]);
  const [form] = Form.useForm();
  const zh = lang === 'zh';

  const load = useCallback(async () => {
    try {
      setC(await get<CaseDetail>(`/api/cases/${id}`));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [id]);
  useEffect(() => { void load(); }, [load]);

  async function open(next: string) {
    form.resetFields();
    if (NEEDS[next]?.includes('unit') && units.length === 0) {
      const list = await get<{ items: { id: number; name: string }[] }>('/api/units?limit=200');
      setUnits(list.items.map((u) => ({ value: u.id, label: u.name })));
    }
    if (NEEDS[next]) setAction(next);
    else await send(next, {});
  }

  async function send(name: string, values: Record<string, unknown>) {
    try {
      const result = await post<{ case: CaseDetail | null }>(`/api/cases/${id}/actions/${name}`, values);
      setAction(null);
      message.success(ACTION_LABELS[name]?.[lang] ?? name);
      if (result.case) setC(result.case);
      else setError(zh ? '该件已不在您的办理范围内' : 'This case is no longer in your reach');
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        form.setFields(formFieldErrors(err));
      } else {
        message.error(err instanceof Error ? err.message : String(err));
      }
    }
  }

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!c) return null;
  const needs = action ? NEEDS[action] ?? [] : [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={<Space wrap><span>{c.trackingCode}</span><Tag color={c.overdue ? 'red' : 'blue'}>{c.stateLabel[lang]}</Tag>{c.keySupervision && <Tag color="volcano">{zh ? '重点督办' : 'Key supervision'}</Tag>}</Space>}
        extra={<Space wrap>{c.abilities.map((a) => <Button key={a} onClick={() => void open(a)}>{ACTION_LABELS[a]?.[lang] ?? a}</Button>)}</Space>}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={zh ? '内容' : 'Content'} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.content}</Typography.Paragraph></Descriptions.Item>
          <Descriptions.Item label={zh ? '类别' : 'Category'}>{c.category.name}</Descriptions.Item>
          <Descriptions.Item label={zh ? '地点' : 'Place'}>{c.place || '—'}</Descriptions.Item>
          <Descriptions.Item label={zh ? '联络站' : 'Station'}>{c.station.name}</Descriptions.Item>
          <Descriptions.Item label={zh ? '代表' : 'Deputy'}>{c.deputy?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={zh ? '提交人' : 'Submitter'}>{c.submitter.name ?? (zh ? '匿名' : 'Anonymous')}</Descriptions.Item>
          <Descriptions.Item label={zh ? '联系电话' : 'Phone'}>{c.submitter.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={zh ? '承办单位' : 'Unit'}>{c.unit?.name ?? '—'}{c.coUnits.length ? ` (+${c.coUnits.map((u) => u.name).join('、')})` : ''}</Descriptions.Item>
          <Descriptions.Item label={zh ? '办理期限' : 'Deadline'}>{formatDate(c.deadlineDate)}</Descriptions.Item>
          <Descriptions.Item label={zh ? '提交时间' : 'Submitted'}>{formatDateTime(c.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={zh ? '办理轮次' : 'Round'}>{c.round}</Descriptions.Item>
        </Descriptions>
        {c.photos.length > 0 && (
          <Space wrap style={{ marginTop: 12 }}>
            {c.photos.map((p) => <a key={p.id} href={p.url} target="_blank" rel="noreferrer"><img src={p.url} alt="" style={{ height: 96, borderRadius: 4 }} /></a>)}
          </Space>
        )}
      </Card>
      <Card title={zh ? '办理记录' : 'Timeline'}>
        <Timeline items={c.timeline.map((e) => ({
          children: (
            <div>
              <Typography.Text strong>{e.label[lang]}</Typography.Text>{' '}
              <Typography.Text type="secondary">{e.actorName} · {formatDateTime(e.at)}</Typography.Text>
              {e.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</div>}
            </div>
          ),
        }))}
        />
      </Card>
      <Modal
        open={action !== null} title={action ? ACTION_LABELS[action]?.[lang] : ''} onCancel={() => setAction(null)}
        onOk={() => form.submit()} destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void send(action!, v)}>
          {needs.includes('unit') && (
            <>
              <Form.Item name="unitId" label={zh ? '承办单位' : 'Unit'} rules={[{ required: true }]}><Select options={units} showSearch optionFilterProp="label" /></Form.Item>
              <Form.Item name="coUnitIds" label={zh ? '会办单位' : 'Co-units'}><Select mode="multiple" options={units} optionFilterProp="label" /></Form.Item>
            </>
          )}
          {needs.includes('days') && (
            <Form.Item name={action === 'assign' ? 'deadlineDays' : 'days'} label={zh ? '工作日' : 'Working days'} rules={[{ required: action !== 'assign' && action !== 'grant_extension' }]}>
              <InputNumber min={1} max={30} />
            </Form.Item>
          )}
          {needs.includes('mode') && (
            <Form.Item name="mode" label={zh ? '反馈方式' : 'How'} initialValue={c.round > 1 ? 'after_rehandling' : 'agreed_time'}>
              <Select options={[
                { value: 'on_spot', label: zh ? '当场答复' : 'On the spot' },
                { value: 'agreed_time', label: zh ? '约定时间答复' : 'At an agreed time' },
                { value: 'after_rehandling', label: zh ? '重新办理后答复' : 'After re-handling' },
              ]} />
            </Form.Item>
          )}
          {needs.includes('into') && (
            <Form.Item name="intoId" label={zh ? '并入工单编号(内部 ID)' : 'Merge into case (id)'} rules={[{ required: true }]}><InputNumber min={1} /></Form.Item>
          )}
          {needs.includes('comment') && (
            <Form.Item name="comment" label={zh ? '说明' : 'Note'} rules={[{ required: true }]}><Input.TextArea rows={4} maxLength={2000} showCount /></Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
