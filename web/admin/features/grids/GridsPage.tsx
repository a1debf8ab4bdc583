import { PlusOutlined } from '@ant-design/icons';
import { Button, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { get, post, put, qs, type Answer } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { FilterBar, LoadError, PageTitle, RequireAbility, useFilterStyle, useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import type { GridCell, GridCellItem, GridCells } from './types.js';

interface CellForm {
  name: string; regionCode: string; village: string; stationId: number; boundary?: string;
  lat?: number | null; lng?: number | null; deputyIds?: number[]; workerAccountIds?: number[];
}

type Accounts = Answer<'/api/accounts'>;

/** The cell form of staff: where it is, its boundary, the station whistles go to, its deputies and grid workers. */
function CellDrawer({ cell, open, onClose }: { cell: GridCell | null; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const narrow = useNarrow();
  const [form] = Form.useForm<CellForm>();
  const { busy, run } = useFormWrite(form);
  const workers = useApiQuery<Accounts>(open ? `/api/accounts${qs({ role: 'grid', limit: 100 })}` : null);
  const submit = (v: CellForm) => run(async () => {
    const body = {
      name: v.name, regionCode: v.regionCode, village: v.village, stationId: v.stationId, boundary: v.boundary ?? '',
      center: v.lat !== undefined && v.lat !== null && v.lng !== undefined && v.lng !== null ? { lat: v.lat, lng: v.lng } : null,
      deputyIds: v.deputyIds ?? [], workerAccountIds: v.workerAccountIds ?? [],
    };
    if (cell) await put(`/api/grids/cells/${cell.id}`, { ...body, version: cell.version });
    else await post('/api/grids/cells', body);
    await invalidateApi('/api/grids');
    onClose();
  }, cell ? l('已保存', 'Saved') : l('已新建网格', 'Cell created'));
  return (
    <Drawer
      open={open} onClose={onClose} width={narrow ? '100%' : 560} destroyOnHidden title={cell ? l(`修改网格:${cell.name}`, `Edit ${cell.name}`) : l('新建网格', 'New cell')}
      extra={<Button type="primary" loading={busy} onClick={() => form.submit()}>{l('保存', 'Save')}</Button>}
    >
      <Form
        form={form} layout="vertical" onFinish={submit}
        initialValues={cell ? {
          name: cell.name, regionCode: cell.regionCode, village: cell.village, stationId: cell.stationId, boundary: cell.boundary,
          lat: cell.center?.lat ?? null, lng: cell.center?.lng ?? null, deputyIds: cell.deputies.map((d) => d.id), workerAccountIds: cell.workers.map((w) => w.id),
        } : {}}
      >
        <Form.Item name="regionCode" label={l('乡镇(街道)', 'Town')} rules={[{ required: true, message: l('请选择乡镇', 'Choose the town') }]}>
          <RegionPicker aria-label={l('乡镇(街道)', 'Town')} />
        </Form.Item>
        <Form.Item name="village" label={l('村(社区)', 'Village or community')} rules={[{ required: true, whitespace: true, message: l('请填写村(社区)', 'Name the village') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="name" label={l('网格名称', 'Cell name')} rules={[{ required: true, whitespace: true, message: l('请填写网格名称', 'Name the cell') }]}>
          <Input maxLength={100} placeholder={l('如:公和村第 1 网格', 'e.g. 公和村第 1 网格')} />
        </Form.Item>
        <Form.Item name="stationId" label={l('吹哨送达的联络站', 'Station whistles go to')} rules={[{ required: true, message: l('请选择联络站', 'Choose the station') }]}>
          <RecordSelect source="stations" known={cell ? [{ id: cell.stationId, name: cell.stationName }] : []} aria-label={l('联络站', 'Station')} />
        </Form.Item>
        <Form.Item name="boundary" label={l('网格边界', 'Boundary')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={l('四至、所含村民小组和户数', 'Its limits, the village groups and households it covers')} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="lat" label={l('中心点纬度', 'Centre latitude')}><InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="lng" label={l('中心点经度', 'Centre longitude')}><InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} /></Form.Item>
        </Space>
        <Form.Item name="deputyIds" label={l('网格内的代表', 'Deputies in the cell')}>
          <RecordSelect source="deputies" multiple known={cell?.deputies ?? []} aria-label={l('代表', 'Deputies')} />
        </Form.Item>
        <Form.Item name="workerAccountIds" label={l('网格员', 'Grid workers')}>
          <Select
            mode="multiple" aria-label={l('网格员', 'Grid workers')} loading={workers.isLoading} optionFilterProp="label"
            options={[...(cell?.workers ?? []).map((w) => ({ value: w.id, label: w.name })),
              ...(workers.data?.items ?? []).filter((a) => !cell?.workers.some((w) => w.id === a.id)).map((a) => ({ value: a.id, label: `${a.displayName}(${a.username})` }))]}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 网格: the cells in reach, by town and village, with their deputies, workers and whistles; staff create and edit them. */
export function GridsPage() {
  const { l } = useI18n();
  const { can } = useSession();
  const width = useFilterStyle();
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('region');
  const list = useApiQuery<GridCells>(`/api/grids/cells${qs({ regionCode: regionCode ?? undefined })}`, { keepPrevious: true });
  const [editing, setEditing] = useState<{ cell: GridCell | null } | null>(null);
  const manage = can('grid.manage');
  const open = async (id: number) => setEditing({ cell: await get<GridCell>(`/api/grids/cells/${id}`) });
  return (
    <RequireAbility ability="grid.read">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <PageTitle title={l('网格', 'Grid cells')} extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ cell: null })}>{l('新建网格', 'New cell')}</Button>} />
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
          {l('网格划到村(社区)以下;代表编入所在选区的网格,网格员在手机上“吹哨”,意见直达网格所属联络站。',
            'Cells lie under villages and communities; deputies are attached to the cells of their constituency, and grid workers blow the whistle from their phones straight to the cell’s station.')}
        </Typography.Paragraph>
        <FilterBar>
          <RegionPicker value={regionCode} onChange={(code) => setParams(code ? { region: code } : {}, { replace: true })} style={width(260)} compact aria-label={l('地区', 'Region')} placeholder={l('全部地区', 'Every region')} />
        </FilterBar>
        <LoadError error={list.error?.message ?? null} retry={() => void list.refetch()} />
        <Table<GridCellItem>
          rowKey="id" size="small" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={false} scroll={{ x: 720 }}
          columns={[
            { title: l('网格', 'Cell'), dataIndex: 'name', render: (n: string, c) => (manage ? <Button type="link" size="small" style={{ padding: 0 }} onClick={() => void open(c.id)}>{n}</Button> : n) },
            { title: l('村(社区)', 'Village'), dataIndex: 'village' },
            { title: l('乡镇', 'Town'), dataIndex: 'regionName' },
            { title: l('联络站', 'Station'), dataIndex: 'stationName' },
            { title: l('代表', 'Deputies'), dataIndex: 'deputyCount', width: 70 },
            { title: l('网格员', 'Workers'), dataIndex: 'workerCount', width: 80 },
            { title: l('吹哨', 'Whistles'), dataIndex: 'whistleCount', width: 70, render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
          ]}
        />
      </Space>
      <CellDrawer cell={editing?.cell ?? null} open={editing !== null} onClose={() => setEditing(null)} />
    </RequireAbility>
  );
}
