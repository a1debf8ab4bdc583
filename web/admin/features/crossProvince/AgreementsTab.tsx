import { Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { post } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { sizeText } from '../../kit/FilePicker.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { FILE_KINDS } from './labels.js';
import type { Agreement, AgreementFile, Chair, Overview, Party } from './types.js';

const base64Of = (file: File) => new Promise<string>((resolve, reject) => {
  const reader = new FileReader();
  reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
  reader.onerror = () => reject(reader.error ?? new Error('read failed'));
  reader.readAsDataURL(file);
});

/** The agreements (parties with the day each joined, validity, the document and the station's rules and manuals) and the rota of the rotating chair. */
export function AgreementsTab({ overview }: { overview: Overview }) {
  const { l } = useI18n();
  const [adding, setAdding] = useState(false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {overview.canHost && <Button type="primary" onClick={() => setAdding(true)}>{l('登记协议书', 'Record an agreement')}</Button>}
      {overview.agreements.length === 0 && <Typography.Text type="secondary">{l('尚未登记协议书', 'No agreement recorded yet')}</Typography.Text>}
      {overview.agreements.map((a) => <AgreementCard key={a.id} a={a} overview={overview} />)}
      <Rota overview={overview} />
      {adding && <AgreementDialog overview={overview} onClose={() => setAdding(false)} />}
    </Space>
  );
}

function AgreementCard({ a, overview }: { a: Agreement; overview: Overview }) {
  const { l, label } = useI18n();
  const narrow = useNarrow();
  const [joining, setJoining] = useState(false);
  const [kind, setKind] = useState<AgreementFile['kind']>('rules');
  const picker = useRef<HTMLInputElement>(null);
  const { busy, run } = useFormWrite();
  const refresh = () => invalidateApi(`/api/cross-province/stations/${overview.id}`);
  const upload = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    await run(async () => post(`/api/cross-province/agreements/${a.id}/files`, { kind, name: file.name, data: await base64Of(file) }), l('文件已上传', 'File attached'), refresh);
    if (picker.current) picker.current.value = '';
  };
  const columns: TableColumnsType<Party> = [
    { title: l('序', 'No.'), dataIndex: 'ordinal', width: 50 },
    { title: l('协议方', 'Party'), key: 'congress', render: (_: unknown, p) => <span>{p.congressName} {p.joinedLater && <Tag color="cyan">{l('后加入', 'Joined later')}</Tag>}</span> },
    { title: l('加入日期', 'Joined'), key: 'joined', width: 120, render: (_: unknown, p) => formatDate(p.joinedOn) },
    { title: l('人大主席(轮值)', 'Chair'), dataIndex: 'chairName', responsive: ['sm'] },
  ];
  return (
    <Card title={`《${a.title}》`} extra={a.expired ? <Tag color="red">{l('已过期', 'Expired')}</Tag> : <Tag color="green">{l('有效', 'Valid')}</Tag>}>
      <Descriptions size="small" column={narrow ? 1 : 3} items={[
        { key: 'signed', label: l('签订日期', 'Signed'), children: formatDate(a.signedOn) },
        { key: 'valid', label: l('有效期', 'Valid'), children: `${formatDate(a.validFrom)} – ${a.validTo ? formatDate(a.validTo) : l('长期', 'open-ended')}` },
        { key: 'parties', label: l('协议方', 'Parties'), children: String(a.parties.length) },
      ]} />
      {a.scope && <Typography.Paragraph style={{ marginTop: 8 }}>{a.scope}</Typography.Paragraph>}
      <Table rowKey="regionCode" size="small" columns={columns} dataSource={a.parties} pagination={false} />
      <Typography.Title level={5} style={{ marginTop: 12 }}>{l('协议文本与配套制度', 'The document, rules and manuals')}</Typography.Title>
      <ul>
        {a.files.map((f) => (
          <li key={f.id}><Tag>{label(FILE_KINDS[f.kind])}</Tag><a href={f.url}>{f.name}</a> <Typography.Text type="secondary">{sizeText(f.size)}</Typography.Text></li>
        ))}
      </ul>
      {overview.canHost && (
        <Space wrap>
          <Select aria-label={l('文件类别', 'File kind')} style={{ width: 140 }} value={kind} onChange={setKind}
            options={Object.entries(FILE_KINDS).map(([value, k]) => ({ value, label: label(k) }))} />
          <input ref={picker} type="file" accept="application/pdf,image/jpeg,image/png,image/webp" hidden onChange={(e) => void upload(e.target.files)} />
          <Button loading={busy} onClick={() => picker.current?.click()}>{l('上传文件(PDF 或图片)', 'Upload a PDF or photo')}</Button>
          <Button onClick={() => setJoining(true)}>{l('新增协议方', 'A party joins')}</Button>
        </Space>
      )}
      {joining && <PartyDialog agreementId={a.id} overview={overview} onClose={() => setJoining(false)} />}
    </Card>
  );
}

function Rota({ overview }: { overview: Overview }) {
  const { l } = useI18n();
  const [year, setYear] = useState<number>(Number(overview.today.slice(0, 4)) + 1);
  const { busy, run } = useFormWrite();
  const columns: TableColumnsType<Chair> = [
    { title: l('季度', 'Quarter'), key: 'q', render: (_: unknown, c) => `${formatDate(c.startsOn)} – ${formatDate(c.endsOn)}` },
    { title: l('轮值方', 'Side'), dataIndex: 'regionName' },
    { title: l('轮值站长', 'Chair'), dataIndex: 'chairName' },
    {
      title: '', key: 'now', width: 100,
      render: (_: unknown, c) => (c.startsOn <= overview.today && c.endsOn >= overview.today ? <Tag color="gold">{l('本季度', 'Now')}</Tag> : c.startsOn > overview.today && !c.accepted ? <Tag>{l('待交接', 'Hand-over due')}</Tag> : null),
    },
  ];
  return (
    <Card title={l('轮值表(五镇人大主席每季度轮值站长)', 'The rota: each side’s chair for a quarter')}>
      <Table rowKey="id" size="small" columns={columns} dataSource={overview.rota} pagination={false} />
      {overview.canHost && (
        <Space style={{ marginTop: 8 }} wrap>
          <InputNumber aria-label={l('年度', 'Year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
          <Button loading={busy} onClick={() => run(() => post(`/api/cross-province/stations/${overview.id}/rota`, { year }), l('轮值表已生成', 'Rota drawn up'),
            () => invalidateApi(`/api/cross-province/stations/${overview.id}`))}>{l('按协议方顺序生成该年轮值', 'Draw up the year from the parties in order')}</Button>
        </Space>
      )}
    </Card>
  );
}

interface PartyValues { regionCode: string; congressName: string; joinedOn: Dayjs | null; chairName: string }

function PartyDialog({ agreementId, overview, onClose }: { agreementId: number; overview: Overview; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<PartyValues>();
  const { busy, run } = useFormWrite(form);
  const save = (v: PartyValues) => run(
    () => post(`/api/cross-province/agreements/${agreementId}/parties`, { regionCode: v.regionCode, congressName: v.congressName ?? '', joinedOn: v.joinedOn ? v.joinedOn.format('YYYY-MM-DD') : null, chairName: v.chairName ?? '' }),
    l('协议方已加入', 'The party joined'), async () => { await invalidateApi(`/api/cross-province/stations/${overview.id}`); onClose(); },
  );
  return (
    <Modal open title={l('新增协议方', 'A party joins')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')}>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="regionCode" label={l('乡镇(街道)或县区代码', 'Town or county code')} rules={[{ required: true }]} extra={l('尚不是本站成员的,加入后成为成员地区', 'A region not yet a member of the station becomes one')}>
          <Input maxLength={9} />
        </Form.Item>
        <Form.Item name="congressName" label={l('协议方名称', 'Party name')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="joinedOn" label={l('加入日期', 'Joined on')}><DatePicker /></Form.Item>
        <Form.Item name="chairName" label={l('人大主席', 'Its chair')}><Input maxLength={50} /></Form.Item>
      </Form>
    </Modal>
  );
}

interface AgreementValues { title: string; signedOn: Dayjs; validFrom: Dayjs; validTo: Dayjs | null; scope: string; parties: string[] }

function AgreementDialog({ overview, onClose }: { overview: Overview; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<AgreementValues>();
  const { busy, run } = useFormWrite(form);
  const save = (v: AgreementValues) => run(
    () => post(`/api/cross-province/stations/${overview.id}/agreements`, {
      title: v.title, signedOn: v.signedOn.format('YYYY-MM-DD'), validFrom: v.validFrom.format('YYYY-MM-DD'), validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
      scope: v.scope ?? '', parties: v.parties.map((regionCode) => ({ regionCode })),
    }),
    l('协议书已登记', 'Agreement recorded'), async () => { await invalidateApi(`/api/cross-province/stations/${overview.id}`); onClose(); },
  );
  return (
    <Modal open title={l('登记协议书', 'Record an agreement')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')}>
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ parties: overview.sides.map((s) => s.regionCode) }}>
        <Form.Item name="title" label={l('协议名称', 'Title')} rules={[{ required: true }]}><Input maxLength={200} placeholder="人大联建工作协议" /></Form.Item>
        <Form.Item name="signedOn" label={l('签订日期', 'Signed on')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="validFrom" label={l('有效期自', 'Valid from')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="validTo" label={l('有效期至', 'Valid to')}><DatePicker /></Form.Item>
        <Form.Item name="parties" label={l('协议方(按轮值顺序)', 'Parties (in rota order)')} rules={[{ required: true }]}>
          <Select mode="multiple" options={overview.sides.map((s) => ({ value: s.regionCode, label: s.fullName }))} />
        </Form.Item>
        <Form.Item name="scope" label={l('合作范围', 'Scope')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
      </Form>
    </Modal>
  );
}
