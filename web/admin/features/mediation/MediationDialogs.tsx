import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Modal, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { DISPUTE_TYPES, LEGAL_OFFICER_ROLES, MEDIATION_OUTCOMES, PARTY_SIDES } from '../../../../common/mediation.js';
import { post, put } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi } from '../../../shared/query.js';
import { FilePicker, type PickedFile } from '../../kit/FilePicker.js';
import { useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import type { Mediation, MediationItem, MediationOutcome } from './types.js';

type Side = Mediation['parties'][number]['side'];
type OfficerRole = NonNullable<Mediation['sessions'][number]['legalOfficerRole']>;

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
/** The agreement's limit as the server takes it: one file, PDF or a photo, at most 10 MB. */
const AGREEMENT_LIMITS = { maxFiles: 1, maxBytes: 10 * 1024 * 1024, per: 'file' as const };

/** A dialog as wide as the phone on a phone. */
function useDialogWidth(width: number) {
  const narrow = useNarrow();
  return { width: narrow ? '100%' : width, style: narrow ? { top: 8, maxWidth: '100%', paddingBottom: 0 } : undefined };
}

interface NewValues {
  stationId: number; disputeType: MediationItem['disputeType']; title: string; description?: string; receivedOn: Dayjs;
  parties: { side: Side; name: string; phone?: string }[];
}

/** 受理调解: a dispute received at a station's mediation room, with at least two parties. */
export function NewMediationDialog({ open, stationId, onClose, onCreated }: { open: boolean; stationId: number | null; onClose(): void; onCreated(id: number): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<NewValues>();
  const { busy, run } = useFormWrite(form);
  const size = useDialogWidth(680);
  const submit = (v: NewValues) => {
    let created = 0;
    return run(
      async () => {
        const m = await post<Mediation>('/api/mediation', {
          stationId: v.stationId, disputeType: v.disputeType, title: v.title.trim(), description: (v.description ?? '').trim(), receivedOn: day(v.receivedOn),
          parties: v.parties.map((p) => ({ side: p.side, name: p.name.trim(), phone: p.phone?.trim() || null })),
        });
        created = m.id;
      },
      l('调解已受理', 'The mediation is recorded'),
      async () => { form.resetFields(); onClose(); await invalidateApi('/api/mediation'); onCreated(created); },
    );
  };
  return (
    <Modal
      open={open} title={l('受理调解', 'Record a mediation')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('受理', 'Record')} cancelText={l('取消', 'Cancel')} destroyOnHidden {...size}
    >
      <Form<NewValues>
        form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}
        initialValues={{ stationId: stationId ?? undefined, receivedOn: dayjs(), parties: [{ side: 'applicant' }, { side: 'respondent' }] }}
      >
        <Form.Item name="stationId" label={l('调解室(联络站)', 'Mediation room (station)')} rules={[{ required: true, message: l('请选择联络站', 'Choose the station') }]}>
          <RecordSelect<number> source="stations" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="disputeType" label={l('纠纷类型', 'Dispute type')} rules={[{ required: true, message: l('请选择纠纷类型', 'Choose the type') }]}>
            <Select style={{ width: 160 }} options={DISPUTE_TYPES.keys.map((k) => ({ value: k, label: label(DISPUTE_TYPES.labels[k]) }))} />
          </Form.Item>
          <Form.Item name="receivedOn" label={l('受理日期', 'Received on')} rules={[{ required: true }]}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={l('纠纷概要', 'Dispute in brief')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input placeholder={l('例如:两户因墙角宅基地边界发生纠纷', 'e.g. Two households dispute the boundary at a wall corner')} />
        </Form.Item>
        <Form.Item name="description" label={l('纠纷情况(选填)', 'What happened (optional)')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        <Typography.Text strong>{l('当事人', 'Parties')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {l('当事人姓名和电话只有办理人员和参加调解的代表可见,其他人看到的是遮挡后的信息。', 'Only those handling the mediation and the deputies who sit in it read the names and phones; others see them masked.')}
        </Typography.Paragraph>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'side']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                    <Select<Side> aria-label={l('身份', 'Side')} style={{ width: 120 }} options={PARTY_SIDES.keys.map((k) => ({ value: k, label: label(PARTY_SIDES.labels[k]) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, max: 50, message: l('请填写姓名', 'Give the name') }]} style={{ marginBottom: 8 }}>
                    <Input aria-label={l('姓名', 'Name')} placeholder={l('姓名', 'Name')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']} rules={[{ pattern: /^1\d{10}$/, message: l('请填写 11 位手机号', 'An 11-digit mobile number') }]} style={{ marginBottom: 8 }}>
                    <Input aria-label={l('手机号(选填)', 'Mobile (optional)')} placeholder={l('手机号(选填)', 'Mobile (optional)')} style={{ width: 150 }} inputMode="tel" />
                  </Form.Item>
                  {fields.length > 2 && (
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={l('移除当事人', 'Remove the party')} onClick={() => remove(f.name)} />
                  )}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ side: 'respondent' })} disabled={fields.length >= 20}>{l('添加当事人', 'Add a party')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

interface SessionValues {
  heldOn: Dayjs; place: string; deputyIds?: number[]; legalOfficerRole?: OfficerRole; legalOfficerName?: string; villageSecretary?: string; notes?: string; logActivity: boolean;
}

/** 记录调解会: who sat (deputies, the judge or prosecutor, the village secretary) and what was said; also a 履职活动 unless unticked. */
export function SessionDialog({ mediation, open, onClose }: { mediation: Mediation; open: boolean; onClose(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<SessionValues>();
  const { busy, run } = useFormWrite(form);
  const size = useDialogWidth(640);
  const last = mediation.sessions.at(-1);
  const submit = (v: SessionValues) => run(
    () => post(`/api/mediation/${mediation.id}/sessions`, {
      heldOn: day(v.heldOn), place: v.place.trim(), deputyIds: v.deputyIds ?? [],
      legalOfficerRole: v.legalOfficerRole ?? null, legalOfficerName: v.legalOfficerName?.trim() || null,
      villageSecretary: v.villageSecretary?.trim() || null, notes: (v.notes ?? '').trim(), logActivity: v.logActivity,
    }),
    l('调解会已记录', 'The session is recorded'),
    async () => { form.resetFields(); onClose(); await invalidateApi('/api/mediation'); },
  );
  return (
    <Modal
      open={open} title={l('记录调解会', 'Record a session')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} destroyOnHidden {...size}
    >
      <Form<SessionValues>
        form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}
        initialValues={{
          heldOn: dayjs(), place: last?.place ?? mediation.station.name, logActivity: true,
          deputyIds: last?.deputies.map((d) => d.id) ?? [], legalOfficerRole: last?.legalOfficerRole ?? undefined,
          legalOfficerName: last?.legalOfficerName ?? undefined, villageSecretary: last?.villageSecretary ?? undefined,
        }}
      >
        <Space wrap>
          <Form.Item name="heldOn" label={l('调解日期', 'Held on')} rules={[{ required: true }]}><DatePicker disabledDate={notFuture} /></Form.Item>
          <Form.Item name="place" label={l('地点', 'Place')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input style={{ width: 280 }} /></Form.Item>
        </Space>
        <Form.Item name="deputyIds" label={l('参加调解的代表', 'Deputies present')}>
          <RecordSelect<number[]> source="deputies" multiple known={last?.deputies ?? []} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="legalOfficerRole" label={l('法官或检察官', 'Judge or prosecutor')}>
            <Select<OfficerRole> allowClear style={{ width: 120 }} options={LEGAL_OFFICER_ROLES.keys.map((k) => ({ value: k, label: label(LEGAL_OFFICER_ROLES.labels[k]) }))} />
          </Form.Item>
          <Form.Item name="legalOfficerName" label={l('姓名', 'Name')} rules={[{ max: 50 }]}><Input style={{ width: 140 }} /></Form.Item>
          <Form.Item name="villageSecretary" label={l('村(社区)书记', 'Village secretary')} rules={[{ max: 50 }]}><Input style={{ width: 140 }} /></Form.Item>
        </Space>
        <Form.Item name="notes" label={l('调解情况', 'What was said and agreed')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        <Space>
          <Form.Item name="logActivity" valuePropName="checked" noStyle><Switch aria-label={l('同时记为履职活动', 'Also log as an activity')} /></Form.Item>
          <span>{l('同时记为代表履职活动(调解)', 'Also log it as the deputies\' activity (mediation)')}</span>
        </Space>
      </Form>
    </Modal>
  );
}

interface CloseValues { outcome: MediationOutcome; closedOn: Dayjs; note?: string }

/** 结案: the outcome, the day and a note; with an agreement reached, the signed agreement may go with it. */
export function CloseDialog({ mediation, open, onClose }: { mediation: Mediation; open: boolean; onClose(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<CloseValues>();
  const { busy, run } = useFormWrite(form);
  const size = useDialogWidth(560);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const outcome = Form.useWatch('outcome', form);
  const submit = (v: CloseValues) => run(
    async () => {
      await post(`/api/mediation/${mediation.id}/close`, { outcome: v.outcome, closedOn: day(v.closedOn), note: (v.note ?? '').trim() });
      const file = files[0];
      if (v.outcome === 'agreed' && file) await put(`/api/mediation/${mediation.id}/agreement`, { name: file.name, data: file.data });
    },
    l('已结案', 'The mediation is closed'),
    async () => { form.resetFields(); setFiles([]); onClose(); await invalidateApi('/api/mediation'); },
  );
  return (
    <Modal
      open={open} title={l('调解结案', 'Close the mediation')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('结案', 'Close')} cancelText={l('取消', 'Cancel')} destroyOnHidden {...size}
    >
      <Form<CloseValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} initialValues={{ closedOn: dayjs() }}>
        <Space wrap>
          <Form.Item name="outcome" label={l('调解结果', 'Outcome')} rules={[{ required: true, message: l('请选择调解结果', 'Choose the outcome') }]}>
            <Select<MediationOutcome> style={{ width: 160 }} options={MEDIATION_OUTCOMES.keys.map((k) => ({ value: k, label: label(MEDIATION_OUTCOMES.labels[k]) }))} />
          </Form.Item>
          <Form.Item name="closedOn" label={l('结案日期', 'Closed on')} rules={[{ required: true }]}><DatePicker disabledDate={notFuture} /></Form.Item>
        </Space>
        <Form.Item name="note" label={l('结案说明(选填)', 'Note (optional)')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {outcome === 'agreed' && (
          <Form.Item label={l('调解协议书(PDF 或照片,选填)', 'Signed agreement (PDF or photo, optional)')}>
            <FilePicker files={files} onChange={setFiles} limits={AGREEMENT_LIMITS} testId="mediation-agreement-file" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 上传调解协议书: the signed agreement of an agreed mediation, stored (or replaced) afterwards. */
export function AgreementDialog({ mediation, open, onClose }: { mediation: Mediation; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const { busy, run } = useFormWrite();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const file = files[0];
  const submit = () => file && run(
    () => put(`/api/mediation/${mediation.id}/agreement`, { name: file.name, data: file.data }),
    l('调解协议书已上传', 'The agreement is stored'),
    async () => { setFiles([]); onClose(); await invalidateApi('/api/mediation'); },
  );
  return (
    <Modal
      open={open} title={l('上传调解协议书', 'Store the agreement')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy}
      okButtonProps={{ disabled: !file }} okText={l('上传', 'Upload')} cancelText={l('取消', 'Cancel')} destroyOnHidden
    >
      {mediation.agreement && (
        <Typography.Paragraph type="secondary">{l(`将替换已上传的 ${mediation.agreement.name}`, `Replaces ${mediation.agreement.name}`)}</Typography.Paragraph>
      )}
      <FilePicker files={files} onChange={setFiles} limits={AGREEMENT_LIMITS} testId="mediation-agreement-upload" />
    </Modal>
  );
}
