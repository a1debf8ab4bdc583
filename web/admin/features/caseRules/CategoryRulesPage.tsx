import { Alert, App, Button, Card, Form, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, del, get, put, qs } from '../../../shared/api.js';
import type { Schemas } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { useSession } from '../../app/session.js';
import { LoadError, PageTitle, RequireAbility } from '../../kit/common.js';
import { RegionPicker } from '../../kit/RegionPicker.js';

type Rules = Schemas['CaseCategoryRules'];
type Rule = Schemas['CaseCategoryRule'];
interface Days { deadlineDays: number; maxDays: number; signDays: number }

const daysText = (d: Days, l: (zh: string, en: string) => string) =>
  l(`${d.deadlineDays} 天(最长 ${d.maxDays} 天),签收 ${d.signDays} 天`, `${d.deadlineDays} days (at most ${d.maxDays}), sign within ${d.signDays}`);

/**
 * 办理时限: for each category, the working days a unit has to finish (and the most it may be
 * given, extensions included, without the level above), and the working days it has to sign for
 * a case after assignment. Administrators set the defaults; administrators and staff set a
 * region's own rule, which holds for the cases of that region and below it. Staff start at their
 * own region and may not set a maximum above the one set above them.
 */
export function CategoryRulesPage() {
  return <RequireAbility ability="case.rules"><RulesScreen /></RequireAbility>;
}

function RulesScreen() {
  const { l } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const isAdmin = me?.role === 'admin';
  const [regionCode, setRegionCode] = useState<string | null>(isAdmin ? null : me?.scope.region?.code ?? null);
  const [data, setData] = useState<Rules | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Rule | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Days>();

  const load = useCallback(async () => {
    setError(null);
    try {
      setData(await get<Rules>(`/api/case-rules${qs({ regionCode })}`));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [regionCode]);
  useEffect(() => { void load(); }, [load]);

  function open(rule: Rule) {
    form.setFieldsValue(regionCode ? (rule.own ?? rule.inForce) : rule.defaults);
    setEditing(rule);
  }

  async function save() {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const url = regionCode ? `/api/case-rules/categories/${editing!.categoryId}/regions/${regionCode}` : `/api/case-rules/categories/${editing!.categoryId}`;
      await put(url, values);
      message.success(l('已保存;此后交办的案件按新规则计算时限', 'Saved; cases assigned from now on follow the new rule'));
      setEditing(null);
      await load();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  }

  async function remove(rule: Rule) {
    try {
      await del(`/api/case-rules/categories/${rule.categoryId}/regions/${regionCode}`);
      message.success(l('已取消本地区规则,改按上级规则', 'Removed: the rule above applies again'));
      await load();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  }

  const columns = [
    { title: l('类别', 'Category'), key: 'name', render: (_: unknown, r: Rule) => l(r.name, r.nameEn) },
    { title: l('办理时限(工作日)', 'Handling days'), key: 'days', render: (_: unknown, r: Rule) => r.inForce.deadlineDays },
    { title: l('最长(含延期)', 'Maximum (with extensions)'), key: 'max', render: (_: unknown, r: Rule) => r.inForce.maxDays },
    { title: l('签收时限(工作日)', 'Sign-for limit'), key: 'sign', render: (_: unknown, r: Rule) => r.inForce.signDays },
    {
      title: l('来源', 'Set by'), key: 'from',
      render: (_: unknown, r: Rule) => (r.own ? <Tag color="blue">{l('本地区规则', 'This region')}</Tag>
        : r.inForce.fromRegion ? <Tag>{l(`上级规则(${r.inForce.fromRegion})`, `Region above (${r.inForce.fromRegion})`)}</Tag>
          : <Tag>{l('类别默认', 'Category default')}</Tag>),
    },
    {
      title: l('操作', 'Actions'), key: 'actions',
      render: (_: unknown, r: Rule) => r.editable && (
        <Space wrap>
          <Button size="small" onClick={() => open(r)} aria-label={l(`修改${r.name}的时限`, `Edit the rule of ${r.nameEn}`)}>{l('修改', 'Edit')}</Button>
          {regionCode && r.own && (
            <Popconfirm title={l('取消本地区规则,改按上级规则?', 'Remove this region\'s rule and follow the one above?')} onConfirm={() => void remove(r)}>
              <Button size="small" danger>{l('取消本地区规则', 'Remove')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle title={l('办理时限规则', 'Deadline rules')} />
      <Typography.Paragraph style={{ margin: 0 }}>
        {l('普宁"上码说 立马办":联络站 24 小时内转办;承办单位在签收时限内签收,3 个工作日内办结,最长不超过 5 个工作日。逾期签收的,办理时限从签收时限届满之日起算,不重新计算。超过最长时限的延期须由上级人大工作人员或管理员批准。',
          'Puning\'s rule: the station transfers within 24 hours; the unit signs within its sign-for limit and finishes in 3 working days, at most 5. A unit signing late counts its days from the end of the sign-for limit, not from signing. An extension beyond the maximum needs the congress above or an administrator.')}
      </Typography.Paragraph>
      <Card size="small">
        <Space wrap>
          <span id="rule-region-label">{l('地区', 'Region')}</span>
          <RegionPicker
            value={regionCode} style={{ minWidth: 240 }} aria-label={l('选择地区', 'Choose a region')}
            placeholder={isAdmin ? l('类别默认(全部地区)', 'Category defaults (everywhere)') : l('选择地区', 'Choose a region')}
            onChange={(code) => setRegionCode(code ?? (isAdmin ? null : me?.scope.region?.code ?? null))}
          />
          {data?.region && <Typography.Text>{l(`当前:${data.region.name}及以下`, `Now: ${data.region.name} and below`)}</Typography.Text>}
        </Space>
      </Card>
      <LoadError error={error} retry={() => void load()} />
      <Table<Rule> rowKey="categoryId" size="middle" loading={!data && !error} dataSource={data?.rules ?? []} columns={columns} pagination={false} scroll={{ x: true }} />
      <Modal
        open={editing !== null} title={editing ? l(`${editing.name}:${regionCode ? '本地区规则' : '类别默认'}`, `${editing.nameEn}: ${regionCode ? 'this region\'s rule' : 'category default'}`) : ''}
        onCancel={() => setEditing(null)} onOk={() => void save()} confirmLoading={saving} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} destroyOnHidden
      >
        {editing && regionCode && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={l(`上级规则:${daysText(editing.inherited, l)}`, `Rule above: ${daysText(editing.inherited, l)}`)}
            description={editing.maxCeiling !== null ? l(`最长时限不能超过 ${editing.maxCeiling} 个工作日`, `The maximum may not exceed ${editing.maxCeiling} working days`) : undefined}
          />
        )}
        <Form form={form} layout="vertical" name="caseRule">
          <Form.Item name="deadlineDays" label={l('办理时限(工作日)', 'Handling days (working days)')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="maxDays" label={l('最长时限(含延期,工作日)', 'Maximum, extensions included (working days)')} dependencies={['deadlineDays']}
            rules={[{ required: true }, ({ getFieldValue }) => ({
              validator: (_, v: number) => (v >= getFieldValue('deadlineDays') ? Promise.resolve() : Promise.reject(new Error(l('最长时限不能少于办理时限', 'The maximum may not be below the handling days')))),
            })]}
          >
            <InputNumber min={1} max={editing?.maxCeiling ?? 60} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="signDays" label={l('签收时限(交办后工作日)', 'Sign-for limit (working days after assignment)')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
