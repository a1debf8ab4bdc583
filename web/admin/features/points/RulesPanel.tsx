import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Row, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ACTIVITY_KINDS } from '../../../../common/enums.js';
import { RULE_KEYS, type PointRules, type RuleKey } from '../../../../common/points.js';
import { post, qs } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiRecord } from '../../../shared/query.js';
import { errorText, LoadError, useNarrow } from '../../kit/common.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { useSession } from '../../app/session.js';
import type { RuleSet, RuleVersions } from './types.js';

/**
 * 积分规则: the versions that bear on a region — its own and those it inherits — with the one in
 * force today marked. Those who manage the region add a version from a day on, or correct one.
 */
export function RulesPanel() {
  const { l, label } = useI18n();
  const { me } = useSession();
  const [regionCode, setRegionCode] = useState<string | null>(me?.scope.region?.code ?? null);
  const record = useApiRecord<RuleVersions>(`/api/points/rules${qs({ regionCode })}`);
  const data = record.data;
  const setData = record.set;
  const load = record.reload;
  const err = record.error;
  const error = err ? errorText(err) : null;
  const [editing, setEditing] = useState<{ base: RuleSet | null; replace: boolean } | null>(null);


  const inForce = data?.versions.find((v) => v.id === data.inForceId) ?? null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <RegionPicker
          value={regionCode} root={null} style={{ width: 260 }} aria-label={l('区划', 'Region')}
          placeholder={l('全国默认规则', 'Nationwide default')} onChange={setRegionCode}
        />
        {data?.abilities.includes('create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ base: inForce, replace: false })}>
            {l('新增规则版本', 'New version')}
          </Button>
        )}
      </Space>
      <LoadError error={error} retry={() => void load()} />
      <Alert
        type="info" showIcon
        title={l('下级区划没有自己的规则时沿用最近上级的规则;规则按生效日期分版本,每条积分按事实发生当天有效的规则计算,年中调整规则只影响生效日之后的事实。',
          'A region without rules of its own follows its nearest ancestor\'s. Rules are versioned by the day they take effect; each fact is priced by the version in force on its day, so a mid-year change affects only later facts.')}
      />
      {data?.versions.length === 0 && <Empty />}
      {data?.versions.map((v) => (
        <Card
          key={v.id} size="small"
          title={(
            <Space wrap size={4}>
              <span>{v.region?.fullName ?? l('全国默认', 'Nationwide default')}</span>
              <span>{l(`${v.effectiveFrom} 起`, `from ${v.effectiveFrom}`)}</span>
              {v.id === data.inForceId && <Tag color="red">{l('现行', 'In force')}</Tag>}
              {v.inherited && <Tag>{l('上级规则', 'Inherited')}</Tag>}
            </Space>
          )}
          extra={v.abilities.includes('update') && !v.inherited && (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ base: v, replace: true })}>{l('修改', 'Edit')}</Button>
          )}
        >
          {v.note && <Typography.Paragraph type="secondary">{v.note}</Typography.Paragraph>}
          <RuleTable rules={v.rules} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l(`${v.createdBy ?? '系统'} 录入,更新于 ${formatDateTime(v.updatedAt)}`, `Entered by ${v.createdBy ?? 'the system'}, updated ${formatDateTime(v.updatedAt)}`)}
          </Typography.Text>
        </Card>
      ))}
      <RulesDrawer
        open={editing !== null} base={editing?.base ?? null} replace={editing?.replace ?? false} regionCode={regionCode}
        regionName={data?.region ? data.region.fullName : label({ zh: '全国', en: 'Nationwide' })}
        onClose={() => setEditing(null)} onSaved={(d) => { setEditing(null); setData(d); }} onConflict={() => void load()}
      />
    </Space>
  );
}

function RuleTable({ rules }: { rules: PointRules }) {
  const { label } = useI18n();
  return (
    <Descriptions
      size="small" column={{ xs: 2, sm: 3, md: 4, lg: 5 }}
      items={[
        ...ACTIVITY_KINDS.keys.map((k) => ({ key: k, label: label(ACTIVITY_KINDS.labels[k]), children: rules.present[k] })),
        ...RULE_KEYS.keys.map((k) => ({ key: k, label: label(RULE_KEYS.labels[k]), children: rules[k] })),
      ]}
    />
  );
}

interface DrawerProps {
  open: boolean;
  base: RuleSet | null;
  /** Correcting `base` itself (same day, with its version) rather than adding a version. */
  replace: boolean;
  regionCode: string | null;
  regionName: string;
  onClose(): void;
  onSaved(data: RuleVersions): void;
  onConflict(): void;
}

type Values = { effectiveFrom: Dayjs; note: string; present: Record<string, number> } & Record<RuleKey, number>;

function RulesDrawer({ open, base, replace, regionCode, regionName, onClose, onSaved, onConflict }: DrawerProps) {
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (base) {
      const { present, ...rest } = base.rules;
      form.setFieldsValue({
        ...rest, present, note: replace ? base.note : '',
        effectiveFrom: replace ? dayjs(base.effectiveFrom) : dayjs().add(1, 'day'),
      });
    }
  }, [open, base, replace, form]);

  async function submit(v: Values) {
    setBusy(true);
    try {
      const rules = { present: v.present, ...Object.fromEntries(RULE_KEYS.keys.map((k) => [k, v[k]])) };
      onSaved(await post<RuleVersions>('/api/points/rules', {
        regionCode, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), rules, note: v.note ?? '', version: replace && base ? base.version : null,
      }));
      message.success(l('规则已保存', 'Rules saved'));
    } catch (err) {
      reportError(err, message, form, () => { onClose(); onConflict(); });
    } finally {
      setBusy(false);
    }
  }

  const value = (name: string | string[], text: string) => (
    <Col xs={12} md={8} key={String(name)}>
      <Form.Item name={name} label={text} rules={[{ required: true }]}>
        <InputNumber min={-100} max={100} step={0.5} precision={2} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  return (
    <Drawer
      open={open} onClose={onClose} destroyOnHidden size={narrow ? '100%' : 640}
      title={replace ? l(`修改规则:${regionName}`, `Edit rules: ${regionName}`) : l(`新增规则版本:${regionName}`, `New rules: ${regionName}`)}
      footer={(
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{l('取消', 'Cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{l('保存', 'Save')}</Button>
        </Space>
      )}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} scrollToFirstError>
        <Form.Item
          name="effectiveFrom" label={l('生效日期', 'Effective from')} rules={[{ required: true }]}
          extra={l('该日及以后的事实按本版本计分;之前的事实仍按原规则。', 'Facts from this day on are priced by this version; earlier ones keep their rules.')}
        >
          <DatePicker disabled={replace} style={{ width: '100%' }} />
        </Form.Item>
        <Typography.Title level={5}>{l('出席各类活动', 'Attending, per kind of activity')}</Typography.Title>
        <Row gutter={12}>{ACTIVITY_KINDS.keys.map((k) => value(['present', k], label(ACTIVITY_KINDS.labels[k])))}</Row>
        <Typography.Title level={5}>{l('其他规则', 'Other rules')}</Typography.Title>
        <Row gutter={12}>{RULE_KEYS.keys.map((k) => value(k, label(RULE_KEYS.labels[k])))}</Row>
        <Form.Item name="note" label={l('说明(依据的办法等)', 'Note (the regulation it follows)')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
