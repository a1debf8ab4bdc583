import { Button, Form, InputNumber, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ACTIVITY_KINDS } from '../../../../common/enums.js';
import { put } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { LoadError } from '../../kit/common.js';
import { useFormWrite } from '../../kit/writeErrors.js';
import type { Cadence, CadencePeriod, CadenceReport } from './types.js';

/** Expected vs held over the recent weeks, months and quarters; a past period below the cadence is a gap. */
export function CadenceTab({ stationId }: { stationId: number }) {
  const { l } = useI18n();
  const url = `/api/cross-province/stations/${stationId}/cadence`;
  const report = useApiQuery<CadenceReport>(url);
  const [editing, setEditing] = useState(false);
  const r = report.data;
  const columns: TableColumnsType<CadencePeriod> = [
    { title: l('时段', 'Period'), key: 'period', render: (_: unknown, p) => `${formatDate(p.start)} – ${formatDate(p.end)}` },
    { title: l('应开展', 'Expected'), dataIndex: 'expected', width: 90, align: 'right' },
    { title: l('实际开展', 'Held'), dataIndex: 'held', width: 90, align: 'right' },
    {
      title: l('情况', 'Status'), key: 'gap', width: 110,
      render: (_: unknown, p) => (p.running ? <Tag>{l('进行中', 'Running')}</Tag> : p.gap ? <Tag color="red" data-testid="cp-gap">{l('未达标', 'Gap')}</Tag> : <Tag color="green">{l('达标', 'Met')}</Tag>),
    },
  ];
  const section = (title: string, rows: CadencePeriod[]) => (
    <div>
      <Typography.Title level={5}>{title}</Typography.Title>
      <Table rowKey="start" size="small" columns={columns} dataSource={rows} pagination={false} />
    </div>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <LoadError error={report.error?.message ?? null} />
      {r && (
        <>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text>
              {l(`每周接待 ≥${r.cadence.receptionsPerWeek} 次,每月交流 ≥${r.cadence.exchangesPerMonth} 次,每季联合活动 ≥${r.cadence.jointPerQuarter} 次`,
                `Receptions ≥${r.cadence.receptionsPerWeek} a week, exchanges ≥${r.cadence.exchangesPerMonth} a month, joint activities ≥${r.cadence.jointPerQuarter} a quarter`)}
              {r.gaps > 0 && <Tag color="red" style={{ marginInlineStart: 8 }}>{l(`${r.gaps} 处未达标`, `${r.gaps} gaps`)}</Tag>}
            </Typography.Text>
            {r.canEdit && <Button onClick={() => setEditing(true)}>{l('设置频次', 'Set the cadence')}</Button>}
          </Space>
          {section(l('周周有接待', 'Receptions by week'), r.weeks)}
          {section(l('月月有交流', 'Exchanges by month'), r.months)}
          {section(l('季季有互动', 'Joint activities by quarter'), r.quarters)}
          {editing && <CadenceDialog cadence={r.cadence} url={url} onClose={() => setEditing(false)} />}
        </>
      )}
    </Space>
  );
}

function CadenceDialog({ cadence, url, onClose }: { cadence: Cadence; url: string; onClose(): void }) {
  const { l, label } = useI18n();
  const [form] = Form.useForm<Cadence>();
  const { busy, run } = useFormWrite(form);
  const kinds = ACTIVITY_KINDS.keys.map((value) => ({ value, label: label(ACTIVITY_KINDS.labels[value]) }));
  const save = (v: Cadence) => run(() => put(url, v), l('频次已保存', 'Cadence saved'), async () => { await invalidateApi(url); onClose(); });
  return (
    <Modal open title={l('设置工作频次', 'Set the cadence')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')}>
      <Form form={form} layout="vertical" onFinish={save} initialValues={cadence}>
        <Form.Item name="receptionsPerWeek" label={l('每周接待次数', 'Receptions a week')}><InputNumber min={0} max={20} /></Form.Item>
        <Form.Item name="receptionKinds" label={l('计入接待的活动类型', 'Kinds counted as receptions')}><Select mode="multiple" options={kinds} /></Form.Item>
        <Form.Item name="exchangesPerMonth" label={l('每月交流次数', 'Exchanges a month')}><InputNumber min={0} max={50} /></Form.Item>
        <Form.Item name="exchangeKinds" label={l('计入交流的活动类型', 'Kinds counted as exchanges')}><Select mode="multiple" options={kinds} /></Form.Item>
        <Form.Item name="jointPerQuarter" label={l('每季联合活动次数', 'Joint activities a quarter')}><InputNumber min={0} max={50} /></Form.Item>
        <Form.Item name="jointKinds" label={l('计入联合活动的类型', 'Kinds counted as joint activities')}><Select mode="multiple" options={kinds} /></Form.Item>
      </Form>
    </Modal>
  );
}
