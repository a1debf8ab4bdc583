import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { post, put, qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { LoadError, PageTitle, RequireAbility, useNarrow } from '../../kit/common.js';
import type { KeysetPage } from '../../kit/useKeysetQuery.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import type { Term } from '../terms/TermsPage.js';
import { chineseNumber } from './facts.js';
import type { CongressSession, SuggestionSettings } from './types.js';

/**
 * 建议办理设置: for one congress (chosen by its running term), its sessions (第N次会议 with their
 * dates: a suggestion made during one is numbered under it) and its settings (the motion
 * threshold, the reassignment window, when co-units' views are due, the handling months).
 */
export function SuggestionSettingsPage() {
  return <RequireAbility ability="suggestion.manage"><Settings /></RequireAbility>;
}

function Settings() {
  const { l, label } = useI18n();
  const terms = useApiQuery<KeysetPage<Term>>('/api/terms?limit=100');
  const running = (terms.data?.items ?? []).filter((t) => t.current && t.abilities.includes('update'));
  const [termId, setTermId] = useState<number | null>(null);
  const term = running.find((t) => t.id === termId) ?? running[0] ?? null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle title={l('建议办理设置', 'Suggestion settings')} />
      <LoadError error={terms.error?.message ?? null} retry={() => void terms.refetch()} />
      <Select
        aria-label={l('人民代表大会', 'Congress')} style={{ width: '100%', maxWidth: 420 }} value={term?.id ?? null} onChange={setTermId}
        placeholder={l('选择本届人大', 'Choose a running congress term')} loading={terms.isFetching}
        options={running.map((t) => ({ value: t.id, label: label(t.name) }))}
      />
      {terms.data && !term && <Typography.Text type="secondary">{l('您管理的人大尚未登记本届届次', 'No running term of a congress you manage is recorded')}</Typography.Text>}
      {term && <Sessions term={term} />}
      {term && <CongressSettings term={term} />}
    </Space>
  );
}

interface SessionValues { number?: number; opensOn?: Dayjs; closesOn?: Dayjs }

/** The term's sessions, with their dates; added and corrected here. */
function Sessions({ term }: { term: Term }) {
  const { l } = useI18n();
  const url = `/api/congress-sessions${qs({ termId: term.id })}`;
  const sessions = useApiQuery<CongressSession[]>(url);
  const [editing, setEditing] = useState<CongressSession | 'new' | null>(null);
  const [form] = Form.useForm<SessionValues>();
  const { busy, run } = useFormWrite(form);
  const rows = sessions.data ?? [];

  useEffect(() => {
    if (editing === null) return;
    form.resetFields();
    form.setFieldsValue(editing === 'new'
      ? { number: rows.reduce((n, s) => Math.max(n, s.number), 0) + 1 }
      : { number: editing.number, opensOn: dayjs(editing.opensOn), closesOn: dayjs(editing.closesOn) });
  }, [editing, form, rows]);

  async function submit(v: SessionValues) {
    const body = { number: v.number, opensOn: v.opensOn!.format('YYYY-MM-DD'), closesOn: v.closesOn!.format('YYYY-MM-DD') };
    await run(async () => {
      if (editing === 'new') await post('/api/congress-sessions', { termId: term.id, ...body });
      else if (editing) await put(`/api/congress-sessions/${editing.id}`, body);
    }, l('已保存', 'Saved'), async () => {
      await invalidateApi('/api/congress-sessions');
      setEditing(null);
    });
  }

  return (
    <Card
      size="small" title={l('大会会议', 'Sessions')}
      extra={<Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>{l('登记会议', 'New session')}</Button>}
    >
      <LoadError error={sessions.error?.message ?? null} retry={() => void sessions.refetch()} />
      <Table<CongressSession>
        rowKey="id" size="small" pagination={false} dataSource={rows} loading={sessions.isFetching}
        locale={{ emptyText: l('尚未登记会议;闭会期间提出的建议按“闭会期间”编号', 'No sessions yet; suggestions are numbered as made between sessions') }}
        columns={[
          { title: l('会议', 'Session'), dataIndex: 'number', render: (n: number) => l(`第${chineseNumber(n)}次会议`, `Session ${n}`) },
          { title: l('开幕', 'Opens'), dataIndex: 'opensOn', render: formatDate },
          { title: l('闭幕', 'Closes'), dataIndex: 'closesOn', render: formatDate },
          {
            title: l('操作', 'Actions'), key: 'edit', width: 90,
            render: (_: unknown, s) => (
              <Button size="small" icon={<EditOutlined />} aria-label={l(`编辑第${chineseNumber(s.number)}次会议`, `Edit session ${s.number}`)} onClick={() => setEditing(s)}>{l('编辑', 'Edit')}</Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null} title={editing === 'new' ? l('登记会议', 'New session') : l('编辑会议', 'Edit the session')}
        onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="number" label={l('第几次会议', 'Session number')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} />
          </Form.Item>
          <Form.Item name="opensOn" label={l('开幕日期', 'Opens on')} rules={[{ required: true, message: l('请选择日期', 'Choose a date') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="closesOn" label={l('闭幕日期', 'Closes on')} dependencies={['opensOn']}
            rules={[
              { required: true, message: l('请选择日期', 'Choose a date') },
              ({ getFieldValue }) => ({
                validator: async (_, v: Dayjs | undefined) => {
                  const opens = getFieldValue('opensOn') as Dayjs | undefined;
                  if (v && opens && v.isBefore(opens, 'day')) throw new Error(l('闭幕日期不能早于开幕日期', 'It cannot close before it opens'));
                },
              }),
            ]}
          >
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** The congress's settings; a congress that set none uses its level's defaults, which the form shows. */
function CongressSettings({ term }: { term: Term }) {
  const { l } = useI18n();
  const narrow = useNarrow();
  const congress = { level: term.level, regionCode: term.region?.code };
  const settings = useApiQuery<SuggestionSettings & { custom: boolean }>(`/api/suggestion-settings${qs(congress)}`);
  const [form] = Form.useForm<SuggestionSettings>();
  const { busy, run } = useFormWrite(form);

  useEffect(() => { if (settings.data) form.setFieldsValue(settings.data); }, [settings.data, form]);

  async function submit(v: SuggestionSettings) {
    await run(() => put('/api/suggestion-settings', { ...congress, ...v }), l('已保存', 'Saved'), () => invalidateApi('/api/suggestion-settings'));
  }

  const number = (name: keyof SuggestionSettings, text: string, unit: string, min: number, max: number, extra?: string) => (
    <Form.Item name={name} label={text} extra={extra} rules={[{ required: true }]}>
      <InputNumber min={min} max={max} suffix={unit} style={{ width: 200 }} />
    </Form.Item>
  );
  return (
    <Card size="small" title={l('办理设置', 'Settings')}>
      <LoadError error={settings.error?.message ?? null} retry={() => void settings.refetch()} />
      {settings.data && !settings.data.custom && (
        <Typography.Paragraph type="secondary">{l('本级人大尚未自行设置,以下为本级默认值。', 'This congress has set none of its own: these are its level\'s defaults.')}</Typography.Paragraph>
      )}
      <Form form={form} layout={narrow ? 'vertical' : 'horizontal'} labelCol={narrow ? undefined : { span: 8 }} onFinish={(v) => void submit(v)}>
        {number('motionMinCosigners', l('议案附议人数下限', 'Co-signers a motion needs'), l('人', 'deputies'), 1, 100,
          l('县级以上默认 10 人,乡镇默认 5 人', 'By default 10 at county level and above, 5 in a township'))}
        {number('reassignWindowDays', l('申请调整交办期限', 'Window to ask for reassignment'), l('个工作日', 'working days'), 1, 30)}
        {number('coViewDaysBefore', l('会办意见提前送达', 'Co-unit views due before the deadline'), l('天', 'days'), 1, 90)}
        {number('normalMonths', l('一般建议办理期限', 'Handling time'), l('个月', 'months'), 1, 12)}
        {number('complexMonths', l('复杂建议办理期限', 'Handling time when complex'), l('个月', 'months'), 1, 12)}
        {number('rehandleMonths', l('不满意重新办理期限', 'Re-handling time'), l('个月', 'months'), 1, 6)}
        <Form.Item wrapperCol={narrow ? undefined : { offset: 8 }}>
          <Button type="primary" htmlType="submit" loading={busy}>{l('保存', 'Save')}</Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
