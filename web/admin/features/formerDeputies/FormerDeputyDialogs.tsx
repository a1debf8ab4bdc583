import { Checkbox, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FORMER_FIELDS, FORMER_ROLES } from '../../../../common/formerDeputies.js';
import { post, put, type Answer } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import type { FormerDeputy, FormerField, FormerOpinion, FormerRole } from './types.js';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const refresh = () => invalidateApi('/api/former-deputies');

/** A dialog as wide as the phone on a phone. */
function useDialogWidth(width: number) {
  const narrow = useNarrow();
  return { width: narrow ? '100%' : width, style: narrow ? { top: 8, maxWidth: '100%', paddingBottom: 0 } : undefined };
}

interface ProfileValues { stationId: number; fields?: FormerField[]; roles?: FormerRole[]; cardIssuedOn?: Dayjs }

/** 登记入册 / 编辑: the 代表之家 they serve at, the card's day, their six fields and four roles. */
export function ProfileDialog({ d, open, onClose }: { d: FormerDeputy; open: boolean; onClose(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<ProfileValues>();
  const { busy, run } = useFormWrite(form);
  const size = useDialogWidth(600);
  const stations = [...d.homeStations];
  if (d.card && !stations.some((s) => s.id === d.card!.station.id)) stations.push(d.card.station);
  const submit = (v: ProfileValues) => run(
    () => put(`/api/former-deputies/${d.id}/profile`, {
      stationId: v.stationId, fields: v.fields ?? [], roles: v.roles ?? [], cardIssuedOn: v.cardIssuedOn ? day(v.cardIssuedOn) : null,
    }),
    d.card ? l('已保存', 'Saved') : l('已入册并发放特邀联络员证', 'On the roster, with a special liaison card'),
    async () => { onClose(); await refresh(); },
  );
  return (
    <Modal
      open={open} title={d.card ? l(`编辑 ${d.name} 的方面和作用`, `Edit ${d.name}'s fields and roles`) : l(`${d.name} 入册代表之家`, `Put ${d.name} on the roster`)}
      onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} destroyOnHidden {...size}
    >
      <Form<ProfileValues>
        form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}
        initialValues={{
          stationId: d.card?.station.id ?? stations[0]?.id, fields: d.fields.map((f) => f.key), roles: d.roles.map((r) => r.key),
          cardIssuedOn: d.card ? dayjs(d.card.issuedOn) : dayjs(),
        }}
      >
        <Form.Item name="stationId" label={l('代表之家(联络站)', 'Home (station)')} rules={[{ required: true }]}>
          <Select options={stations.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="cardIssuedOn" label={l('发证日期', 'Card issued on')}><DatePicker disabledDate={notFuture} /></Form.Item>
        <Form.Item name="fields" label={l('六大方面', 'Six fields')}>
          <Checkbox.Group options={FORMER_FIELDS.keys.map((k) => ({ value: k, label: label(FORMER_FIELDS.labels[k]) }))} />
        </Form.Item>
        <Form.Item name="roles" label={l('四种作用', 'Four roles')}>
          <Checkbox.Group options={FORMER_ROLES.keys.map((k) => ({ value: k, label: label(FORMER_ROLES.labels[k]) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface OpinionValues { collectedOn: Dayjs; content: string; place?: string; name?: string; phone?: string }

/** 登记意见: what a former deputy collected, registered under them. */
export function OpinionDialog({ d, open, onClose }: { d: FormerDeputy; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<OpinionValues>();
  const { busy, run } = useFormWrite(form);
  const size = useDialogWidth(600);
  const submit = (v: OpinionValues) => run(
    () => post(`/api/former-deputies/${d.id}/opinions`, {
      collectedOn: day(v.collectedOn), content: v.content.trim(), place: (v.place ?? '').trim(), name: v.name?.trim() || null, phone: v.phone?.trim() || null,
    }),
    l('意见已登记', 'The opinion is registered'),
    async () => { form.resetFields(); onClose(); await refresh(); },
  );
  return (
    <Modal
      open={open} title={l(`登记 ${d.name} 收集的意见`, `Register an opinion ${d.name} collected`)} onCancel={onClose} onOk={() => form.submit()}
      confirmLoading={busy} okText={l('登记', 'Register')} cancelText={l('取消', 'Cancel')} destroyOnHidden {...size}
    >
      <Form<OpinionValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} initialValues={{ collectedOn: dayjs() }}>
        <Form.Item name="collectedOn" label={l('收集日期', 'Collected on')} rules={[{ required: true }]}><DatePicker disabledDate={notFuture} /></Form.Item>
        <Form.Item name="content" label={l('意见内容', 'The opinion')} rules={[{ required: true, whitespace: true, max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="place" label={l('地点(选填)', 'Place (optional)')} rules={[{ max: 200 }]}><Input /></Form.Item>
        <Form.Item name="name" label={l('反映人(选填)', 'Constituent (optional)')} rules={[{ max: 50 }]}><Input /></Form.Item>
        <Form.Item name="phone" label={l('联系电话(选填)', 'Mobile (optional)')} rules={[{ pattern: /^1\d{10}$/, message: l('请填写 11 位手机号', 'An 11-digit mobile number') }]}>
          <Input inputMode="tel" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 当场答复: the answer the former deputy gave on the spot. */
export function AnswerDialog({ opinion, onClose }: { opinion: FormerOpinion | null; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ answer: string }>();
  const { busy, run } = useFormWrite(form);
  const submit = (v: { answer: string }) => run(
    () => post(`/api/former-deputies/opinions/${opinion!.id}/answer`, { answer: v.answer.trim() }),
    l('答复已记录', 'The answer is recorded'),
    async () => { form.resetFields(); onClose(); await refresh(); },
  );
  return (
    <Modal
      open={opinion !== null} title={l('当场答复', 'Answered on the spot')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} destroyOnHidden
    >
      {opinion && <Typography.Paragraph type="secondary">{opinion.content}</Typography.Paragraph>}
      <Form<{ answer: string }> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="answer" label={l('答复内容', 'The answer')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CarryValues { carrierDeputyId: number; categoryId: number }

/**
 * 转交现届代表: a current deputy carries the opinion and answers for it; a case is opened in their
 * name. A deputy carries for themself; the station names any current deputy of it.
 */
export function CarryDialog({ opinion, onClose }: { opinion: FormerOpinion | null; onClose(): void }) {
  const { l, lang } = useI18n();
  const { me } = useSession();
  const self = me?.role === 'deputy' ? me.scope.deputy : null;
  const [form] = Form.useForm<CarryValues>();
  const { busy, run } = useFormWrite(form);
  const categories = useApiQuery<Answer<'/api/case-categories'>>(opinion ? '/api/case-categories' : null);
  const submit = (v: CarryValues) => run(
    () => post(`/api/former-deputies/opinions/${opinion!.id}/carry`, { carrierDeputyId: self?.id ?? v.carrierDeputyId, categoryId: v.categoryId }),
    l('已转交,意见已进入办理', 'Carried: the opinion is now a case'),
    async () => { form.resetFields(); onClose(); await refresh(); },
  );
  return (
    <Modal
      open={opinion !== null} title={l('转交现届代表', 'Carried by a current deputy')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('转交', 'Carry')} cancelText={l('取消', 'Cancel')} destroyOnHidden
    >
      {opinion && <Typography.Paragraph type="secondary">{opinion.content}</Typography.Paragraph>}
      <Form<CarryValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        {self ? (
          <Typography.Paragraph>{l(`由您(${self.name})转交并负责跟进办理。`, `You (${self.name}) carry it and answer for it.`)}</Typography.Paragraph>
        ) : (
          <Form.Item name="carrierDeputyId" label={l('转交代表(本站现届代表)', 'Carrying deputy (current, of the station)')} rules={[{ required: true, message: l('请选择代表', 'Choose the deputy') }]}>
            <RecordSelect<number> source="deputies" />
          </Form.Item>
        )}
        <Form.Item name="categoryId" label={l('意见类别', 'Category')} rules={[{ required: true, message: l('请选择类别', 'Choose the category') }]}>
          <Select options={(categories.data ?? []).map((c) => ({ value: c.id, label: lang === 'en' ? c.nameEn : c.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface DeedValues { occurredOn: Dayjs; title: string; description?: string }

/** 登记先进事迹: a deed of theirs, in the station's 先进事迹登记簿. */
export function DeedDialog({ d, open, onClose }: { d: FormerDeputy; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<DeedValues>();
  const { busy, run } = useFormWrite(form);
  const stationId = d.card?.station.id ?? d.homeStations[0]?.id;
  const submit = (v: DeedValues) => run(
    () => post('/api/deeds', { stationId, deputyId: d.id, occurredOn: day(v.occurredOn), title: v.title.trim(), description: (v.description ?? '').trim() }),
    l('事迹已登记', 'The deed is recorded'),
    async () => { form.resetFields(); onClose(); await refresh(); },
  );
  return (
    <Modal
      open={open} title={l(`登记 ${d.name} 的先进事迹`, `Record a deed of ${d.name}`)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('登记', 'Record')} cancelText={l('取消', 'Cancel')} destroyOnHidden
    >
      <Form<DeedValues> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} initialValues={{ occurredOn: dayjs() }}>
        <Form.Item name="occurredOn" label={l('日期', 'Date')} rules={[{ required: true }]}><DatePicker disabledDate={notFuture} /></Form.Item>
        <Form.Item name="title" label={l('事迹', 'Deed')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input /></Form.Item>
        <Form.Item name="description" label={l('详细情况(选填)', 'Details (optional)')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
