import { EditOutlined, KeyOutlined, PlusOutlined, ReloadOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip, Typography, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { patch, post, qs } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { ExportButton } from '../../kit/ExportButton.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { ActiveSelect, FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle, useNarrow, type ActiveFilter } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import type { Account } from '../../kit/types.js';
import { useVocabulary } from '../../kit/vocabulary.js';
import { changedFields, useWriteErrors } from '../../kit/writeErrors.js';

interface Filters { role?: string; q?: string; active: ActiveFilter }

/**
 * The accounts the signed-in clerk manages: who they are, what their role reaches, whether they
 * are locked out, and the means to create, re-scope, disable, unlock and reset them.
 */
export function AccountsPage() {
  return <RequireAbility ability="account.read"><AccountList /></RequireAbility>;
}

function AccountList() {
  const { l } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const vocabulary = useVocabulary();
  const fs = useFilterStyle();
  const narrow = useNarrow();
  const [filters, setFilters] = useState<Filters>({ active: 'all' });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  // The initial password just set: shown once, never stored or shown again.
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);
  const list = useKeysetQuery<Account>(`/api/accounts${qs({ ...filters })}`);
  const mayUpdate = can('account.update');

  async function unlock(a: Account) {
    try {
      await post(`/api/accounts/${a.id}/unlock`);
      message.success(l(`已解除 ${a.username} 的锁定`, `${a.username} unlocked`));
      void list.reload();
    } catch (err) {
      reportError(err, message);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle
        title={l('账号管理', 'Accounts')}
        extra={(
          <>
            <ExportButton href={`/api/accounts.xlsx${qs({ ...filters })}`} />
            {can('account.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{l('新建账号', 'New account')}</Button>}
          </>
        )}
      />
      <FilterBar>
        <Input.Search
          allowClear placeholder={l('用户名或姓名', 'Username or name')} style={fs(200, true)} aria-label={l('搜索账号', 'Search accounts')}
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })}
        />
        <Select
          allowClear value={filters.role} style={fs(160)} placeholder={l('全部角色', 'All roles')} aria-label={l('角色', 'Role')}
          options={vocabulary.options('roles')} onChange={(role?: string) => setFilters({ ...filters, role })}
        />
        <ActiveSelect style={fs(120)} value={filters.active} onChange={(active) => setFilters({ ...filters, active })} />
      </FilterBar>
      {list.error && <LoadError error={list.error} retry={() => void list.reload()} />}
      <Table<Account>
        rowKey="id" size="middle" loading={list.loading} dataSource={list.items} pagination={false} scroll={{ x: 1050 }}
        columns={[
          {
            title: l('用户名', 'Username'), dataIndex: 'username', fixed: 'left', width: narrow ? 100 : 130,
            render: (u: string, a) => <span>{u}{a.id === me?.id && <Typography.Text type="secondary"> ({l('本人', 'you')})</Typography.Text>}</span>,
          },
          { title: l('姓名', 'Name'), dataIndex: 'displayName', width: 170, ellipsis: true },
          { title: l('角色', 'Role'), dataIndex: 'role', width: 120, render: (r: string) => vocabulary.text('roles', r) },
          { title: l('授权范围', 'Scope'), key: 'scope', width: 220, render: (_, a) => <ScopeText account={a} /> },
          { title: l('状态', 'Status'), key: 'status', width: 170, render: (_, a) => <AccountStatus account={a} /> },
          { title: l('最近登录', 'Last sign-in'), dataIndex: 'lastLoginAt', width: 140, render: (t: string | null) => (t ? formatDateTime(t) : l('从未登录', 'Never')) },
          ...(mayUpdate ? [{
            title: l('操作', 'Actions'), key: 'actions', width: 100, fixed: narrow ? undefined : 'right' as const,
            render: (_: unknown, a: Account) => (
              <Space size={4} wrap>
                <Tooltip title={l('编辑', 'Edit')}><Button size="small" icon={<EditOutlined />} aria-label={l(`编辑 ${a.username}`, `Edit ${a.username}`)} onClick={() => setEditing(a)} /></Tooltip>
                <Tooltip title={l('重置密码', 'Reset password')}><Button size="small" icon={<KeyOutlined />} aria-label={l(`重置 ${a.username} 的密码`, `Reset ${a.username}'s password`)} onClick={() => setResetting(a)} /></Tooltip>
                {a.lockedUntil && (
                  <Popconfirm title={l(`解除 ${a.username} 的锁定?`, `Unlock ${a.username}?`)} onConfirm={() => void unlock(a)}>
                    <Tooltip title={l('解除锁定', 'Unlock')}><Button size="small" icon={<UnlockOutlined />} aria-label={l(`解除 ${a.username} 的锁定`, `Unlock ${a.username}`)} /></Tooltip>
                  </Popconfirm>
                )}
              </Space>
            ),
          }] : []),
        ]}
      />
      {list.pager}
      <CreateAccountModal
        open={creating} onClose={() => setCreating(false)}
        onCreated={(username, password) => { setCreating(false); setIssued({ username, password }); void list.reload(); }}
      />
      <EditAccountModal account={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void list.reload(); }} />
      <ResetPasswordModal
        account={resetting} onClose={() => setResetting(null)}
        onDone={(username, password) => { setResetting(null); setIssued({ username, password }); void list.reload(); }}
      />
      <Modal
        open={issued !== null} onCancel={() => setIssued(null)} title={l('初始密码', 'Initial password')}
        footer={<Button type="primary" onClick={() => setIssued(null)}>{l('我已记下', 'I have noted it')}</Button>}
      >
        {issued && <PasswordReveal username={issued.username} password={issued.password} />}
      </Modal>
    </Space>
  );
}

function ScopeText({ account: a }: { account: Account }) {
  const { l } = useI18n();
  if (a.role === 'admin') return <>{l('全部', 'Everything')}</>;
  if (a.region) return <>{a.region.name}</>;
  if (a.stations.length) {
    return <Space size={[4, 4]} wrap>{a.stations.map((s) => <Link key={s.id} to={`/stations/${s.id}`}>{s.name}</Link>)}</Space>;
  }
  if (a.deputy) return <Link to={`/deputies/${a.deputy.id}`}>{a.deputy.name}</Link>;
  if (a.unit) return <>{a.unit.name}</>;
  return <>—</>;
}

function AccountStatus({ account: a }: { account: Account }) {
  const { l } = useI18n();
  return (
    <Space size={[4, 4]} wrap>
      {a.active ? <Tag color="green">{l('启用', 'Active')}</Tag> : <Tag>{l('已停用', 'Disabled')}</Tag>}
      {a.lockedUntil && (
        <Tooltip title={l('连续登录失败被锁定', 'Locked after repeated failed sign-ins')}>
          <Tag color="red">{l(`锁定至 ${formatDateTime(a.lockedUntil)}`, `Locked until ${formatDateTime(a.lockedUntil)}`)}</Tag>
        </Tooltip>
      )}
      {a.mustChangePassword && <Tag color="orange">{l('待改初始密码', 'Must change password')}</Tag>}
    </Space>
  );
}

/**
 * A strong initial password (14 characters, every class, no look-alikes such as 0/O and 1/l),
 * made in the browser from crypto randomness. The server only checks and stores its hash.
 */
function generatePassword(): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=?!'];
  const all = classes.join('');
  const random = (n: number) => crypto.getRandomValues(new Uint32Array(1))[0]! % n;
  const chars = classes.map((c) => c[random(c.length)]!);
  while (chars.length < 14) chars.push(all[random(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

function PasswordReveal({ username, password }: { username: string; password: string }) {
  const { l } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type="warning" showIcon
        title={l('请将初始密码当面或电话告知本人。此密码只显示这一次,本人首次登录时须修改。', 'Tell the person this password in person or by phone. It is shown only now, and must be changed at first sign-in.')}
      />
      <div>{l('用户名', 'Username')}: <Typography.Text strong copyable>{username}</Typography.Text></div>
      <div>{l('初始密码', 'Initial password')}: <Typography.Text code copyable style={{ fontSize: 18 }}>{password}</Typography.Text></div>
    </Space>
  );
}

/** The password field of the create and reset forms, filled with a generated one that can be replaced. */
function PasswordField({ form }: { form: FormInstance }) {
  const { l } = useI18n();
  return (
    <Form.Item label={l('初始密码', 'Initial password')} required extra={l('至少 10 位,含大写、小写、数字、符号中的三类;已自动生成,可修改。', 'At least 10 characters from three of: upper, lower, digits, symbols. Generated for you; you may change it.')}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="password" noStyle rules={[{ required: true, message: l('请填写初始密码', 'Enter a password') }]}>
          <Input autoComplete="new-password" aria-label={l('初始密码', 'Initial password')} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Tooltip title={l('重新生成', 'Generate another')}>
          <Button icon={<ReloadOutlined />} aria-label={l('重新生成密码', 'Generate another password')} onClick={() => form.setFieldsValue({ password: generatePassword() })} />
        </Tooltip>
      </Space.Compact>
    </Form.Item>
  );
}

interface CreateValues {
  username?: string; displayName?: string; role?: string; password?: string;
  regionCode?: string | null; stationIds?: number[]; deputyId?: number | null; unitId?: number | null;
}

function CreateAccountModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(username: string, password: string): void }) {
  const { l } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const vocabulary = useVocabulary();
  const [form] = Form.useForm<CreateValues>();
  const [busy, setBusy] = useState(false);
  // Only administrators create administrators; the server refuses it to anyone else.
  const roles = vocabulary.options('roles').filter((r) => me?.role === 'admin' || r.value !== 'admin');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ password: generatePassword() });
  }, [open, form]);

  async function submit(v: CreateValues) {
    setBusy(true);
    try {
      const body = {
        username: v.username?.trim() ?? '', displayName: v.displayName ?? '', role: v.role, password: v.password ?? '',
        ...((v.role === 'staff' || v.role === 'grid') && { regionCode: v.regionCode ?? null }),
        ...(v.role === 'officer' && { stationIds: v.stationIds ?? [] }),
        ...(v.role === 'deputy' && { deputyId: v.deputyId ?? null }),
        ...(v.role === 'unit' && { unitId: v.unitId ?? null }),
      };
      await post<Account>('/api/accounts', body);
      onCreated(body.username, body.password);
    } catch (err) {
      reportError(err, message, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} forceRender title={l('新建账号', 'New account')} okText={l('创建', 'Create')}>
      <Form form={form} name="account-create" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="username" label={l('用户名', 'Username')} extra={l('3–50 位字母、数字或 _ . -', '3–50 letters, digits, _ . -')}
          rules={[{ required: true, message: l('请填写用户名', 'Enter a username') }, { pattern: /^[A-Za-z0-9_.-]{3,50}$/, message: l('只能用 3–50 位字母、数字或 _ . -', 'Use 3–50 letters, digits, _ . -') }]}
        >
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item name="displayName" label={l('姓名(显示名)', 'Display name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
          <Input maxLength={50} placeholder={l('如:黄田镇联络站 联络员 蒙工', 'e.g. Huangtian station, liaison Meng')} />
        </Form.Item>
        <Form.Item name="role" label={l('角色', 'Role')} rules={[{ required: true }]}>
          <Select options={roles} />
        </Form.Item>
        <Form.Item noStyle dependencies={['role']}>
          {({ getFieldValue }) => <ScopeField role={getFieldValue('role') as string | undefined} />}
        </Form.Item>
        <PasswordField form={form} />
      </Form>
    </Modal>
  );
}

/** What an account of each role hangs on: staff a region, officers stations, deputies a deputy, unit clerks a unit, grid workers a town. */
function ScopeField({ role, account }: { role?: string; account?: Account }) {
  const { l } = useI18n();
  switch (role) {
    case 'staff':
      return (
        <Form.Item name="regionCode" label={l('负责区划', 'Region they run')} rules={[{ required: true, message: l('请选择区划', 'Choose a region') }]}>
          <RegionPicker />
        </Form.Item>
      );
    case 'officer':
      return (
        <Form.Item name="stationIds" label={l('负责的联络站', 'Their stations')} rules={[{ required: true, type: 'array', min: 1, message: l('至少选择一个联络站', 'Choose at least one station') }]}>
          <RecordSelect<number[]> source="stations" multiple known={account?.stations} />
        </Form.Item>
      );
    case 'deputy':
      return (
        <Form.Item name="deputyId" label={l('对应的代表', 'The deputy')} rules={[{ required: true, message: l('请选择代表', 'Choose the deputy') }]}>
          <RecordSelect<number> source="deputies" />
        </Form.Item>
      );
    case 'grid':
      // A grid worker works in a town; their cells are attached on the grid screen.
      return (
        <Form.Item name="regionCode" label={l('所在乡镇(街道)', 'Town they work in')} extra={l('网格员负责的网格在“网格”页面指定', 'Their cells are set on the Grid cells screen')} rules={[{ required: true, message: l('请选择乡镇', 'Choose the town') }]}>
          <RegionPicker />
        </Form.Item>
      );
    case 'unit':
      return (
        <Form.Item name="unitId" label={l('所属承办单位', 'Their unit')} rules={[{ required: true, message: l('请选择单位', 'Choose the unit') }]}>
          <RecordSelect<number> source="units" />
        </Form.Item>
      );
    default:
      return null;
  }
}

interface EditValues { displayName?: string; active?: boolean; regionCode?: string | null; stationIds?: number[] }

function EditAccountModal({ account, onClose, onSaved }: { account: Account | null; onClose(): void; onSaved(): void }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const vocabulary = useVocabulary();
  const [form] = Form.useForm<EditValues>();
  const [busy, setBusy] = useState(false);

  const original = (a: Account): EditValues => ({
    displayName: a.displayName, active: a.active,
    ...(a.role === 'staff' && { regionCode: a.region?.code ?? null }),
    ...(a.role === 'officer' && { stationIds: a.stations.map((s) => s.id) }),
  });

  useEffect(() => {
    if (!account) return;
    form.resetFields();
    form.setFieldsValue(original(account));
  }, [account, form]);

  async function submit(v: EditValues) {
    if (!account) return;
    setBusy(true);
    try {
      const changes = changedFields(v, original(account));
      if (Object.keys(changes).length === 0) { message.info(l('没有需要保存的修改', 'Nothing to save')); onClose(); return; }
      await patch(`/api/accounts/${account.id}`, { version: account.version, ...changes });
      message.success(l('已保存', 'Saved'));
      onSaved();
    } catch (err) {
      reportError(err, message, form, onSaved);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={account !== null} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} forceRender okText={l('保存', 'Save')}
      title={account ? l(`编辑账号:${account.username}`, `Edit account: ${account.username}`) : ''}
    >
      {account && (
        <Typography.Paragraph type="secondary">
          {l('角色', 'Role')}: {vocabulary.text('roles', account.role)}
          {account.deputy && <> · {l('代表', 'Deputy')}: {account.deputy.name}</>}
          {account.unit && <> · {l('单位', 'Unit')}: {account.unit.name}</>}
        </Typography.Paragraph>
      )}
      <Form form={form} name="account-edit" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="displayName" label={l('姓名(显示名)', 'Display name')} rules={[{ required: true, whitespace: true, max: 50 }]}><Input maxLength={50} /></Form.Item>
        {(account?.role === 'staff' || account?.role === 'officer') && <ScopeField role={account.role} account={account} />}
        <Form.Item
          name="active" label={l('启用', 'Active')} valuePropName="checked"
          extra={l('停用或更改授权范围后,该账号当前的登录会立即失效。', 'Disabling the account or changing its scope ends its current sessions.')}
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ account, onClose, onDone }: { account: Account | null; onClose(): void; onDone(username: string, password: string): void }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!account) return;
    form.resetFields();
    form.setFieldsValue({ password: generatePassword() });
  }, [account, form]);

  async function submit(v: { password: string }) {
    if (!account) return;
    setBusy(true);
    try {
      await post(`/api/accounts/${account.id}/reset-password`, { password: v.password });
      onDone(account.username, v.password);
    } catch (err) {
      reportError(err, message, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={account !== null} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} forceRender okText={l('重置', 'Reset')}
      title={account ? l(`重置 ${account.username} 的密码`, `Reset ${account.username}'s password`) : ''}
    >
      <Typography.Paragraph>
        {l('重置后该账号的锁定同时解除、当前登录失效,本人须用新的初始密码登录并修改。', 'Resetting also unlocks the account and ends its sessions; the person signs in with the new initial password and changes it.')}
      </Typography.Paragraph>
      <Form form={form} name="account-reset" layout="vertical" onFinish={(v) => void submit(v)}>
        <PasswordField form={form} />
      </Form>
    </Modal>
  );
}
