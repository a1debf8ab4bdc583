import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, List, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { post, qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { LoadError, useNarrow } from '../../kit/common.js';
import { RecordSelect } from '../../kit/RecordSelect.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { useSession } from '../../app/session.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { PointsText } from './common.js';
import type { Bonus } from './types.js';

/** 加减分: bonuses and deductions of the year with their reason; staff add one, or withdraw one entered in error. */
export function BonusesPanel({ year }: { year: number }) {
  const { l } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const narrow = useNarrow();
  const [adding, setAdding] = useState(false);
  const list = useKeysetQuery<Bonus>(`/api/points/bonuses${qs({ year })}`);
  const reportError = useWriteErrors();

  function withdraw(b: Bonus) {
    let reason = '';
    modal.confirm({
      title: l(`撤销给 ${b.deputy.name} 的 ${b.points} 分?`, `Withdraw ${b.points} points of ${b.deputy.name}?`),
      content: <Input placeholder={l('撤销原因(必填)', 'Why (required)')} onChange={(e) => { reason = e.target.value; }} aria-label={l('撤销原因', 'Reason')} />,
      okText: l('撤销', 'Withdraw'), cancelText: l('取消', 'Cancel'), okButtonProps: { danger: true },
      onOk: async () => {
        if (!reason.trim()) { message.warning(l('请填写撤销原因', 'Give a reason')); throw new Error('reason'); }
        try {
          await post(`/api/points/bonuses/${b.id}/void`, { reason });
          message.success(l('已撤销', 'Withdrawn'));
          void list.reload();
        } catch (err) { reportError(err, message); }
      },
    });
  }

  const status = (b: Bonus) => (b.voided
    ? <Tag>{l(`已撤销:${b.voided.reason}`, `Withdrawn: ${b.voided.reason}`)}</Tag>
    : b.abilities.includes('void') && <Button size="small" danger onClick={() => withdraw(b)}>{l('撤销', 'Withdraw')}</Button>);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {can('points.manage') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{l('录入加减分', 'Add a bonus or deduction')}</Button>
      )}
      <LoadError error={list.error} retry={() => void list.reload()} />
      {narrow ? (
        <List
          loading={list.loading} dataSource={list.items} locale={{ emptyText: l('本年度暂无加减分', 'None this year') }}
          renderItem={(b) => (
            <List.Item style={{ display: 'block', opacity: b.voided ? 0.6 : 1 }}>
              <div style={{ display: 'flex', justifyContent: 'space-between' }}>
                <Link to={`/points/deputies/${b.deputy.id}?year=${year}`}>{b.deputy.name}</Link>
                <PointsText points={b.points} strong />
              </div>
              <div>{b.reason}</div>
              <Space wrap size={4}>
                <Typography.Text type="secondary">{formatDate(b.date)} · {b.station?.name ?? b.region.fullName}</Typography.Text>
                {status(b)}
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<Bonus>
          rowKey="id" size="small" loading={list.loading} dataSource={list.items} pagination={false}
          locale={{ emptyText: l('本年度暂无加减分', 'None this year') }}
          columns={[
            { title: l('日期', 'Date'), dataIndex: 'date', width: 110, render: (d: string) => formatDate(d) },
            { title: l('代表', 'Deputy'), key: 'deputy', width: 120, render: (_, b) => <Link to={`/points/deputies/${b.deputy.id}?year=${year}`}>{b.deputy.name}</Link> },
            { title: l('分值', 'Points'), dataIndex: 'points', width: 80, align: 'right', render: (p: number) => <PointsText points={p} strong /> },
            { title: l('事由', 'Reason'), dataIndex: 'reason' },
            { title: l('归属', 'Where'), key: 'where', width: 220, render: (_, b) => b.station?.name ?? b.region.fullName },
            { title: l('录入', 'Entered by'), dataIndex: 'createdBy', width: 160, render: (c: string | null) => c ?? '—' },
            { title: '', key: 'status', width: 160, render: (_, b) => status(b) },
          ]}
        />
      )}
      {list.pager}
      <BonusDrawer open={adding} onClose={() => setAdding(false)} onSaved={() => { setAdding(false); list.restart(); void list.reload(); }} />
    </Space>
  );
}

interface Values { deputyId: number; stationId?: number | null; date: Dayjs; points: number; reason: string }

function BonusDrawer({ open, onClose, onSaved }: { open: boolean; onClose(): void; onSaved(): void }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const narrow = useNarrow();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    try {
      await post('/api/points/bonuses', { deputyId: v.deputyId, stationId: v.stationId ?? null, date: v.date.format('YYYY-MM-DD'), points: v.points, reason: v.reason });
      message.success(l('已录入', 'Saved'));
      form.resetFields();
      onSaved();
    } catch (err) {
      reportError(err, message, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open={open} onClose={onClose} destroyOnHidden size={narrow ? '100%' : 480} title={l('录入加减分', 'Add a bonus or deduction')}
      footer={(
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>{l('取消', 'Cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{l('保存', 'Save')}</Button>
        </Space>
      )}
    >
      <Form form={form} layout="vertical" initialValues={{ date: dayjs() }} onFinish={(v) => void submit(v)}>
        <Form.Item name="deputyId" label={l('代表', 'Deputy')} rules={[{ required: true }]}>
          <RecordSelect<number> source="deputies" />
        </Form.Item>
        <Form.Item name="stationId" label={l('联络站(可选)', 'Station (optional)')} extra={l('不选则归属您所在区划', 'Without one, it belongs to your region')}>
          <RecordSelect<number> source="stations" />
        </Form.Item>
        <Form.Item name="date" label={l('日期', 'Date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="points" label={l('分值(扣分填负数)', 'Points (negative to deduct)')} rules={[{ required: true }, { validator: (_, v) => (v === 0 ? Promise.reject(new Error(l('不能为 0', 'Not zero'))) : Promise.resolve()) }]}>
          <InputNumber min={-1000} max={1000} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={l('事由', 'Reason')} rules={[{ required: true, whitespace: true }]} extra={l('如:先进事迹、述职评议优秀', 'e.g. a merit deed, an excellent report-back')}>
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
