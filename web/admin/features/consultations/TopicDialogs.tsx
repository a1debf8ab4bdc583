import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { get, post, qs, type Answer } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import type { ActivityCandidate, Topic } from './types.js';

/** After a write: the topic, its lists and the to-do counts read again. */
const refresh = (id: number) => invalidateApi(`/api/consultations/${id}`, '/api/consultations', '/api/todo', '/api/notifications');

type CaseHit = Answer<'/api/cases'>['items'][number];

/** A case found by its code or words among those the reader may see: the view heard at reception may come from it. */
function CaseSearch({ value, onChange }: { value?: number | null; onChange?(id: number | null): void }) {
  const { l } = useI18n();
  const [hits, setHits] = useState<CaseHit[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      get<Answer<'/api/cases'>>(`/api/cases${qs({ q: q.trim() || undefined, limit: 10 })}`).then((p) => setHits(p.items), () => setHits([]));
    }, 300);
  };
  return (
    <Select<number>
      value={value ?? null} allowClear style={{ width: '100%' }} aria-label={l('关联群众意见', 'Linked case')}
      placeholder={l('输入受理编号或内容查找(选填)', 'Type a code or words (optional)')}
      showSearch={{ filterOption: false, onSearch: search }} onOpenChange={(open) => { if (open && !hits.length) search(''); }}
      options={hits.map((h) => ({ value: h.id, label: `${h.trackingCode} ${h.summary}` }))}
      onChange={(id) => onChange?.(id ?? null)} notFoundContent={l('没有匹配的意见', 'No case matches')}
    />
  );
}

interface ViewValues {
  stationId: number;
  heardOn: Dayjs;
  answers: Record<string, string>;
  general: string;
  name?: string;
  phone?: string;
  caseId?: number | null;
}

/**
 * 登记意见: the views a deputy or an officer heard at a reception day, answer by answer to the
 * topic's questions (and anything else as 综合意见), for one of their stations; optionally from a
 * case, whose constituent then sees on the tracking page that the view went into the consultation.
 */
export function RegisterViewDialog({ topic, open, onClose }: { topic: Topic; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const [form] = Form.useForm<ViewValues>();
  const { busy, run } = useFormWrite(form);

  async function submit() {
    let v: ViewValues;
    try { v = await form.validateFields(); } catch { return; }
    const answers = [
      ...topic.questions.map((q) => ({ questionId: q.id, text: (v.answers?.[q.id] ?? '').trim() })),
      { questionId: null, text: (v.general ?? '').trim() },
    ].filter((a) => a.text);
    if (!answers.length) { message.error(l('请至少填写一条意见', 'Write at least one view')); return; }
    await run(() => post(`/api/consultations/${topic.id}/views`, {
      stationId: v.stationId, heardOn: v.heardOn.format('YYYY-MM-DD'), answers,
      name: v.name?.trim() || null, phone: v.phone?.trim() || null, caseId: v.caseId ?? null,
    }), l('意见已登记', 'The views are registered'), async () => {
      form.resetFields();
      onClose();
      await refresh(topic.id);
    });
  }

  return (
    <Modal
      open={open} title={l('登记接待意见', 'Register views heard')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={l('提交', 'Submit')} cancelText={l('取消', 'Cancel')} width={narrow ? '100%' : 640} style={narrow ? { top: 8, maxWidth: '100%', paddingBottom: 0 } : undefined}
      destroyOnHidden
    >
      <Form<ViewValues> form={form} layout="vertical" requiredMark={false} initialValues={{ stationId: topic.myStations[0]?.id, heardOn: dayjs(), answers: {}, general: '' }}>
        <Form.Item name="stationId" label={l('联络站', 'Station')} rules={[{ required: true, message: l('请选择联络站', 'Choose the station') }]}>
          <Select aria-label={l('联络站', 'Station')} options={topic.myStations.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="heardOn" label={l('接待日期', 'Heard on')} rules={[{ required: true, message: l('请选择日期', 'Choose a date') }]}>
          <DatePicker style={{ width: '100%' }} aria-label={l('接待日期', 'Heard on')} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {topic.questions.map((q) => (
          <Form.Item key={q.id} name={['answers', String(q.id)]} label={`${q.position}. ${q.text}`}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} aria-label={l(`问题 ${q.position} 的意见`, `Views on question ${q.position}`)} />
          </Form.Item>
        ))}
        <Form.Item name="general" label={l('其他意见(综合意见)', 'Other views (general)')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} aria-label={l('综合意见', 'General views')} />
        </Form.Item>
        <Form.Item name="name" label={l('群众姓名(选填)', 'Name (optional)')}><Input maxLength={50} /></Form.Item>
        <Form.Item name="phone" label={l('联系电话(选填,遮挡显示)', 'Phone (optional, shown masked)')}><Input type="tel" maxLength={20} /></Form.Item>
        <Form.Item name="caseId" label={l('来自群众意见(选填)', 'From a case (optional)')}
          extra={l('关联后,提出人在查询页面可以看到其意见已纳入本议题征询', 'Its constituent then sees on the tracking page that the view went into this consultation')}>
          <CaseSearch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 关联活动: an activity of an asked station that gathered views on the topic (a forum, a visit); its summary counts as views. */
export function LinkActivityDialog({ topic, open, onClose }: { topic: Topic; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const candidates = useApiQuery<ActivityCandidate[]>(open ? `/api/consultations/${topic.id}/activity-candidates` : null);
  const [activityId, setActivityId] = useState<number | null>(null);
  const { busy, run } = useFormWrite();

  async function submit() {
    if (!activityId) { message.error(l('请选择活动', 'Choose an activity')); return; }
    await run(() => post(`/api/consultations/${topic.id}/activities`, { activityId }), l('活动已关联', 'The activity is linked'), async () => {
      setActivityId(null);
      onClose();
      await refresh(topic.id);
    });
  }
  return (
    <Modal open={open} title={l('关联履职活动', 'Link an activity')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={l('关联', 'Link')} cancelText={l('取消', 'Cancel')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{l('征询站点举办的、尚未关联的活动;活动纪要计入本议题的意见。', "Activities of the stations asked, not yet linked; the activity's summary counts as views on the topic.")}</Typography.Paragraph>
      <Select<number>
        value={activityId} onChange={setActivityId} style={{ width: '100%' }} aria-label={l('履职活动', 'Activity')} loading={candidates.isFetching}
        placeholder={l('选择活动', 'Choose an activity')} showSearch={{ optionFilterProp: 'label' }}
        notFoundContent={l('没有可关联的活动', 'No activity to link')}
        options={(candidates.data ?? []).map((a) => ({ value: a.id, label: `${formatDate(a.startsAt)} ${a.title}(${a.stationName})` }))}
      />
    </Modal>
  );
}

/**
 * 录入审议意见 / 录入处理情况: the standing committee's deliberation opinion, then the government's
 * handling report. Each goes back to every station that contributed and to every constituent who
 * kept a receipt.
 */
export function FeedbackDialog({ topic, kind, onClose }: { topic: Topic; kind: 'opinion' | 'handling' | null; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ text: string }>();
  const { busy, run } = useFormWrite(form);
  const title = kind === 'handling' ? l('录入政府处理情况', 'Record the handling report') : l('录入常委会审议意见', "Record the committee's opinion");

  async function submit() {
    let v: { text: string };
    try { v = await form.validateFields(); } catch { return; }
    await run(() => post(`/api/consultations/${topic.id}/${kind}`, { text: v.text.trim() }), l('已录入,并反馈给提出意见的联络站和群众', 'Recorded, and sent back to the stations and the constituents who gave views'), async () => {
      form.resetFields();
      onClose();
      await refresh(topic.id);
    });
  }
  return (
    <Modal open={kind !== null} title={title} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={l('提交', 'Submit')} cancelText={l('取消', 'Cancel')} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="text" label={kind === 'handling' ? l('处理情况', 'Handling report') : l('审议意见', 'Opinion')}
          rules={[{ required: true, whitespace: true, message: l('请填写内容', 'Write it') }]}
          extra={l('提交后发送给提出意见的各联络站,留有回执码的群众可在手机上查看', 'Sent to the stations that gave views; constituents with a receipt code read it on their phones')}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={20000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
