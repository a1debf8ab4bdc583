import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { patch, post } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { regionDetail, RegionPicker } from '../../kit/RegionPicker.js';
import type { Deputy } from '../../kit/types.js';
import { useVocabulary } from '../../kit/vocabulary.js';
import { changedFields, useWriteErrors } from '../../kit/writeErrors.js';

interface LevelRow { level?: string; term?: number | null; regionCode?: string | null }
interface StationRow { stationId?: number | null; role?: string }

interface Values {
  name?: string; gender?: string; ethnicity?: string; party?: string; birthYear?: number | null; phone?: string | null;
  status?: string; specialLiaison?: boolean; regionCode?: string | null; constituency?: string; occupation?: string;
  professionTags?: string[]; gridCell?: string | null; levels?: LevelRow[]; stations?: StationRow[]; active?: boolean;
}

function bodyOf(v: Values) {
  return {
    name: v.name ?? '', gender: v.gender ?? '', ethnicity: v.ethnicity?.trim() || '汉族', party: v.party ?? '',
    birthYear: v.birthYear ?? null, phone: v.phone?.trim() || null, status: v.status ?? 'current',
    specialLiaison: Boolean(v.specialLiaison), regionCode: v.regionCode ?? '', constituency: v.constituency ?? '',
    occupation: v.occupation ?? '', professionTags: v.professionTags ?? [], gridCell: v.gridCell?.trim() || null,
    levels: (v.levels ?? []).map((r) => ({ level: r.level ?? '', term: r.term ?? 0, regionCode: r.level === 'national' ? null : r.regionCode ?? null })),
    stations: (v.stations ?? []).map((s) => ({ stationId: s.stationId ?? 0, role: s.role ?? 'resident' })),
    ...(v.active !== undefined && { active: v.active }),
  };
}

function valuesOf(d: Deputy): Values {
  return {
    name: d.name, gender: d.gender, ethnicity: d.ethnicity, party: d.party, birthYear: d.birthYear, phone: d.phone,
    status: d.status, specialLiaison: d.specialLiaison, regionCode: d.region.code, constituency: d.constituency,
    occupation: d.occupation, professionTags: d.professionTags, gridCell: d.gridCell,
    levels: d.levels.map((x) => ({ level: x.level, term: x.term, regionCode: x.region?.code ?? null })),
    stations: d.stations.map((s) => ({ stationId: s.id, role: s.role })),
    active: d.active,
  };
}

/**
 * The level of region whose congress elects deputies of each level: a county deputy sits in
 * the county's congress. Used only to suggest the region of a newly added level.
 */
const CONGRESS_REGION_LEVEL: Record<string, string | null> = {
  national: null, provincial: 'province', city: 'city', county: 'county', township: 'town',
};

interface Props {
  open: boolean;
  deputy?: Deputy;
  onClose(): void;
  onSaved(d: Deputy): void;
  onConflict?(): void;
}

/** Adding or editing a deputy, with the levels they hold at once and the stations they serve in. */
export function DeputyFormDrawer({ open, deputy, onClose, onSaved, onConflict }: Props) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const vocabulary = useVocabulary();
  const narrow = useNarrow();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(deputy ? valuesOf(deputy) : { ethnicity: '汉族', status: 'current', specialLiaison: false, levels: [], stations: [], professionTags: [] });
  }, [open, deputy, form]);

  async function submit(values: Values) {
    setBusy(true);
    try {
      if (deputy) {
        const changes = changedFields(bodyOf(values), bodyOf(valuesOf(deputy)));
        if (Object.keys(changes).length === 0) { message.info(l('没有需要保存的修改', 'Nothing to save')); onClose(); return; }
        onSaved(await patch<Deputy>(`/api/deputies/${deputy.id}`, { version: deputy.version, ...changes }));
      } else {
        const { active: _unused, ...body } = bodyOf(values);
        onSaved(await post<Deputy>('/api/deputies', body));
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
      open={open} onClose={onClose} destroyOnHidden size={narrow ? '100%' : 760}
      title={deputy ? l(`编辑代表:${deputy.name}`, `Edit deputy: ${deputy.name}`) : l('新增代表', 'New deputy')}
      footer={(
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{l('取消', 'Cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{l('保存', 'Save')}</Button>
        </Space>
      )}
    >
      <Form form={form} name="deputy" layout="vertical" onFinish={(v) => void submit(v)} scrollToFirstError>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="name" label={l('姓名', 'Name')} rules={[{ required: true, whitespace: true, max: 50 }]}><Input maxLength={50} /></Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="gender" label={l('性别', 'Gender')} rules={[{ required: true }]}>
              <Radio.Group options={vocabulary.options('genders')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="ethnicity" label={l('民族', 'Ethnicity')} rules={[{ required: true, whitespace: true, max: 20 }]}><Input maxLength={20} /></Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="party" label={l('政治面貌', 'Party')} rules={[{ max: 30 }]}>
              <Input maxLength={30} placeholder={l('如:中国共产党、群众', 'e.g. CPC, none')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="birthYear" label={l('出生年份', 'Year of birth')}>
              <InputNumber min={1900} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="phone" label={l('手机号码', 'Mobile phone')}>
              <Input inputMode="tel" maxLength={20} disabled={deputy?.phoneMasked} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="regionCode" label={l('所属区划', 'Region')} rules={[{ required: true }]} extra={l('代表登记所在的最低一级区划', 'Where the deputy is registered (their lowest congress)')}>
              <RegionPicker />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="constituency" label={l('选区', 'Constituency')} rules={[{ max: 100 }]}><Input maxLength={100} /></Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="occupation" label={l('工作单位及职务', 'Occupation')} rules={[{ max: 100 }]}><Input maxLength={100} /></Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="gridCell" label={l('联系网格', 'Grid cell')} rules={[{ max: 100 }]}><Input maxLength={100} /></Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="professionTags" label={l('专业领域', 'Fields of expertise')} extra={l('输入后回车添加,便于按领域邀请代表', 'Type and press Enter; used to invite deputies by field')}>
              <Select mode="tags" tokenSeparators={[',', ',', '、']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="status" label={l('代表状态', 'Status')} rules={[{ required: true }]}>
              <Select options={vocabulary.options('deputyStatuses')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="specialLiaison" label={l('特邀联络员', 'Invited liaison')} valuePropName="checked" extra={l('往届代表受邀继续收集民意', 'A former deputy invited to keep collecting opinions')}>
              <Switch />
            </Form.Item>
          </Col>
          {deputy && (
            <Col span={24}>
              <Form.Item name="active" label={l('在册', 'Active')} valuePropName="checked" extra={l('关闭后该代表不再出现在列表中,其账号停止使用;记录保留。', 'Off: the deputy leaves the lists and their accounts stop working; records are kept.')}>
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
        <LevelsList form={form} />
        <StationsList deputy={deputy} />
      </Form>
    </Drawer>
  );
}

/** The levels held at once, each with its term and the region of its congress (none for the NPC). */
function LevelsList({ form }: { form: FormInstance<Values> }) {
  const { l } = useI18n();
  const vocabulary = useVocabulary();

  // A newly chosen level gets the deputy's own region of that level as a suggestion, to be changed if need be.
  async function suggestRegion(index: number, level: string) {
    const wanted = CONGRESS_REGION_LEVEL[level];
    if (wanted === null) { form.setFieldValue(['levels', index, 'regionCode'], null); return; }
    const home = form.getFieldValue('regionCode') as string | null | undefined;
    if (!home) return;
    const detail = await regionDetail(home).catch(() => null);
    const match = detail && [...detail.ancestors, detail].find((r) => r.level === wanted);
    if (match) form.setFieldValue(['levels', index, 'regionCode'], match.code);
  }

  return (
    <Form.List name="levels">
      {(fields, { add, remove }) => (
        <div style={{ marginBottom: 16 }}>
          <Typography.Text strong>{l('代表层级', 'Levels')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
            {l('同一人可同时担任多级人大代表;全国人大代表不填区划。', 'One person may be a deputy at several levels at once; the national level has no region.')}
          </Typography.Paragraph>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} align="top" style={{ marginTop: 8 }}>
              <Col xs={24} sm={8}>
                <Form.Item name={[field.name, 'level']} rules={[{ required: true, message: l('请选择层级', 'Choose a level') }]} style={{ marginBottom: 8 }}>
                  <Select
                    options={vocabulary.options('deputyLevels')} placeholder={l('层级', 'Level')} aria-label={l('层级', 'Level')}
                    onChange={(v: string) => void suggestRegion(field.name, v)}
                  />
                </Form.Item>
              </Col>
              <Col xs={8} sm={4}>
                <Form.Item name={[field.name, 'term']} rules={[{ required: true, message: l('届次', 'Term') }]} style={{ marginBottom: 8 }}>
                  <InputNumber min={1} max={30} placeholder={l('届', 'Term')} aria-label={l('届次', 'Term')} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={13} sm={10}>
                <Form.Item noStyle dependencies={[['levels', field.name, 'level']]}>
                  {({ getFieldValue }) => {
                    const national = getFieldValue(['levels', field.name, 'level']) === 'national';
                    return (
                      <Form.Item name={[field.name, 'regionCode']} style={{ marginBottom: 8 }} rules={[{ required: !national, message: l('请选择区划', 'Choose the region') }]}>
                        <RegionPicker root={null} compact disabled={national} placeholder={national ? l('全国(无需区划)', 'National (no region)') : l('人大所在区划', "The congress's region")} />
                      </Form.Item>
                    );
                  }}
                </Form.Item>
              </Col>
              <Col xs={3} sm={2}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={l('删除该层级', 'Remove this level')} onClick={() => remove(field.name)} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ term: null })} disabled={fields.length >= 5} style={{ marginTop: 8 }}>
            {l('添加层级', 'Add a level')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** The stations the deputy serves in, with their role in each. */
function StationsList({ deputy }: { deputy?: Deputy }) {
  const { l } = useI18n();
  const vocabulary = useVocabulary();
  return (
    <Form.List name="stations">
      {(fields, { add, remove }) => (
        <div>
          <Typography.Text strong>{l('进驻联络站', 'Stations')}</Typography.Text>
          {fields.map((field) => (
            <Row key={field.key} gutter={8} style={{ marginTop: 8 }}>
              <Col xs={24} sm={14}>
                <Form.Item name={[field.name, 'stationId']} rules={[{ required: true, message: l('请选择联络站', 'Choose a station') }]} style={{ marginBottom: 8 }}>
                  <RecordSelect<number> source="stations" known={deputy?.stations} aria-label={l('联络站', 'Station')} />
                </Form.Item>
              </Col>
              <Col xs={21} sm={8}>
                <Form.Item name={[field.name, 'role']} style={{ marginBottom: 8 }}>
                  <Select options={vocabulary.options('stationMemberRoles')} aria-label={l('站内职责', 'Role')} />
                </Form.Item>
              </Col>
              <Col xs={3} sm={2}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={l('移出该站', 'Remove from this station')} onClick={() => remove(field.name)} />
              </Col>
            </Row>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'resident' })} disabled={fields.length >= 20} style={{ marginTop: 8 }}>
            {l('添加联络站', 'Add a station')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
