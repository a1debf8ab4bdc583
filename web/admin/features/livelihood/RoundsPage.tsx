import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, InputNumber, List, Modal, Radio, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { PageTitle, useNarrow } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import { MODES, ROUND_STATES } from './labels.js';
import type { Congress, Round } from './types.js';

export function RoundStateTag({ r }: { r: Pick<Round, 'state' | 'stateLabel'> }) {
  const { label } = useI18n();
  return <Tag color={ROUND_STATES[r.state]?.color ?? 'default'}>{label(r.stateLabel)}</Tag>;
}

interface NewRound {
  termId: number; sessionId?: number; year: number; title: string; window: [Dayjs, Dayjs];
  places: number; ballotSize: number; mode: 'for_against' | 'choose';
}

/** A new round (票决工作): which congress and session, the year, the collection window, places and candidates, the ballot's kind. */
function NewRoundDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { l, label } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewRound>();
  const { busy, run } = useFormWrite(form);
  const congresses = useApiQuery<Congress[]>(open ? '/api/livelihood/congresses' : null).data ?? [];
  const termId = Form.useWatch('termId', form);
  const congress = congresses.find((c) => c.termId === termId);

  async function save(v: NewRound) {
    let round: Round | undefined;
    await run(async () => {
      round = await post<Round>('/api/livelihood/rounds', {
        termId: v.termId, sessionId: v.sessionId ?? null, year: v.year, title: v.title.trim(),
        collectOpensOn: v.window[0].format('YYYY-MM-DD'), collectClosesOn: v.window[1].format('YYYY-MM-DD'),
        places: v.places, ballotSize: v.ballotSize, mode: v.mode,
      });
    }, l('已创建票决工作', 'Round created'), async () => {
      await invalidateApi('/api/livelihood/rounds');
      onClose();
      navigate(`/livelihood/${round!.id}`);
    });
  }

  return (
    <Modal
      open={open} title={l('新建民生实事项目票决', 'New livelihood-project round')} onCancel={onClose} okText={l('创建', 'Create')} cancelText={l('取消', 'Cancel')}
      onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden width={560}
    >
      <Form<NewRound>
        form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false}
        initialValues={{ year: dayjs().year(), mode: 'for_against', places: 5, ballotSize: 7, window: [dayjs(), dayjs().add(30, 'day')] }}
        onValuesChange={(changed: Partial<NewRound>, all) => {
          if (('termId' in changed || 'year' in changed) && all.termId) {
            const c = congresses.find((x) => x.termId === all.termId);
            if (c) form.setFieldValue('title', `${label(c.congressName).replace(/第.*$/, '')}${all.year}年民生实事项目票决`);
          }
        }}
      >
        <Form.Item name="termId" label={l('人民代表大会', 'Congress')} rules={[{ required: true, message: l('请选择', 'Choose one') }]}>
          <Select options={congresses.map((c) => ({ value: c.termId, label: label(c.congressName) }))} popupMatchSelectWidth={false} />
        </Form.Item>
        <Form.Item name="sessionId" label={l('票决会议', 'Session voting')}>
          <Select allowClear options={(congress?.sessions ?? []).map((s) => ({ value: s.id, label: l(`第 ${s.number} 次会议(${formatDate(s.opensOn)})`, `Session ${s.number} (${formatDate(s.opensOn)})`) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="year" label={l('年度', 'Year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
          <Form.Item name="places" label={l('应选项目数', 'Places')} rules={[{ required: true }]}><InputNumber min={1} max={100} /></Form.Item>
          <Form.Item
            name="ballotSize" label={l('候选项目数', 'Candidates')} dependencies={['places']}
            rules={[{ required: true }, ({ getFieldValue }) => ({
              validator: (_, v: number) => (v > (getFieldValue('places') as number) ? Promise.resolve() : Promise.reject(new Error(l('候选项目数须多于应选项目数(差额)', 'More candidates than places')))),
            })]}
          >
            <InputNumber min={2} max={100} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={l('名称', 'Title')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="window" label={l('项目征集时间', 'Collection window')} rules={[{ required: true }]}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="mode" label={l('表决方式', 'Ballot')}>
          <Radio.Group options={(['for_against', 'choose'] as const).map((m) => ({ value: m, label: label(MODES[m]!) }))} />
        </Form.Item>
        <Typography.Text type="secondary">{l('实到人数须达到全体代表的三分之二方可开始投票;项目须获全体代表过半数赞成方为通过。', 'Two thirds of all deputies must be present to open the vote; a project passes with more than half of all deputies.')}</Typography.Text>
      </Form>
    </Modal>
  );
}

/**
 * 民生实事项目票决: the rounds the account reaches (a congress's staff theirs and those below,
 * deputies their congresses', clerks and officers those near them), newest year first; staff
 * start a new one. Each opens on its page with its candidates, vote and results.
 */
export function RoundsPage() {
  const { l, label } = useI18n();
  const { can } = useSession();
  const narrow = useNarrow();
  const [creating, setCreating] = useState(false);
  const query = useApiQuery<{ items: Round[]; nextCursor: string | null }>('/api/livelihood/rounds?limit=100');
  const items = query.data?.items ?? [];
  const columns: TableColumnsType<Round> = [
    { title: l('年度', 'Year'), dataIndex: 'year', width: 80 },
    { title: l('名称', 'Title'), dataIndex: 'title', render: (t: string, r) => <Link to={`/livelihood/${r.id}`}>{t}</Link> },
    { title: l('人民代表大会', 'Congress'), key: 'congress', render: (_: unknown, r) => label(r.congressName) },
    { title: l('状态', 'State'), key: 'state', width: 130, render: (_: unknown, r) => <RoundStateTag r={r} /> },
    { title: l('应选 / 候选', 'Places / candidates'), key: 'places', width: 120, render: (_: unknown, r) => `${r.places} / ${r.ballotSize}` },
    { title: l('征集项目', 'Proposed'), key: 'total', width: 100, align: 'right', render: (_: unknown, r) => r.counts.total },
    { title: l('通过', 'Adopted'), key: 'adopted', width: 80, align: 'right', render: (_: unknown, r) => r.counts.adopted },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle
        title={l('民生实事项目票决', 'Livelihood projects')}
        extra={can('livelihood.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{l('新建票决', 'New round')}</Button>}
      />
      {query.error && <Alert type="error" showIcon title={query.error.message} />}
      {narrow ? (
        <List<Round>
          loading={query.isLoading} dataSource={items} locale={{ emptyText: l('还没有票决工作', 'No rounds yet') }}
          renderItem={(r) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Link to={`/livelihood/${r.id}`} style={{ display: 'block', width: '100%', minHeight: 44 }}>
                <Space size={4} wrap><RoundStateTag r={r} /><Typography.Text type="secondary">{label(r.congressName)}</Typography.Text></Space>
                <Typography.Paragraph strong style={{ margin: '4px 0 0' }}>{r.title}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l(`应选 ${r.places} 项 · 候选 ${r.ballotSize} 项 · 征集 ${r.counts.total} 项`, `${r.places} places · ${r.ballotSize} candidates · ${r.counts.total} proposed`)}</Typography.Text>
              </Link>
            </List.Item>
          )}
        />
      ) : (
        <Table<Round> rowKey="id" loading={query.isLoading} dataSource={items} columns={columns} pagination={false} locale={{ emptyText: l('还没有票决工作', 'No rounds yet') }} />
      )}
      <NewRoundDialog open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
