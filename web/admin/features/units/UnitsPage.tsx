import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, Modal, Row, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { patch, post, qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { ExportButton } from '../../kit/ExportButton.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { ActiveSelect, editColumn, FilterBar, LoadError, PageTitle, RequireAbility, type ActiveFilter, useFilterStyle, useNarrow } from '../../kit/common.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import type { Unit, UnitContact } from '../../kit/types.js';
import { changedFields, useWriteErrors } from '../../kit/writeErrors.js';

interface Filters { regionCode?: string; q?: string; active: ActiveFilter }

/** The handling units (承办单位) cases are assigned to, with their contacts. */
export function UnitsPage() {
  return <RequireAbility ability="unit.read"><UnitList /></RequireAbility>;
}

function UnitList() {
  const { l } = useI18n();
  const { me, can } = useSession();
  const fs = useFilterStyle();
  const narrow = useNarrow();
  const [filters, setFilters] = useState<Filters>({ active: 'true' });
  // null: closed; 'new': creating; a unit: editing it.
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const list = useKeysetQuery<Unit>(`/api/units${qs({ ...filters })}`);
  const regional = me?.role === 'admin' || me?.role === 'staff';

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle
        title={l('承办单位', 'Handling units')}
        extra={(
          <>
            <ExportButton href={`/api/units.xlsx${qs({ ...filters })}`} />
            {can('unit.create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{l('新增单位', 'New unit')}</Button>}
          </>
        )}
      />
      <FilterBar>
        <Input.Search
          allowClear placeholder={l('单位名称', 'Unit name')} style={fs(220, true)} aria-label={l('按名称搜索', 'Search by name')}
          onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })}
        />
        {regional && (
          <RegionPicker
            value={filters.regionCode ?? null} style={fs(200)} placeholder={l('全部区划', 'All regions')} aria-label={l('按区划筛选', 'Filter by region')}
            onChange={(code) => setFilters({ ...filters, regionCode: code ?? undefined })}
          />
        )}
        <ActiveSelect style={fs(120)} value={filters.active} onChange={(active) => setFilters({ ...filters, active })} />
      </FilterBar>
      {list.error && <LoadError error={list.error} retry={() => void list.reload()} />}
      <Table<Unit>
        rowKey="id" size="middle" loading={list.loading} dataSource={list.items} pagination={false} scroll={{ x: 860 }}
        columns={[
          {
            title: l('单位名称', 'Name'), dataIndex: 'name', fixed: 'left', width: narrow ? 140 : 200,
            render: (n: string, u) => <Space size={4} wrap><span>{n}</span>{!u.active && <Tag>{l('已停用', 'Deactivated')}</Tag>}</Space>,
          },
          { title: l('所属区划', 'Region'), dataIndex: 'region', width: 130, render: (_, u) => <Tooltip title={u.region.fullName}>{u.region.name}</Tooltip> },
          { title: l('地址', 'Address'), dataIndex: 'address', ellipsis: true, render: (a: string) => a || '—' },
          {
            title: l('联系人', 'Contacts'), dataIndex: 'contacts', width: 260,
            render: (contacts: UnitContact[]) => contacts.length ? (
              <Space orientation="vertical" size={0}>
                {contacts.map((c, i) => (
                  <span key={i}>{c.name}{c.title && <Typography.Text type="secondary"> · {c.title}</Typography.Text>} <a href={`tel:${c.phone}`}>{c.phone}</a></span>
                ))}
              </Space>
            ) : '—',
          },
          ...editColumn<Unit>(can('unit.update'), narrow, l, setEditing),
        ]}
      />
      {list.pager}
      <UnitModal
        unit={editing === 'new' ? undefined : editing ?? undefined} open={editing !== null}
        onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void list.reload(); }} onConflict={() => { setEditing(null); void list.reload(); }}
      />
    </Space>
  );
}

interface Values { name?: string; regionCode?: string | null; address?: string; contacts?: Partial<UnitContact>[]; active?: boolean }

function bodyOf(v: Values) {
  return {
    name: v.name ?? '', regionCode: v.regionCode ?? '', address: v.address ?? '',
    contacts: (v.contacts ?? []).map((c) => ({ name: c.name ?? '', title: c.title ?? '', phone: c.phone ?? '' })),
    ...(v.active !== undefined && { active: v.active }),
  };
}

function valuesOf(u: Unit): Values {
  return { name: u.name, regionCode: u.region.code, address: u.address, contacts: u.contacts, active: u.active };
}

function UnitModal({ unit, open, onClose, onSaved, onConflict }: { unit?: Unit; open: boolean; onClose(): void; onSaved(): void; onConflict(): void }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const narrow = useNarrow();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(unit ? valuesOf(unit) : { contacts: [{}] });
  }, [open, unit, form]);

  async function submit(values: Values) {
    setBusy(true);
    try {
      if (unit) {
        const changes = changedFields(bodyOf(values), bodyOf(valuesOf(unit)));
        if (Object.keys(changes).length === 0) { message.info(l('没有需要保存的修改', 'Nothing to save')); onClose(); return; }
        await patch(`/api/units/${unit.id}`, { version: unit.version, ...changes });
      } else {
        const { active: _unused, ...body } = bodyOf(values);
        await post('/api/units', body);
      }
      message.success(l('已保存', 'Saved'));
      onSaved();
    } catch (err) {
      reportError(err, message, form, onConflict);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} forceRender width={narrow ? undefined : 680}
      title={unit ? l(`编辑:${unit.name}`, `Edit: ${unit.name}`) : l('新增承办单位', 'New handling unit')} okText={l('保存', 'Save')}
    >
      <Form form={form} name="unit" layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={l('单位名称', 'Name')} rules={[{ required: true, whitespace: true, max: 100 }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="regionCode" label={l('所属区划', 'Region')} rules={[{ required: true }]}><RegionPicker /></Form.Item>
        <Form.Item name="address" label={l('地址', 'Address')} rules={[{ max: 200 }]}><Input maxLength={200} /></Form.Item>
        <Typography.Text strong>{l('联系人', 'Contacts')}</Typography.Text>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row key={field.key} gutter={8} style={{ marginTop: 8 }}>
                  <Col xs={12} sm={7}>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: l('请填写姓名', 'Name needed') }]} style={{ marginBottom: 8 }}>
                      <Input placeholder={l('姓名', 'Name')} aria-label={l('联系人姓名', 'Contact name')} maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={7}>
                    <Form.Item name={[field.name, 'title']} style={{ marginBottom: 8 }}>
                      <Input placeholder={l('职务', 'Title')} aria-label={l('职务', 'Title')} maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={21} sm={8}>
                    <Form.Item name={[field.name, 'phone']} rules={[
                      { required: true, whitespace: true, message: l('请填写电话', 'Phone needed') },
                    ]} style={{ marginBottom: 8 }}>
                      <Input placeholder={l('电话', 'Phone')} aria-label={l('联系电话', 'Contact phone')} inputMode="tel" maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={3} sm={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={l('删除联系人', 'Remove contact')} onClick={() => remove(field.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 20} style={{ margin: '8px 0 16px' }}>
                {l('添加联系人', 'Add a contact')}
              </Button>
            </>
          )}
        </Form.List>
        {unit && (
          <Form.Item name="active" label={l('在用', 'In use')} valuePropName="checked" extra={l('停用后不能再向该单位交办新的意见。', 'A deactivated unit cannot be assigned new cases.')}>
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
