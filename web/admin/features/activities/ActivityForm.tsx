import { CameraOutlined, DeleteOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Collapse, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { get, post, put, qs } from '../../../shared/api.js';
import { compressPhoto } from '../../../shared/compress.js';
import { useI18n } from '../../../shared/i18n.js';
import { useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useVocabulary } from '../../kit/vocabulary.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { useSession } from '../../app/session.js';
import type { ActivityDetail } from './types.js';

interface Values {
  kind: string; title: string; stationId: number | null; campaignId: number | null; startsAt: Dayjs; endsAt: Dayjs | null;
  place: string; summary: string; suggestionsMade: number; unitIds: number[];
  participants: { deputyId: number | null; attendance: string }[];
}

export interface ActivityPreset { kind?: string; stationId?: number; rotaSlotId?: number; startsAt?: string; title?: string }

/**
 * Recording an activity, or correcting one. On a phone the first screen asks only what a
 * deputy needs after a visit — what, where, when, a photo — and keeps the rest (attendance of
 * others, invited units, campaign) folded below, so logging takes well under a minute.
 */
export function ActivityForm({ open, onClose, onSaved, activity, preset }: {
  open: boolean; onClose(): void; onSaved(a: ActivityDetail): void; activity?: ActivityDetail | null; preset?: ActivityPreset;
}) {
  const { l } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const vocabulary = useVocabulary();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [campaigns, setCampaigns] = useState<{ value: number; label: string }[]>([]);
  const editing = Boolean(activity);

  useEffect(() => {
    if (!open) return;
    setPhotos([]);
    get<{ id: number; name: string }[]>(`/api/campaigns${qs({ current: !editing })}`)
      .then((list) => setCampaigns(list.map((c) => ({ value: c.id, label: c.name }))), () => setCampaigns([]));
    form.resetFields();
    if (activity) {
      form.setFieldsValue({
        kind: activity.kind, title: activity.title, stationId: activity.station?.id ?? null, campaignId: activity.campaign?.id ?? null,
        startsAt: dayjs(activity.startsAt), endsAt: activity.endsAt ? dayjs(activity.endsAt) : null, place: activity.place,
        summary: activity.summary, suggestionsMade: activity.suggestionsMade, unitIds: activity.units.map((u) => u.id),
        participants: activity.participants.map((p) => ({ deputyId: p.deputyId, attendance: p.attendance })),
      });
    } else {
      form.setFieldsValue({
        kind: preset?.kind ?? 'visit', title: preset?.title ?? '', stationId: preset?.stationId ?? me!.scope.stations[0]?.id ?? null,
        startsAt: preset?.startsAt ? dayjs(preset.startsAt) : dayjs(), endsAt: null, place: '', summary: '', suggestionsMade: 0,
        unitIds: [], campaignId: null, participants: [],
      });
    }
  }, [open, activity, preset, editing, form, me]);

  async function addPhotos(files: FileList | null) {
    if (!files) return;
    try {
      const added = await Promise.all([...files].slice(0, 9 - photos.length).map((f) => compressPhoto(f)));
      setPhotos((p) => [...p, ...added]);
    } catch {
      message.error(l('无法读取这张照片,请换一张', 'This photo cannot be read; please choose another'));
    }
  }

  /** Everyone of the station as present: the usual start for a meeting, then mark who was away. */
  async function addStationDeputies() {
    const stationId = form.getFieldValue('stationId') as number | null;
    if (!stationId) return;
    const page = await get<{ items: { id: number }[] }>(`/api/deputies${qs({ stationId, limit: 200 })}`);
    const current = (form.getFieldValue('participants') as Values['participants']).filter((p) => p.deputyId);
    const have = new Set(current.map((p) => p.deputyId));
    form.setFieldValue('participants', [...current, ...page.items.filter((d) => !have.has(d.id)).map((d) => ({ deputyId: d.id, attendance: 'present' }))]);
  }

  async function save(values: Values) {
    setBusy(true);
    const body = {
      kind: values.kind, title: values.title, stationId: values.stationId ?? null, campaignId: values.campaignId ?? null,
      startsAt: values.startsAt.format(), endsAt: values.endsAt ? values.endsAt.format() : null, place: values.place ?? '',
      summary: values.summary ?? '', suggestionsMade: values.suggestionsMade ?? 0, unitIds: values.unitIds ?? [],
      participants: (values.participants ?? []).filter((p) => p.deputyId).map((p) => ({ deputyId: p.deputyId!, attendance: p.attendance })),
      rotaSlotId: activity ? activity.rotaSlot?.id ?? null : preset?.rotaSlotId ?? null,
    };
    try {
      const saved = activity
        ? await put<ActivityDetail>(`/api/activities/${activity.id}`, { ...body, version: activity.version })
        : await post<ActivityDetail>('/api/activities', { ...body, photos: photos.map((data) => ({ data })) });
      message.success(editing ? l('已保存', 'Saved') : l('活动已记录', 'Activity recorded'));
      onSaved(saved);
    } catch (err) {
      reportError(err, message, form, onClose);
    } finally {
      setBusy(false);
    }
  }

  const more = (
    <>
      <Form.Item label={l('参加代表及出席情况', 'Deputies and attendance')}>
        <Form.List name="participants">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ width: '100%' }} wrap={false}>
                  <Form.Item name={[field.name, 'deputyId']} style={{ marginBottom: 0, minWidth: narrow ? 150 : 220 }}>
                    <RecordSelect<number> source="deputies" aria-label={l('代表', 'Deputy')} known={activity?.participants.map((p) => ({ id: p.deputyId, name: p.name }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'attendance']} style={{ marginBottom: 0 }}>
                    <Select style={{ width: 90 }} options={vocabulary.options('attendance')} aria-label={l('出席情况', 'Attendance')} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={l('移除', 'Remove')} />
                </Space>
              ))}
              <Space wrap>
                <Button icon={<PlusOutlined />} onClick={() => add({ deputyId: null, attendance: 'present' })}>{l('添加代表', 'Add a deputy')}</Button>
                <Button icon={<TeamOutlined />} onClick={() => void addStationDeputies()}>{l('添加本站全部代表', 'Add all deputies of the station')}</Button>
              </Space>
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="unitIds" label={l('邀请部门', 'Departments invited')}>
        <RecordSelect<number[]> source="units" multiple known={activity?.units} />
      </Form.Item>
      <Form.Item name="campaignId" label={l('所属主题活动', 'Campaign')}>
        <Select allowClear options={campaigns} placeholder={l('不属于主题活动', 'None')} />
      </Form.Item>
      <Form.Item name="endsAt" label={l('结束时间', 'Ends')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="suggestionsMade" label={l('提出建议(条)', 'Suggestions made')}>
        <InputNumber min={0} max={1000} />
      </Form.Item>
    </>
  );

  return (
    <Drawer
      open={open} onClose={onClose} title={editing ? l('修改活动记录', 'Edit the activity') : l('记录履职活动', 'Record an activity')}
      size={narrow ? '100%' : 560} destroyOnHidden
      extra={<Button type="primary" loading={busy} onClick={() => form.submit()}>{l('保存', 'Save')}</Button>}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false}>
        <Form.Item name="kind" label={l('活动类型', 'Kind')} rules={[{ required: true, message: l('请选择类型', 'Choose a kind') }]}>
          <Select options={vocabulary.options('activityKinds')} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="title" label={l('主题', 'Topic')} rules={[{ required: true, whitespace: true, message: l('请填写主题', 'Give a topic') }]}>
          <Input maxLength={200} placeholder={l('如:走访公和村困难群众', 'e.g. visiting families in need')} />
        </Form.Item>
        <Form.Item name="stationId" label={l('联络站', 'Station')}>
          <RecordSelect<number> source="stations" known={[...me!.scope.stations, ...(activity?.station ? [activity.station] : [])]} />
        </Form.Item>
        <Form.Item name="startsAt" label={l('时间', 'When')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={l('地点', 'Place')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="summary" label={l('活动情况', 'What happened')}>
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder={l('了解到的情况、提出的建议、下一步安排', 'What was learned, suggested, and what comes next')} />
        </Form.Item>
        {!editing && (
          <Form.Item label={l(`照片(最多 9 张,已选 ${photos.length} 张)`, `Photos (up to 9; ${photos.length} chosen)`)}>
            <Space wrap>
              <Button icon={<CameraOutlined />} onClick={() => document.getElementById('activity-photos')?.click()}>{l('拍照或选择照片', 'Take or choose photos')}</Button>
              {photos.length > 0 && <Button type="link" onClick={() => setPhotos([])}>{l('清除', 'Clear')}</Button>}
            </Space>
            <input
              id="activity-photos" type="file" accept="image/*" multiple hidden aria-label={l('选择照片', 'Choose photos')}
              onChange={(e) => { void addPhotos(e.target.files); e.target.value = ''; }}
            />
            {photos.length > 0 && (
              <Space wrap style={{ marginTop: 8 }}>
                {photos.map((p, i) => <img key={i} src={`data:image/jpeg;base64,${p}`} alt="" style={{ height: 64, borderRadius: 4 }} />)}
              </Space>
            )}
          </Form.Item>
        )}
        {narrow && !editing
          ? <Collapse ghost items={[{ key: 'more', label: <Typography.Text type="secondary">{l('出席情况、邀请部门、主题活动…', 'Attendance, invited departments, campaign…')}</Typography.Text>, children: more, forceRender: true }]} />
          : more}
      </Form>
    </Drawer>
  );
}
