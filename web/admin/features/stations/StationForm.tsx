import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Rate, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { patch, post } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { RegionMultiPicker, RegionPicker } from '../../kit/RegionPicker.js';
import type { Station } from '../../kit/types.js';
import { useVocabulary } from '../../kit/vocabulary.js';
import { changedFields, useWriteErrors } from '../../kit/writeErrors.js';

/** The station body as the API takes it (reception schedule and checklist are edited on the detail page). */
interface StationBody {
  name: string; type: string; tier: string; parentId: number | null; homeRegionCode: string; memberRegionCodes: string[];
  locatedRegionCode: string | null; address: string; phone: string | null; openingHours: string; location: { lat: number; lng: number } | null;
  grade: string | null; stars: number | null; description: string;
}

type Values = Partial<Omit<StationBody, 'stars' | 'location'>> & { stars?: number | null; latitude?: number | null; longitude?: number | null };

function bodyOf(v: Values): StationBody {
  return {
    name: v.name ?? '', type: v.type ?? '', tier: v.tier ?? '', parentId: v.parentId ?? null,
    homeRegionCode: v.homeRegionCode ?? '', memberRegionCodes: v.memberRegionCodes ?? [], locatedRegionCode: v.locatedRegionCode || null,
    address: v.address ?? '', phone: v.phone?.trim() || null, openingHours: v.openingHours ?? '',
    location: typeof v.latitude === 'number' && typeof v.longitude === 'number' ? { lat: v.latitude, lng: v.longitude } : null,
    grade: v.grade ?? null, stars: v.stars || null, description: v.description ?? '',
  };
}

function valuesOf(s: Station): Values {
  return {
    name: s.name, type: s.type, tier: s.tier, parentId: s.parent?.id ?? null, homeRegionCode: s.homeRegion.code,
    memberRegionCodes: s.memberRegions.filter((r) => !r.isHome).map((r) => r.code), locatedRegionCode: s.locatedRegion?.code ?? null,
    address: s.address, phone: s.phone, openingHours: s.openingHours, latitude: s.location?.lat ?? null, longitude: s.location?.lng ?? null,
    grade: s.grade, stars: s.stars, description: s.description,
  };
}

interface Props {
  open: boolean;
  /** The station being edited; none to create one. */
  station?: Station;
  onClose(): void;
  onSaved(station: Station): void;
  /** After a 409: the caller reloads the station. */
  onConflict?(): void;
}

/**
 * Creating or editing a station. A station officer may change only the day-to-day fields
 * (address, phone, hours, map position, description): the others show but are disabled, and a PATCH carries
 * only what changed, so an officer's save never touches a field they may not change.
 */
export function StationFormDrawer({ open, station, onClose, onSaved, onConflict }: Props) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const vocabulary = useVocabulary();
  const narrow = useNarrow();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const operationalOnly = Boolean(station && !station.abilities.includes('update'));
  const locked = operationalOnly ? { disabled: true } : {};

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(station ? valuesOf(station) : { memberRegionCodes: [] });
  }, [open, station, form]);

  async function submit(values: Values) {
    setBusy(true);
    try {
      if (station) {
        const changes = changedFields(bodyOf(values), bodyOf(valuesOf(station)));
        if (Object.keys(changes).length === 0) { message.info(l('没有需要保存的修改', 'Nothing to save')); onClose(); return; }
        onSaved(await patch<Station>(`/api/stations/${station.id}`, { version: station.version, ...changes }));
      } else {
        onSaved(await post<Station>('/api/stations', bodyOf(values)));
      }
      message.success(l('已保存', 'Saved'));
    } catch (err) {
      reportError(err, message, form, () => { onClose(); onConflict?.(); });
    } finally {
      setBusy(false);
    }
  }

  const half = { xs: 24, md: 12 };
  return (
    <Drawer
      open={open} onClose={onClose} destroyOnHidden size={narrow ? '100%' : 720}
      title={station ? l(`编辑:${station.name}`, `Edit: ${station.name}`) : l('新建联络站', 'New station')}
      footer={(
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{l('取消', 'Cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{l('保存', 'Save')}</Button>
        </Space>
      )}
    >
      {operationalOnly && (
        <Alert
          type="info" showIcon style={{ marginBottom: 16 }}
          title={l('站长/联络员可修改地址、电话、开放时间和简介,接待安排和建设清单在站点页面修改;其他内容由人大工作人员维护。', 'Station officers may change the address, phone, opening hours and description here, and the reception schedule and checklist on the station page; congress staff keep the rest.')}
        />
      )}
      <Form form={form} name="station" layout="vertical" onFinish={(v) => void submit(v)} scrollToFirstError>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="name" label={l('名称', 'Name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input maxLength={100} {...locked} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="type" label={l('类型', 'Type')} rules={[{ required: true }]}>
              <Select options={vocabulary.options('stationTypes')} {...locked} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="tier" label={l('层级', 'Tier')} rules={[{ required: true }]}>
              <Select options={vocabulary.options('stationTiers')} {...locked} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="homeRegionCode" label={l('所在区划', 'Home region')} rules={[{ required: true }]}>
              <RegionPicker {...locked} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="parentId" label={l('上级站点', 'Parent station')}>
              <RecordSelect<number> source="stations" known={station?.parent ? [station.parent] : []} exclude={station ? [station.id] : []} {...locked} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="memberRegionCodes" label={l('联建区划', 'Member regions')}
              extra={l('跨区域(如省际联建站)服务的其他乡镇,可跨省选择', 'Other towns the station serves, e.g. each side of a cross-province station')}
            >
              <RegionMultiPicker known={station?.memberRegions} {...locked} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="locatedRegionCode" label={l('异地设点所在地', 'Located in (remote point)')}
              extra={l('异地联络点设在本级人大辖区之外时填写,如信都镇在佛山设立的联络点', 'Only for a remote liaison point standing outside the home region, e.g. 信都镇\'s point in 佛山')}
            >
              <RegionPicker root={null} {...locked} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={l('地址', 'Address')} rules={[{ max: 200 }]}><Input maxLength={200} /></Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="phone" label={l('联系电话', 'Phone')} rules={[{ max: 30 }]}><Input maxLength={30} inputMode="tel" /></Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="openingHours" label={l('开放时间', 'Opening hours')} rules={[{ max: 200 }]}>
              <Input maxLength={200} placeholder={l('如:工作日 08:30-17:30', 'e.g. weekdays 08:30–17:30')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="longitude" label={l('经度', 'Longitude')} dependencies={['latitude']}
              extra={l('用于公开页面的地图链接:在高德地图中长按站点位置可查看经纬度;留空时按地址搜索', 'For the public map link: press and hold the place in Amap to read it; left empty, the map searches the address')}
              rules={[({ getFieldValue }) => ({
                validator: (_, v: number | null | undefined) => ((v ?? null) === null) === ((getFieldValue('latitude') ?? null) === null)
                  ? Promise.resolve() : Promise.reject(new Error(l('经度和纬度须同时填写或同时留空', 'Give both longitude and latitude, or neither'))),
              })]}
            >
              <InputNumber min={-180} max={180} step={0.000001} precision={6} style={{ width: '100%' }} placeholder="111.566000" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="latitude" label={l('纬度', 'Latitude')} dependencies={['longitude']}>
              <InputNumber min={-90} max={90} step={0.000001} precision={6} style={{ width: '100%' }} placeholder="24.403000" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="grade" label={l('评定等级', 'Grade')}>
              <Select allowClear options={vocabulary.options('stationGrades')} {...locked} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="stars" label={l('星级', 'Stars')}><Rate {...locked} /></Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={l('简介', 'Description')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
