import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { post, put, qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { apiKey, invalidateApi, queryClient, useApiQuery } from '../../../shared/query.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useNarrow } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { formatDate } from '../../../shared/format.js';
import { ATTENDANCE } from './labels.js';
import { ScoresText, weightsText } from './TopicPool.js';
import type { Attendance, Day, Rule, TopicItem, Weights } from './types.js';

/** After a write on a day: its page shows the answer, the lists read again. */
function useDayWrite(day: Day, form?: Parameters<typeof useFormWrite>[0]) {
  const { busy, run } = useFormWrite(form);
  const write = (path: string, body: unknown, done: string, after?: () => void, method: 'post' | 'put' = 'post') => run(
    async () => {
      const next = await (method === 'put' ? put<Day>(path, body) : post<Day>(path, body));
      queryClient.setQueryData(apiKey(`/api/deliberations/days/${day.id}`), next);
    },
    done,
    async () => { after?.(); await invalidateApi('/api/deliberations', '/api/todo', '/api/notifications'); },
  );
  return { busy, write };
}

const wide = (narrow: boolean, width: number) => (narrow
  ? { width: '100%', style: { top: 8, maxWidth: '100%', paddingBottom: 0 } }
  : { width });

/**
 * 选定议题: the street's proposed topics ranked by their weighted score; the best, as many as the
 * rule lets a day take, are ticked already. The clerk may change the choice within the rule's bounds.
 */
export function ChooseTopicsDialog({ day, rule, open, onClose }: { day: Day; rule: Rule | undefined; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const narrow = useNarrow();
  // The waiting topics and those already chosen for this day, best weighted score first.
  const topics = useApiQuery<{ items: TopicItem[]; weights: Weights }>(open ? `/api/deliberations/topics${qs({ regionCode: day.regionCode })}` : null);
  const candidates = (topics.data?.items ?? []).filter((t) => t.state === 'proposed' || (t.state === 'chosen' && t.dayId === day.id));
  const ranked = candidates.filter((t) => t.score !== null).sort((a, b) => b.score! - a.score!);
  const max = rule?.topicsMax ?? 2;
  const min = rule?.topicsMin ?? 1;
  const best = ranked.slice(0, max).map((t) => t.id);
  const [chosen, setChosen] = useState<number[]>([]);
  const { busy, write } = useDayWrite(day);
  useEffect(() => {
    // Opened again: the day's choice; the first time: the best-ranked.
    if (open && topics.data) setChosen(day.topics.length ? day.topics.map((t) => t.id) : best);
  }, [open, topics.data]);
  const unscored = candidates.length - ranked.length;
  return (
    <Modal
      open={open} title={l('选定本次议题', 'Choose the topics of the day')} onCancel={onClose} okText={l('确定选定', 'Choose')} cancelText={l('取消', 'Cancel')}
      confirmLoading={busy} okButtonProps={{ disabled: chosen.length < min || chosen.length > max }} destroyOnHidden {...wide(narrow, 760)}
      onOk={() => void write(`/api/deliberations/days/${day.id}/topics`, { topicIds: chosen }, l('议题已选定', 'The topics are chosen'), onClose)}
    >
      <Typography.Paragraph type="secondary">
        {l(`按加权得分排序,选 ${min}–${max} 个议题;得分最高的已预先勾选。`, `Ranked by weighted score; choose ${min}–${max}. The best are ticked.`)}
        {topics.data && ` ${weightsText(topics.data.weights, l)}`}
      </Typography.Paragraph>
      <Button size="small" style={{ marginBottom: 8 }} onClick={() => setChosen(best)} disabled={!ranked.length}>{l(`按得分选前 ${max} 个`, `Take the best ${max}`)}</Button>
      <Table<TopicItem>
        rowKey="id" size="small" pagination={false} loading={topics.isLoading} dataSource={ranked} data-testid="choose-ranking"
        rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as number[]), getCheckboxProps: (t) => ({ 'aria-label': t.title } as object) }}
        columns={[
          { title: l('排名', 'Rank'), key: 'rank', width: 60, render: (_: unknown, t) => ranked.indexOf(t) + 1 },
          { title: l('议题', 'Topic'), dataIndex: 'title' },
          ...(narrow ? [] : [{ title: l('评分', 'Scores'), key: 'scores', render: (_: unknown, t: TopicItem) => <ScoresText t={t} /> }]),
          { title: l('得分', 'Score'), key: 'score', width: 70, align: 'right', render: (_: unknown, t) => <strong>{t.score?.toFixed(2)}</strong> },
        ]}
        locale={{ emptyText: l('没有已评分的待选议题', 'No scored topic to choose') }}
      />
      {unscored > 0 && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={l(`另有 ${unscored} 个议题尚未评分,评分后才能参加排序`, `${unscored} more topics are not scored yet and are not ranked`)} />}
    </Modal>
  );
}

interface EditValues { place: string; startTime: Dayjs; unitIds: number[] }

/** 会议安排: where and when the day meets, and which departments are invited (they get the notice with the dossier). */
export function EditDayDialog({ day, open, onClose }: { day: Day; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<EditValues>();
  const { busy, write } = useDayWrite(day, form);
  return (
    <Modal open={open} title={l('会议安排', 'Arrangements')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} destroyOnHidden>
      <Form<EditValues>
        form={form} layout="vertical" requiredMark={false}
        initialValues={{ place: day.place, startTime: dayjs(day.startTime, 'HH:mm'), unitIds: day.invitedUnits.map((u) => u.id) }}
        onFinish={(v) => void write(`/api/deliberations/days/${day.id}`, { place: v.place.trim(), startTime: v.startTime.format('HH:mm'), unitIds: v.unitIds ?? [], version: day.version }, l('已保存', 'Saved'), onClose, 'put')}
      >
        <Form.Item name="place" label={l('议事地点', 'Place')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="startTime" label={l('开始时间', 'Starts at')} rules={[{ required: true }]}><TimePicker format="HH:mm" minuteStep={5} /></Form.Item>
        <Form.Item name="unitIds" label={l('邀请列席的职能部门', 'Departments invited')}>
          <RecordSelect<number[]> source="units" multiple known={day.invitedUnits} aria-label={l('邀请列席的职能部门', 'Departments invited')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RecordValues {
  date: Dayjs; start: Dayjs; end?: Dayjs | null; place: string; attendance: Record<string, Attendance>; extraDeputyIds?: number[];
  unitIds: number[]; minutes: string; decisions: string[];
}

/**
 * 会议记录: who of the street's deputies attended (出席 / 请假 / 缺席), which departments were
 * present, the minutes and the decisions (议定事项, one per line). Saved as an activity of kind 议事.
 */
export function RecordDialog({ day, open, onClose }: { day: Day; open: boolean; onClose(): void }) {
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const [form] = Form.useForm<RecordValues>();
  const { busy, write } = useDayWrite(day, form);
  // The street's deputies, each with present / on leave / absent (present by default).
  const regionDeputies = useApiQuery<{ items: { id: number; name: string }[] }>(open && !day.deputies ? `/api/deputies${qs({ regionCode: day.regionCode, limit: 100 })}` : null);
  const deputies = day.deputies ?? regionDeputies.data?.items ?? [];
  // Minutes are of a meeting held: a day still ahead is recorded only as brought forward, at its real date and time.
  const ahead = dayjs(day.heldOn).isAfter(dayjs(), 'day');
  function submit(v: RecordValues) {
    const at = (t: Dayjs) => v.date.hour(t.hour()).minute(t.minute()).second(0).toISOString();
    const participants = [
      ...deputies.map((d) => ({ deputyId: d.id, attendance: v.attendance?.[String(d.id)] ?? 'present' })),
      ...(v.extraDeputyIds ?? []).filter((id) => !deputies.some((d) => d.id === id)).map((id) => ({ deputyId: id, attendance: 'present' as const })),
    ];
    void write(`/api/deliberations/days/${day.id}/record`, {
      startsAt: at(v.start), endsAt: v.end ? at(v.end) : null, place: v.place.trim(), participants,
      unitIds: v.unitIds ?? [], minutes: v.minutes.trim(), decisions: (v.decisions ?? []).map((d) => d?.trim()).filter(Boolean),
    }, l('会议记录已保存', 'The record is saved'), onClose);
  }
  return (
    <Modal
      open={open} title={l('会议记录', 'Meeting record')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('保存记录', 'Save the record')} cancelText={l('取消', 'Cancel')} destroyOnHidden {...wide(narrow, 720)}
    >
      {(day.deputies || !regionDeputies.isLoading) && <Form<RecordValues>
        form={form} layout="vertical" requiredMark={false} onFinish={submit}
        initialValues={{
          date: ahead ? dayjs() : dayjs(day.heldOn), start: dayjs(day.startTime, 'HH:mm'), place: day.place,
          attendance: Object.fromEntries(deputies.map((d) => [String(d.id), 'present'])),
          unitIds: day.invitedUnits.map((u) => u.id), decisions: [''],
        }}
      >
        {ahead && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={l(
            `议事日定于 ${formatDate(day.heldOn)},尚未到期。会议如已提前举行,请填写实际的日期和时间。`,
            `The day is set for ${formatDate(day.heldOn)}, still ahead. If the meeting was brought forward, give its real date and time.`,
          )} />
        )}
        <Space wrap>
          <Form.Item name="date" label={l('日期', 'Date')} rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
          <Form.Item
            name="start" label={l('开始', 'Start')} dependencies={['date']}
            rules={[{ required: true }, ({ getFieldValue }) => ({
              validator: (_, t?: Dayjs) => {
                const date = getFieldValue('date') as Dayjs | undefined;
                return t && date && date.hour(t.hour()).minute(t.minute()).isAfter(dayjs())
                  ? Promise.reject(new Error(l('会议尚未举行:开始时间不能晚于当前时间', 'Not held yet: the start cannot be later than now')))
                  : Promise.resolve();
              },
            })]}
          ><TimePicker format="HH:mm" minuteStep={5} /></Form.Item>
          <Form.Item name="end" label={l('结束', 'End')}><TimePicker format="HH:mm" minuteStep={5} /></Form.Item>
        </Space>
        <Form.Item name="place" label={l('地点', 'Place')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item>
        {deputies.length > 0 && (
          <fieldset data-testid="attendance" style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
            <legend style={{ fontSize: 14, marginBottom: 8 }}>{l('代表出席情况', 'Deputies present')}</legend>
            {deputies.map((d) => (
              <div key={d.id} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 4 }}>
                <span style={{ minWidth: 72 }}>{d.name}</span>
                <Form.Item name={['attendance', String(d.id)]} noStyle>
                  <Radio.Group optionType="button" size="small" aria-label={l(`${d.name}的出席情况`, `${d.name}: attendance`)}
                    options={(['present', 'leave', 'absent'] as const).map((a) => ({ value: a, label: label(ATTENDANCE[a]) }))} />
                </Form.Item>
              </div>
            ))}
          </fieldset>
        )}
        <Form.Item name="extraDeputyIds" label={deputies.length ? l('其他出席代表(选填)', 'Other deputies present (optional)') : l('出席代表', 'Deputies present')}
          rules={deputies.length ? [] : [{ required: true, message: l('请选择出席的代表', 'Choose the deputies present') }]}>
          <RecordSelect<number[]> source="deputies" multiple aria-label={l('出席代表', 'Deputies present')} />
        </Form.Item>
        <Form.Item name="unitIds" label={l('列席职能部门', 'Departments present')}>
          <RecordSelect<number[]> source="units" multiple known={day.invitedUnits} aria-label={l('列席职能部门', 'Departments present')} />
        </Form.Item>
        <Form.Item name="minutes" label={l('会议纪要', 'Minutes')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={20000} showCount />
        </Form.Item>
        <Form.List name="decisions" rules={[{ validator: (_, v: string[]) => ((v ?? []).some((d) => d?.trim()) ? Promise.resolve() : Promise.reject(new Error(l('至少一条议定事项', 'At least one decision')))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              <Typography.Text>{l('议定事项', 'Decisions')}</Typography.Text>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={f.name} noStyle><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} style={{ width: narrow ? 260 : 580 }} aria-label={l(`议定事项 ${i + 1}`, `Decision ${i + 1}`)} /></Form.Item>
                  {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={l(`删除议定事项 ${i + 1}`, `Remove decision ${i + 1}`)} />}
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} style={{ marginTop: 8 }}>{l('添加议定事项', 'Add a decision')}</Button>
            </>
          )}
        </Form.List>
      </Form>}
    </Modal>
  );
}

interface ItemValues { topicId?: number | null; title: string; body: string; unitId: number; workingDays: number }

/** 行动事项: one line of the action plan — what, which department answers for it, in how many working days (from its signing). */
export function AddItemDialog({ day, rule, open, onClose }: { day: Day; rule: Rule | undefined; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const narrow = useNarrow();
  const [form] = Form.useForm<ItemValues>();
  const { busy, run } = useFormWrite(form);
  const submit = (v: ItemValues) => run(
    () => post(`/api/deliberations/days/${day.id}/items`, { topicId: v.topicId ?? null, title: v.title.trim(), body: v.body.trim(), unitId: v.unitId, workingDays: v.workingDays }),
    l('行动事项已交办', 'The action item is assigned'),
    async () => { form.resetFields(); onClose(); await invalidateApi('/api/deliberations', '/api/todo'); },
  );
  return (
    <Modal open={open} title={l('添加行动事项', 'Add an action item')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('交办', 'Assign')} cancelText={l('取消', 'Cancel')} destroyOnHidden {...wide(narrow, 600)}>
      <Form<ItemValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}
        initialValues={{ topicId: day.topics[0]?.id ?? null, workingDays: rule?.itemWorkingDays ?? 15 }}>
        <Form.Item name="topicId" label={l('所属议题', 'Topic')}>
          <Select allowClear aria-label={l('所属议题', 'Topic')} options={day.topics.map((t) => ({ value: t.id, label: t.title }))} />
        </Form.Item>
        <Form.Item name="title" label={l('事项', 'Item')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="body" label={l('具体要求', 'What is required')} rules={[{ required: true, whitespace: true, max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="unitId" label={l('责任单位', 'Responsible unit')} rules={[{ required: true, message: l('请选择责任单位', 'Choose the unit') }]}>
          <RecordSelect<number> source="units" known={day.invitedUnits} aria-label={l('责任单位', 'Responsible unit')} />
        </Form.Item>
        <Form.Item name="workingDays" label={l('办理期限(工作日,自签收起)', 'Deadline (working days from signing)')} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 公布结果: the summary published with the day; deputies are told and the public pages show it. */
export function PublishDialog({ day, open, onClose }: { day: Day; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ summary: string }>();
  const { busy, write } = useDayWrite(day, form);
  return (
    <Modal open={open} title={l('公布议事结果', 'Publish the result')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('公布', 'Publish')} cancelText={l('取消', 'Cancel')} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" requiredMark={false}
        onFinish={(v: { summary: string }) => void write(`/api/deliberations/days/${day.id}/publish`, { summary: v.summary.trim() }, l('议事结果已公布', 'The result is published'), onClose)}>
        <Typography.Paragraph type="secondary">{l('公布后本街道代表收到通知,群众可在手机上查看议事结果和行动事项办理情况,并提出评价。', "Once published the street's deputies are told; the public reads the result and the items' handling on their phones and may give feedback.")}</Typography.Paragraph>
        <Form.Item name="summary" label={l('结果摘要', 'Summary')} rules={[{ required: true, whitespace: true, max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 取消议事日: the day does not take place; its chosen topics go back to the pool. */
export function CancelDayDialog({ day, open, onClose }: { day: Day; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ comment: string }>();
  const { busy, write } = useDayWrite(day, form);
  return (
    <Modal open={open} title={l('取消本次议事', 'Cancel the day')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('确定取消', 'Cancel the day')} okButtonProps={{ danger: true }} cancelText={l('返回', 'Back')} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}
        onFinish={(v: { comment: string }) => void write(`/api/deliberations/days/${day.id}/cancel`, { comment: v.comment.trim() }, l('已取消', 'Cancelled'), onClose)}>
        <Form.Item name="comment" label={l('取消原因', 'Why')} rules={[{ required: true, whitespace: true, max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
