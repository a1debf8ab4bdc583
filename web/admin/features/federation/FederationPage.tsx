import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { patch, post, type Schemas } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { LoadError, PageTitle, RequireAbility, useNarrow } from '../../kit/common.js';
import { changedFields, useWriteErrors } from '../../kit/writeErrors.js';

type Peer = Schemas['FederationPeer'];
type Identity = Schemas['FederationIdentity'];

/** 联邦对端: this instance's identity to hand to the other provinces, and the instances registered here. */
export function FederationPage() {
  return <RequireAbility ability="federation.manage"><Federation /></RequireAbility>;
}

function Federation() {
  const { l } = useI18n();
  const identity = useApiQuery<Identity>('/api/federation/identity');
  const peers = useApiQuery<{ items: Peer[] }>('/api/federation/peers');
  // null: closed; 'new': registering; a peer: editing it.
  const [editing, setEditing] = useState<Peer | 'new' | null>(null);
  const id = identity.data;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle
        title={l('联邦对端', 'Federation peers')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{l('登记对端', 'Register a peer')}</Button>}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {l('全国部署时每个省份一个实例。其他省份的实例经签名接口向本实例移交跨省联建站的意见;在此登记对方实例的编号、地址和公钥,并指定它可以移交到哪些跨省联建站。',
          'In a national deployment each province runs its own instance. Other provinces’ instances hand cases of cross-province stations to this one through a signed API; register each here with its id, address and public key, and the cross-province stations it may hand cases to.')}
      </Typography.Paragraph>
      <Card size="small" title={l('本实例身份', 'This instance')}>
        {identity.error && <LoadError error={identity.error.message} retry={() => void identity.refetch()} />}
        {id && !id.id && (
          <Alert type="info" showIcon message={l('本实例未设置联邦编号(LIANXIN_FEDERATION_ID),仍可接收已登记对端移交的意见。', 'This instance has no federation id (LIANXIN_FEDERATION_ID); it still receives cases from the peers registered here.')} />
        )}
        {id?.id && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={l('编号', 'Id')}><Typography.Text code>{id.id}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={l('接收地址', 'Inbound address')}><Typography.Text copyable>{id.inboundUrl}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={l('公钥指纹', 'Key fingerprint')}><Typography.Text code>{id.fingerprint}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={l('公钥', 'Public key')}>
              <Typography.Paragraph copyable={{ text: id.publicKey ?? '' }} style={{ marginBottom: 0 }}>
                <pre data-testid="federation-public-key" style={{ margin: 0, fontSize: 12 }}>{id.publicKey}</pre>
              </Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {peers.error && <LoadError error={peers.error.message} retry={() => void peers.refetch()} />}
      <Table<Peer>
        rowKey="id" size="middle" loading={peers.isLoading} dataSource={peers.data?.items ?? []} pagination={false} scroll={{ x: 900 }}
        columns={[
          { title: l('编号', 'Id'), dataIndex: 'id', width: 110, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          {
            title: l('名称', 'Name'), dataIndex: 'name', width: 200,
            render: (n: string, p) => <Space size={4} wrap><span>{n}</span>{!p.active && <Tag>{l('已停用', 'Disabled')}</Tag>}</Space>,
          },
          { title: l('地址', 'Address'), dataIndex: 'baseUrl', ellipsis: true },
          { title: l('公钥指纹', 'Key fingerprint'), dataIndex: 'fingerprint', width: 170, ellipsis: true },
          { title: l('可移交的联络站', 'Stations it may hand to'), dataIndex: 'stations', render: (s: Peer['stations']) => (s.length ? s.map((x) => <Tag key={x.id}>{x.name}</Tag>) : '—') },
          { title: l('已接收', 'Received'), dataIndex: 'received', width: 80 },
          {
            title: l('操作', 'Actions'), key: 'actions', width: 90,
            render: (_: unknown, p) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>{l('编辑', 'Edit')}</Button>,
          },
        ]}
      />
      <PeerModal peer={editing === 'new' ? undefined : editing ?? undefined} open={editing !== null} onClose={() => setEditing(null)} />
    </Space>
  );
}

interface Values { id?: string; name?: string; baseUrl?: string; publicKey?: string; stationIds?: number[]; active?: boolean }

function bodyOf(v: Values) {
  return { name: v.name ?? '', baseUrl: v.baseUrl ?? '', publicKey: v.publicKey ?? '', stationIds: v.stationIds ?? [], active: v.active ?? true };
}

function valuesOf(p: Peer): Values {
  return { id: p.id, name: p.name, baseUrl: p.baseUrl, publicKey: p.publicKey, stationIds: p.stations.map((s) => s.id), active: p.active };
}

function PeerModal({ peer, open, onClose }: { peer?: Peer; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const narrow = useNarrow();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const stations = useApiQuery<{ items: { id: number; name: string }[] }>(open ? '/api/stations?type=cross_province&active=true&limit=200' : null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(peer ? valuesOf(peer) : { active: true, stationIds: [] });
  }, [open, peer, form]);

  async function submit(values: Values) {
    setBusy(true);
    try {
      if (peer) {
        const changes = changedFields(bodyOf(values), bodyOf(valuesOf(peer)));
        if (Object.keys(changes).length === 0) { message.info(l('没有需要保存的修改', 'Nothing to save')); onClose(); return; }
        await patch(`/api/federation/peers/${peer.id}`, { version: peer.version, ...changes });
      } else {
        await post('/api/federation/peers', { id: values.id ?? '', ...bodyOf(values) });
      }
      message.success(l('已保存', 'Saved'));
      await invalidateApi('/api/federation/peers');
      onClose();
    } catch (err) {
      reportError(err, message, form, () => { onClose(); void invalidateApi('/api/federation/peers'); });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} forceRender width={narrow ? undefined : 680}
      title={peer ? l(`编辑:${peer.name}`, `Edit: ${peer.name}`) : l('登记联邦对端', 'Register a federation peer')} okText={l('保存', 'Save')}
    >
      <Form form={form} name="federation-peer" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="id" label={l('对端编号', 'Peer id')} extra={l('对方实例的 LIANXIN_FEDERATION_ID,如 henan', 'The other instance’s LIANXIN_FEDERATION_ID, e.g. henan')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{1,39}$/, message: l('2–40 位小写字母、数字或连字符,以字母开头', '2–40 lower-case letters, digits or hyphens, starting with a letter') }]}
        >
          <Input disabled={Boolean(peer)} maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={l('名称', 'Name')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="baseUrl" label={l('实例地址', 'Base URL')} rules={[{ required: true, type: 'url', max: 300 }]}><Input maxLength={300} placeholder="https://" /></Form.Item>
        <Form.Item
          name="publicKey" label={l('Ed25519 公钥', 'Ed25519 public key')} extra={l('PEM(-----BEGIN PUBLIC KEY-----)或 32 字节的 base64;更换即为密钥轮换。', 'A PEM (-----BEGIN PUBLIC KEY-----) or the 32 bytes in base64; replacing it rotates the key.')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={4} maxLength={1000} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="stationIds" label={l('可移交的跨省联建站', 'Cross-province stations it may hand cases to')}>
          <Select mode="multiple" loading={stations.isLoading} options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="active" label={l('启用', 'Enabled')} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}
