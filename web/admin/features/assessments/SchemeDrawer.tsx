import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, List, Row, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ASSESSMENT_INDICATORS, RATE_INDICATORS, type IndicatorKey } from '../../../../common/points.js';
import { get, post, qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { errorText, LoadError, useNarrow } from '../../kit/common.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import type { IndicatorSetting, Scheme, SchemeVersions } from '../points/types.js';

interface Props { open: boolean; regionCode: string | null; year: number; onClose(): void; onSaved(): void }

interface Values { fromYear: number; indicators: IndicatorSetting[]; first: number; second: number; note: string }

/**
 * 考核方案 of a region: the scheme in force for the year (its own or inherited) and the versions
 * before it; those who manage the region save one from a year on. Weights add up to 100.
 */
export function SchemeDrawer({ open, regionCode, year, onClose, onSaved }: Props) {
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<Values>();
  const [data, setData] = useState<SchemeVersions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const indicators = Form.useWatch('indicators', form) ?? [];
  const weightSum = indicators.reduce((n, i) => n + (i?.weight ?? 0), 0);

  const load = useCallback(async () => {
    try {
      const d = await get<SchemeVersions>(`/api/assessments/schemes${qs({ regionCode, year })}`);
      setData(d);
      setError(null);
      const inForce = d.versions.find((v) => v.id === d.inForceId);
      if (inForce) {
        form.setFieldsValue({
          fromYear: year, note: '', first: inForce.grades.first, second: inForce.grades.second,
          indicators: inForce.indicators.map(({ key, weight, target }) => ({ key, weight, target })),
        });
      }
    } catch (err) { setError(errorText(err)); }
  }, [regionCode, year, form]);
  useEffect(() => { if (open) void load(); }, [open, load]);

  const ownVersion = (fromYear: number): Scheme | undefined => data?.versions.find((v) => !v.inherited && v.fromYear === fromYear);

  async function submit(v: Values) {
    setBusy(true);
    try {
      await post('/api/assessments/schemes', {
        regionCode, fromYear: v.fromYear, indicators: v.indicators, grades: { first: v.first, second: v.second }, note: v.note ?? '',
        version: ownVersion(v.fromYear)?.version ?? null,
      });
      message.success(l('考核方案已保存', 'Scheme saved'));
      onSaved();
    } catch (err) {
      reportError(err, message, form, () => void load());
    } finally {
      setBusy(false);
    }
  }

  const canSave = Boolean(data?.abilities.includes('create'));
  const inForce = data?.versions.find((v) => v.id === data.inForceId);
  return (
    <Drawer
      open={open} onClose={onClose} destroyOnHidden size={narrow ? '100%' : 640}
      title={l(`考核方案:${data?.region?.fullName ?? '全国默认'}`, `Assessment scheme: ${data?.region?.fullName ?? 'nationwide default'}`)}
      footer={canSave && (
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{l('取消', 'Cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{l('保存', 'Save')}</Button>
        </Space>
      )}
    >
      <LoadError error={error} retry={() => void load()} />
      {inForce && (
        <Alert
          type="info" showIcon style={{ marginBottom: 16 }}
          title={l(`${year} 年度适用:${inForce.region?.fullName ?? '全国默认方案'}(${inForce.fromYear} 年起)${inForce.inherited ? ',沿用上级' : ''}`,
            `For ${year}: ${inForce.region?.fullName ?? 'the nationwide default'} (from ${inForce.fromYear})${inForce.inherited ? ', inherited' : ''}`)}
          description={l('每项得分 = 权重 × min(1, 实际值 ÷ 目标值);不适用的指标(如无到期接待日、无办复件)不计,其余按比例折算为百分制。',
            'Each indicator earns weight × min(1, value ÷ target); an indicator that does not apply is left out and the rest scaled to 100.')}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={!canSave}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="fromYear" label={l('起始年度', 'From year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="first" label={l('一类分数线', 'Grade I from')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="second" label={l('二类分数线', 'Grade II from')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>
          {l('指标', 'Indicators')} <Tag color={Math.abs(weightSum - 100) < 1e-9 ? 'green' : 'red'}>{l(`权重合计 ${weightSum}`, `Weights ${weightSum}`)}</Tag>
        </Typography.Title>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => {
                const key = indicators[f.name]?.key as IndicatorKey | undefined;
                const rate = key ? RATE_INDICATORS.includes(key) : false;
                return (
                  <Row gutter={8} key={f.key} align="bottom">
                    <Col xs={24} md={10}>
                      <Form.Item name={[f.name, 'key']} label={l('指标', 'Indicator')} rules={[{ required: true }]}>
                        <Select options={ASSESSMENT_INDICATORS.keys.map((k) => ({ value: k, label: label(ASSESSMENT_INDICATORS.labels[k]) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={6}>
                      <Form.Item name={[f.name, 'weight']} label={l('权重', 'Weight')} rules={[{ required: true }]}>
                        <InputNumber min={0} max={100} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={6}>
                      <Form.Item name={[f.name, 'target']} label={rate ? l('目标(0–1)', 'Target (0–1)') : l('目标(每年)', 'Target (a year)')} rules={[{ required: true }]}>
                        <InputNumber min={0.01} max={rate ? 1 : 100000} step={rate ? 0.05 : 1} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2}>
                      <Form.Item label=" ">
                        <Button icon={<DeleteOutlined />} aria-label={l('删除指标', 'Remove')} onClick={() => remove(f.name)} />
                      </Form.Item>
                    </Col>
                  </Row>
                );
              })}
              {fields.length < ASSESSMENT_INDICATORS.keys.length && (
                <Button icon={<PlusOutlined />} onClick={() => add({ weight: 0, target: 1 })} style={{ marginBottom: 16 }}>{l('添加指标', 'Add an indicator')}</Button>
              )}
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={l('说明(依据的办法等)', 'Note (the regulation it follows)')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      {data && data.versions.length > 0 && (
        <List
          size="small" header={<Typography.Text strong>{l('方案版本', 'Versions')}</Typography.Text>} dataSource={data.versions}
          renderItem={(v) => (
            <List.Item>
              <Space wrap size={4}>
                <span>{v.region?.fullName ?? l('全国默认', 'Nationwide default')}</span>
                <span>{l(`${v.fromYear} 年起`, `from ${v.fromYear}`)}</span>
                <span>{l(`一类 ≥ ${v.grades.first},二类 ≥ ${v.grades.second}`, `I ≥ ${v.grades.first}, II ≥ ${v.grades.second}`)}</span>
                {v.id === data.inForceId && <Tag color="red">{l('适用', 'In force')}</Tag>}
                {v.inherited && <Tag>{l('上级', 'Inherited')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
