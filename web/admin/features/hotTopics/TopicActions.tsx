import { BulbOutlined, CommentOutlined, FileTextOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { post, qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { useFormWrite, useWriteErrors } from '../../kit/writeErrors.js';
import type { TopicItem as ConsultationItem } from '../consultations/types.js';
import type { DeliberationRegions, HotTopic } from './types.js';

/** How many of its opinions a deliberation topic takes along (the server's cap). */
const DELIBERATION_CASES = 50;

const refresh = () => invalidateApi('/api/hot-topics', '/api/deliberations', '/api/consultations');

/** The description a deliberation topic starts with: what was heard, how often, where. */
export function topicSummary(t: HotTopic, l: (zh: string, en: string) => string): string {
  const weeks = t.weekly.length;
  const stations = t.stations.slice(0, 5).map((s) => s.name);
  const villages = t.villages.slice(0, 6).map((v) => v.name);
  return l(
    `近 ${weeks} 周共收到相关群众意见 ${t.count} 条(近两周 ${t.recentCount} 条),来自${stations.join('、')}${t.stationCount > stations.length ? `等 ${t.stationCount} 个联络站` : ''}`
      + `${villages.length ? `,涉及${villages.join('、')}${t.villageCount > villages.length ? `等 ${t.villageCount} 个村(社区)` : ''}` : ''}。关键词:${t.keywords.join('、')}。`,
    `${t.count} opinions in the last ${weeks} weeks (${t.recentCount} in the last two), from ${stations.join(', ')}${t.stationCount > stations.length ? ` and others (${t.stationCount} stations)` : ''}`
      + `${villages.length ? `, about ${villages.join(', ')}${t.villageCount > villages.length ? ` and others (${t.villageCount} villages)` : ''}` : ''}. Keywords: ${t.keywords.join(', ')}.`,
  );
}

interface DeliberationValues { regionCode?: string | null; title: string; description: string }

/** 转为议事议题: a topic of the street's or town's deliberation day (逢四议事), its opinions linked. */
function DeliberationDialog({ topic, open, onClose }: { topic: HotTopic; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<DeliberationValues>();
  const { busy, run } = useFormWrite(form);
  // The streets and towns in reach that hold deliberation days, within the topic's county.
  const regions = useApiQuery<DeliberationRegions>(open ? '/api/deliberations/regions' : null);
  const county = topic.run.regionCode.slice(0, 6);
  async function save(v: DeliberationValues) {
    let url: string | null = null;
    await run(async () => {
      const answer = await post<{ url: string }>(`/api/hot-topics/${topic.id}/deliberation`, {
        regionCode: v.regionCode || undefined, title: v.title.trim(), description: v.description.trim(),
      });
      url = answer.url;
    }, l('已转为议事议题', 'Now a deliberation topic'), async () => {
      await refresh();
      onClose();
      if (url) {
        const target = url;
        modal.success({
          title: l('已转为议事议题', 'Now a deliberation topic'),
          content: l('议题已进入逢四议事的议题库,关联的群众意见一并带入,可在议事页面评分和选定。', 'The topic is in the deliberation pool with its opinions; score and choose it on the deliberation pages.'),
          okText: l('查看议题', 'Open it'), closable: true, onOk: () => void navigate(target),
        });
      }
    });
  }
  return (
    <Modal
      open={open} title={l('转为逢四议事议题', 'Make it a deliberation-day topic')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('转为议事议题', 'Make the topic')} cancelText={l('取消', 'Cancel')} maskClosable={false} destroyOnHidden width={640}
    >
      <Form
        form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false} data-testid="hot-topic-deliberation-form"
        initialValues={{ title: topic.label.replace(/ · /g, ''), description: topicSummary(topic, l), regionCode: null }}
      >
        <Form.Item
          name="regionCode" label={l('议事的街道(镇)', 'Street or town of the deliberation day')}
          extra={l('不选则为意见最多的街道(镇)', 'Left blank: the street or town most of the opinions come from')}
        >
          <Select<string>
            allowClear showSearch={{ optionFilterProp: 'label' }} loading={regions.isPending} aria-label={l('议事的街道(镇)', 'Street or town')}
            placeholder={l('意见最多的街道(镇)', 'Where most opinions come from')}
            options={(regions.data?.items ?? []).filter((r) => r.regionCode.startsWith(county)).map((r) => ({
              value: r.regionCode,
              label: r.nextDay ? l(`${r.name}(下次议事 ${formatDate(r.nextDay.heldOn)})`, `${r.name} (next day ${formatDate(r.nextDay.heldOn)})`) : r.name,
            }))}
          />
        </Form.Item>
        <Form.Item name="title" label={l('议题名称', 'Title')} rules={[{ required: true, whitespace: true, message: l('请填写议题名称', 'Give the topic a title') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={l('议题说明', 'Description')} rules={[{ required: true, whitespace: true, message: l('请填写议题说明', 'Describe the topic') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {l(`与议题最相近的群众意见(您可查看的,最多 ${DELIBERATION_CASES} 条)将关联到议事议题,群众个人信息不随议题公开。`,
            `The opinions nearest the topic (those you may see, up to ${DELIBERATION_CASES}) are linked to it; no personal data goes with it.`)}
        </Typography.Text>
      </Form>
    </Modal>
  );
}

/** 纳入议题征询: the opinions become input to a standing-committee consultation not yet deliberated. */
function ConsultationDialog({ topic, open, onClose }: { topic: HotTopic; open: boolean; onClose(): void }) {
  const { l, label } = useI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ consultationId: number }>();
  const { busy, run } = useFormWrite(form);
  const [q, setQ] = useState('');
  const list = useApiQuery<{ items: ConsultationItem[] }>(open ? `/api/consultations${qs({ q: q || undefined, limit: 50 })}` : null, { keepPrevious: true });
  const open_ = (list.data?.items ?? []).filter((c) => c.state !== 'deliberated' && c.state !== 'handled');
  async function save(v: { consultationId: number }) {
    let answer: { linked: number; url: string } | null = null;
    await run(async () => {
      answer = await post<{ linked: number; url: string }>(`/api/hot-topics/${topic.id}/consultation`, { consultationId: v.consultationId });
    }, l('已纳入议题征询', 'Linked to the consultation'), async () => {
      await refresh();
      onClose();
      const a = answer as { linked: number; url: string } | null;
      if (a) {
        modal.success({
          title: l(`已关联 ${a.linked} 条群众意见`, `${a.linked} opinions linked`),
          content: l('这些意见已作为议题征询的参考,显示在议题征询页面的“关联的群众意见”中。', 'They show on the consultation page under "Linked opinions".'),
          okText: l('查看议题征询', 'Open the consultation'), closable: true, onOk: () => void navigate(a.url),
        });
      }
    });
  }
  return (
    <Modal
      open={open} title={l('纳入常委会议题征询', 'Input to a standing-committee consultation')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('纳入征询', 'Link')} cancelText={l('取消', 'Cancel')} maskClosable={false} destroyOnHidden width={640}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false} data-testid="hot-topic-consultation-form">
        <Form.Item
          name="consultationId" label={l('征询议题', 'Consultation topic')} rules={[{ required: true, message: l('请选择征询议题', 'Choose the consultation') }]}
          extra={l('已审议的议题不能再添加意见', 'Topics already deliberated take no more input')}
        >
          <Select<number>
            showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }} loading={list.isFetching} aria-label={l('征询议题', 'Consultation topic')}
            placeholder={l('输入标题查找', 'Type part of the title')} notFoundContent={l('没有可选的征询议题', 'No consultation to choose')}
            options={open_.map((c) => ({ value: c.id, label: `${c.title}(${label(c.stateLabel)} · ${formatDate(c.opensOn)}–${formatDate(c.closesOn)})` }))}
          />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {l(`您可查看的 ${topic.visibleCount} 条群众意见将关联到所选议题,已关联的不重复添加。`,
            `The ${topic.visibleCount} opinions you may see are linked to the topic; those already linked are skipped.`)}
        </Typography.Text>
      </Form>
    </Modal>
  );
}

/**
 * The one thing to do with a hot topic, as the server offers it to the reader: staff and officers
 * turn it into a deliberation-day topic or input to a consultation; a deputy starts a draft
 * suggestion from its opinions. The opinions stay linked to whatever it becomes.
 */
export function TopicActions({ topic }: { topic: HotTopic }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const showError = useWriteErrors();
  const [dialog, setDialog] = useState<'deliberation' | 'consultation' | null>(null);
  const [busy, setBusy] = useState(false);
  const can = (a: HotTopic['actions'][number]) => topic.actions.includes(a);
  const size = narrow ? 'large' : 'middle';

  async function suggestion() {
    setBusy(true);
    try {
      const answer = await post<{ url: string }>(`/api/hot-topics/${topic.id}/suggestion`);
      await invalidateApi('/api/hot-topics');
      void navigate(answer.url);
    } catch (err) {
      showError(err, message);
    } finally {
      setBusy(false);
    }
  }

  if (!topic.actions.length) return null;
  return (
    <>
      <Space wrap size={[8, 8]} style={narrow ? { width: '100%' } : undefined} data-testid="hot-topic-actions">
        {can('deliberation') && (
          <Button type="primary" size={size} icon={<CommentOutlined />} onClick={() => setDialog('deliberation')}>{l('转为议事议题', 'Make a deliberation topic')}</Button>
        )}
        {can('suggestion') && (
          <Button type="primary" size={size} icon={<BulbOutlined />} loading={busy} onClick={() => void suggestion()}>{l('起草代表建议', 'Draft a suggestion')}</Button>
        )}
        {can('consultation') && (
          <Button size={size} icon={<FileTextOutlined />} onClick={() => setDialog('consultation')}>{l('纳入议题征询', 'Input to a consultation')}</Button>
        )}
      </Space>
      {can('deliberation') && <DeliberationDialog topic={topic} open={dialog === 'deliberation'} onClose={() => setDialog(null)} />}
      {can('consultation') && <ConsultationDialog topic={topic} open={dialog === 'consultation'} onClose={() => setDialog(null)} />}
    </>
  );
}
