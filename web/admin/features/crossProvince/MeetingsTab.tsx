import { Button, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { MEETING_STATES } from './labels.js';
import type { Meeting, Overview } from './types.js';

/** Joint meetings every half year: scheduled (the next suggested six months after the last), held with attendance by side and minutes. */
export function MeetingsTab({ overview }: { overview: Overview }) {
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const [scheduling, setScheduling] = useState(false);
  const [holding, setHolding] = useState<Meeting | null>(null);
  const { busy, run } = useFormWrite();
  const refresh = () => invalidateApi(`/api/cross-province/stations/${overview.id}`);
  const columns: TableColumnsType<Meeting> = [
    { title: l('日期', 'Date'), key: 'date', width: 120, render: (_: unknown, m) => formatDate(m.scheduledOn) },
    { title: l('会议', 'Meeting'), key: 'title', render: (_: unknown, m) => (m.activityId ? <Link to={`/activities/${m.activityId}`}>{m.title}</Link> : m.title) },
    { title: l('状态', 'State'), key: 'state', width: 100, render: (_: unknown, m) => <Tag color={MEETING_STATES[m.state]!.color}>{label(MEETING_STATES[m.state])}</Tag> },
    { title: l('各方出席', 'Attendance by side'), key: 'att', responsive: ['md'], render: (_: unknown, m) => m.attendance.map((a) => `${a.regionName} ${a.present}`).join(';') || '—' },
    {
      title: '', key: 'act', width: 160,
      render: (_: unknown, m) => (overview.canChair && m.state === 'scheduled' ? (
        <Space>
          <Button size="small" onClick={() => setHolding(m)}>{l('记录会议', 'Record')}</Button>
          <Button size="small" danger loading={busy} onClick={() => run(() => post(`/api/cross-province/meetings/${m.id}/cancel`), l('已取消', 'Cancelled'), refresh)}>{l('取消', 'Cancel')}</Button>
        </Space>
      ) : null),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{l(`每半年召开一次联席会议;建议下次:${formatDate(overview.suggestedMeetingOn)}。会议前一周提醒各方。`, `A joint meeting every half year; next suggested on ${formatDate(overview.suggestedMeetingOn)}. Every side is reminded a week ahead.`)}</Typography.Text>
        {overview.canChair && <Button type="primary" onClick={() => setScheduling(true)}>{l('安排联席会议', 'Schedule a meeting')}</Button>}
      </Space>
      <Table rowKey="id" size={narrow ? 'small' : 'middle'} columns={columns} dataSource={overview.meetings} pagination={false}
        expandable={{ rowExpandable: (m) => Boolean(m.minutes), expandedRowRender: (m) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.minutes}</Typography.Paragraph> }} />
      {scheduling && <ScheduleDialog overview={overview} onClose={() => setScheduling(false)} />}
      {holding && <HoldDialog overview={overview} meeting={holding} onClose={() => setHolding(null)} />}
    </Space>
  );
}

function ScheduleDialog({ overview, onClose }: { overview: Overview; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ scheduledOn: Dayjs; title: string; place: string }>();
  const { busy, run } = useFormWrite(form);
  const save = (v: { scheduledOn: Dayjs; title: string; place: string }) => run(
    () => post(`/api/cross-province/stations/${overview.id}/meetings`, { scheduledOn: v.scheduledOn.format('YYYY-MM-DD'), title: v.title, place: v.place ?? '' }),
    l('已安排', 'Scheduled'), async () => { await invalidateApi(`/api/cross-province/stations/${overview.id}`); onClose(); },
  );
  return (
    <Modal open title={l('安排联席会议', 'Schedule a joint meeting')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')}>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ scheduledOn: dayjs(overview.suggestedMeetingOn), title: l('联席会议', 'Joint meeting') }}>
        <Form.Item name="scheduledOn" label={l('日期', 'Date')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="title" label={l('会议名称', 'Title')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="place" label={l('地点', 'Place')}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

interface HoldValues { startsAt: Dayjs; minutes: string; present: Record<string, number | null>; names: Record<string, string> }

function HoldDialog({ overview, meeting, onClose }: { overview: Overview; meeting: Meeting; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<HoldValues>();
  const { busy, run } = useFormWrite(form);
  const save = (v: HoldValues) => run(
    () => post(`/api/cross-province/meetings/${meeting.id}/hold`, {
      startsAt: v.startsAt.toISOString(), minutes: v.minutes, version: meeting.version,
      attendance: overview.sides.filter((s) => (v.present?.[s.regionCode] ?? 0) > 0).map((s) => ({ regionCode: s.regionCode, present: v.present[s.regionCode]!, names: v.names?.[s.regionCode] ?? '' })),
    }),
    l('会议已记录,并登记为履职活动', 'Recorded, and logged as an activity'), async () => { await invalidateApi(`/api/cross-province/stations/${overview.id}`); onClose(); },
  );
  return (
    <Modal open title={l('记录联席会议', 'Record the joint meeting')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} width={640}>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ startsAt: dayjs(`${meeting.scheduledOn}T09:00`) }}>
        <Form.Item name="startsAt" label={l('召开时间', 'Held at')} rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
        {overview.sides.map((s) => (
          <Space key={s.regionCode} wrap align="end">
            <Form.Item name={['present', s.regionCode]} label={l(`${s.name} 出席人数`, `${s.name}: present`)}><InputNumber min={0} max={500} /></Form.Item>
            <Form.Item name={['names', s.regionCode]} label={l('出席人员', 'Who')}><Input maxLength={1000} /></Form.Item>
          </Space>
        ))}
        <Form.Item name="minutes" label={l('会议纪要', 'Minutes')} rules={[{ required: true, message: l('请填写会议纪要', 'Write the minutes') }]}><Input.TextArea rows={5} maxLength={20000} /></Form.Item>
      </Form>
    </Modal>
  );
}
