import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Space, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { post, put } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiRecord } from '../../../shared/query.js';
import { errorText, LoadError, PageTitle } from '../../kit/common.js';
import { RegionPicker } from '../../kit/RegionPicker.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { useSession } from '../../app/session.js';
import type { Campaign } from './types.js';

/** 主题活动: campaigns across stations, each with what it has produced so far. */
export function CampaignsPage() {
  const { l } = useI18n();
  const { can } = useSession();
  const record = useApiRecord<Campaign[]>('/api/campaigns');
  const campaigns = record.data;
  const load = record.reload;
  const err = record.error;
  const error = err ? errorText(err) : null;
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle title={l('主题活动', 'Campaigns')} extra={can('campaign.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{l('新建主题活动', 'New campaign')}</Button>} />
      <LoadError error={error} retry={() => void load()} />
      {campaigns?.length === 0 && <Typography.Text type="secondary">{l('还没有主题活动', 'No campaigns yet')}</Typography.Text>}
      <Row gutter={[12, 12]}>
        {campaigns?.map((c) => (
          <Col key={c.id} xs={24} lg={12}>
            <Card
              size="small" title={c.name}
              extra={<Space>{c.abilities.includes('update') && <Button size="small" onClick={() => setEditing(c)}>{l('修改', 'Edit')}</Button>}<Link to={`/activities?campaignId=${c.id}`}>{l('活动', 'Activities')}</Link></Space>}
            >
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {c.region.fullName} · {formatDate(c.startsOn)} – {formatDate(c.endsOn)}{c.description ? ` · ${c.description}` : ''}
              </Typography.Paragraph>
              <Row gutter={8}>
                <Col span={5}><Statistic title={l('活动', 'Activities')} value={c.figures.activities} /></Col>
                <Col span={5}><Statistic title={l('站点', 'Stations')} value={c.figures.stations} /></Col>
                <Col span={5}><Statistic title={l('代表', 'Deputies')} value={c.figures.deputies} /></Col>
                <Col span={5}><Statistic title={l('意见', 'Opinions')} value={c.figures.opinions} /></Col>
                <Col span={4}><Statistic title={l('建议', 'Suggestions')} value={c.figures.suggestions} /></Col>
              </Row>
            </Card>
          </Col>
        ))}
      </Row>
      <CampaignForm campaign={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void load(); }} />
    </Space>
  );
}

function CampaignForm({ campaign, onClose, onSaved }: { campaign: Campaign | 'new' | null; onClose(): void; onSaved(): void }) {
  const { l } = useI18n();
  const { me } = useSession();
  const { message } = App.useApp();
  const reportError = useWriteErrors();
  const [form] = Form.useForm<{ name: string; description: string; regionCode: string; period: [Dayjs, Dayjs] }>();
  const [busy, setBusy] = useState(false);
  const existing = campaign !== 'new' ? campaign : null;

  useEffect(() => {
    if (!campaign) return;
    form.setFieldsValue(existing
      ? { name: existing.name, description: existing.description, regionCode: existing.region.code, period: [dayjs(existing.startsOn), dayjs(existing.endsOn)] }
      : { name: '', description: '', regionCode: me!.scope.region?.code, period: [dayjs(), dayjs().add(3, 'month')] });
  }, [campaign, existing, form, me]);

  async function save(v: { name: string; description: string; regionCode: string; period: [Dayjs, Dayjs] }) {
    setBusy(true);
    const body = { name: v.name, description: v.description ?? '', regionCode: v.regionCode, startsOn: v.period[0].format('YYYY-MM-DD'), endsOn: v.period[1].format('YYYY-MM-DD') };
    try {
      if (existing) await put(`/api/campaigns/${existing.id}`, { ...body, version: existing.version });
      else await post('/api/campaigns', body);
      message.success(l('已保存', 'Saved'));
      onSaved();
    } catch (err) {
      reportError(err, message, form, onSaved);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={campaign !== null} title={existing ? l('修改主题活动', 'Edit the campaign') : l('新建主题活动', 'New campaign')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark={false}>
        <Form.Item name="name" label={l('名称', 'Name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} placeholder="产业协同发展·代表在行动" /></Form.Item>
        <Form.Item name="regionCode" label={l('范围', 'Region')} rules={[{ required: true }]}><RegionPicker /></Form.Item>
        <Form.Item name="period" label={l('起止日期', 'Period')} rules={[{ required: true }]}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="description" label={l('说明', 'Description')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
