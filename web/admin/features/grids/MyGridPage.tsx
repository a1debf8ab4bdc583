import { AimOutlined, CameraOutlined, DeleteOutlined, SoundOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { post } from '../../../shared/api.js';
import { compressPhoto } from '../../../shared/compress.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { LoadError, PageTitle, RequireAbility } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import type { CaseCategories, GridCells, GridWhistle, GridWhistles } from './types.js';

const MAX_PHOTOS = 5;

export const stateColor = (state: string) => (['closed', 'archived', 'answered', 'reply_approved'].includes(state) ? 'green' : state === 'declined' ? 'default' : state === 'submitted' ? 'orange' : 'blue');

interface WhistleForm { cellId: number; categoryId: number; content: string; place?: string }

/**
 * 吹哨 from a phone: the cell, what is wrong, where (the phone's position or a description) and
 * up to five photos (shrunk on the phone); the case goes to the station of the cell.
 */
function WhistleCard({ cells, onDone }: { cells: GridCells['items']; onDone(id: number): void }) {
  const { l, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<WhistleForm>();
  const categories = useApiQuery<CaseCategories>('/api/case-categories');
  const [photos, setPhotos] = useState<{ key: string; name: string; data: string }[]>([]);
  const [location, setLocation] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const { busy, run } = useFormWrite(form);

  function locate() {
    if (!navigator.geolocation) { message.error(l('此设备无法定位,请填写地点说明', 'This device cannot locate; describe the place')); return; }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => { setLocation({ lat: Number(p.coords.latitude.toFixed(6)), lng: Number(p.coords.longitude.toFixed(6)) }); setLocating(false); },
      () => { message.error(l('定位失败,请填写地点说明', 'Could not locate; describe the place')); setLocating(false); },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }

  async function pick(list: FileList | null) {
    if (!list?.length) return;
    const picked = await Promise.all([...list].map(async (f, i) => ({ key: `${f.name}-${i}-${photos.length}`, name: f.name, data: await compressPhoto(f) })));
    const next = [...photos, ...picked];
    if (next.length > MAX_PHOTOS) { message.error(l(`最多 ${MAX_PHOTOS} 张照片`, `At most ${MAX_PHOTOS} photos`)); return; }
    setPhotos(next);
  }

  const submit = (v: WhistleForm) => run(async () => {
    const made = await post<GridWhistle>('/api/grids/whistles', { ...v, place: v.place ?? '', location, photos: photos.map((p) => ({ data: p.data })) });
    await invalidateApi('/api/grids');
    form.resetFields();
    setPhotos([]);
    setLocation(null);
    onDone(made.id);
  }, l('已吹哨,联络站将受理', 'Whistle blown: the station will take it up'));

  return (
    <Card size="small" title={<Space><SoundOutlined />{l('吹哨', 'Blow the whistle')}</Space>}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ cellId: cells.length === 1 ? cells[0]!.id : undefined }}>
        <Form.Item name="cellId" label={l('网格', 'Cell')} rules={[{ required: true, message: l('请选择网格', 'Choose the cell') }]}>
          <Select options={cells.map((c) => ({ value: c.id, label: `${c.village} ${c.name}` }))} placeholder={l('选择网格', 'Choose the cell')} />
        </Form.Item>
        <Form.Item name="categoryId" label={l('类别', 'Category')} rules={[{ required: true, message: l('请选择类别', 'Choose a category') }]}>
          <Select options={(categories.data ?? []).map((c) => ({ value: c.id, label: lang === 'en' ? c.nameEn : c.name }))} placeholder={l('选择类别', 'Choose a category')} />
        </Form.Item>
        <Form.Item name="content" label={l('发现的问题', 'What is wrong')} rules={[{ required: true, whitespace: true, message: l('请描述问题', 'Describe the problem') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="place" label={l('地点说明', 'Place')} extra={l('可用手机定位,也可填写地点说明(至少一项)', 'Use the phone’s location or describe the place (at least one)')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap style={{ marginBottom: 12 }}>
          <Button icon={<AimOutlined />} loading={locating} onClick={locate}>{location ? l('重新定位', 'Locate again') : l('手机定位', 'Use my location')}</Button>
          {location && <Tag color="blue" data-testid="whistle-location">{location.lat}, {location.lng}</Tag>}
          <Button icon={<CameraOutlined />} onClick={() => picker.current?.click()}>{l('拍照/选照片', 'Photos')}</Button>
          <input
            ref={picker} type="file" multiple accept="image/jpeg,image/png,image/webp" style={{ display: 'none' }} data-testid="whistle-photos"
            aria-label={l('照片', 'Photos')} onChange={(e) => { void pick(e.target.files); e.target.value = ''; }}
          />
        </Space>
        {photos.length > 0 && (
          <List
            size="small" dataSource={photos} style={{ marginBottom: 12 }}
            renderItem={(p) => (
              <List.Item actions={[<Button key="x" type="text" icon={<DeleteOutlined />} aria-label={l(`移除 ${p.name}`, `Remove ${p.name}`)} onClick={() => setPhotos(photos.filter((x) => x.key !== p.key))} />]}>
                <Typography.Text ellipsis style={{ maxWidth: 220 }}>{p.name}</Typography.Text>
              </List.Item>
            )}
          />
        )}
        <Button type="primary" htmlType="submit" block loading={busy} icon={<SoundOutlined />}>{l('吹哨上报', 'Blow the whistle')}</Button>
      </Form>
    </Card>
  );
}

/** The grid worker's page (on a phone): their cells, the whistle, and their whistles with what became of each. */
export function MyGridPage() {
  const { l, label } = useI18n();
  const navigate = useNavigate();
  const cells = useApiQuery<GridCells>('/api/grids/cells');
  const whistles = useApiQuery<GridWhistles>('/api/grids/whistles');
  return (
    <RequireAbility ability="grid.whistle">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <PageTitle title={l('我的网格', 'My grid')} />
        <LoadError error={cells.error?.message ?? whistles.error?.message ?? null} retry={() => { void cells.refetch(); void whistles.refetch(); }} />
        <Card size="small" title={l('负责的网格', 'My cells')} loading={cells.isLoading}>
          {(cells.data?.items ?? []).length === 0 ? <Empty description={l('尚未编入网格', 'Not attached to any cell yet')} /> : (
            <List
              size="small" dataSource={cells.data!.items}
              renderItem={(c) => (
                <List.Item data-testid="my-cell">
                  <List.Item.Meta title={`${c.village} ${c.name}`} description={`${c.regionName} · ${c.stationName}`} />
                </List.Item>
              )}
            />
          )}
        </Card>
        {(cells.data?.items ?? []).length > 0 && <WhistleCard cells={cells.data!.items} onDone={(id) => navigate(`/my-grid/whistles/${id}`)} />}
        <Card size="small" title={l('我的吹哨', 'My whistles')} loading={whistles.isLoading}>
          {(whistles.data?.items ?? []).length === 0 ? <Empty description={l('还没有吹哨', 'No whistles yet')} /> : (
            <List
              size="small" dataSource={whistles.data!.items}
              renderItem={(w) => (
                <List.Item data-testid="my-whistle" extra={<Tag color={stateColor(w.state)}>{label(w.stateLabel)}</Tag>}>
                  <List.Item.Meta
                    title={<Link to={`/my-grid/whistles/${w.id}`}>{w.excerpt}</Link>}
                    description={`${w.cellName} · ${formatDateTime(w.submittedAt)} · ${w.trackingCode}`}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      </Space>
    </RequireAbility>
  );
}
